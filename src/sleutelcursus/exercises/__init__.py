"""Exercise types (code) and the loading of exercise instances (data).

An exercise *type* is a module in this package with the same three functions:

``validate(raw, source, base_dir) -> dict``
    Check a raw spec (parsed YAML or a dict from a plugin) and return the normalised,
    JSON-serialisable spec. Raises :class:`~sleutelcursus.errors.SpecError` naming the
    source and the field.
``empty_answers(spec) -> answers``
    The answers of a trainee who has not started.
``compute(spec, answers) -> dict``
    The feedback: pure and deterministic. The browser module of the same type
    (``frontend/<type>.js``) exports a ``compute`` that returns the same result.
"""

from __future__ import annotations

from importlib import import_module
from pathlib import Path
from types import ModuleType

KINDS = ("questionnaire", "composition", "scenario")
# What the book calls each type, for everything a user reads (the trainer's CSV, the
# reference of spec files).
KIND_NAMES = {"questionnaire": "vragenlijst", "composition": "netwerk samenstellen", "scenario": "scenario"}
# One browser module per type (anywidget ESM + CSS), and the static host of the book.
FRONTEND = Path(__file__).resolve().parent / "frontend"
# The JSON Schema of each type's spec, written from its model (see ``spec_schema``).
SCHEMA_DIR = Path(__file__).resolve().parent / "schemas"


def kind_module(kind: str) -> ModuleType:
    """Return the module that implements exercise type ``kind``."""
    if kind not in KINDS:
        raise KeyError(kind)
    return import_module(f"{__name__}.{kind}")


def schema_path(kind: str) -> Path:
    """Where the JSON Schema of exercise type ``kind`` is shipped."""
    return SCHEMA_DIR / f"{kind}.schema.json"


def schema_kinds() -> list[str]:
    """The exercise types that ship a JSON Schema, in the order of :data:`KINDS`."""
    return [kind for kind in KINDS if schema_path(kind).is_file()]
