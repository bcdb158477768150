"""A page with an exercise for each learning path: the other path's exercise waits folded.

The trial of issue 11: a keyboard-only trainee who picked a path had to Tab through the
other path's whole knowledge check (about 50 stops) to reach "Volgende in jouw leerpad".
"""

from __future__ import annotations

import re

import pytest

from darkmode import dark_mode_violations
from trainees import assert_clean, axe_violations, choose_scenario_option, focused, tab_until
from webtools import stored_answers, wait_for_theme_scripts, watch_page

NEXT = re.compile(r"^Volgende in jouw leerpad")
# The pages with an exercise per path, and that exercise per path.
BOTH = {
    "fase-1/kennischeck": {"ambtenaar": "kennischeck-fase-1", "sleutelpersoon": "kennischeck-fase-1-sleutelpersoon"},
    "fase-2/kennischeck": {"ambtenaar": "kennischeck-fase-2", "sleutelpersoon": "kennischeck-fase-2-sleutelpersoon"},
    "fase-3/kennischeck": {"ambtenaar": "kennischeck-fase-3", "sleutelpersoon": "kennischeck-fase-3-sleutelpersoon"},
    "fase-3/vertrouwen": {"ambtenaar": "voorzitter-kiezen", "sleutelpersoon": "voorzitter-kiezen-sleutelpersoon"},
}
OTHER = {"ambtenaar": "sleutelpersoon", "sleutelpersoon": "ambtenaar"}
FOLDED = "details.sc-ander-leerpad"


@pytest.fixture
def trainee(browser, book_server):
    """A fresh browser at 1280 px, and a function that picks a path on the start page
    (None: no path) and opens a page of the book."""
    base_url, _ = book_server
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    page = context.new_page()
    watch = watch_page(page, base_url)

    def open_page(path_id: str | None, doc: str) -> None:
        page.goto(base_url + "course/index.html")
        page.locator("#sc-leerpad-kiezen fieldset").wait_for()
        page.check(f"#sc-leerpad-{path_id or 'geen'}")
        page.goto(base_url + f"course/{doc}.html")
        page.wait_for_selector("html[data-sc-exercises='ready']")
        page.locator(".sc-leerpad-nav").wait_for() if path_id else wait_for_theme_scripts(page)

    yield page, watch, open_page
    context.close()


def presses(page, start: str, reached) -> int:
    """Tab presses from the element ``start`` (a CSS selector) until ``reached(page)``."""
    page.locator(start).last.evaluate("e => { if (e.tabIndex < 0) e.tabIndex = -1; e.focus(); }")
    for count in range(1, 200):
        page.keyboard.press("Tab")
        if reached(page):
            return count
    raise AssertionError(f"Tab kwam niet aan; focus staat op {focused(page)}")


@pytest.mark.parametrize("path_id", ["ambtenaar", "sleutelpersoon"])
def test_the_next_link_is_a_few_tab_presses_after_the_own_knowledge_check(trainee, path_id):
    page, watch, open_page = trainee
    open_page(path_id, "fase-1/kennischeck")
    own, other = BOTH["fase-1/kennischeck"][path_id], BOTH["fase-1/kennischeck"][OTHER[path_id]]
    inside = "(id) => document.querySelector(`.sc-host[data-exercise='${id}']`).contains(document.activeElement)"
    if path_id == "ambtenaar":
        # The own check stands first: the other one lies between it and the next link
        # (unfolded: 12 presses; folded: 5).
        after_own = presses(page, f".sc-host[data-exercise='{own}'] .sc-host-toolbar button", lambda p: NEXT.match(focused(p)["text"]))
        assert after_own <= 8
    else:
        # The other check stands first, between the page's heading and the own one
        # (unfolded: 14 presses; folded: 7).
        assert presses(page, "article h1", lambda p: p.evaluate(inside, own)) <= 10
    # From the heading to the next link, no stop lands in the other path's exercise.
    stops = []
    presses(page, "article h1", lambda p: stops.append(p.evaluate(inside, other)) or NEXT.match(focused(p)["text"]))
    assert not any(stops)
    folded = page.locator(FOLDED)
    assert folded.count() == 1
    assert folded.locator(f".sc-host[data-exercise='{other}']").count() == 1
    assert not folded.evaluate("d => d.open")
    assert folded.locator("summary").inner_text() == f"Oefening voor het leerpad {OTHER[path_id]} (niet jouw leerpad)"
    assert page.locator(f".sc-host[data-exercise='{own}']").is_visible()
    assert_clean(watch)


