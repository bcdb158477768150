"""Answer files as the book's "Download mijn antwoorden" makes them, and bad ones.

Shared by the workshop tests and ``benchmarks/workshop.py``. Good files follow
``frontend/host.js`` (``exportAnswers``) field for field; the bad ones are the kinds a
trainer meets when collecting files from a group.
"""

from __future__ import annotations

import json
from pathlib import Path

from sleutelcursus.workshop.answerfile import SCHEMA, SCHEMA_VERSION
from sleutelcursus.plugins.registry import registered_specs
from sleutelcursus.exercises import kind_module


def answer_data(exercise_id: str, answers, nickname: str | None = None,
                exported_at: str = "2025-03-04T10:00:00.000Z", result: dict | None = None,
                progress: dict | None = None) -> dict:
    """The content of one answer file; ``result`` is computed by the engine unless given;
    ``progress`` only when given (files made before it was added have none)."""
    spec = registered_specs()[exercise_id]
    if result is None:
        result = kind_module(spec["type"]).compute(spec, answers)
    return {
        "schema": SCHEMA,
        "schema_version": SCHEMA_VERSION,
        "exercise_id": exercise_id,
        "kind": spec["type"],
        "title": spec["title"],
        "spec_version": spec["version"],
        "page": "/course/oefening.html",
        "exported_at": exported_at,
        "nickname": nickname,
        "answers": answers,
        "result": result,
        **({"progress": progress} if progress is not None else {}),
    }


def write_json(path: Path, data) -> Path:
    """Write ``data`` the way the browser does (two-space indent)."""
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(json.dumps(data, indent=2, ensure_ascii=False), encoding="utf-8")
    return path


def write_group(folder: Path, names: list[str]) -> Path:
    """A group with, per name, a role scan, a self-scan and a network of 8 or more
    candidates (growing with each name); one off-scale value in the first role scan."""
    candidates = [c["id"] for c in registered_specs()["netwerk-samenstellen"]["candidates"]]
    for i, name in enumerate(names):
        write_json(folder / f"zelf-{name}.json",
                   answer_data("zelfscan-ambtenaar", {f"z{j:02d}": 1 + (i + j) % 5 for j in range(1, 21)}, name))
        roles = {f"r{j:02d}": 1 + (i * 3 + j) % 5 for j in range(1, 21)}
        write_json(folder / f"rol-{name}.json", answer_data("rolscan", {**roles, "r20": 9} if i == 0 else roles, name))
        write_json(folder / f"net-{name}.json",
                   answer_data("netwerk-samenstellen", {"selected": candidates[i:2 * i + 8]}, name))
    return folder


def write_bad_files(folder: Path, good: Path, older_duplicate_of: Path) -> list[str]:
    """Write one file of each bad kind into ``folder``; return their names.

    ``good`` is a valid answer file to truncate and copy; ``older_duplicate_of`` a valid
    file with a nickname, of which an older version is written.
    """
    text = good.read_text(encoding="utf-8")
    data = json.loads(text)
    older = json.loads(older_duplicate_of.read_text(encoding="utf-8"))
    older["exported_at"] = "2000-01-01T00:00:00.000Z"
    files = {
        "zz-notities.json": "Dit zijn mijn aantekeningen, geen JSON.",
        "zz-leeg.json": "",
        "zz-afgebroken.json": text[: len(text) // 2],
        "zz-afgebroken-kort.json": text[:40],
        "zz-package.json": json.dumps({"name": "mijn-site", "version": "1.0.0", "dependencies": {}}),
        "zz-schemaversie-2.json": json.dumps({**data, "schema_version": 2}),
        "zz-onbekende-oefening.json": json.dumps({**data, "exercise_id": "bestaat-niet"}),
        "zz-verkeerd-type.json": json.dumps({**data, "kind": "scenario" if data["kind"] != "scenario" else "composition"}),
        "zz-kopie.json": text,
        "zz-ouder.json": json.dumps(older),
    }
    for name, content in files.items():
        (folder / name).write_text(content, encoding="utf-8")
    return list(files)
