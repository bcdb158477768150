"""The fase-2 workshop exported once with the real CLI, for the export tests.

``test_exports.py`` reads the files; ``test_exports_in_browser.py`` opens them in Chromium.
A test module uses the ``exported`` fixture by importing it.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from sleutelcursus import cli

EXERCISES = Path(__file__).resolve().parent.parent / "exercises"
# The workshop with one exercise of every type, so every browser module is exported.
WORKSHOP = EXERCISES / "workshop-fase-2.ipynb"
WORKSHOP_EXERCISES = ["rolscan", "netwerk-samenstellen", "kennischeck-fase-2"]


@pytest.fixture(scope="module")
def exported(tmp_path_factory):
    """The fase-2 workshop exported once with the real CLI: ``{kind: path}``."""
    out = tmp_path_factory.mktemp("export")
    before = WORKSHOP.read_bytes()
    assert cli.main(["export-workshop", str(WORKSHOP), "--uit", str(out)]) == 0
    assert WORKSHOP.read_bytes() == before, "het notebook zelf mag niet veranderen"
    return {"dia": out / "workshop-fase-2-dia.html", "hand-out": out / "workshop-fase-2-hand-out.html"}
