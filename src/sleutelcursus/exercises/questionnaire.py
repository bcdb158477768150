"""Questionnaire (self-assessment): statements on a scale, scored into a profile.

A spec lists *dimensions* (roles or qualities) and *statements*; each statement
weighs on one or more dimensions. The trainee answers every statement on the
scale; :func:`compute` turns the answers into a percentage per dimension, and
names the strongest dimension and the one to grow in once enough is answered.

The browser module ``frontend/questionnaire.js`` has a ``compute`` that returns
exactly the same result, so the operation order below is part of the contract:
change both together.
"""

from __future__ import annotations

import math
from pathlib import Path
from typing import Any, Mapping

from ..errors import SpecError
from . import fields

DEFAULT_SCALE = {
    "min": 1,
    "max": 5,
    "labels": ["Klopt helemaal niet", "Klopt niet", "Neutraal", "Klopt", "Klopt helemaal"],
}
# Weights and scale ends beyond this make no sense on a questionnaire, and keeping
# them small keeps every sum exactly representable in JavaScript too.
MAX_NUMBER = 1000

_SCALE_KEYS = {"min", "max", "labels"}
_DIMENSION_KEYS = {"id", "label", "explanation", "tip"}
_STATEMENT_KEYS = {"id", "text", "weights", "reverse"}


def validate(raw: dict, source: str, base_dir: Path | None = None) -> dict:
    """Check a raw questionnaire spec and return it normalised (defaults filled in).

    Raises :class:`~sleutelcursus.errors.SpecError` naming ``source`` and the field.
    """
    spec = fields.common(raw, source)
    spec["scale"] = _scale(raw.get("scale"), source)
    spec["dimensions"] = _dimensions(raw, source)
    spec["statements"] = _statements(raw, source, [d["id"] for d in spec["dimensions"]])
    _every_dimension_weighed(spec, source)
    spec["conclusion"] = fields.text(raw, "conclusion", source, default="")
    return spec


def _known_keys(obj: Mapping, allowed: set[str], source: str, path: str) -> None:
    # A misspelt optional key ("revers: true") would otherwise be ignored silently and
    # change the scoring without anyone noticing.
    for key in obj:
        if key not in allowed:
            raise SpecError(
                source,
                fields.join(path, str(key)),
                f"onbekend veld; toegestaan zijn: {', '.join(sorted(allowed))}.",
            )


def _integer(obj: Mapping, key: str, source: str, path: str, default: int) -> int:
    value = fields.number(obj, key, source, path, default=default)
    if not isinstance(value, int) or abs(value) > MAX_NUMBER:
        raise SpecError(
            source, fields.join(path, key), f"moet een geheel getal zijn (tussen -{MAX_NUMBER} en {MAX_NUMBER})."
        )
    return value


def _scale(raw: Any, source: str) -> dict:
    raw = fields.mapping({} if raw is None else raw, source, "scale")
    _known_keys(raw, _SCALE_KEYS, source, "scale")
    low = _integer(raw, "min", source, "scale", DEFAULT_SCALE["min"])
    high = _integer(raw, "max", source, "scale", DEFAULT_SCALE["max"])
    if low >= high:
        raise SpecError(source, "scale.max", f"moet groter zijn dan scale.min ({low}), maar is {high}.")
    expected = high - low + 1
    if raw.get("labels") is None:
        if expected != len(DEFAULT_SCALE["labels"]):
            raise SpecError(
                source,
                "scale.labels",
                f"ontbreekt: de standaardlabels passen alleen bij een schaal van 1 tot en met 5. "
                f"Geef {expected} labels, één per stap van {low} tot en met {high}.",
            )
        return {"min": low, "max": high, "labels": list(DEFAULT_SCALE["labels"])}
    labels = []
    for index, label in enumerate(fields.items(raw, "labels", source, "scale")):
        if not isinstance(label, str) or not label.strip():
            raise SpecError(source, fields.join("scale.labels", index), "moet een tekst zijn die niet leeg is.")
        labels.append(label.strip())
    if len(labels) != expected:
        raise SpecError(
            source,
            "scale.labels",
            f"heeft {len(labels)} labels, maar de schaal van {low} tot en met {high} heeft "
            f"{expected} stappen: geef precies één label per stap.",
        )
    return {"min": low, "max": high, "labels": labels}


def _dimensions(raw: Mapping, source: str) -> list[dict]:
    result = []
    for index, item in enumerate(fields.items(raw, "dimensions", source)):
        path = fields.join("dimensions", index)
        item = fields.mapping(item, source, path)
        _known_keys(item, _DIMENSION_KEYS, source, path)
        result.append(
            {
                "id": fields.identifier(item, "id", source, path),
                "label": fields.text(item, "label", source, path),
                "explanation": fields.text(item, "explanation", source, path),
                "tip": fields.text(item, "tip", source, path, default=None),
            }
        )
    fields.unique([d["id"] for d in result], source, "dimensions")
    return result


def _statements(raw: Mapping, source: str, dimension_ids: list[str]) -> list[dict]:
    result = []
    for index, item in enumerate(fields.items(raw, "statements", source)):
        path = fields.join("statements", index)
        item = fields.mapping(item, source, path)
        _known_keys(item, _STATEMENT_KEYS, source, path)
        reverse = item.get("reverse", False)
        if not isinstance(reverse, bool):
            raise SpecError(source, fields.join(path, "reverse"), "moet true of false zijn.")
        result.append(
            {
                "id": fields.identifier(item, "id", source, path),
                "text": fields.text(item, "text", source, path),
                "weights": _weights(item, source, path, dimension_ids),
                "reverse": reverse,
            }
        )
    fields.unique([s["id"] for s in result], source, "statements")
    return result


