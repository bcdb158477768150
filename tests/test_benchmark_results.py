"""benchmarks/run_all.py reads every benchmark's figures; RESULTS.md is its last table."""

from __future__ import annotations

import re
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "benchmarks"))

import plugins  # noqa: E402
import run_all  # noqa: E402

# Helpers other benchmarks import; not benchmarks of their own.
HELPERS = {"run_all.py", "plugin_factory.py", "page_timing.py"}


def test_run_all_runs_every_benchmark_in_the_folder():
    scripts = {p.name for p in (ROOT / "benchmarks").glob("*.py")} - HELPERS
    assert scripts == set(run_all.SCRIPTS)


def test_a_figure_line_gives_target_measurement_verdict_and_explanation():
    text = (
        "course/x.html: tijd tot eerste feedback, eerste bezoek     536.0 ms  (doel <= 300 ms) TE HOOG\n"
        "    toelichting: de pagina was pas na 480 ms ingelezen\n"
        "course/x.html: script+CSS van de toolkit       23.9 KB  (doel <= 150 KB) OK\n"
        "herbouw zonder wijziging:  3.91 s  (12.6% van schoon; doel < 25%)\n"
        "course/x.html: met/zonder thema, tijd tot eerste feedback bij eerste bezoek      1.42 x   (doel <= 1.3 x) TE HOOG\n"
        "    toelichting: met thema 410 ms, zonder thema 289 ms\n"
    )
    slow, weight, rebuild, ratio = run_all.target_lines(text)
    assert (slow.name, slow.target, slow.measured, slow.met) == (
        "course/x.html: tijd tot eerste feedback, eerste bezoek", "<= 300 ms", "536.0 ms", False)
    assert slow.note == "de pagina was pas na 480 ms ingelezen" and slow.timing
    # The verdict is computed from the figures, never read from the script's own word.
    assert weight.met is True and weight.note == "" and not weight.timing
    assert (rebuild.target, rebuild.measured, rebuild.met) == ("< 25%", "12.6% (3.91 s)", True)
    # A ratio of two timings depends on the machine's load as much as the timings do.
    assert (ratio.target, ratio.measured, ratio.met, ratio.timing) == ("<= 1.3 x", "1.42 x", False, True)
    assert ratio.note == "met thema 410 ms, zonder thema 289 ms"


def build(count: int, pages: int, cpu: float, links: int) -> plugins.Build:
    return plugins.Build(count, pages, wall=cpu, cpu=cpu, others=0.0, links=links, html_mb=pages / 10)


def test_plugin_growth_is_judged_on_the_marginal_cost_per_page_and_names_where_it_turns(capsys):
    # The average per page falls throughout (a fixed cost of 30 s), while the
    # marginal cost rises from 0.1 to 0.2 and then 0.4 s per page.
    rows = [build(0, 30, 30.0, 27), build(20, 130, 40.0, 127), build(50, 280, 70.0, 277), build(100, 530, 170.0, 527)]
    without = build(100, 530, 85.0, 0)
    plugins.verdict(rows, without)
    figures = run_all.parse_plugins(capsys.readouterr().out)
    by_name = {f.name.split(":")[0].split(",")[0]: f for f in figures}
    last = by_name["marginale cpu-tijd per extra pagina bij 50→100 plugins"]
    assert (last.target, last.measured, last.met) == ("<= 125%", "400% (0.400 s)", False)
    assert "527 links" in last.note and "85.0 s van 170.0 s" in last.note
    bare = by_name["marginale cpu-tijd per extra pagina zonder zijbalk"]
    assert (bare.measured, bare.met) == ("110% (0.110 s)", True)
    turn = by_name["groei wordt bovenlineair vanaf"]
    assert turn.measured.startswith("20→50 plugins (130→280 pagina's)") and turn.timing
    assert "85.0 s cpu van 170.0 s (50%)" in by_name["oorzaak"].measured


def test_linear_growth_passes_and_says_it_did_not_turn(capsys):
    rows = [build(0, 30, 30.0, 27), build(20, 130, 40.0, 127), build(50, 280, 55.5, 277)]
    plugins.verdict(rows, None)
    figures = run_all.parse_plugins(capsys.readouterr().out)
    assert [f.met for f in figures] == [True, None]
    assert figures[1].measured == "niet binnen 280 pagina's"


