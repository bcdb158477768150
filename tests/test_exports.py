"""Workshop exports: slides and handout as single offline HTML files, and the CLI's errors.

What the exported files hold is read here; how they behave in Chromium is checked in
``test_exports_in_browser.py``.
"""

from __future__ import annotations

import json
import re
from pathlib import Path

import nbformat
import pytest
from bs4 import BeautifulSoup
from nbformat.v4 import new_code_cell, new_markdown_cell, new_notebook

from exportedworkshop import WORKSHOP_EXERCISES, exported  # noqa: F401 (the fixture)
from sleutelcursus import cli
from sleutelcursus.workshop import export as exports
from sleutelcursus.hosting import HOST_MODULES, HOST_TRAITS
from sleutelcursus.exercises import kind_module
from sleutelcursus.hosting import WIDGET_STATE

TRAINER_PHRASE = "Een lang reglement schrikt vrijwilligers af."


def soup_of(path: Path) -> BeautifulSoup:
    return BeautifulSoup(path.read_text(encoding="utf-8"), "html.parser")


def tiny_notebook(path: Path, *code: str) -> Path:
    """A notebook with a heading and the given code cells."""
    nb = new_notebook(cells=[new_markdown_cell("# Kleine workshop"), *(new_code_cell(c) for c in code)])
    nb.metadata["kernelspec"] = {"name": "python3", "display_name": "Python 3", "language": "python"}
    nbformat.write(nb, path)
    return path


# ---- the files ------------------------------------------------------------------


def test_export_writes_exactly_one_file_per_kind(exported):
    folder = exported["dia"].parent
    assert sorted(p.name for p in folder.iterdir()) == ["workshop-fase-2-dia.html", "workshop-fase-2-hand-out.html"]


@pytest.mark.parametrize("kind", ["dia", "hand-out"])
def test_export_refers_to_nothing_outside_the_file(exported, kind):
    soup = soup_of(exported[kind])
    assert soup.html["lang"] == "nl"
    sources = [tag["src"] for tag in soup.find_all(src=True)]
    assert all(src.startswith("data:") for src in sources), sources
    assert not soup.find_all("link"), "stylesheets staan in het bestand zelf"
    styles = " ".join(style.get_text() for style in soup.find_all("style"))
    assert "@import" not in styles
    assert not re.search(r"url\(\s*['\"]?(?!data:)", styles)
    text = exported[kind].read_text(encoding="utf-8")
    for cdn in ("require.js", "unpkg.com", "cdnjs", "jsdelivr", "mathjax", "embed-amd", "fonts.googleapis"):
        assert cdn not in text.lower(), cdn


@pytest.mark.parametrize("kind", ["dia", "hand-out"])
def test_export_embeds_the_widget_state_without_module_or_stylesheet(exported, kind):
    soup = soup_of(exported[kind])
    state = json.loads(soup.find("script", type=WIDGET_STATE).get_text())["state"]
    ours = {m["state"]["exercise_id"]: m["state"] for m in state.values() if "exercise_id" in m.get("state", {})}
    assert sorted(ours) == sorted(WORKSHOP_EXERCISES)
    # Only what the static host reads: no module, stylesheet or layout model per exercise.
    assert not [m for m in state.values() if m.get("model_name") == "LayoutModel"]
    for inner in ours.values():
        assert set(inner) == set(HOST_TRAITS)
        # A fresh run: the exercises start empty, whatever was saved in the notebook.
        assert inner["answers"] == kind_module(inner["kind"]).empty_answers(inner["spec"])
    importmap = json.loads(soup.find("script", type="importmap").get_text())["imports"]
    host_modules = [f"./{name}.js" for name in HOST_MODULES]
    assert sorted(importmap) == sorted(["./composition.js", "./questionnaire.js", "./scenario.js", *host_modules])
    assert soup.find("script", type="module").get_text().strip().startswith("// Static host")


def test_trainer_notes_are_speaker_notes_in_slides_and_absent_from_the_handout(exported):
    notes = " ".join(aside.get_text(" ") for aside in soup_of(exported["dia"]).select("aside.notes"))
    assert TRAINER_PHRASE in notes
    assert TRAINER_PHRASE not in exported["hand-out"].read_text(encoding="utf-8")


def test_exports_show_no_code_only_its_output(exported):
    for path in exported.values():
        soup = soup_of(path)
        assert "read_answers(MAP" not in soup.get_text()
        assert "Gelezen: 12 antwoordbestand(en) van 5 deelnemer(s) met een bijnaam." in soup.get_text()


@pytest.mark.parametrize(
    "text, element, refused",
    [
        ("const x = '</script>';", "script", True),
        ("// <!-- oud commentaar", "script", True),
        ("const css = '<style>a{}</style>';", "script", False),
        ("a::after { content: '</style>'; }", "style", True),
        ("a { color: #154273; }", "style", False),
    ],
)
def test_inline_guard_refuses_text_that_would_end_the_element_early(text, element, refused):
    if refused:
        with pytest.raises(exports.ExportError, match=f"<{element}>"):
            exports._inline(text, "bestand", element)
    else:
        assert exports._inline(text, "bestand", element) == text


