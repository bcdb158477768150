"""The accessibility statement: generated from the site test's results, never typed.

The unit tests feed :func:`statement_page` hand-made results; the last test reads the
results file the built book was made from and finds its figures on the built page.
"""

from __future__ import annotations

import json
import subprocess
import sys

import pytest
from bs4 import BeautifulSoup

from sitequality import BUILT_RESULTS
from sleutelcursus.errors import BuildError
from sleutelcursus.book import statement
from sleutelcursus.book.statement import (
    ROW_AXE,
    ROW_CONSOLE,
    ROW_KEYBOARD,
    ROW_LAYOUT,
    ROW_OUTSIDE,
    RESULTS_FILE,
    dutch_date,
    load_results,
    result_rows,
    statement_page,
    update,
)


def results(**changes) -> dict:
    """Results of a small clean run, with ``changes`` applied."""
    base = {
        "date": "2026-03-05",
        "tools": {"axe-core": "4.12.1", "chromium": "156.0", "playwright": "1.65.2"},
        "plugins": ["sleutelcursus_duinstad"],
        "standard": "WCAG 2.1, niveau A en AA",
        "axe_tags": ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"],
        "axe_rules": 62,
        "pages": ["course/index.html", "course/les.html", "index.html"],
        "redirects": {"index.html": "course/index.html"},
        "violations": {},
        "outside_requests": {},
        "console_errors": {},
        "keyboard": {"start": "course/index.html", "tab_stops": 80, "pages_reached": 2,
                     "pages_without_link": [], "exercise_controls": 7, "failures": []},
        "layout": {"views": {}, "pages": 2, "exercise_pages": ["course/les.html"], "failures": []},
    }
    return {**base, **changes}


def section(page: str, title: str) -> str:
    """The text of one ``## title`` section of the MyST page."""
    return page.split(f"## {title}\n", 1)[1].split("\n## ", 1)[0]


def test_without_results_the_statement_says_there_are_none_yet():
    page = statement_page(None)
    assert page.startswith("# Toegankelijkheidsverklaring\n")
    assert "Er zijn nog geen testresultaten beschikbaar." in page
    assert "[Hulp en contact](contact.md)" in section(page, "Contact")
    assert "axe-core" not in page and "Bekende problemen" not in page


def test_a_clean_run_gives_its_date_tools_and_figures():
    page = statement_page(results(), ["course/index", "course/les"])
    assert "Bij de automatische test van 5 maart 2026 vonden we geen problemen." in section(page, "Status")
    assert "alle 2 pagina's van de" in section(page, "Wat we hebben getest")
    assert "sleutelcursus_duinstad" in section(page, "Wat we hebben getest")
    assert "axe-core 4.12.1 controleert elke pagina met 62 regels" in section(page, "Hoe we hebben getest")
    assert "Chromium 156.0" in page
    assert section(page, "Bekende problemen").strip() == "De automatische test vond geen problemen."
    assert result_rows(results()) == {
        ROW_AXE: "0 overtredingen op 2 pagina's",
        ROW_OUTSIDE: "0 verzoeken naar buiten de site",
        ROW_CONSOLE: "0 fouten",
        ROW_KEYBOARD: "2 pagina's bereikt vanaf de startpagina, 80 tabstops, 7 knoppen en invulvelden in oefeningen; 0 problemen",
        ROW_LAYOUT: "2 pagina's, waarvan 1 met oefeningen; 0 problemen",
    }


def test_every_problem_of_a_failed_run_is_listed_and_counted():
    failed = results(
        violations={"label": {"description": "Form elements must have labels", "criteria": ["4.1.2"],
                              "pages": ["course/les.html"], "elements": 1}},
        outside_requests={"course/les.html": ["https://example.org/x.js"]},
        console_errors={"course/les.html": ["Failed to load resource: net::ERR_FAILED"]},
        keyboard={**results()["keyboard"], "failures": ["course/les.html: bediening rolscan: button#wis niet bereikt met Tab"]},
        layout={**results()["layout"], "failures": ["course/les.html bij smal-360: de pagina scrolt horizontaal"]},
    )
    page = statement_page(failed, ["course/index", "course/les"])
    known = section(page, "Bekende problemen")
    assert known.count("\n- ") + known.startswith("- ") == 5
    assert 'Regel `label` (WCAG 4.1.2; <span lang="en">Form elements must have labels</span>): 1 element op `course/les.html`.' in known
    assert "https://example.org/x.js" in known and "net::ERR\\_FAILED" in known
    assert "niet bereikt met Tab" in known and "scrolt horizontaal" in known
    assert "vonden we 5 problemen" in section(page, "Status")
    rows = result_rows(failed)
    assert rows[ROW_AXE] == "1 overtreding op 2 pagina's" and rows[ROW_OUTSIDE] == "1 verzoek naar buiten de site"
    assert rows[ROW_CONSOLE] == "1 fout" and rows[ROW_LAYOUT].endswith("; 1 probleem")


def test_pages_of_this_book_that_were_not_tested_are_named():
    page = statement_page(results(), ["course/index", "course/les", "course/lokaal/wijken/index"])
    tested = section(page, "Wat we hebben getest")
    assert "zaten niet in die test" in tested
    assert "- {doc}`/course/lokaal/wijken/index`" in tested and "{doc}`/course/les`" not in tested