def test_every_timing_notes_the_load_of_other_processes():
    quiet, busy = run_all.load_note(0.05), run_all.load_note(0.6)
    assert quiet == "andere processen gebruikten 5% van de processortijd"
    assert run_all.explanation(quiet) == ""
    assert run_all.explanation(f"de pagina was traag; {quiet}") == "de pagina was traag"
    assert "machine druk" in run_all.explanation(busy)


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
            assert run_all.explanation(cells[4]), f"doel niet gehaald zonder toelichting: {row}"


def test_results_table_holds_the_honest_figures():
    """Engine cold and warm, first feedback after an answer, the plugin verdict on the
    marginal cost and its cause; every timing with the load of other processes."""
    text = (ROOT / "benchmarks" / "RESULTS.md").read_text(encoding="utf-8")
    rows = [line for line in text.splitlines() if line.startswith("| ") and not line.startswith(("| meting", "| ---"))]
    names = [row.split(" | ")[0][2:] for row in rows]
    for expected in ("Python-engine samenstellen, 10.000 kandidaten, eerste aanroep",
                     "Python-engine samenstellen, 10.000 kandidaten, herhaalde aanroep",
                     "tijd tot eerste feedback, vanaf de vorige pagina", "tijd tot eerste feedback, eerste bezoek"):
        assert any(expected in name for name in names), expected
    if not re.search(r"^\| plugins\.py \| — \| overgeslagen \|", text, re.M):  # run_all.py --snel
        for expected in ("plugins.py: marginale cpu-tijd per extra pagina bij", "plugins.py: groei wordt bovenlineair",
                         "plugins.py: oorzaak: de volledige navigatie"):
            assert any(name.startswith(expected) for name in names), expected
    for row in rows:
        cells = [cell.strip() for cell in row.strip("|").split(" | ")]
        if re.search(r"\d (ms|s)\b", cells[2]) and cells[3] != "—":
            assert run_all.LOAD_NOTE in cells[4], f"tijd zonder belasting van de machine: {row}"


def test_the_bare_copy_of_a_page_keeps_the_toolkit_and_drops_the_theme_and_sphinx():
    import page_timing

    page = (
        '<html><head><script type="importmap">{"imports": {}}</script>\n'
        '<script data-cfasync="false">document.documentElement.dataset.mode = "auto";</script>\n'
        '<link href="../_static/styles/theme.css?digest=1" rel="stylesheet" />\n'
        '<link rel="stylesheet" type="text/css" href="../_static/sleutelcursus/host.css?v=2" />\n'
        '<link rel="preload" as="script" href="../_static/scripts/bootstrap.js?digest=1" />\n'
        '<link rel="modulepreload" href="../_static/sleutelcursus/host.js?v=3" />\n'
        '<script src="../_static/doctools.js?v=4"></script>\n<script>let toggleHintShow = "x";</script>\n'
        '<script type="application/vnd.jupyter.widget-state+json">{"state": {}}</script>\n'
        '<script id="sc-leerpaden" type="application/json">{}</script>\n'
        '<script type="module" src="../_static/sleutelcursus/leerpad.js?v=5"></script>\n'
        '<script data-sleutelcursus-start="sleutelcursus" type="module">import "../x.js";</script>\n'
        '<link rel="icon" href="../_static/icoon.svg"/>\n</head><body><main>tekst</main>\n'
        '<script type="application/vnd.jupyter.widget-view+json">{"model_id": "a"}</script>\n'
        '<script defer src="../_static/scripts/pydata-sphinx-theme.js?digest=1"></script>\n</body></html>'
    )
    bare = page_timing.bare_html(page)
    for gone in ("data-cfasync", "theme.css", "bootstrap.js", "doctools.js", "toggleHintShow", "pydata-sphinx-theme.js"):
        assert gone not in bare, gone
    for kept in ("importmap", "host.css", "modulepreload", "widget-state+json", "sc-leerpaden", "leerpad.js", "data-sleutelcursus-start",
                 "widget-view+json", "icoon.svg", "<main>tekst</main>"):
        assert kept in bare, kept
    assert page_timing.bare_name("course/x.html") == "course/x.zonder-thema.html"
