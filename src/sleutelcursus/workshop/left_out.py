"""Answers a file holds that do not count, though the rest of the file does.

A browser only ever stores answers the engine takes. A hand-edited answer file can hold
more: a 9 on a scale of 1 to 5, text where a number belongs. The engine leaves such a
value out (the statement counts as unanswered) and so does the group report, but not
silently: each file gets one Dutch warning line naming the file and the fields, and
the report says how many values were left out (:func:`annotate`).
"""

from __future__ import annotations

import json
from typing import Any

import pandas as pd

from ..errors import format_warning
from ..exercises import questionnaire

LONGEST_VALUE = 20


def left_out(spec: dict, answers: Any) -> dict[str, Any]:
    """Field (``answers.<id>``) -> value of each answer that does not count, in spec order.

    Only questionnaires have values that can fall outside what the exercise knows; a
    composition or scenario already says what it ignores in its own result.
    """
    if spec["type"] != "questionnaire":
        return {}
    return {f"answers.{sid}": value for sid, value in questionnaire.off_scale(spec, answers).items()}


def _shown(value: Any) -> str:
    text = json.dumps(value, ensure_ascii=False)
    return text if len(text) <= LONGEST_VALUE else text[:LONGEST_VALUE - 1] + "…"


def warning_line(name: str, spec: dict, fields: dict[str, Any]) -> str:
    """The one line about a file's values that do not count (``fields`` from :func:`left_out`)."""
    low, high = spec["scale"]["min"], spec["scale"]["max"]
    one = len(fields) == 1
    named = " en ".join(f"veld '{field}' ({_shown(value)})" for field, value in fields.items())
    return format_warning(
        f"{named} {'ligt' if one else 'liggen'} niet op de schaal (hele getallen van {low} tot en met {high}) "
        f"en {'telt' if one else 'tellen'} niet mee; de rest van het bestand telt wel.", file=name)


def annotate(frame: pd.DataFrame, rows: list[tuple[str, dict, Any]]) -> None:
    """Keep in ``frame.attrs`` what the rows (name, spec, answers) hold that does not count:
    ``weggelaten`` (how many values) and ``waarschuwingen`` (one line per file, in order)."""
    found = [(name, spec, fields) for name, spec, answers in rows if (fields := left_out(spec, answers))]
    frame.attrs["weggelaten"] = sum(len(fields) for _, _, fields in found)
    frame.attrs["waarschuwingen"] = [warning_line(name, spec, fields) for name, spec, fields in found]
