"""The exercise instances available to the book: national specs (and, later, plugins')."""

from __future__ import annotations

import functools

from .errors import SpecError
from .exercises.loader import load_spec_file, national_spec_files


@functools.lru_cache(maxsize=None)
def national_specs() -> dict[str, dict]:
    """Every national spec by id, validated once per process."""
    specs: dict[str, dict] = {}
    for path in national_spec_files():
        spec = load_spec_file(path)
        if spec["id"] in specs:
            raise SpecError(str(path), "id", f"id {spec['id']!r} wordt al gebruikt.")
        specs[spec["id"]] = spec
    return specs


def get_spec(exercise_id: str) -> dict:
    """The validated spec of ``exercise_id``; a clear error when unknown."""
    specs = national_specs()
    try:
        return specs[exercise_id]
    except KeyError:
        known = ", ".join(sorted(specs)) or "geen"
        raise SpecError(exercise_id, "id", f"onbekende oefening; bekend zijn: {known}.") from None
