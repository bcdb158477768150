"""The content checks themselves catch defects (issue 5): each check of
``tests/contentchecks.py`` is fed a broken page, so a check that stopped catching its
defect fails here.
"""

from __future__ import annotations

import pytest

from contentchecks import (
    chapter_problems, glossary_terms, resolve_doc, source_line_problems, term_references, toc_files,
    without_quoted_titles,
)
from coursesections import START
from guidecopy import copied, normalised_words
from prose import extract

GOOD_CHAPTER = """(x)=
# 9.9 Voorbeeld

```{admonition} Leerpad
:class: tip
Voor: ambtenaren
```

## Leerdoelen

- een ding;
- nog een ding.

## Inhoud

Tekst.

## Samenvatting

Dit is een samenvatting van meer dan dertig woorden. Ze vat de les kort samen in
gewone taal, zodat de lezer nog eens ziet wat belangrijk was. Dat helpt bij het
onthouden van de stof en bij het nadenken.

## Denk verder

1. Wat vind jij?
2. Wat doe jij?

*Bron: Handreiking sleutelpersonennetwerk, fase 9.9 "Voorbeeld".*
"""


def test_checker_accepts_a_complete_chapter():
    assert chapter_problems(GOOD_CHAPTER) == []
    assert source_line_problems(GOOD_CHAPTER) == []


@pytest.mark.parametrize("defect, broken", [
    ("no leerpad", lambda s: s.replace("Voor: ambtenaren", "Voor iedereen")),
    ("no goals", lambda s: s.replace("## Leerdoelen", "## Doelen")),
    ("no summary", lambda s: s.replace("## Samenvatting", "## Slot")),
    ("goals at the end", lambda s: s.replace("## Leerdoelen", "## Tussenkop").replace("## Denk verder", "## Leerdoelen\n\n- a;\n- b.\n\n## Denk verder")),
    ("one question", lambda s: s.replace("2. Wat doe jij?", "")),
    ("four questions", lambda s: s.replace("2. Wat doe jij?", "2. A?\n3. B?\n4. C?")),
    ("statements, not questions", lambda s: s.replace("Wat vind jij?", "Denk na.").replace("Wat doe jij?", "Schrijf op.")),
])
def test_checker_catches_a_broken_chapter(defect, broken):
    assert chapter_problems(broken(GOOD_CHAPTER)), defect


def test_checker_catches_a_missing_source_line():
    assert source_line_problems(GOOD_CHAPTER.replace("*Bron:", "*Zie:"))


def test_prose_count_ignores_code_options_front_matter_and_markup():
    page = (
        "---\ntitle: x\n---\n# Titel\n\n```{admonition} Leerpad\n:class: tip\nVoor: ambtenaren\n```\n\n"
        "```python\n" + "woord " * 300 + "\n```\n\n```{toctree}\n:maxdepth: 2\nfase-1/doel\n```\n\n"
        "Zie {doc}`fase-1/doel` en {term}`kerngroep`.\n"
    )
    prose = extract(page)
    assert prose.words == ["Voor", "ambtenaren", "Zie", "en", "kerngroep"]
    assert prose.headings == ["Titel."]


def test_copy_check_catches_a_sentence_from_the_guide():
    # One sentence of the guide, quoted here on purpose: the committed fingerprints must know it.
    sentence = "Een sleutelpersoon maakt vaak zelf onderdeel uit van een gemeenschap, al is dat geen voorwaarde."
    assert copied(normalised_words(sentence))
    assert not copied(normalised_words("Vaak hoort een sleutelpersoon zelf bij een gemeenschap."))
    # A copied sentence hidden in the source line is still caught; the quoted title is not.
    line = 'Bron: Handreiking sleutelpersonennetwerk, fase 3.3 "Stabiliteit, verloop en variatie in het netwerk". ' + sentence
    assert not copied(normalised_words(without_quoted_titles(line.split(". Een")[0])))
    assert copied(normalised_words(without_quoted_titles(line)))


def test_glossary_check_catches_an_unknown_term():
    defined = glossary_terms("```{glossary}\nkerngroep\n  Een kleine groep.\n```\n")
    assert defined == {"kerngroep"}
    used = term_references("Een {term}`kerngroep` en een {term}`raad <gemeenteraad>`.")
    assert [t for t in used if t not in defined] == ["gemeenteraad"]


def test_reference_check_catches_a_missing_page():
    assert resolve_doc(START, "fase-1/doel") is not None
    assert resolve_doc(START, "fase-1/bestaat-niet") is None


def test_toc_walk_finds_nested_sections():
    toc = {"root": "course/index", "parts": [{"caption": "A", "chapters": [
        {"file": "course/a", "sections": [{"file": "course/a/b"}]}]}]}
    assert toc_files(toc) == ["course/index", "course/a", "course/a/b"]
