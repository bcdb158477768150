"""benchmarks/run_all.py reads every benchmark's figures; RESULTS.md is its last table."""

from __future__ import annotations

import re
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "benchmarks"))

import run_all  # noqa: E402

# Helpers other benchmarks import; not benchmarks of their own.
HELPERS = {"run_all.py", "plugin_factory.py"}


def test_run_all_runs_every_benchmark_in_the_folder():
    scripts = {p.name for p in (ROOT / "benchmarks").glob("*.py")} - HELPERS
    assert scripts == set(run_all.SCRIPTS)


def test_a_figure_line_gives_target_measurement_verdict_and_explanation():
    text = (
        "course/x.html: tijd tot eerste feedback, eerste bezoek     536.0 ms  (doel <= 300 ms) TE HOOG\n"
        "    toelichting: de pagina was pas na 480 ms ingelezen\n"
        "course/x.html: script+CSS van de toolkit       23.9 KB  (doel <= 150 KB) OK\n"
        "herbouw zonder wijziging:  3.91 s  (12.6% van schoon; doel < 25%)\n"
    )
    slow, weight, rebuild = run_all.target_lines(text)
    assert (slow.name, slow.target, slow.measured, slow.met) == (
        "course/x.html: tijd tot eerste feedback, eerste bezoek", "<= 300 ms", "536.0 ms", False)
    assert slow.note == "de pagina was pas na 480 ms ingelezen" and slow.timing
    # The verdict is computed from the figures, never read from the script's own word.
    assert weight.met is True and weight.note == "" and not weight.timing
    assert (rebuild.target, rebuild.measured, rebuild.met) == ("< 25%", "12.6% (3.91 s)", True)


def test_results_table_names_machine_and_date_and_explains_every_missed_target():
    text = (ROOT / "benchmarks" / "RESULTS.md").read_text(encoding="utf-8")
    assert re.search(r"Gemaakt met `python benchmarks/run_all.py[^`]*` op \d{4}-\d\d-\d\d \d\d:\d\d", text)
    assert "## Machine" in text and re.search(r"- Processor: .+, \d+ kernen", text)
    rows = [line for line in text.splitlines() if line.startswith("| ") and not line.startswith("| meting")]
    rows = [row for row in rows if not row.startswith("| ---")]
    measured = {row.split(" | ")[0][2:].split(":")[0] for row in rows}
    assert measured == set(run_all.SCRIPTS)
    for row in rows:
        cells = [cell.strip() for cell in row.strip("|").split(" | ")]
        assert len(cells) == 5, row
        if cells[3] == "**nee**":
            assert cells[4], f"doel niet gehaald zonder toelichting: {row}"
