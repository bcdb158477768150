"""The exercises in the course pages (issue 5): each notebook's exercise cells are hidden,
in place and introduced; each knowledge check is a short linear scenario that the scenario
validator accepts, that reads easily and that does not copy the guide.
"""

from __future__ import annotations

import re

import nbformat
import pytest
import yaml

from contentchecks import yaml_strings
from guidecopy import copied, normalised_words
from prose import COURSE, ROOT, reading_ease
from sleutelcursus.exercises import scenario

DATA = ROOT / "src" / "sleutelcursus" / "data"

# Exercise cells per notebook page, in page order.
EXERCISES = {
    "fase-1/kaders.ipynb": ["werving", "rol-gemeente", "zelfscan-ambtenaar"],
    "fase-2/diversiteit.ipynb": ["rolscan", "netwerk-samenstellen"],
    "fase-3/vertrouwen.ipynb": ["voorzitter-kiezen", "voorzitter-kiezen-sleutelpersoon"],
    "fase-1/kennischeck.ipynb": ["kennischeck-fase-1", "kennischeck-fase-1-sleutelpersoon"],
    "fase-2/kennischeck.ipynb": ["kennischeck-fase-2", "kennischeck-fase-2-sleutelpersoon"],
    "fase-3/kennischeck.ipynb": ["kennischeck-fase-3", "kennischeck-fase-3-sleutelpersoon"],
}
# Knowledge checks: file stem -> (phase, fewest questions). The key person's checks are
# shorter: they cover only the chapters of that path.
KNOWLEDGE_CHECKS = {
    **{f"kennischeck-fase-{phase}": (phase, 5) for phase in (1, 2, 3)},
    **{f"kennischeck-fase-{phase}-sleutelpersoon": (phase, 4) for phase in (1, 2, 3)},
}


@pytest.mark.parametrize("name", KNOWLEDGE_CHECKS)
def test_knowledge_check_does_not_copy_the_guide(name):
    spec = yaml.safe_load((DATA / f"{name}.yaml").read_text(encoding="utf-8"))
    shared = copied(normalised_words("\n".join(yaml_strings(spec))))
    assert not shared, f"{name} deelt reeksen met de handreiking: {shared}"


@pytest.mark.parametrize("page", EXERCISES)
def test_exercise_cells_are_hidden_and_in_place(page):
    notebook = nbformat.read(COURSE / page, as_version=4)
    nbformat.validate(notebook)
    assert notebook.metadata.get("kernelspec", {}).get("name") == "python3"
    code = [cell for cell in notebook.cells if cell.cell_type == "code"]
    ids = [re.search(r'exercise\("([^"]+)"\)', cell.source).group(1) for cell in code]
    assert ids == EXERCISES[page]
    for cell, exercise_id in zip(code, ids):
        assert cell.source.startswith("from sleutelcursus import exercise\n")
        assert "remove-input" in cell.metadata.get("tags", [])
        # Stored from a real run (tests/notebooks.py): nbval compares the widget's text repr.
        shown = [output.data["text/plain"] for output in cell.outputs if "data" in output]
        assert len(shown) == 1 and re.fullmatch(rf"<Oefening '{re.escape(exercise_id)}' \(\w+\)>", shown[0]), shown
    for index, cell in enumerate(notebook.cells):
        if cell.cell_type == "code":
            before = notebook.cells[index - 1]
            assert before.cell_type == "markdown" and "browser" in before.source, \
                f"{page}: de oefening {ids[code.index(cell)]} heeft geen introductie die zegt dat antwoorden in de browser blijven"


@pytest.mark.parametrize("name", KNOWLEDGE_CHECKS)
def test_knowledge_check_spec_is_a_linear_short_scenario(name):
    phase, fewest = KNOWLEDGE_CHECKS[name]
    path = DATA / f"{name}.yaml"
    spec = yaml.safe_load(path.read_text(encoding="utf-8"))
    assert spec["id"] == name and spec["type"] == "scenario" and spec["shuffle"] is True
    assert spec["source"].startswith(f"Handreiking sleutelpersonennetwerk, fase {phase}")
    steps = spec["steps"]
    assert fewest <= len(steps) <= 6
    assert spec["start"] == steps[0]["id"]
    choice_ids = [c["id"] for step in steps for c in step["choices"]]
    assert len(choice_ids) == len(set(choice_ids)), "keuze-ids moeten uniek zijn in het hele bestand"
    for index, step in enumerate(steps):
        assessments = sorted(c["assessment"] for c in step["choices"])
        assert len(step["choices"]) == 3, step["id"]
        assert assessments.count("fits") == 1, f"{step['id']}: precies één keuze past"
        assert set(assessments) - {"fits"} <= {"risky", "advised_against"}
        for choice in step["choices"]:
            assert choice["reasons"] and choice["consequence"] and choice["label"]
            expected = steps[index + 1]["id"] if index + 1 < len(steps) else None
            assert choice.get("next") == expected, f"{choice['id']}: volgende vraag moet {expected} zijn"
    assert spec.get("reflection")


@pytest.mark.parametrize("name", KNOWLEDGE_CHECKS)
def test_knowledge_check_reads_easily(name):
    spec = yaml.safe_load((DATA / f"{name}.yaml").read_text(encoding="utf-8"))
    assert reading_ease(yaml_strings(spec)) >= 60


@pytest.mark.parametrize("name", KNOWLEDGE_CHECKS)
def test_knowledge_check_spec_passes_the_scenario_validator(name):
    path = DATA / f"{name}.yaml"
    scenario.validate(yaml.safe_load(path.read_text(encoding="utf-8")), str(path))
