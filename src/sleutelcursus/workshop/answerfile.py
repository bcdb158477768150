"""The answer file a trainee downloads from the book ("Download mijn antwoorden").

Schema ``sleutelcursus-antwoorden``, version 1 — one JSON object:

=================  ==========================================================
``schema``         ``"sleutelcursus-antwoorden"``
``schema_version`` ``1``
``exercise_id``    id of the exercise instance, e.g. ``"rolscan"``
``kind``           ``"questionnaire"``, ``"composition"`` or ``"scenario"``
``title``          the exercise's title when the file was made
``spec_version``   the spec's ``version`` when the file was made
``page``           path of the book page it was made on
``exported_at``    ISO 8601 time (UTC) of the download
``nickname``       the nickname the trainee typed, or ``null`` (no names otherwise)
``answers``        the answers, in the format of the exercise type
``result``         the feedback the browser computed for those answers
``progress``       how far the answers go (below); missing in files made
                   before it was added, which stay valid
=================  ==========================================================

``progress`` reads the same for every exercise type: ``answered`` (statements answered,
scenario choices made, candidates picked), ``remaining`` (the fewest further answers
that finish the exercise: statements not answered, choices to the scenario's nearest
end, candidates still needed for the smallest network) and ``done`` (``remaining`` is
0). It is what tells a partly done exercise from a finished one. A questionnaire's
``result`` has a ``remaining`` of its own, with another meaning: how many more answers
the scan needs before it names a strongest area (half of the statements suffice).

The browser side is ``frontend/host.js`` (``exportAnswers``, ``answerFileName``: files
are named ``<exercise>-<nickname>-<date>-<time>.json``, e.g.
``rolscan-anna-2026-11-29-1432.json``, for sorting only: nothing reads the name) and
``frontend/answerstore.js`` (``progressOf``); this module reads such files back, for
trainers and tests.
"""

from __future__ import annotations

import json
import math
from datetime import datetime
from pathlib import Path
from typing import Any

from ..errors import SleutelcursusError
from ..exercises import KINDS

SCHEMA = "sleutelcursus-antwoorden"
SCHEMA_VERSION = 1
FIELDS = {
    "schema": str,
    "schema_version": int,
    "exercise_id": str,
    "kind": str,
    "title": str,
    "spec_version": int,
    "page": str,
    "exported_at": str,
    "nickname": (str, type(None)),
    "answers": (dict, list),
    "result": dict,
}


# Real answers are a few levels deep; deeper ones are not ours, and walking them
# (engines, JSON output) could exhaust Python's recursion limit.
MAX_DEPTH = 32
DEEP = "te diep geneste JSON; dit is geen antwoordbestand van de cursus."
# Spec versions are small counters; the table keeps them as int64.
MAX_VERSION = 2**31 - 1


class AnswerFileError(SleutelcursusError):
    """An answer file that cannot be read: the message names the file and the field."""


def parse_answer_file(content: str | bytes, source: str = "<antwoorden>") -> dict[str, Any]:
    """Check an answer file's text and return its data.

    :raises AnswerFileError: one Dutch line naming ``source`` and what is wrong
    """
    def fail(message: str) -> AnswerFileError:
        return AnswerFileError(message, file=source)

    try:
        data = json.loads(content, parse_constant=_refuse_constant, parse_float=_finite_float)
    except (ValueError, UnicodeDecodeError):
        raise fail("geen geldig JSON-bestand (afgebroken of ander bestand?).") from None
    except RecursionError:
        raise fail(DEEP) from None
    if not isinstance(data, dict) or data.get("schema") != SCHEMA:
        raise fail(f"dit is geen antwoordbestand van de cursus (het hoort niet bij een oefening).")
    if data.get("schema_version") != SCHEMA_VERSION:
        raise fail(f"schemaversie {data.get('schema_version')!r} wordt niet ondersteund (verwacht {SCHEMA_VERSION}).")
    for name, kind in FIELDS.items():
        if name not in data:
            raise fail(f"veld '{name}' ontbreekt.")
        if isinstance(data[name], bool) or not isinstance(data[name], kind):
            raise fail(f"veld '{name}' heeft een verkeerd type.")
    # Only the answers travel on (engines, CSV); the file's own result is never used.
    if _depth(data["answers"]) > MAX_DEPTH:
        raise fail(DEEP)
    if not 0 <= data["spec_version"] <= MAX_VERSION:
        raise fail("veld 'spec_version' is geen geldige versie.")
    if "progress" in data and not _is_progress(data["progress"]):
        raise fail("veld 'progress' heeft een verkeerde vorm.")
    if data["kind"] not in KINDS:
        raise fail(f"veld 'kind': onbekend type {data['kind']!r}.")
    try:
        datetime.fromisoformat(data["exported_at"].replace("Z", "+00:00"))
    except ValueError:
        raise fail("veld 'exported_at' is geen tijdstip.") from None
    return data


def _is_progress(value) -> bool:
    """Whether ``value`` is a ``progress`` block: ``done`` true or false, ``answered`` and
    ``remaining`` whole numbers from 0, ``done`` exactly when nothing remains."""
    if not isinstance(value, dict) or set(value) != {"done", "answered", "remaining"}:
        return False
    counts = [value["answered"], value["remaining"]]
    if not all(isinstance(n, int) and not isinstance(n, bool) and n >= 0 for n in counts):
        return False
    return value["done"] is (value["remaining"] == 0)


def _refuse_constant(name: str):
    # Python's json reads NaN and Infinity, which are not JSON and not an answer.
    raise ValueError(name)


def _finite_float(text: str) -> float:
    value = float(text)
    if not math.isfinite(value):  # 1e400 reads as infinity
        raise ValueError(text)
    return value


def _depth(value) -> int:
    """How deeply lists and objects nest in ``value``, counted up to just past
    ``MAX_DEPTH`` (level by level, without recursion: any depth is safe)."""
    depth, level = 0, [value]
    while depth <= MAX_DEPTH:
        level = [item for item in level if isinstance(item, (dict, list))]
        if not level:
            break
        depth += 1
        level = [child for item in level for child in (item.values() if isinstance(item, dict) else item)]
    return depth