# ---- the command and its errors -------------------------------------------------


def test_soort_dia_writes_only_the_slides(tmp_path, capsys):
    notebook = tiny_notebook(tmp_path / "klein.ipynb", "from sleutelcursus import exercise\nexercise('werving')")
    assert cli.main(["export-workshop", str(notebook), "--uit", str(tmp_path / "uit"), "--soort", "dia"]) == 0
    assert [p.name for p in (tmp_path / "uit").iterdir()] == ["klein-dia.html"]
    assert capsys.readouterr().out.strip() == f"Geschreven: {tmp_path / 'uit' / 'klein-dia.html'}"


@pytest.mark.parametrize(
    "make, expected",
    [
        (lambda d: d / "bestaat-niet.ipynb", "Fout in {path}: notebook bestaat niet."),
        (lambda d: d, "Fout in {path}: notebook bestaat niet."),
        (lambda d: _write(d / "notities.md", "# Geen notebook\n"), "Fout in {path}: geen Jupyter-notebook (.ipynb)."),
        (lambda d: _write(d / "kapot.ipynb", '{"cells": ['), "Fout in {path}: geen Jupyter-notebook (.ipynb)."),
        (lambda d: _write(d / "lijst.ipynb", "[1, 2]"), "Fout in {path}: geen Jupyter-notebook (.ipynb)."),
    ],
    ids=["ontbreekt", "map", "markdown", "afgebroken", "andere-json"],
)
def test_missing_or_non_notebook_gives_one_dutch_line_and_exit_2(tmp_path, capsys, make, expected):
    path = make(tmp_path)
    assert cli.main(["export-workshop", str(path), "--uit", str(tmp_path / "uit")]) == 2
    err = capsys.readouterr().err.strip().splitlines()
    assert err == [expected.format(path=path)]
    assert not (tmp_path / "uit").exists()


def _write(path: Path, text: str) -> Path:
    path.write_text(text, encoding="utf-8")
    return path


def test_unknown_format_is_refused_before_anything_runs(tmp_path):
    notebook = tiny_notebook(tmp_path / "workshop.ipynb", "open('uitgevoerd.txt', 'w').close()")
    with pytest.raises(exports.ExportError, match="onbekende soort 'pdf'") as error:
        exports.export_workshop(notebook, tmp_path / "uit", ["dia", "pdf"])
    assert error.value.exit_code == 2
    assert not (tmp_path / "uitgevoerd.txt").exists() and not (tmp_path / "uit").exists()


def test_unknown_soort_gives_one_dutch_line_and_exit_2(tmp_path, capsys):
    with pytest.raises(SystemExit) as exit_info:
        cli.main(["export-workshop", "x.ipynb", "--soort", "pdf"])
    assert exit_info.value.code == 2
    err = capsys.readouterr().err.strip().splitlines()
    assert len(err) == 1 and err[0].startswith("Fout: argument --soort: onbekende keuze 'pdf'")


def test_failing_cell_is_named_and_earlier_exports_stay(tmp_path, capsys):
    out = tmp_path / "uit"
    notebook = tiny_notebook(tmp_path / "workshop.ipynb", "x = 1")
    assert cli.main(["export-workshop", str(notebook), "--uit", str(out)]) == 0
    before = {p.name: p.read_bytes() for p in out.iterdir()}
    capsys.readouterr()
    tiny_notebook(notebook, "x = 1", "raise ValueError('map van de groep ontbreekt')")
    assert cli.main(["export-workshop", str(notebook), "--uit", str(out)]) == 1
    err = capsys.readouterr().err.strip().splitlines()
    assert err == [f"Fout in {notebook}: cel 3 geeft een fout (ValueError: map van de groep ontbreekt); "
                   "verbeter de cel in Jupyter en exporteer opnieuw."]
    assert {p.name: p.read_bytes() for p in out.iterdir()} == before  # no temp folder left either


def test_notebook_runs_in_its_own_folder(tmp_path):
    (tmp_path / "groep").mkdir()
    (tmp_path / "groep" / "aantal.txt").write_text("7", encoding="utf-8")
    notebook = tiny_notebook(tmp_path / "workshop.ipynb", "print('deelnemers:', open('groep/aantal.txt').read())")
    [handout] = exports.export_workshop(notebook, tmp_path / "uit", ["hand-out"])
    assert "deelnemers: 7" in handout.read_text(encoding="utf-8")


def test_unwritable_output_gives_one_dutch_line(tmp_path, capsys):
    notebook = tiny_notebook(tmp_path / "workshop.ipynb", "x = 1")
    blocker = _write(tmp_path / "bestand", "geen map")
    assert cli.main(["export-workshop", str(notebook), "--uit", str(blocker / "uit")]) == 1
    err = capsys.readouterr().err.strip().splitlines()
    assert len(err) == 1 and err[0].startswith(f"Fout: kan niet schrijven naar {blocker / 'uit'}")
