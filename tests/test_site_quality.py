"""The quality gate over every page of the built book (the national course with Duinstad).

One run of :func:`sitequality.check_site` over the whole site; each test below judges
one aspect of it. When the run is complete its results go to ``_build/toegankelijkheid.json``;
``python -m sleutelcursus.book.statement --update _build/toegankelijkheid.json`` makes
them the data every build generates the accessibility statement from. Pages named in
$SLEUTELCURSUS_EXTRA_PAGE join the book (``tests/quality_cases/``): then the gate must
fail, and no results are written.
"""

from __future__ import annotations

import datetime
import importlib.metadata
import os

import pytest

from pagelayout import open_page
from sitequality import GATE_RESULTS, check_site
from sitereport import VIEWS
from sites import DUINSTAD_PACKAGE, EXTRA_PAGE_ENV, site_pages
from sleutelcursus.book.sphinxext import START_ATTRIBUTE
from sleutelcursus.book.statement import write_results
from summaryview import WIDTHS
from trainees import tab_until
from webtools import serve_directory

pytestmark = [pytest.mark.browser, pytest.mark.slow]

TOOLS = ("sleutelcursus", "jupyter-book", "playwright", "axe-playwright-python")
NAV_LINK = "document.activeElement.closest('nav.bd-docs-nav') ? document.activeElement.href : null"


@pytest.fixture(scope="module")
def site_report(browser, built_book_with_plugin):
    """The whole gate over the site; its results are written once it has run to the end."""
    report = check_site(browser, built_book_with_plugin)
    if not os.environ.get(EXTRA_PAGE_ENV):
        tools = {name: importlib.metadata.version(name) for name in TOOLS}
        results = report.results(tools, datetime.date.today().isoformat(), [DUINSTAD_PACKAGE.name])
        write_results(GATE_RESULTS, results)
    return report


def test_the_gate_opens_every_page_of_the_book(site_report, built_book_with_plugin):
    pages = site_report.pages
    assert sorted(pages) == site_pages(built_book_with_plugin)
    assert {"course/index.html", "course/contact.html", "course/lokaal/duinstad/netwerk.html"} <= set(pages)
    assert {rel: p.redirect for rel, p in pages.items() if p.redirect} == {"index.html": "course/index.html"}
    opened = [p for p in pages.values() if not p.redirect]
    # Every opened page was tabbed through and judged by the full set of WCAG rules.
    assert all(p.tab_stops > 10 for p in opened), [p.page for p in opened if p.tab_stops <= 10]
    assert all(p.nav_links >= 25 for p in opened), [(p.page, p.nav_links) for p in opened]
    assert len(site_report.rules) > 50 and "label" in site_report.rules and "color-contrast" in site_report.rules


def test_no_page_has_an_axe_violation_of_wcag_21_a_or_aa(site_report):
    assert site_report.failures("axe") == []


def test_no_page_requests_anything_outside_the_site(site_report):
    assert site_report.failures("outside") == []


def test_no_page_logs_a_console_error(site_report):
    assert site_report.failures("console") == []


def test_keyboard_reaches_every_page_the_whole_menu_and_every_exercise_control(site_report):
    assert site_report.failures("keyboard") == []
    assert len(site_report.reachable("keyboard_links")) >= 25
    # No link at all leads to Sphinx's (empty) general index; search results are reached
    # through the search field (test below). Any other page without a link is an orphan.
    assert set(site_report.unlinked()) <= {"genindex.html", "search.html"}
    exercise_pages = site_report.exercise_pages()
    assert all(site_report.pages[rel].controls > 0 for rel in exercise_pages)


def test_every_page_fits_at_200_percent_zoom_and_on_a_360_pixel_screen(site_report, built_book_with_plugin):
    # Exercise pages are measured with their exercises filled in, feedback showing.
    with_exercises = [
        rel for rel in site_pages(built_book_with_plugin)
        # The start module marks a page with exercises (every page's import map names host.js).
        if f"{START_ATTRIBUTE}=" in (built_book_with_plugin / rel).read_text(encoding="utf-8")
    ]
    assert site_report.exercise_pages() == with_exercises and len(with_exercises) >= 8
    assert all(set(p.layout) == set(VIEWS) for p in site_report.pages.values() if not p.redirect)
    assert site_report.failures("layout") == []


def test_the_composition_summary_is_in_view_after_each_click_at_every_width(site_report, built_book_with_plugin):
    # Issue 11: at 360, 1024, 1280 and 1920 px the summary bar is on screen after each
    # click and shows the Python engine's score (tests/summaryview.py).
    # The page's start module imports the exercise types it mounts (book/browser_modules.py).
    with_composition = [rel for rel in site_pages(built_book_with_plugin)
                        if "import * as composition from" in (built_book_with_plugin / rel).read_text(encoding="utf-8")]
    assert with_composition and sorted(rel for rel, p in site_report.pages.items() if p.summary) == with_composition
    assert all(sorted(site_report.pages[rel].summary) == list(WIDTHS) for rel in with_composition)
    assert site_report.failures("summary") == []


def test_enter_on_a_menu_link_reached_by_tab_opens_that_page(browser, built_book_with_plugin):
    with serve_directory(built_book_with_plugin) as base_url:
        context = browser.new_context()
        page, watch = open_page(context, base_url, "course/index.html")
        tab_until(page, lambda f: (page.evaluate(NAV_LINK) or "").endswith("fase-1/index.html"))
        page.keyboard.press("Enter")
        page.wait_for_url(base_url + "course/fase-1/index.html")
        assert page.locator("h1").first.text_content().startswith("Fase 1")
        assert not watch.outside and not watch.console_errors
        context.close()


def test_search_results_are_reached_by_keyboard(browser, built_book_with_plugin):
    with serve_directory(built_book_with_plugin) as base_url:
        context = browser.new_context()
        page, watch = open_page(context, base_url, "course/index.html")
        tab_until(page, lambda f: page.evaluate("document.activeElement.matches('button.search-button__button')"))
        page.keyboard.press("Enter")  # opens the search field, with focus in it
        page.keyboard.type("voorzitter")
        page.keyboard.press("Enter")
        page.wait_for_url(base_url + "search.html?q=voorzitter")
        page.wait_for_selector("#search-results li")
        assert page.locator("#search-results li").count() >= 3
        assert not watch.outside and not watch.console_errors
        context.close()
