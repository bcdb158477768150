"""Reading and summarising a very large group's answer files.

Run from the repository root:  python benchmarks/workshop.py [--files N]

Writes N (default 10,000) valid, varied answer files across the national exercises into
a temporary folder, then times three times (median) reading them all
(``read_answers``) plus every group summary of the report; the target is under 5 s.
The whole ``sleutelcursus groep`` path (reading, summaries, HTML and CSV) is timed once
as well, for information.

Answers are drawn at random per file (questionnaires and networks are nearly all
different; scenario paths repeat, as in a real group); to keep generation quick the
engines compute a result once per distinct answer set. Every file has its own moment
of download and a third have a nickname of their own, so no file is a duplicate. The
reader computes every file's result again, like for any group.
"""

from __future__ import annotations

import argparse
import json
import random
import statistics
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "tests"))

from answerfiles import answer_data  # noqa: E402

TARGET_SECONDS = 5.0
NATIONAL = ROOT / "src" / "sleutelcursus" / "data"


def random_answers(spec: dict, rng: random.Random):
    if spec["type"] == "questionnaire":
        statements = spec["statements"][: rng.randint(len(spec["statements"]) // 2, len(spec["statements"]))]
        return {s["id"]: rng.randint(1, 5) for s in statements}
    if spec["type"] == "composition":
        pool = [c["id"] for c in spec["candidates"]]
        return {"selected": rng.sample(pool, rng.randint(3, 20))}
    steps = {step["id"]: step for step in spec["steps"]}
    path, current = [], spec["start"]
    while current is not None and rng.random() > 0.1:
        choice = rng.choice(steps[current]["choices"])
        path.append(choice["id"])
        current = choice["next"]
    return {"path": path}


def generate(folder: Path, count: int) -> None:
    from sleutelcursus.plugins.registry import registered_specs
    from sleutelcursus.exercises import kind_module

    rng = random.Random(20250304)
    specs = registered_specs()
    ids = sorted(p.stem for p in NATIONAL.glob("*.yaml"))  # the national exercises, not a plugin's
    results: dict[tuple[str, str], dict] = {}
    for i in range(count):
        exercise_id = ids[i % len(ids)]
        spec = specs[exercise_id]
        answers = random_answers(spec, rng)
        key = (exercise_id, json.dumps(answers, sort_keys=True))
        if key not in results:
            results[key] = kind_module(spec["type"]).compute(spec, answers)
        moment = f"2025-03-{1 + i % 28:02d}T{i % 24:02d}:{i % 60:02d}:{(i * 7) % 60:02d}.{i % 1000:03d}Z"
        nickname = f"Bijnaam {i}" if i % 3 == 0 else None
        data = answer_data(exercise_id, answers, nickname, moment, results[key])
        (folder / f"antwoorden-{i:05d}-{exercise_id}.json").write_text(
            json.dumps(data, indent=2, ensure_ascii=False), encoding="utf-8"
        )
    distinct = len(results)
    print(f"{count} antwoordbestanden gemaakt, {distinct} verschillende antwoordsets")


def read_and_summarise(folder: Path) -> tuple[int, int]:
    from sleutelcursus.workshop import summaries
    from sleutelcursus.workshop import read_answers

    df, problems = read_answers(folder)
    summaries.role_mix(df)
    summaries.self_scan_spread(df)
    for exercise_id in df.loc[df["soort"] == "scenario", "oefening"].unique():
        summaries.scenario_choices(df, exercise_id)
    summaries.candidate_choices(df)
    summaries.group_network(df)
    summaries.composition_scores(df)
    return len(df), len(problems)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--files", type=int, default=10_000, help="number of answer files (default 10,000)")
    args = parser.parse_args()
    from sleutelcursus.plugins.registry import registered_specs
    from sleutelcursus.workshop.report import group_report

    registered_specs()  # loading the plugins is not part of reading
    with tempfile.TemporaryDirectory(prefix="sleutelcursus-bench-") as tmp:
        folder = Path(tmp) / "antwoorden"
        folder.mkdir()
        generate(folder, args.files)
        times, cpu = [], []
        for _ in range(3):
            started, started_cpu = time.perf_counter(), time.process_time()
            loaded, skipped = read_and_summarise(folder)
            times.append(time.perf_counter() - started)
            cpu.append(time.process_time() - started_cpu)
        if (loaded, skipped) != (args.files, 0):
            print(f"FOUT: {loaded} gelezen en {skipped} overgeslagen, verwacht {args.files} en 0")
            return 1
        median = statistics.median(times)
        verdict = "OK" if median < TARGET_SECONDS else "TE LANGZAAM"
        print(f"lezen + groepsoverzichten van {loaded} bestanden: {median:.2f} s "
              f"(mediaan van 3; doel < {TARGET_SECONDS:g} s) {verdict}")
        # On a busy machine the clock also counts other work; the CPU time does not.
        print(f"  processortijd: {statistics.median(cpu):.2f} s (mediaan van 3)")
        started = time.perf_counter()
        report = group_report(folder, Path(tmp) / "rapport")
        print(f"ter informatie, heel 'sleutelcursus groep' (ook HTML en CSV): {time.perf_counter() - started:.2f} s, "
              f"rapport {report.html.stat().st_size / 1024:.0f} KB, CSV {report.csv.stat().st_size / 1024:.0f} KB")
    return 0


if __name__ == "__main__":
    sys.exit(main())