def _weights(item: Mapping, source: str, path: str, dimension_ids: list[str]) -> dict:
    path = fields.join(path, "weights")
    if item.get("weights") is None:
        raise SpecError(source, path, "ontbreekt: geef minstens één dimensie met een gewicht, bijv. {verbinder: 1}.")
    raw = fields.mapping(item["weights"], source, path)
    if not raw:
        raise SpecError(source, path, "is leeg: geef minstens één dimensie met een gewicht, bijv. {verbinder: 1}.")
    weights = {}
    for key, value in raw.items():
        field = fields.join(path, str(key))
        if key not in dimension_ids:
            raise SpecError(
                source, field, f"onbekende dimensie {key!r}; kies uit {', '.join(dimension_ids)}."
            )
        if isinstance(value, bool) or not isinstance(value, (int, float)):
            raise SpecError(source, field, f"het gewicht moet een getal zijn, niet {value!r}.")
        if not (0 < value <= MAX_NUMBER):
            raise SpecError(
                source, field, f"het gewicht moet groter zijn dan 0 en hoogstens {MAX_NUMBER}, niet {value!r}."
            )
        weights[key] = value
    return weights


def _every_dimension_weighed(spec: dict, source: str) -> None:
    # A dimension without statements would always show "no score": a spec mistake.
    for index, dimension in enumerate(spec["dimensions"]):
        if not any(dimension["id"] in s["weights"] for s in spec["statements"]):
            raise SpecError(
                source,
                fields.join(fields.join("dimensions", index), "id"),
                f"geen enkele stelling weegt mee voor {dimension['id']!r}: "
                "geef een stelling een gewicht op deze dimensie, of haal de dimensie weg.",
            )


def empty_answers(spec: dict) -> dict:
    """No statement answered yet."""
    return {}


def _valid_answers(spec: dict, answers: Any) -> dict:
    """The answers that count: known statement ids with an integer on the scale.

    Anything else (stale ids, text, fractions, booleans) is ignored, because answers
    come from a browser's storage and may predate a change of the spec.
    """
    if not isinstance(answers, Mapping):
        return {}
    low, high = spec["scale"]["min"], spec["scale"]["max"]
    valid = {}
    for statement in spec["statements"]:
        value = answers.get(statement["id"])
        if isinstance(value, bool):
            continue
        # JSON does not tell 3 from 3.0; JavaScript's Number.isInteger accepts both.
        if isinstance(value, float) and value.is_integer() or isinstance(value, int):
            if low <= value <= high:
                valid[statement["id"]] = value
    return valid


def needed_answers(spec: dict) -> int:
    """How many statements must be answered before the scan names a strongest area.

    Half of them, rounded up: one or two answers cannot decide a role.
    """
    return (len(spec["statements"]) + 1) // 2


def compute(spec: dict, answers: Any) -> dict:
    """Score the answers into a profile: one percentage per dimension.

    For dimension d, over the answered statements s with weight w > 0 on d:
    v = max + min - a for a reverse statement, else a;
    percent = floor(100 * Σ w·(v - min) / Σ w·(max - min) + 0.5), or None when
    no statement of d is answered.

    ``remaining`` is how many more answers are needed before the scan draws a
    conclusion: at least :func:`needed_answers`, and one per dimension without a
    score. ``all_lowest`` is true when every answer is the scale's lowest step (the
    scan then says so instead of naming roles). Only when ``ready`` (nothing
    remaining, not all lowest) are ``strongest`` and ``grow`` filled: the ids with the
    highest and with the lowest percentage, several on a tie; ``grow`` stays empty
    when all dimensions score the same.
    """
    low, high = spec["scale"]["min"], spec["scale"]["max"]
    valid = _valid_answers(spec, answers)
    profile = []
    for dimension in spec["dimensions"]:
        num = 0
        den = 0
        for statement in spec["statements"]:
            weight = statement["weights"].get(dimension["id"], 0)
            if statement["id"] not in valid or not weight > 0:
                continue
            answer = valid[statement["id"]]
            value = high + low - answer if statement["reverse"] else answer
            num += weight * (value - low)
            den += weight * (high - low)
        percent = math.floor(100 * num / den + 0.5) if den > 0 else None
        profile.append({"id": dimension["id"], "label": dimension["label"], "percent": percent})
    scored = [p["percent"] for p in profile if p["percent"] is not None]
    unscored = len(profile) - len(scored)
    remaining = max(needed_answers(spec) - len(valid), unscored, 0)
    all_lowest = bool(valid) and all(value == low for value in valid.values())
    ready = remaining == 0 and not all_lowest
    strongest: list[str] = []
    grow: list[str] = []
    if ready:
        best, worst = max(scored), min(scored)
        strongest = [p["id"] for p in profile if p["percent"] == best]
        if worst < best:
            grow = [p["id"] for p in profile if p["percent"] == worst]
    return {
        "profile": profile,
        "strongest": strongest,
        "grow": grow,
        "answered": len(valid),
        "total": len(spec["statements"]),
        "complete": len(valid) == len(spec["statements"]),
        "remaining": remaining,
        "all_lowest": all_lowest,
        "ready": ready,
    }
