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
from typing import Annotated, Any, Literal, Mapping, Optional

from pydantic import Field, WrapValidator

from ..errors import SpecError
from . import fields
from .spec_schema import ExerciseSpec, Id, SpecModel, Text, parse

DEFAULT_SCALE = {
    "min": 1,
    "max": 5,
    "labels": ["Klopt helemaal niet", "Klopt niet", "Neutraal", "Klopt", "Klopt helemaal"],
}
# Weights and scale ends beyond this make no sense on a questionnaire, and keeping
# them small keeps every sum exactly representable in JavaScript too.
MAX_NUMBER = 1000


def _keep_integers(value: Any, handler: Any) -> Any:
    # A weight written as 2 stays 2 (not 2.0), so the spec reads back as it was written.
    result = handler(value)
    return value if type(value) is int else result


Weight = Annotated[float, Field(gt=0, le=MAX_NUMBER, allow_inf_nan=False), WrapValidator(_keep_integers)]
ScaleEnd = Annotated[int, Field(ge=-MAX_NUMBER, le=MAX_NUMBER)]


class Scale(SpecModel):
    min: ScaleEnd = Field(DEFAULT_SCALE["min"], description="Laagste antwoord van de schaal.", examples=[0])
    max: ScaleEnd = Field(DEFAULT_SCALE["max"], description="Hoogste antwoord van de schaal.", examples=[2])
    labels: Optional[list[Text]] = Field(
        None, min_length=1,
        description="Eén label per stap, van min tot en met max. Zonder labels: de vijf standaardlabels "
        "(alleen bij een schaal van 1 tot en met 5).",
        examples=[["Nooit", "Soms", "Vaak"]],
    )


class Dimension(SpecModel):
    id: Id = Field(description="Vaste naam van de dimensie (rol of kwaliteit).", examples=["verbinder"])
    label: Text = Field(description="Naam van de dimensie zoals de deelnemer hem ziet.", examples=["Verbinder"])
    explanation: Text = Field(description="Uitleg bij de dimensie in de uitslag.",
                              examples=["Een verbinder kent veel mensen, in de wijk en bij de gemeente."])
    tip: Optional[Text] = Field(None, description="Tip om in deze dimensie te groeien.",
                                examples=["Ga naar een activiteit van een groep die je nog niet kent."])


class Statement(SpecModel):
    hints = {
        ("weights", "missing"): "ontbreekt: geef minstens één dimensie met een gewicht, bijv. {verbinder: 1}.",
        ("weights", "too_short"): "is leeg: geef minstens één dimensie met een gewicht, bijv. {verbinder: 1}.",
    }
    id: Id = Field(description="Vaste naam van de stelling; het antwoord wordt hieronder bewaard.", examples=["s1"])
    text: Text = Field(description="De stelling.", examples=["Ik ken mensen in veel verschillende groepen."])
    weights: dict[str, Weight] = Field(
        min_length=1,
        description=f"Per dimensie (id) hoe zwaar de stelling meetelt: een getal groter dan 0 en hoogstens {MAX_NUMBER}.",
        examples=[{"verbinder": 1, "doener": 0.5}],
    )
    reverse: bool = Field(False, description="Omgekeerde stelling: een hoog antwoord telt laag.", examples=[True])


class Spec(ExerciseSpec):
    type: Literal["questionnaire"] = Field(description="Het soort oefening: een vragenlijst (zelfscan).", examples=["questionnaire"])
    scale: Scale = Field(default_factory=Scale, description="De antwoordschaal.")
    dimensions: list[Dimension] = Field(min_length=1, description="De rollen of kwaliteiten van het profiel.")
    statements: list[Statement] = Field(min_length=1, description="De stellingen die de deelnemer beantwoordt.")
    conclusion: Text = Field("", description="Slottekst onder de uitslag.",
                             examples=["Bespreek je uitslag met een collega."])


def validate(raw: dict, source: str, base_dir: Path | None = None) -> dict:
    """Check a raw questionnaire spec and return it normalised (defaults filled in).

    Raises :class:`~sleutelcursus.errors.SpecError` naming ``source`` and the field.
    """
    spec = parse(Spec, {"type": "questionnaire", **raw}, source).model_dump(exclude={"type"})
    spec["scale"] = _scale(spec["scale"], source)
    dimension_ids = [d["id"] for d in spec["dimensions"]]
    fields.unique(dimension_ids, source, "dimensions")
    fields.unique([s["id"] for s in spec["statements"]], source, "statements")
    for index, statement in enumerate(spec["statements"]):
        for key in statement["weights"]:
            if key not in dimension_ids:
                raise SpecError(
                    source, f"statements[{index}].weights.{key}",
                    f"onbekende dimensie {key!r}; kies uit {', '.join(dimension_ids)}.",
                )
    _every_dimension_weighed(spec, source)
    return spec


def _scale(scale: dict, source: str) -> dict:
    low, high = scale["min"], scale["max"]
    if low >= high:
        raise SpecError(source, "scale.max", f"moet groter zijn dan scale.min ({low}), maar is {high}.")
    expected = high - low + 1
    labels = scale["labels"]
    if labels is None:
        if expected != len(DEFAULT_SCALE["labels"]):
            raise SpecError(
                source,
                "scale.labels",
                f"ontbreekt: de standaardlabels passen alleen bij een schaal van 1 tot en met 5. "
                f"Geef {expected} labels, één per stap van {low} tot en met {high}.",
            )
        labels = list(DEFAULT_SCALE["labels"])
    if len(labels) != expected:
        raise SpecError(
            source,
            "scale.labels",
            f"heeft {len(labels)} labels, maar de schaal van {low} tot en met {high} heeft "
            f"{expected} stappen: geef precies één label per stap.",
        )
    return {"min": low, "max": high, "labels": labels}


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


def off_scale(spec: dict, answers: Any) -> dict:
    """The answers of known statements that do not count (value given, but not a step of
    the scale: a 9 on a 1-5 scale, text, a fraction), by statement id, in spec order.

    A browser never writes these; a hand-edited answer file can. Unknown ids are left
    out here: they come from an older version of the spec, not from editing.
    """
    if not isinstance(answers, Mapping):
        return {}
    valid = _valid_answers(spec, answers)
    return {s["id"]: answers[s["id"]] for s in spec["statements"]
            if answers.get(s["id"]) is not None and s["id"] not in valid}


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
