"""Acceptance: a group of 25 scripted trainees downloads answer files from the built book,
and ``sleutelcursus groep`` turns them into a report and CSV with the right figures.

The expected figures are recomputed here from the downloaded files, with the engines
and plain Python; nothing from ``sleutelcursus.workshop*`` is used for that.
"""

from __future__ import annotations

import csv
import io
import json
import shutil
import statistics
import subprocess
import sys
from html.parser import HTMLParser
from pathlib import Path

import pytest

from answerfiles import write_bad_files
from snapshots import snapshot
from sleutelcursus.plugins.registry import registered_specs
from sleutelcursus.exercises import kind_module
from trainees import assert_clean, axe_violations
from webtools import serve_directory, store_answers, watch_page

pytestmark = [pytest.mark.browser, pytest.mark.slow]

PAGES = {
    "rolscan": "course/fase-2/diversiteit.html",
    "zelfscan-ambtenaar": "course/fase-1/kaders.html",
    "netwerk-samenstellen": "course/fase-2/diversiteit.html",
    "voorzitter-kiezen": "course/fase-3/vertrouwen.html",
}
ORDER = list(PAGES)
NICKNAMES = ["Merel", "Vos", "Uil", "Egel", "Das"]
TRAINEES = 25


def nickname(i: int) -> str | None:
    return NICKNAMES[i % 5] if i % 3 == 0 else None


def answers_for(i: int, spec: dict):
    """Deterministic, varied answers of trainee ``i``."""
    if spec["type"] == "questionnaire":
        statements = spec["statements"][: -5 if i % 8 == 4 else None]  # some leave the last five open
        return {s["id"]: 1 + (i * 7 + j * (i % 4 + 1)) % 5 for j, s in enumerate(statements)}
    if spec["type"] == "composition":
        pool = [c["id"] for c in spec["candidates"]]
        return {"selected": [pool[(i * 11 + k * 5) % len(pool)] for k in range(5 + (i * 3) % 14)]}
    steps = {step["id"]: step for step in spec["steps"]}
    path, current = [], spec["start"]
    while current is not None and not (i % 5 == 2 and path):  # some stop after one choice
        choice = steps[current]["choices"][(i + len(path)) % len(steps[current]["choices"])]
        path.append(choice["id"])
        current = choice["next"]
    return {"path": path}


@pytest.fixture(scope="module")
def downloads(browser, book_server, tmp_path_factory) -> Path:
    """25 answer files, each downloaded by its own trainee with the book's real button."""
    base_url, _ = book_server
    folder = tmp_path_factory.mktemp("groep") / "antwoorden"
    folder.mkdir()
    for i in range(TRAINEES):
        exercise_id = ORDER[i % len(ORDER)]
        context = browser.new_context(accept_downloads=True)
        page = context.new_page()
        watch = watch_page(page, base_url)
        page.goto(base_url + PAGES[exercise_id])
        page.wait_for_selector("html[data-sc-exercises=ready]")
        store_answers(page, {exercise_id: answers_for(i, registered_specs()[exercise_id])})
        if nickname(i):
            page.fill(f"#sc-bijnaam-{exercise_id}", nickname(i))
        with page.expect_download() as info:
            page.locator(f".sc-host[data-exercise='{exercise_id}'] button", has_text="Download mijn antwoorden").click()
        info.value.save_as(folder / f"trainee-{i:02d}-{exercise_id}.json")
        assert_clean(watch)
        context.close()
    return folder


def run_groep(folder: Path, out: Path) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, "-m", "sleutelcursus.cli", "groep", str(folder), "--uit", str(out)],
        cwd=out.parent, capture_output=True, text=True,
    )


class _Tables(HTMLParser):
    """Every table of a page: caption -> rows of cell texts (header row included)."""

    def __init__(self):
        super().__init__()
        self.tables, self._rows, self._cell, self._caption = {}, None, None, None

    def handle_starttag(self, tag, attrs):
        if tag == "table":
            self._rows = []
        elif tag == "caption":
            self._caption = ""
        elif tag == "tr":
            self._rows.append([])
        elif tag in ("td", "th") and self._rows is not None:
            self._cell = ""

    def handle_endtag(self, tag):
        if tag in ("td", "th") and self._cell is not None:
            self._rows[-1].append(self._cell.strip())
            self._cell = None
        elif tag == "caption":
            self._key, self._caption = self._caption.strip(), None
        elif tag == "table":
            self.tables[self._key] = self._rows
            self._rows = None

    def handle_data(self, data):
        if self._cell is not None:
            self._cell += data
        elif self._caption is not None:
            self._caption += data


