"""The static host's contract: what a page must carry for ``frontend/host.js`` to run it.

Both the book (:mod:`sleutelcursus.book.sphinxext`) and the offline workshop exports
(:mod:`sleutelcursus.workshop.export`) embed a page's widget state for the static host;
this module says how: which models are exercises, which traits the host does not need,
and which stylesheets a page with given exercise kinds loads.
"""

from __future__ import annotations

import copy

from .exercises import FRONTEND, KINDS

__all__ = ["FRONTEND", "HOST_MODULES", "WIDGET_STATE", "exercise_models", "host_widget_state", "host_stylesheets"]
WIDGET_STATE = "application/vnd.jupyter.widget-state+json"
# The modules host.js imports from its own folder (``./<name>.js``): a page that puts
# the host inline must map them. They import nothing themselves: mapped as data: URLs,
# they could not.
HOST_MODULES = ("answerstore", "wipe")
# Traits the static host does not need: the module and stylesheet come from files,
# cached once for all pages, instead of inside every page's widget state.
_HOST_UNUSED = ("_esm", "_css", "_anywidget_id")


def exercise_models(state: dict) -> dict[str, str]:
    """Model id -> exercise kind, for the exercise widgets in a page's widget state."""
    found = {}
    for model_id, model in state.get("state", {}).items():
        inner = model.get("state", {})
        if inner.get("kind") in KINDS and str(inner.get("_anywidget_id", "")).startswith("sleutelcursus."):
            found[model_id] = inner["kind"]
    return found


def host_widget_state(state: dict) -> tuple[dict, dict[str, str]]:
    """A page's widget state as the static host needs it, and model id -> exercise kind.

    Returns a copy in which our exercise models lack ``_HOST_UNUSED`` (their module and
    stylesheet are served as files); other models stay as they are.
    """
    state = copy.deepcopy(state)
    kinds = exercise_models(state)
    for model_id in kinds:
        for key in _HOST_UNUSED:
            state["state"][model_id]["state"].pop(key, None)
    return state, kinds


def host_stylesheets(kinds) -> list[str]:
    """Names (without ``.css``, in ``FRONTEND``) of the stylesheets a page with these exercise kinds needs."""
    return ["exercise", "host", *sorted(set(kinds))]
