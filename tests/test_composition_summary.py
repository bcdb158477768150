"""The composition summary stays in view while the trainee picks, and speaks up politely.

At 360, 1024, 1280 and 1920 px wide the candidates are ticked one by one, by mouse and by
keyboard; after each tick the summary bar is on screen, uncovered, and shows the Python
engine's score, warnings and headline. The live region speaks once per burst of ticks.
"""

from __future__ import annotations

import datetime

import pytest

from sleutelcursus.exercises import composition
from sleutelcursus.exercises.loader import DATA_DIR, load_spec_file
from summaryview import HEIGHT, WIDTHS, bar_problems, check_built_page, tick_by_keyboard, tick_by_mouse, warnings_text

from sleutelcursus.exercises import FRONTEND
from trainees import assert_clean, axe_violations, tab_until
from webtools import serve_directory, widget_page_html

pytestmark = pytest.mark.browser

LIVE = ".sc-composition [aria-live=polite]"


@pytest.fixture(scope="module")
def spec():
    return load_spec_file(DATA_DIR / "netwerk-samenstellen.yaml")


def ids(spec: dict) -> list[str]:
    return [c["id"] for c in spec["candidates"]]


def bar_box(page) -> dict:
    return page.eval_on_selector(".sc-comp-bar", "e => e.getBoundingClientRect().toJSON()")


@pytest.mark.parametrize("width", WIDTHS)
def test_the_summary_stays_in_view_after_every_click_and_key(mounted_exercise, spec, width):
    page, watch = mounted_exercise(spec, viewport={"width": width, "height": HEIGHT})
    exercise = spec["id"]
    assert bar_problems(page, exercise, "openen", spec) == []
    # Mouse: every other candidate, top of the list to the bottom.
    assert tick_by_mouse(page, exercise, ids(spec)[::2], spec) == []
    # Keyboard: from the role filter, Tab through the whole list, Space on the others;
    # no checkbox that Tab reaches may end up under the bar or anything else.
    page.focus("select[id$=-rol]")
    assert tick_by_keyboard(page, exercise, ids(spec)[1::2], spec) == []
    assert sorted(page.evaluate("window.__model.get('answers').selected")) == sorted(ids(spec))
    # Unticking by mouse, bottom to top, keeps it in view as well.
    assert tick_by_mouse(page, exercise, ids(spec)[::-7], spec) == []
    assert_clean(watch)


def test_the_bar_is_small_and_sticks_to_the_bottom_of_the_window(mounted_exercise, spec):
    page, watch = mounted_exercise(spec, answers={"selected": ids(spec)[:12]}, viewport={"width": 360, "height": 740})
    page.locator(".sc-comp-list input").nth(20).scroll_into_view_if_needed()
    box = bar_box(page)
    assert abs(box["bottom"] - 740) <= 1 and box["height"] <= 740 / 4
    # At 360 px the bar shows the start of the headline on one line; the advice below gives it whole.
    result = composition.compute(spec, {"selected": ids(spec)[:12]})
    assert result["headline"] in page.text_content(".sc-comp-section:has(> h5:text-is('Advies'))")
    # Below the list it scrolls away with the list: the whole result is readable under it.
    page.locator(".sc-comp-feedback h4").scroll_into_view_if_needed()
    page.mouse.wheel(0, 600)
    # Both boxes in one moment, once the wheel's scrolling has come to rest (measured apart,
    # a scroll still in progress moved the page between the two: a CI failure).
    page.wait_for_function(
        """([bar, below]) => { const y = window.scrollY;
             return new Promise((done) => requestAnimationFrame(() => requestAnimationFrame(() =>
               done(window.scrollY === y && document.querySelector(bar).getBoundingClientRect().bottom
                    <= document.querySelector(below).getBoundingClientRect().top + 1)))); }""",
        arg=[".sc-comp-bar", ".sc-comp-feedback"], timeout=5000)
    assert_clean(watch)


