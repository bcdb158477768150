"""Answers a file holds that do not count, though the rest of the file does.

A browser only ever stores answers the engine takes. A hand-edited answer file can hold
more: a 9 on a scale of 1 to 5, text where a number belongs. The engine leaves such a
value out (the statement counts as unanswered) and so does the group report, but not
silently: each file gets one Dutch warning line naming the file and each statement as
a trainer knows it (its number, id and the start of its text), and the report lists the
same per file (:func:`annotate`).
"""

from __future__ import annotations

import json
from typing import Any

import pandas as pd

from ..errors import format_warning
from ..exercises import questionnaire

LONGEST_VALUE = 20
LONGEST_STATEMENT = 40


def left_out(spec: dict, answers: Any) -> dict[str, Any]:
    """Statement id -> value of each answer that does not count, in spec order.

    Only questionnaires have values that can fall outside what the exercise knows; a
    composition or scenario already says what it ignores in its own result.
    """
    if spec["type"] != "questionnaire":
        return {}
    return questionnaire.off_scale(spec, answers)


def _short(text: str, longest: int) -> str:
    if len(text) <= longest:
        return text
    cut = text[:longest - 1]
    # A statement is cut after a whole word, so the trainer recognises its start.
    return (cut.rsplit(" ", 1)[0] if " " in cut else cut).rstrip(" ,;:") + "…"


def described(spec: dict, fields: dict[str, Any]) -> list[str]:
    """Each value left out as a trainer finds it in the questionnaire:
    ``het antwoord 9 bij stelling 3 (z03: "Ik verdiep me in de gewoonten…")``."""
    numbers = {s["id"]: (i, s["text"]) for i, s in enumerate(spec["statements"], 1)}
    return [f"het antwoord {_short(json.dumps(value, ensure_ascii=False), LONGEST_VALUE)} bij stelling "
            f"{numbers[sid][0]} ({sid}: \"{_short(numbers[sid][1], LONGEST_STATEMENT)}\")"
            for sid, value in fields.items()]


def warning_line(name: str, spec: dict, fields: dict[str, Any]) -> str:
    """The one line about a file's values that do not count (``fields`` from :func:`left_out`)."""
    low, high = spec["scale"]["min"], spec["scale"]["max"]
    one = len(fields) == 1
    named = " en ".join(described(spec, fields))
    return format_warning(
        f"{named} {'ligt' if one else 'liggen'} niet op de schaal (hele getallen van {low} tot en met {high}) "
        f"en {'telt' if one else 'tellen'} niet mee; de rest van het bestand telt wel.", file=name)


def annotate(frame: pd.DataFrame, rows: list[tuple[str, dict, Any]]) -> None:
    """Keep in ``frame.attrs`` what the rows (name, spec, answers) hold that does not count:
    ``weggelaten`` (how many values), ``waarschuwingen`` (one line per file, in order) and
    ``weggelaten_per_bestand`` (per file: ``bestand``, ``oefening`` id and ``titel``, ``waarden`` from
    :func:`described`, for the report)."""
    found = [(name, spec, fields) for name, spec, answers in rows if (fields := left_out(spec, answers))]
    frame.attrs["weggelaten"] = sum(len(fields) for _, _, fields in found)
    frame.attrs["waarschuwingen"] = [warning_line(name, spec, fields) for name, spec, fields in found]
    frame.attrs["weggelaten_per_bestand"] = [
        {"bestand": name, "oefening": spec["id"], "titel": spec["title"], "waarden": described(spec, fields)} for name, spec, fields in found]