def tables(html: str) -> dict[str, dict[str, list[str]]]:
    """caption -> {first cell of a row: the row's other cells}."""
    parser = _Tables()
    parser.feed(html)
    return {caption: {row[0]: row[1:] for row in rows[1:]} for caption, rows in parser.tables.items()}


def figure(text: str) -> float:
    return float(text.replace(",", "."))


def expected_group(folder: Path) -> dict:
    """Everything the report should say, from the files alone."""
    specs = registered_specs()
    files = sorted(folder.glob("*.json"))
    data = [json.loads(p.read_text(encoding="utf-8")) for p in files]
    results = [kind_module(d["kind"]).compute(specs[d["exercise_id"]], d["answers"]) for d in data]
    labels, anonymous = [], 0
    for d in data:
        if not d["nickname"]:
            anonymous += 1
        labels.append(d["nickname"] or f"Zonder bijnaam {anonymous}")
    return {"files": files, "data": data, "results": results, "labels": labels}


def test_group_report_and_csv_match_figures_recomputed_from_the_downloads(downloads, tmp_path):
    out = tmp_path / "rapport"
    completed = run_groep(downloads, out)
    assert completed.returncode == 0, completed.stderr
    assert completed.stderr == ""
    group = expected_group(downloads)
    specs = registered_specs()
    assert all(d["exported_at"] and d["page"].endswith(PAGES[d["exercise_id"]]) for d in group["data"])
    assert sum(1 for d in group["data"] if d["nickname"]) == 9

    rows = list(csv.DictReader(io.StringIO((out / "groepsresultaten.csv").read_text(encoding="utf-8-sig")), delimiter=";"))
    assert [r["Bestand"] for r in rows] == [p.name for p in group["files"]]
    assert [r["Deelnemer"] for r in rows] == group["labels"]
    for row, d, result in zip(rows, group["data"], group["results"]):
        assert row["Antwoorden"] and row["Uitkomst"] and not row["Uitkomst"].startswith("{")
        assert row["Score van 100 (netwerk samenstellen)"] == (str(result["score"]) if d["kind"] == "composition" else "")
        if d["kind"] == "scenario":
            labels = {c["id"]: c["label"] for step in specs[d["exercise_id"]]["steps"] for c in step["choices"]}
            assert row["Antwoorden"] == " > ".join(labels[choice] for choice in d["answers"]["path"])

    html = (out / "groepsrapport.html").read_text(encoding="utf-8")
    found = tables(html)
    by_exercise = {}
    for d, result, label in zip(group["data"], group["results"], group["labels"]):
        by_exercise.setdefault(d["exercise_id"], []).append((d, result, label))

    # Only scans that show the trainee a profile count in the group's profile.
    profiles = {eid: [r for _, r, _ in by_exercise[eid] if r["ready"]] for eid in ("rolscan", "zelfscan-ambtenaar")}
    roles = found["Rolmix van de groep"]
    for dim in specs["rolscan"]["dimensions"]:
        percents = [p["percent"] for r in profiles["rolscan"] for p in r["profile"] if p["id"] == dim["id"]]
        # A scan whose best score roles share counts for none (tests/test_workshop_ties.py).
        strongest = sum(r["strongest"] == [dim["id"]] for r in profiles["rolscan"])
        mean, top, count = roles[dim["label"]]
        assert figure(mean) == pytest.approx(statistics.mean(percents), abs=0.05)
        assert (int(top), int(count)) == (strongest, len(percents))

    spread = found["Spreiding per kwaliteit (in procenten)"]
    for dim in specs["zelfscan-ambtenaar"]["dimensions"]:
        percents = [p["percent"] for r in profiles["zelfscan-ambtenaar"] for p in r["profile"] if p["id"] == dim["id"]]
        q1, median, q3 = statistics.quantiles(percents, n=4, method="inclusive")
        expected = [len(percents), min(percents), q1, median, q3, max(percents), statistics.mean(percents)]
        assert [figure(cell) for cell in spread[dim["label"]]] == pytest.approx(expected, abs=0.05)

    chair = specs["voorzitter-kiezen"]
    # People, not tries: each trainee counts once per choice and once per step reached.
    chose = {}
    for _, r, label in by_exercise["voorzitter-kiezen"]:
        for s in r["steps"]:
            chose.setdefault(s["choice"], set()).add(label)
    for step in chair["steps"]:
        reached = len(set().union(*(chose.get(c["id"], set()) for c in step["choices"])))
        if reached:
            people = "1 deelnemer maakte" if reached == 1 else f"{reached} deelnemers maakten"
            table = found[f"Keuzes bij '{step['title']}' ({people} hier een keuze)"]
            assert {label: int(cells[1]) for label, cells in table.items()} == {c["label"]: len(chose.get(c["id"], ())) for c in step["choices"]}

    network = specs["netwerk-samenstellen"]
    selections = [set(d["answers"]["selected"]) for d, _, _ in by_exercise["netwerk-samenstellen"]]
    counts = {c["id"]: sum(c["id"] in s for s in selections) for c in network["candidates"]}
    picked = found["Gekozen kandidaten"]
    assert {name: int(cells[2]) for name, cells in picked.items()} == {
        c["naam"]: counts[c["id"]] for c in network["candidates"] if counts[c["id"]]
    }
    size = int(statistics.median(len(s) for s in selections) + 0.5)
    # The most chosen; who of equally often chosen ones is in, the engine decides (test_workshop_ties.py).
    members = [c["id"] for c in network["candidates"] if c["naam"] in picked and picked[c["naam"]][4] == "ja"]
    assert len(members) == size
    assert max(n for cid, n in counts.items() if cid not in members) <= min(counts[cid] for cid in members)
    group_result = kind_module("composition").compute(network, {"selected": members})
    assert int(found["Balans van het groepsnetwerk"]["Totaal"][2]) == group_result["score"]
    assert {label: int(cells[1]) for label, cells in found["Netwerk per deelnemer"].items()} == {
        label: r["score"] for _, r, label in by_exercise["netwerk-samenstellen"]
    }


