"""nbval for every notebook in the repository: widget views compared, sanitizers found.

nbval 0.11 leaves ``application/vnd.jupyter.widget-view+json`` out of its comparison
altogether, because the model id in it is new on every run, and its sanitizers only
rewrite text. It does compare the text repr (``<Oefening 'rolscan' (questionnaire)>``),
but a cell that showed a live widget and now shows only that text would still pass.
The hook below compares the widget views as well, with the model id masked.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from nbval.plugin import IPyNbCell

WIDGET_VIEW = "application/vnd.jupyter.widget-view+json"


def widget_views(outputs) -> list[dict]:
    """The widget views among a cell's ``outputs``, each with its random model id masked."""
    return [
        {key: "<model_id>" if key == "model_id" else value for key, value in output["data"][WIDGET_VIEW].items()}
        for output in outputs
        if WIDGET_VIEW in output.get("data", {})
    ]


def pytest_configure(config):
    """Find the sanitizer file named in pyproject's addopts from any working directory."""
    # nbval opens the file relative to the working directory; addopts name it relative
    # to the repository, so `pytest` run from a subfolder would not find it.
    name = getattr(config.option, "nbval_sanitize_with", None)
    if name and not Path(name).exists() and (config.rootpath / name).exists():
        config.option.nbval_sanitize_with = str(config.rootpath / name)


@pytest.hookimpl(wrapper=True)
def pytest_runtest_call(item):
    """After nbval compared a cell, compare its widget views (model id masked) too."""
    result = yield
    # nbval compares nothing for an unrun cell or one marked to ignore; neither do we.
    if isinstance(item, IPyNbCell) and item.options["check"] and item.cell.execution_count is not None:
        stored, fresh = widget_views(item.cell.outputs), widget_views(item.test_outputs)
        if fresh != stored:
            item.raise_cell_error("Widget views differ", f"stored:   {stored}\nthis run: {fresh}")
    return result
