"""The prose of the course pages (issue 5): long enough, with its key words, in short
sentences, in the course's own words (no sentence copied from the guide), ending with the
guide section it teaches, using only glossary terms that exist, and loading nothing from
outside (no images, embeds, maths or placeholders).
"""

from __future__ import annotations

import re

import pytest

from contentchecks import glossary_terms, page_words_for_copy_check, source_line_problems, term_references
from coursesections import CHAPTERS, SECTIONS, section_page
from guidecopy import SIZE, copied
from prose import COURSE, course_pages, page_prose, page_source

MIN_WORDS = 250
GLOSSARY = COURSE / "begrippen.md"


@pytest.mark.parametrize("name", SECTIONS)
def test_section_has_enough_prose(name):
    words = len(page_prose(section_page(name)).words)
    assert words >= MIN_WORDS, f"{name}: {words} woorden lopende tekst, minimaal {MIN_WORDS}"


@pytest.mark.parametrize("name", SECTIONS)
def test_section_mentions_its_key_words(name):
    prose = page_prose(section_page(name))
    text = " ".join(prose.headings + prose.blocks).lower()
    missing = [word for word in SECTIONS[name][2] if word.lower() not in text]
    assert not missing, f"{name}: deze woorden ontbreken: {missing}"


@pytest.mark.parametrize("path", course_pages(), ids=lambda p: str(p.relative_to(COURSE)))
def test_every_page_names_the_guide_section(path):
    assert not source_line_problems(page_source(path)), source_line_problems(page_source(path))


@pytest.mark.parametrize("page", CHAPTERS)
def test_chapter_links_a_glossary_term(page):
    assert term_references(page_source(COURSE / page)), f"{page}: geen enkele {{term}}-link"


@pytest.mark.parametrize("path", course_pages(), ids=lambda p: str(p.relative_to(COURSE)))
def test_no_sentence_is_copied_from_the_guide(path):
    shared = copied(page_words_for_copy_check(path))
    assert not shared, f"{path.name} deelt reeksen van {SIZE} woorden met de handreiking: {shared}"


def test_every_term_used_exists_in_the_glossary():
    defined = glossary_terms(page_source(GLOSSARY))
    assert len(defined) >= 16, f"de begrippenlijst heeft maar {len(defined)} termen"
    unknown = {f"{p.relative_to(COURSE)}: {t}" for p in course_pages()
               for t in term_references(page_source(p)) if t not in defined}
    assert not unknown, f"{{term}} zonder begrip in de begrippenlijst: {sorted(unknown)}"


def test_glossary_has_the_required_terms():
    defined = glossary_terms(page_source(GLOSSARY))
    for term in ("sleutelpersoon", "sleutelpersonennetwerk", "kerngroep", "stoorzender", "verbinder",
                 "vertegenwoordiger", "resultaatgerichte doener", "luis in de pels", "wederkerigheid",
                 "tegenprestatie", "bestuurlijk draagvlak", "regisseur", "facilitator", "participant",
                 "avg", "vredestijd", "exitgesprek"):
        assert term in defined, f"begrip {term!r} ontbreekt in de begrippenlijst"


@pytest.mark.parametrize("path", course_pages(), ids=lambda p: str(p.relative_to(COURSE)))
def test_no_outside_resources_maths_or_placeholders(path):
    source = page_source(path)
    assert not re.search(r"!\[[^\]]*\]\(", source), "geen afbeeldingen van buiten"
    assert not re.search(r"<\s*(img|script|iframe|link|video|audio|embed|object|style)\b", source, re.I), \
        "geen HTML die iets laadt"
    assert not re.search(r"\{math\}|```\{math\}|\$[^$\n]+\$", source), "geen wiskunde (MathJax komt van buiten)"
    assert not re.search(r"\b(TODO|FIXME|XXX|lorem ipsum)\b", source, re.I), "geen plaatshouders"


@pytest.mark.parametrize("path", course_pages(), ids=lambda p: str(p.relative_to(COURSE)))
def test_sentences_are_short(path):
    text = " ".join(page_prose(path).blocks)
    sentences = [s for s in re.split(r"(?<=[.!?])\s+", text) if re.search(r"\w", s)]
    words = len(page_prose(path).words)
    assert words / max(1, len(sentences)) < 15, f"{path.name}: gemiddeld {words / len(sentences):.1f} woorden per zin"