def test_results_file_is_read_and_a_broken_one_stops_the_build_with_one_line(tmp_path):
    path = tmp_path / "toegankelijkheid.json"
    assert load_results(path) is None
    path.write_text(json.dumps(results()), encoding="utf-8")
    assert load_results(path) == results()
    older = results()
    del older["layout"]["exercise_pages"]
    path.write_text(json.dumps(older), encoding="utf-8")
    with pytest.raises(BuildError, match=r"veld 'layout\.exercise_pages': ontbreekt; draai de kwaliteitstest opnieuw"):
        load_results(path)
    path.write_text("{", encoding="utf-8")
    with pytest.raises(BuildError, match="geen geldige JSON") as info:
        load_results(path)
    assert "\n" not in str(info.value) and str(path) in str(info.value)


def test_update_takes_over_a_run_and_leaves_the_data_alone_when_the_run_is_broken(tmp_path):
    run, data = tmp_path / "_build" / "toegankelijkheid.json", tmp_path / "data" / "toegankelijkheid.json"
    with pytest.raises(BuildError, match="het bestand bestaat niet; draai eerst de kwaliteitstest"):
        update(run, data)
    run.parent.mkdir()
    run.write_text(json.dumps(results()), encoding="utf-8")
    assert update(run, data) == results() and load_results(data) == results()
    broken = {**results(), "date": "2027-01-01"}
    del broken["tools"]
    run.write_text(json.dumps(broken), encoding="utf-8")
    with pytest.raises(BuildError, match="veld 'tools.axe-core': ontbreekt"):
        update(run, data)
    assert load_results(data) == results()


def test_the_update_command_writes_the_committed_file_and_says_so(tmp_path, monkeypatch, capsys):
    target = tmp_path / "toegankelijkheid.json"
    monkeypatch.setattr(statement, "RESULTS_FILE", target)
    run = tmp_path / "run.json"
    run.write_text(json.dumps(results()), encoding="utf-8")
    assert statement.main(["--update", str(run)]) == 0
    assert f"De verklaring toont nu de test van 5 maart 2026 ({target})." in capsys.readouterr().out
    assert json.loads(target.read_text(encoding="utf-8")) == results()


def test_the_update_command_refuses_a_missing_run_with_one_line():
    # In a subprocess the real statement data is the target: it must stay untouched.
    before = statement.RESULTS_FILE.read_bytes()
    done = subprocess.run([sys.executable, "-m", "sleutelcursus.book.statement", "--update", "bestaat-niet.json"],
                          capture_output=True, text=True)
    assert done.returncode == 1 and done.stdout == ""
    assert done.stderr.splitlines() == ["Fout in bestaat-niet.json: het bestand bestaat niet; draai eerst de "
                                        "kwaliteitstest (pytest tests/test_site_quality.py)."]
    assert statement.RESULTS_FILE.read_bytes() == before


def test_dates_are_written_the_dutch_way():
    assert dutch_date("2026-11-28") == "28 november 2026"
    assert dutch_date("2027-01-01") == "1 januari 2027"


def plain(element) -> str:
    """An element's text as a reader sees it, with MyST's curly apostrophes made straight."""
    return " ".join(element.get_text(" ").split()).replace("\u2019", "'")


@pytest.mark.slow
def test_the_built_statement_shows_the_figures_of_the_last_test_run(built_book_with_plugin):
    site = built_book_with_plugin
    html = (site / "course" / "toegankelijkheid.html").read_text(encoding="utf-8")
    soup = BeautifulSoup(html, "html.parser")
    main = soup.select_one('[role="main"]') or soup
    text = plain(main)
    # The statement follows the contact page in the menu.
    menu = [a["href"] for a in soup.select("nav.bd-docs-nav a[href]")]
    assert menu.index("#") == menu.index("contact.html") + 1
    recorded = site.parent / BUILT_RESULTS
    if not recorded.is_file():
        assert "Er zijn nog geen testresultaten beschikbaar." in text
        return
    last = json.loads(recorded.read_text(encoding="utf-8"))
    shown = {plain(cells[0]): plain(cells[1]) for cells in (row.select("td") for row in main.select("table tr")) if cells}
    assert shown == result_rows(last)
    assert f"test van {dutch_date(last['date'])}" in text
    for name, version in last["tools"].items():
        assert f"{name} {version}" in text
    assert f"met {last['axe_rules']} regels" in text
    pages = len(last["pages"]) - len(last["redirects"])
    assert f"alle {pages} pagina's" in text
    violations = sum(found["elements"] for found in last["violations"].values())
    assert shown[ROW_AXE].startswith(f"{violations} overtreding")
    assert str(last["keyboard"]["tab_stops"]) in shown[ROW_KEYBOARD]


def test_the_committed_results_are_where_the_build_reads_them():
    # Moving the module once left the build reading a folder that does not exist: every
    # statement then said "no results yet" (found by a trainee's trial).
    assert RESULTS_FILE.is_file()
    assert load_results() is not None
