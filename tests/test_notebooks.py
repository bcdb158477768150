"""nbval compares every deterministic output of every notebook it runs.

The notebooks are stored executed (``python tests/notebooks.py``); nbval runs in strict
mode, so each cell's fresh output must equal the stored one after the sanitizers. A cell
whose output truly varies may opt out with ``# NBVAL_IGNORE_OUTPUT`` and a comment why.
"""

from __future__ import annotations

import copy
import re
import shutil
import subprocess
import sys
import tempfile

import nbformat
import pytest
from nbformat.v4 import new_code_cell, new_notebook, new_output
from nbval.plugin import get_sanitize_patterns

from notebooks import ROOT, addopts, collected_notebooks, counts, problems, strict_mode

from sleutelcursus.exercises import KINDS

WIDGET_VIEW = "application/vnd.jupyter.widget-view+json"
STABLE_REPR = re.compile(rf"<Oefening '[a-z0-9-]+' \(({'|'.join(KINDS)})\)>")


@pytest.fixture(scope="module")
def notebooks():
    """Every notebook nbval collects, read."""
    return {path.relative_to(ROOT).as_posix(): nbformat.read(path, as_version=4) for path in collected_notebooks()}


def test_nbval_runs_strict_with_the_sanitizers():
    options = addopts()
    assert strict_mode(), "nbval moet elke cel vergelijken (--nbval, niet --nbval-lax)"
    sanitizers = ROOT / options[options.index("--nbval-sanitize-with") + 1]
    assert get_sanitize_patterns(sanitizers.read_text(encoding="utf-8"))


def test_nbval_collects_the_course_workshop_and_plugin_notebooks(notebooks):
    folders = {name.split("/")[0] for name in notebooks}
    assert folders == {"course", "exercises", "plugins"}
    assert not [name for name in notebooks if "_build" in name or "checkpoints" in name]


def test_every_output_is_compared(notebooks):
    strict = strict_mode()
    found = [f"{name}, {problem}" for name, notebook in notebooks.items() for problem in problems(notebook, strict)]
    assert not found, "voer de notebooks opnieuw uit met: python tests/notebooks.py\n" + "\n".join(found)
    for name, notebook in notebooks.items():
        compared, with_output, _ = counts(notebook, strict)
        assert compared == with_output > 0, name


def test_every_widget_shows_its_stable_repr(notebooks):
    shown = [
        (name, output["data"].get("text/plain", ""))
        for name, notebook in notebooks.items()
        for cell in notebook.cells if cell.cell_type == "code"
        for output in cell.outputs if WIDGET_VIEW in output.get("data", {})
    ]
    assert {name.split("/")[0] for name, _ in shown} == {"course", "exercises", "plugins"}
    assert [(name, text) for name, text in shown if not STABLE_REPR.fullmatch(text)] == []


def _cell(source: str, outputs=(), executed: bool = True):
    cell = new_code_cell(source, outputs=[new_output("stream", name="stdout", text=text) for text in outputs])
    cell.execution_count = 1 if executed else None
    return cell


@pytest.mark.parametrize("cell, strict, expected", [
    (_cell("print(1)", ["1\n"]), True, []),
    (_cell("x = 1"), True, []),
    (_cell("print(1)", executed=False), True, ["niet uitgevoerd"]),
    (_cell("print(1)", ["1\n"]), False, ["zonder commentaar"]),
    (_cell("# NBVAL_IGNORE_OUTPUT\nprint(1)", ["1\n"]), True, ["zonder commentaar"]),
    (_cell("# NBVAL_IGNORE_OUTPUT\n# the clock differs per run\nprint(1)", ["1\n"]), True, []),
    (_cell("# NBVAL_SKIP\nprint(1)", ["1\n"]), True, ["zonder commentaar"]),
    (_cell("# NBVAL_CHECK_OUTPUT\nprint(1)", ["1\n"]), False, []),
], ids=["compared", "no-output", "unexecuted", "lax-unmarked", "ignored-silently", "ignored-with-reason",
        "skipped-silently", "lax-marked"])
def test_the_rule_names_each_cell_nbval_would_not_compare(cell, strict, expected):
    found = problems(new_notebook(cells=[cell]), strict)
    assert len(found) == len(expected)
    assert all(word in problem for word, problem in zip(expected, found))


def test_nbval_fails_a_cell_whose_widget_view_is_gone():
    # A cell that stored a live widget must show one again; only the model id may differ.
    intact = nbformat.read(ROOT / "course/fase-2/kennischeck.ipynb", as_version=4)
    text_only = copy.deepcopy(intact)
    shown = next(cell for cell in text_only.cells if cell.cell_type == "code").outputs[0]["data"]
    del shown[WIDGET_VIEW]
    assert "text/plain" in shown
    # Inside the repository, so the root conftest.py and pyproject's nbval options apply.
    (ROOT / "_build").mkdir(exist_ok=True)
    folder = tempfile.mkdtemp(prefix="nbval-", dir=ROOT / "_build")
    try:
        paths = []
        for name, notebook in (("intact", intact), ("zonder-widget", text_only)):
            paths.append(f"{folder}/{name}.ipynb")
            nbformat.write(notebook, paths[-1])
        completed = subprocess.run(
            [sys.executable, "-m", "pytest", "-n", "0", "-q", "-rf", *paths],
            cwd=ROOT, capture_output=True, text=True, check=False,
        )
    finally:
        shutil.rmtree(folder)
    report = completed.stdout
    # Every code cell of both copies is a test; only the first cell of the copy fails.
    cells = sum(cell.cell_type == "code" for cell in intact.cells)
    assert f"1 failed, {2 * cells - 1} passed" in report, report
    assert "zonder-widget.ipynb::Cell 0" in report and "Widget views differ" in report, report
