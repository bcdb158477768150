"""A live workshop's group as test data: varied answer-file payloads, and the same as files.

Shared by the tests of :func:`sleutelcursus.workshop.read_payloads`,
:func:`sleutelcursus.workshop.live` and the trainer page. The payloads include what a
real session holds besides plain answers: trainees without a nickname, two trainees who
chose the same nickname (the newest answer counts) and a nickname with markup in it.
"""

from __future__ import annotations

import json
from pathlib import Path

from answerfiles import answer_data, write_json
from sleutelcursus.plugins.registry import registered_specs

EXERCISES = ["rolscan", "netwerk-samenstellen", "voorzitter-kiezen"]
SCRIPT_NICKNAME = "<script>alert(1)</script>"
FORMULA_NICKNAME = "=HYPERLINK(\"http://voorbeeld.nl\")"
NICKNAMES = ["Merel", SCRIPT_NICKNAME, None, "Vos", FORMULA_NICKNAME, None, "merel "]


def answers_for(i: int, spec: dict):
    """Deterministic, varied answers of trainee ``i`` (some incomplete)."""
    if spec["type"] == "questionnaire":
        statements = spec["statements"][: -3 if i % 4 == 3 else None]
        return {s["id"]: 1 + (i * 7 + j * (i % 4 + 1)) % 5 for j, s in enumerate(statements)}
    if spec["type"] == "composition":
        pool = [c["id"] for c in spec["candidates"]]
        return {"selected": sorted({pool[(i * 11 + k * 5) % len(pool)] for k in range(4 + (i * 3) % 12)})}
    steps = {step["id"]: step for step in spec["steps"]}
    path, current = [], spec["start"]
    while current is not None and not (i % 5 == 2 and path):
        choice = steps[current]["choices"][(i + len(path)) % len(steps[current]["choices"])]
        path.append(choice["id"])
        current = choice["next"]
    return {"path": path}


def nickname(i: int) -> str | None:
    return NICKNAMES[i] if i < len(NICKNAMES) else f"Deelnemer-{i}"


def distinct_nickname(i: int) -> str:
    """A nickname of its own for trainee ``i`` (markup and formula ones included): a live
    session tells trainees apart by who joined, answer files only by nickname, so the
    two give the same group only when every trainee has a nickname of their own."""
    return NICKNAMES[i] if NICKNAMES[i:i + 1] and NICKNAMES[i] and i != NICKNAMES.index("merel ") else f"Deelnemer-{i}"


def trainee_payloads(i: int, exercises: list[str] = EXERCISES) -> list[dict]:
    """The payloads trainee ``i`` sends, one per exercise, each a second later than the last."""
    specs = registered_specs()
    return [
        answer_data(eid, answers_for(i, specs[eid]), nickname(i),
                    exported_at=f"2026-11-29T10:{i % 60:02d}:{n:02d}.000Z")
        for n, eid in enumerate(exercises)
    ]


def group_payloads(trainees: int, exercises: list[str] = EXERCISES) -> list[dict]:
    """Every payload of ``trainees`` trainees, trainee by trainee (the server's join order)."""
    return [payload for i in range(trainees) for payload in trainee_payloads(i, exercises)]


def write_as_files(payloads: list[dict], folder: Path) -> Path:
    """Each payload as the answer file the book would download, named so that file-name
    order is the payloads' order."""
    width = len(str(len(payloads)))
    for number, payload in enumerate(payloads, 1):
        write_json(folder / f"antwoorden-{number:0{width}d}.json", payload)
    return folder


def file_names(payloads: list[dict]) -> dict[str, str]:
    """How :func:`write_as_files` names each payload in a problem line, by the live name."""
    width = len(str(len(payloads)))
    return {f"antwoord {n} van de sessie": f"antwoorden-{n:0{width}d}.json" for n in range(1, len(payloads) + 1)}


def as_file_lines(lines: list[str], payloads: list[dict]) -> list[str]:
    """Live problem lines with each payload's name replaced by its file's name."""
    names = file_names(payloads)
    out = []
    for line in lines:
        for live_name, file_name in names.items():
            line = line.replace(live_name, file_name)
        out.append(line)
    return out


def json_copy(value):
    """``value`` after a JSON round trip, as it comes over HTTP."""
    return json.loads(json.dumps(value))
