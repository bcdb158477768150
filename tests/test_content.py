"""The course's structure (issue 5): every section has its page, on disk and in ``_toc.yml``;
every chapter has the chapter frame and the leerpad the start page's table gives it; every
cross-reference leads somewhere.

The sections are listed as data in ``tests/coursesections.py``; the checks are small
functions in ``tests/contentchecks.py``.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest
import yaml

from contentchecks import (
    LEERPAD_AMBTENAAR, LEERPAD_BOTH, chapter_problems, doc_targets, resolve_doc, start_table, toc_files,
)
from coursesections import CHAPTERS, SECTIONS, START, section_page
from prose import COURSE, ROOT, course_pages, page_source
from sleutelcursus.book.paths import audience_of

TOC = ROOT / "_toc.yml"


# ------------------------------------------------------------------------ fixtures


@pytest.fixture(scope="module")
def toc() -> dict:
    assert TOC.exists(), "_toc.yml ontbreekt"
    return yaml.safe_load(TOC.read_text(encoding="utf-8"))


# --------------------------------------------------------------------- the course


@pytest.mark.parametrize("name", SECTIONS)
def test_section_page_exists(name):
    assert section_page(name).exists(), f"{name}: pagina {section_page(name)} ontbreekt"


@pytest.mark.parametrize("name", SECTIONS)
def test_section_page_is_in_toc(name, toc):
    entry = str(Path("course") / Path(SECTIONS[name][0]).with_suffix(""))
    assert entry in toc_files(toc), f"{name}: {entry} staat niet in _toc.yml"


def test_toc_is_a_jupyter_book_with_parts(toc):
    assert toc.get("format") == "jb-book"
    assert toc.get("root") == "course/index"
    parts = toc.get("parts") or []
    assert len(parts) >= 4 and all(part.get("caption") for part in parts)


def test_every_toc_entry_exists_on_disk(toc):
    missing = [entry for entry in toc_files(toc)
               if not any((ROOT / entry).with_suffix(s).exists() for s in (".md", ".ipynb"))]
    assert not missing, f"in _toc.yml maar niet op schijf: {missing}"


def test_every_course_page_is_listed_as_a_section():
    listed = {(COURSE / page).resolve() for page, _, _ in SECTIONS.values()}
    unlisted = [str(p.relative_to(ROOT)) for p in course_pages() if p.resolve() not in listed]
    assert not unlisted, f"pagina's zonder sectie in SECTIONS: {unlisted}"


@pytest.mark.parametrize("page", CHAPTERS)
def test_chapter_has_leerpad_goals_summary_and_reflection(page):
    problems = chapter_problems(page_source(COURSE / page))
    assert not problems, f"{page}: " + "; ".join(problems)


def test_leerpad_of_each_chapter_matches_the_start_table():
    table = start_table()
    pages_in_table = {resolve_doc(START, target): cols for target, cols in table.items()}
    problems = []
    for page, kind, _ in SECTIONS.values():
        path = (COURSE / page).resolve()
        if kind not in ("chapter", "check"):
            continue
        if path not in pages_in_table:
            problems.append(f"{page} staat niet in de tabel op de startpagina")
            continue
        ambtenaar, sleutelpersoon = pages_in_table[path]
        if ambtenaar != "ja":
            problems.append(f"{page}: leerpad ambtenaar volgt alle hoofdstukken, maar de tabel zegt {ambtenaar!r}")
        expected = LEERPAD_BOTH if sleutelpersoon == "ja" else LEERPAD_AMBTENAAR
        actual = audience_of(page_source(path))
        if actual != expected:
            problems.append(f"{page}: leerpad-blok zegt {actual!r}, tabel vraagt {expected!r}")
    assert not problems, "\n".join(problems)


def test_sleutelpersoon_path_has_the_pages_that_concern_key_persons():
    table = start_table()
    chosen = {target for target, (_, sp) in table.items() if sp == "ja"}
    for needed in ("sleutelpersonennetwerk", "fase-1/doel", "fase-2/werving", "fase-2/diversiteit",
                   "fase-2/afspraken", "fase-3/vertrouwen", "fase-3/stabiliteit"):
        assert needed in chosen, f"{needed} hoort bij het leerpad sleutelpersoon"
    assert len(chosen) < len(table), "het leerpad sleutelpersoon is korter dan het leerpad ambtenaar"


@pytest.mark.parametrize("path", course_pages(), ids=lambda p: str(p.relative_to(COURSE)))
def test_cross_references_resolve(path):
    source = page_source(path)
    broken = [t for t in doc_targets(source) if resolve_doc(path, t) is None]
    labels = {label for p in course_pages() for label in re.findall(r"^\((.+)\)=\s*$", page_source(p), re.M)}
    broken += [t for t in re.findall(r"\{ref\}`(?:[^`<]*<)?([^`>]+)>?`", source) if t not in labels]
    assert not broken, f"{path.name}: verwijzingen die nergens heen gaan: {broken}"
