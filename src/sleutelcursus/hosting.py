"""The static host's contract: what a page must carry for ``frontend/host.js`` to run it.

Both the book (:mod:`sleutelcursus.book.sphinxext`) and the offline workshop exports
(:mod:`sleutelcursus.workshop.export`) embed a page's widget state for the static host;
this module says how: which models are exercises, which traits the host does not need,
and which stylesheets a page with given exercise kinds loads.
"""

from __future__ import annotations

import copy
import json

from .exercises import FRONTEND, KINDS

__all__ = [
    "FRONTEND", "HOST_MODULES", "HOST_TRAITS", "PACKED", "WIDGET_STATE", "exercise_models", "host_widget_state",
    "host_stylesheets", "packed",
]
WIDGET_STATE = "application/vnd.jupyter.widget-state+json"
# The modules host.js imports from its own folder (``./<name>.js``): a page that puts
# the host inline must map them. They import nothing themselves: mapped as data: URLs,
# they could not.
HOST_MODULES = ("answerstore", "wipe")
# The traits of an exercise model that host.js reads. The rest (the module and
# stylesheet, served as files and cached once for all pages; anywidget's and
# ipywidgets' own bookkeeping; the layout, a model of its own) is left out of every
# page's widget state.
HOST_TRAITS = ("kind", "exercise_id", "spec", "answers")
_MODEL_REFERENCE = "IPY_MODEL_"
# A list of objects that all have the same keys in the same order may travel packed:
# ``{"sc:sleutels": [keys], "sc:rijen": [[values of one object], ...]}``. The
# composition's 42 candidates repeated their 13 keys 42 times, a fifth of a workshop
# page's widget state (issue 11, light pages). host.js ``unpacked`` restores them.
PACKED = ("sc:sleutels", "sc:rijen")


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

    Returns a copy in which our exercise models hold only :data:`HOST_TRAITS`, and
    without the models (their layouts) that only they referred to; other models stay
    as they are.
    """
    state = copy.deepcopy(state)
    kinds = exercise_models(state)
    models = state.get("state", {})
    for model_id in kinds:
        inner = models[model_id]["state"]
        models[model_id]["state"] = {key: inner[key] for key in HOST_TRAITS if key in inner}
        referred = {v[len(_MODEL_REFERENCE):] for v in inner.values() if isinstance(v, str) and v.startswith(_MODEL_REFERENCE)}
        for other in referred - set(kinds):
            if other in models and not _referred_elsewhere(models, other, set(kinds)):
                del models[other]
    return state, kinds


def _referred_elsewhere(models: dict, model_id: str, exercises: set[str]) -> bool:
    reference = _MODEL_REFERENCE + model_id
    return any(reference in json.dumps(model.get("state", {})) for other, model in models.items() if other not in exercises)


def packed(value):
    """``value`` (JSON data) with every list of two or more objects that share their keys
    packed as :data:`PACKED` says, the objects' values packed in turn."""
    if isinstance(value, dict):
        return {key: packed(item) for key, item in value.items()}
    if not isinstance(value, list):
        return value
    items = [packed(item) for item in value]
    if len(items) >= 2 and all(isinstance(item, dict) for item in items):
        keys = list(items[0])
        if all(list(item) == keys for item in items):
            return {PACKED[0]: keys, PACKED[1]: [[item[key] for key in keys] for item in items]}
    return items


def host_stylesheets(kinds) -> list[str]:
    """Names (without ``.css``, in ``FRONTEND``) of the stylesheets a page with these exercise kinds needs."""
    return ["exercise", "host", *sorted(set(kinds))]
