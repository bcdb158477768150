"""The two learning paths (issue 12, item 4): who each exercise speaks to, and what
each path's knowledge checks test.

The start page has two tables: chapters per path (made from course/leerpaden.yml) and
exercises per path (made by the build from the specs' perspectief, book/paths.py). These
tests read both, the notebooks (which exercise sits on which page) and the specs.
"""

from __future__ import annotations

import re
from pathlib import Path

import nbformat
import pytest
import yaml

from sleutelcursus.book.paths import EXERCISE_TABLE_FILE, load_path_file
from sleutelcursus.book.source import book_source
from sleutelcursus.book.staging import assemble
from sleutelcursus.plugins.manager import DIR_ENV, LOAD_ENV, get_plugin_manager
from sleutelcursus.plugins.registry import collect
from sleutelcursus.exercises.loader import load_spec_file, national_spec_files

ROOT = Path(__file__).resolve().parent.parent
COURSE = ROOT / "course"
PATHS = ("ambtenaar", "sleutelpersoon")
SPECS = {spec["id"]: spec for spec in map(load_spec_file, national_spec_files())}


def table_rows(source: str) -> list[list[str]]:
    """Every Markdown table row of a page, as stripped cells (header rules left out)."""
    rows = []
    for line in source.splitlines():
        if line.startswith("|") and not re.match(r"^\|[-| ]+\|$", line):
            rows.append([cell.strip() for cell in line.strip().strip("|").split("|")])
    return rows


def chapter_paths() -> dict[str, set[str]]:
    """Chapter page (e.g. "fase-1/doel") -> the paths the start page puts it on (its
    table is made from course/leerpaden.yml at build time)."""
    _, pages = load_path_file(COURSE / "leerpaden.yml")
    return {doc.removeprefix("course/"): set(page["paths"]) for doc, page in pages.items()}


def staged_exercise_table() -> str:
    """The start page's exercise table as the build writes it (book/paths.py
    exercise_table), for the national book without plugins."""
    with pytest.MonkeyPatch.context() as patch:
        patch.setenv(LOAD_ENV, "")
        patch.delenv(DIR_ENV, raising=False)
        source = book_source()
        config = yaml.safe_load((source / "_config.yml").read_text(encoding="utf-8"))
        staged = assemble(source, collect(get_plugin_manager(), config))
    return staged[EXERCISE_TABLE_FILE].decode("utf-8")


def exercise_paths() -> dict[str, set[str]]:
    """Exercise id -> the paths of the start page's exercise table (rows named by title)."""
    by_title = {spec["title"]: eid for eid, spec in SPECS.items()}
    result = {}
    for cells in table_rows(staged_exercise_table()):
        if len(cells) == 4 and cells[0] in by_title:
            result[by_title[cells[0]]] = {p for p, cell in zip(PATHS, cells[2:4]) if cell.lower() == "ja"}
    return result


def exercise_pages() -> dict[str, str]:
    """Exercise id -> the notebook page it is shown on."""
    pages = {}
    for notebook in COURSE.glob("*/*.ipynb"):
        for cell in nbformat.read(notebook, as_version=4).cells:
            found = re.search(r'exercise\("([^"]+)"\)', cell.source) if cell.cell_type == "code" else None
            if found:
                pages[found.group(1)] = str(notebook.relative_to(COURSE).with_suffix(""))
    return pages


CHAPTERS = chapter_paths()
EXERCISES = exercise_paths()
PAGES = exercise_pages()
CHECKS = sorted(eid for eid, spec in SPECS.items() if spec["type"] == "scenario" and spec["shuffle"])


def test_every_exercise_in_the_book_is_in_the_start_table_with_a_path():
    assert set(PAGES) == set(EXERCISES), "oefeningen in het boek en in de tabel op de startpagina verschillen"
    for eid, paths in EXERCISES.items():
        assert paths, f"{eid} hoort bij geen enkel leerpad"


@pytest.mark.parametrize("path", PATHS)
def test_each_exercise_sits_on_a_chapter_of_its_path(path):
    for eid, paths in EXERCISES.items():
        if path in paths:
            assert path in CHAPTERS[PAGES[eid]], f"{eid} staat op {PAGES[eid]}, dat niet bij leerpad {path} hoort"


def test_every_exercise_on_the_key_person_path_speaks_to_a_key_person():
    on_path = [eid for eid, paths in EXERCISES.items() if "sleutelpersoon" in paths]
    assert len(on_path) >= 4
    for eid in on_path:
        spec = SPECS[eid]
        assert spec["perspectief"] == "sleutelpersoon", eid
        intro = spec["intro"].lower()
        assert "sleutelpersoon" in intro and "je werkt bij de gemeente" not in intro, eid


def test_no_civil_servant_exercise_is_on_the_key_person_path_and_back():
    for eid, paths in EXERCISES.items():
        perspective = SPECS[eid]["perspectief"]
        if perspective == "ambtenaar":
            assert "sleutelpersoon" not in paths, eid
        if perspective == "sleutelpersoon":
            assert "ambtenaar" not in paths, eid


@pytest.mark.parametrize("path", PATHS)
def test_each_path_has_a_knowledge_check_per_phase(path):
    for phase in (1, 2, 3):
        mine = [eid for eid in CHECKS if path in EXERCISES[eid] and PAGES[eid] == f"fase-{phase}/kennischeck"]
        assert len(mine) == 1, f"leerpad {path}, fase {phase}: {mine}"
        steps = SPECS[mine[0]]["steps"]
        assert all(step["page"] and step["page"].startswith(f"fase-{phase}/") for step in steps), mine[0]


@pytest.mark.parametrize("check", CHECKS)
def test_a_knowledge_check_only_tests_pages_on_its_path(check):
    for step in SPECS[check]["steps"]:
        assert step["page"] in CHAPTERS, f"{check}, {step['id']}: onbekende pagina {step['page']!r}"
        for path in EXERCISES[check]:
            assert path in CHAPTERS[step["page"]], \
                f"{check}, {step['id']} toetst {step['page']}, dat niet bij leerpad {path} hoort"


def test_key_person_checks_cover_the_topics_of_issue_12():
    """What they see, when to alert, privacy, their role, choosing or being the chair."""
    text = " ".join(
        " ".join([step["situation"], step["question"]] + [c["label"] for c in step["choices"]])
        for eid in CHECKS if "sleutelpersoon" in EXERCISES[eid] for step in SPECS[eid]["steps"]
    ).lower()
    for words in (["je ziet", "zie je"], ["112", "contact bij de gemeente", "contactpersoon"],
                  ["in vertrouwen"], ["luis in de pels", "rolscan"], ["voorzitter"], ["voor te zitten", "voorzit"]):
        assert any(w in text for w in words), words