def test_report_page_passes_axe_and_needs_nothing_from_outside(downloads, tmp_path, browser):
    out = tmp_path / "rapport"
    assert run_groep(downloads, out).returncode == 0
    with serve_directory(out) as base_url:
        page = browser.new_page()
        watch = watch_page(page, base_url)
        page.goto(base_url + "groepsrapport.html")
        assert axe_violations(page) == []
        assert page.locator("svg[role=img]").count() >= 6
        assert_clean(watch)
        page.close()


def test_ten_bad_files_are_reported_and_skipped_and_nothing_changes(downloads, tmp_path):
    folder = tmp_path / "antwoorden"
    shutil.copytree(downloads, folder)
    with_nickname = next(p for p in sorted(folder.glob("*.json")) if json.loads(p.read_text(encoding="utf-8"))["nickname"])
    bad = write_bad_files(folder, good=folder / "trainee-01-zelfscan-ambtenaar.json", older_duplicate_of=with_nickname)
    before = snapshot(folder)
    assert len(before) == 35

    out = tmp_path / "rapport"
    completed = run_groep(folder, out)
    assert completed.returncode == 0, completed.stderr
    lines = completed.stderr.splitlines()
    assert len(lines) == 10
    assert sorted(line.split(":")[0] for line in lines) == sorted(bad)
    rows = list(csv.DictReader(io.StringIO((out / "groepsresultaten.csv").read_text(encoding="utf-8-sig")), delimiter=";"))
    assert len(rows) == TRAINEES and not any(r["Bestand"].startswith("zz-") for r in rows)
    assert "25 antwoordbestand(en) van 5 deelnemer(s) met een bijnaam en 16 bestand(en) zonder bijnaam" in completed.stdout
    assert "10 overgeslagen" in completed.stdout
    assert snapshot(folder) == before