def test_the_other_path_s_exercise_opens_and_works_by_keyboard(trainee):
    page, watch, open_page = trainee
    open_page("ambtenaar", "fase-1/kennischeck")
    other = BOTH["fase-1/kennischeck"]["sleutelpersoon"]
    page.locator(f".sc-host[data-exercise='{BOTH['fase-1/kennischeck']['ambtenaar']}'] .sc-host-toolbar button").last.focus()
    summary = tab_until(page, lambda f: f["tag"] == "SUMMARY")
    assert summary["text"] == "Oefening voor het leerpad sleutelpersoon (niet jouw leerpad)"
    page.keyboard.press("Enter")
    assert page.locator(FOLDED).evaluate("d => d.open")
    host = page.locator(f".sc-host[data-exercise='{other}']")
    assert host.is_visible()
    choose_scenario_option(page, 0)
    host.locator(".sc-scenario-taken").first.wait_for()
    assert stored_answers(page, other)["path"]
    # The focus went into the exercise, not elsewhere on the page.
    assert page.evaluate(f"() => document.querySelector(\"[data-exercise='{other}']\").contains(document.activeElement)")
    # Answered, it still folds away on the next visit (the progress page counts it).
    page.reload()
    page.wait_for_selector("html[data-sc-exercises='ready']")
    assert not page.locator(FOLDED).evaluate("d => d.open")
    assert stored_answers(page, other)["path"]
    # "Mijn antwoorden" on the progress page (and so its print) holds it beside the own path's.
    page.get_by_role("link", name="Mijn voortgang").first.click()
    page.wait_for_selector("html[data-sc-voortgang=ready]")
    assert "Kennischeck fase 1 voor sleutelpersonen" in page.locator(".sc-mijn-antwoorden").inner_text()
    assert_clean(watch)


@pytest.mark.parametrize("doc", sorted(BOTH))
def test_without_a_path_nothing_folds_and_with_one_only_the_other_path_s_exercise(trainee, doc):
    page, watch, open_page = trainee
    open_page(None, doc)
    assert page.locator(FOLDED).count() == 0
    for exercise_id in BOTH[doc].values():
        assert page.locator(f".sc-host[data-exercise='{exercise_id}']").is_visible()
    open_page("sleutelpersoon", doc)
    assert page.locator(f"{FOLDED} .sc-host").evaluate_all("hosts => hosts.map(h => h.dataset.exercise)") == [
        BOTH[doc]["ambtenaar"]
    ]
    assert_clean(watch)


def test_the_folded_exercise_passes_axe_light_and_dark(trainee):
    page, _, open_page = trainee
    open_page("sleutelpersoon", "fase-3/kennischeck")
    assert page.locator(FOLDED).count() == 1
    assert axe_violations(page) == []
    assert dark_mode_violations(page) == {}


# Registered before the page exists (as in test_first_render): the path is chosen, and
# the first frame the browser draws records how many exercises were folded by then.
FIRST_FRAME = """try { localStorage.setItem("sleutelcursus:leerpad", "ambtenaar"); } catch (err) {}
requestAnimationFrame(() => { window.__scFolded = document.querySelectorAll("details.sc-ander-leerpad").length; });"""


def test_the_first_frame_already_shows_the_other_path_s_exercise_folded(browser, book_server):
    base_url, _ = book_server
    context = browser.new_context()
    try:
        context.add_init_script(FIRST_FRAME)
        page = context.new_page()
        page.goto(base_url + "course/fase-3/kennischeck.html")
        page.wait_for_function("window.__scFolded !== undefined", timeout=10_000)
        assert page.evaluate("window.__scFolded") == 1
    finally:
        context.close()
