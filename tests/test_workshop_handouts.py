"""Workshop notebooks that run anywhere, and hand-outs that print whole.

Each workshop notebook is copied ALONE into an empty folder (as a trainer who downloads
it from the book has it), run there with nbclient, and exported with
``sleutelcursus export-workshop``; it shows the example group that ships inside the
package and says so. Each hand-out is then printed to PDF by Chromium, and the PDF's
text must hold every candidate name, every statement, and every scenario step with
its choices: nothing in a scroll box, nothing cut off.
"""

from __future__ import annotations

import io
import re
import shutil
import unicodedata
from pathlib import Path

import nbformat
import pytest
from nbclient import NotebookClient
from pypdf import PdfReader

from sleutelcursus import cli
from sleutelcursus.plugins.registry import get_spec

EXERCISES = Path(__file__).resolve().parent.parent / "exercises"
PHASES = (1, 2, 3)
EXAMPLE_LINE = "Dit is de voorbeeldgroep van de cursus, geen echte deelnemers."


def exercises_in(notebook: Path) -> list[str]:
    """The exercise ids a workshop notebook shows, from its ``exercise("...")`` cells."""
    nb = nbformat.read(notebook, as_version=4)
    return [m for cell in nb.cells if cell.cell_type == "code" for m in re.findall(r'exercise\("([^"]+)"\)', cell.source)]


@pytest.fixture(scope="module")
def alone(tmp_path_factory) -> dict[int, Path]:
    """Each workshop notebook copied alone into its own empty folder."""
    copies = {}
    for phase in PHASES:
        folder = tmp_path_factory.mktemp(f"leeg-{phase}")
        copies[phase] = Path(shutil.copy(EXERCISES / f"workshop-fase-{phase}.ipynb", folder))
        assert sorted(p.name for p in folder.iterdir()) == [copies[phase].name]
    return copies


@pytest.fixture(scope="module")
def handouts(alone, tmp_path_factory) -> dict[int, Path]:
    """The hand-out of each copied notebook, made with the real CLI."""
    out = tmp_path_factory.mktemp("hand-outs")
    for phase, notebook in alone.items():
        assert cli.main(["export-workshop", str(notebook), "--uit", str(out), "--soort", "hand-out"]) == 0
    return {phase: out / f"workshop-fase-{phase}-hand-out.html" for phase in PHASES}


@pytest.mark.parametrize("phase", PHASES)
def test_a_notebook_alone_in_an_empty_folder_runs_top_to_bottom_on_the_example_group(alone, phase):
    notebook = nbformat.read(alone[phase], as_version=4)
    NotebookClient(notebook, timeout=180, kernel_name="python3",
                   resources={"metadata": {"path": str(alone[phase].parent)}}).execute()
    outputs = [out for cell in notebook.cells if cell.cell_type == "code" for out in cell.outputs]
    assert not [out for out in outputs if out.output_type == "error"]
    printed = "".join(out.get("text", "") for out in outputs if out.output_type == "stream")
    assert printed.startswith(EXAMPLE_LINE) and "Gelezen: " in printed
    charts = [out.data["text/html"] for out in outputs if "text/html" in out.get("data", {})]
    assert charts and all("Voorbeeldgroep: deze cijfers komen uit de voorbeeldantwoorden" in c for c in charts)
    assert sorted(p.name for p in alone[phase].parent.iterdir()) == [alone[phase].name], "de map blijft leeg"


@pytest.mark.parametrize("phase", PHASES)
def test_the_hand_out_of_a_notebook_alone_says_it_shows_the_example_group(handouts, phase):
    html = handouts[phase].read_text(encoding="utf-8")
    assert EXAMPLE_LINE in html and "Voorbeeldgroep: deze cijfers" in html
    assert ".json: overgeslagen" not in html  # no skipped-file lines about the example's files


def flat(text: str) -> str:
    """Text without any whitespace, so line breaks on paper do not matter."""
    return re.sub(r"\s+", "", unicodedata.normalize("NFKC", text))


def expected_texts(exercise_id: str) -> list[str]:
    """Everything of an exercise that must be on paper."""
    spec = get_spec(exercise_id)
    if spec["type"] == "composition":
        return [c["naam"] for c in spec["candidates"]]
    if spec["type"] == "questionnaire":
        return [s["text"] for s in spec["statements"]]
    return [text for step in spec["steps"]
            for text in (step["situation"], step["question"], *(c["label"] for c in step["choices"]))]


@pytest.mark.browser
@pytest.mark.parametrize("phase", PHASES)
def test_printed_hand_out_holds_every_candidate_statement_and_scenario_step(browser, handouts, alone, phase):
    page = browser.new_page()
    try:
        page.goto(handouts[phase].as_uri())
        page.wait_for_selector("html[data-sc-exercises=ready]", timeout=20000)
        pdf = page.pdf(format="A4", print_background=True)
    finally:
        page.close()
    reader = PdfReader(io.BytesIO(pdf))
    text = flat("\n".join(p.extract_text() for p in reader.pages))
    ids = exercises_in(alone[phase])
    assert ids
    for exercise_id in ids:
        missing = [t for t in expected_texts(exercise_id) if flat(t) not in text]
        assert missing == [], (exercise_id, len(missing), missing[:3])
    assert flat(EXAMPLE_LINE) in text
    # Buttons do nothing on paper (a trainer's trial found "Kies" and "Opnieuw beginnen" printed).
    visible_buttons = page_buttons(handouts[phase], browser)
    assert visible_buttons == []


def page_buttons(handout, browser) -> list[str]:
    """The buttons of the hand-out's exercises that print media shows."""
    page = browser.new_page()
    try:
        page.goto(handout.as_uri())
        page.wait_for_selector("html[data-sc-exercises=ready]", timeout=20000)
        page.emulate_media(media="print")
        return page.eval_on_selector_all(
            ".sc-exercise button", "bs => bs.filter(b => b.offsetParent !== null).map(b => b.textContent)")
    finally:
        page.close()