def test_the_live_region_speaks_once_per_burst_of_quick_clicks(mounted_exercise, spec):
    page, watch = mounted_exercise(spec)
    # Paused: only run_for moves time, however slowly a loaded machine clicks.
    page.clock.install(time=datetime.datetime(2026, 11, 29, 9, 0))
    page.clock.pause_at(datetime.datetime(2026, 11, 29, 9, 0, 1))
    page.evaluate("""() => { window.__said = [];
        const live = document.querySelector('.sc-composition [aria-live=polite]');
        new MutationObserver(() => window.__said.push(live.textContent))
          .observe(live, { childList: true, characterData: true, subtree: true }); }""")
    assert page.text_content(LIVE) == ""  # nothing is said when the exercise opens
    burst = ["k01", "k05", "k09", "k14", "k20"]
    for cid in burst:
        page.click(f".sc-comp-list input[value={cid}]")
        page.clock.run_for(400)  # quick clicks: never a second of quiet in between
    assert page.evaluate("window.__said") == []
    page.clock.run_for(1000)
    result = composition.compute(spec, {"selected": burst})
    line = f"Score: {result['score']} van 100. {warnings_text(len(result['warnings']))} {result['headline']}"
    assert page.evaluate("window.__said") == [line]
    # A tick and its untick within the second leave the words as they were: nothing new is said.
    page.click(".sc-comp-list input[value=k30]")
    page.clock.run_for(300)
    page.click(".sc-comp-list input[value=k30]")
    page.clock.run_for(1500)
    assert page.evaluate("window.__said") == [line]
    # The next change after a quiet second is said once more.
    page.click(".sc-comp-list input[value=k30]")
    page.clock.run_for(1100)
    assert len(page.evaluate("window.__said")) == 2
    # The panel itself is no live region, and only the one region is.
    assert page.locator(".sc-composition [aria-live]").count() == 1
    assert_clean(watch)


def test_tab_order_is_unchanged_and_the_focus_stays_on_the_ticked_box(mounted_exercise, spec):
    page, watch = mounted_exercise(spec, viewport={"width": 360, "height": 740})
    tab_until(page, lambda f: f["type"] == "checkbox")
    page.keyboard.press("Space")
    page.clock.install()
    page.clock.run_for(1500)
    order = page.evaluate("""() => [...document.querySelectorAll('.sc-composition *')]
        .filter((e) => e.tabIndex >= 0 && !e.disabled).map((e) => e.id || e.tagName)""")
    # The roles' explanation, the two filters, then the list: the bar adds no stop.
    prefix = f"{spec['id']}-composition1"
    assert order == ["SUMMARY", f"{prefix}-wijk", f"{prefix}-rol", *(f"{prefix}-k-{cid}" for cid in ids(spec))]
    assert page.evaluate("document.activeElement.value") == ids(spec)[0]
    assert not page.locator(".sc-comp-bar [tabindex], .sc-comp-bar :is(a, button, input)").count()
    assert_clean(watch)


@pytest.mark.parametrize("width", [360, 1280])
def test_no_axe_violations_with_the_bar_in_view(mounted_exercise, spec, width):
    page, watch = mounted_exercise(spec, viewport={"width": width, "height": HEIGHT})
    assert tick_by_mouse(page, spec["id"], ["k03", "k17", "k40"], spec) == []
    assert axe_violations(page) == []
    assert_clean(watch)


@pytest.mark.parametrize("sticky", [True, False])
def test_the_gates_check_on_a_page_passes_and_fails_with_the_bar(browser, spec, tmp_path, sticky):
    # The site quality gate runs check_built_page on every built page with a composition
    # (tests/test_site_quality.py); here on one page, with the bar sticky and without.
    for source in FRONTEND.iterdir():
        (tmp_path / source.name).write_text(source.read_text(encoding="utf-8"), encoding="utf-8")
    css = tmp_path / "composition.css"
    if not sticky:
        css.write_text(css.read_text(encoding="utf-8").replace("position: sticky;", "position: static;"), encoding="utf-8")
    (tmp_path / "oefening.html").write_text(widget_page_html([(spec, {"selected": []})]), encoding="utf-8")
    with serve_directory(tmp_path) as base_url:
        found = check_built_page(browser, base_url, "oefening.html", clicks=3)
    assert sorted(found) == list(WIDTHS)
    if sticky:
        assert found == {width: [] for width in WIDTHS}
    else:
        assert all(any("niet in beeld" in line for line in found[width]) for width in WIDTHS), found
