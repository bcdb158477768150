"""Workshop exports in Chromium (ACCEPTANCE 3): both files open offline with every exercise
rendered and no WCAG violations; the slides move with the keyboard and a clicker, show
every slide on Escape and reveal fragments one by one.
"""

from __future__ import annotations

import contextlib

import nbformat
import pytest
from nbformat.v4 import new_markdown_cell, new_notebook

from exportedworkshop import WORKSHOP_EXERCISES, exported  # noqa: F401 (the fixture)
from sleutelcursus.workshop import export as exports
from sleutelcursus.plugins.registry import get_spec
from trainees import axe_violations
from webtools import serve_directory, stored_answers, watch_page


def _open_offline(browser, url: str, base_url: str | None):
    """A page at ``url`` that may load nothing but itself (and data:/blob: URLs)."""
    page = browser.new_page(viewport={"width": 1280, "height": 800})
    if base_url:
        watch = watch_page(page, base_url)
    else:  # file://: every http(s) request leaves the file
        watch = watch_page(page, "file:///")
    page.goto(url)
    page.wait_for_selector("html[data-sc-exercises=ready]", timeout=20000)
    return page, watch


@pytest.mark.browser
@pytest.mark.parametrize("kind", ["dia", "hand-out"])
@pytest.mark.parametrize("where", ["server", "bestand"])
def test_export_opens_offline_with_every_exercise_rendered(browser, exported, kind, where):
    path = exported[kind]
    with serve_directory(path.parent) as base_url:
        if where == "server":
            page, watch = _open_offline(browser, base_url + path.name, base_url)
        else:
            page, watch = _open_offline(browser, path.as_uri(), None)
        try:
            for exercise_id in WORKSHOP_EXERCISES:
                title = page.locator(f'.sc-host[data-exercise="{exercise_id}"] h3').first
                assert title.text_content() == get_spec(exercise_id)["title"]
            assert watch.outside == []
            assert watch.console_errors == []
        finally:
            page.close()


def _slide_of(page, exercise_id: str) -> int:
    """The 1-based number of the slide that holds an exercise."""
    return page.evaluate(
        """(id) => {
            const slides = [...document.querySelectorAll(".sc-slides > .slides > section > section")];
            return 1 + slides.indexOf(document.querySelector(`.sc-host[data-exercise="${id}"]`).closest(".slides > section > section"));
        }""",
        exercise_id,
    )


@contextlib.contextmanager
def open_slides(browser, exported):
    """The exported slides, served offline: (page, watch, the shown slide's number)."""
    path = exported["dia"]
    with serve_directory(path.parent) as base_url:
        page, watch = _open_offline(browser, base_url + path.name, base_url)
        try:
            yield page, watch, lambda: int(page.get_attribute(".sc-slides", "data-dia"))
        finally:
            page.close()


@pytest.mark.browser
def test_slides_move_with_the_keyboard_but_not_while_answering(browser, exported):
    with open_slides(browser, exported) as (page, watch, number):
        assert page.get_attribute("nav.sc-dia-knoppen", "aria-label") == "Dia's"
        total = int(page.inner_text(".sc-dia-teller").split("/")[1])
        for key, expected in [("ArrowRight", 2), ("PageDown", 3), ("PageUp", 2), ("End", total), ("Home", 1)]:
            page.keyboard.press(key)
            assert number() == expected, key
        assert page.inner_text(".sc-dia-status") == "Dia 1 van %d: Workshop fase 2: de opbouw" % total
        # A slide taller than the screen scrolls first, then moves on.
        page.evaluate(f"location.hash = '#{_slide_of(page, 'netwerk-samenstellen')}'")
        at = number()
        page.keyboard.press("ArrowDown")
        assert number() == at
        assert page.evaluate("document.querySelector('.sc-slides > .slides > section > section:not([hidden])').scrollTop") > 0
        # Space on a button inside an exercise presses the button; the slide stays.
        page.evaluate(f"location.hash = '#{_slide_of(page, 'kennischeck-fase-2')}'")
        at = number()
        host = page.locator('.sc-host[data-exercise="kennischeck-fase-2"]')
        host.locator("input[type=radio]").first.check()
        host.get_by_role("button", name="Kies").focus()
        page.keyboard.press("Space")
        assert number() == at
        assert len(stored_answers(page, "kennischeck-fase-2")["path"]) == 1
        # "s" opens the speaker notes of this slide: the trainer's cell.
        page.evaluate("document.activeElement.blur()")
        with page.expect_popup() as popup:
            page.keyboard.press("s")
        assert "Bespreek vooral de keuzes" in popup.value.inner_text("main")
        assert watch.outside == [] and watch.console_errors == []


@pytest.mark.browser
def test_page_down_turns_the_slide_with_focus_in_an_exercise_and_arrows_stay_with_it(browser, exported):
    # Found by a trainer's trial: after clicking an answer, a clicker's Page Down did nothing.
    with open_slides(browser, exported) as (page, watch, number):
        page.evaluate(f"location.hash = '#{_slide_of(page, 'kennischeck-fase-2')}'")
        at = number()
        radio = page.locator('.sc-host[data-exercise="kennischeck-fase-2"] input[type=radio]').first
        radio.check()
        radio.focus()
        page.keyboard.press("ArrowDown")
        assert number() == at  # the arrow moved the choice, not the slide
        page.keyboard.press("PageDown")
        assert number() == at + 1
        page.keyboard.press("PageUp")
        assert number() == at
        assert watch.outside == [] and watch.console_errors == []


@pytest.mark.browser
def test_escape_in_the_restart_question_keeps_the_choice_and_the_slide(browser, exported):
    # The scenario asks before "Opnieuw beginnen"; its Escape must not open the overview.
    with open_slides(browser, exported) as (page, watch, number):
        page.evaluate(f"location.hash = '#{_slide_of(page, 'kennischeck-fase-2')}'")
        at = number()
        host = page.locator('.sc-host[data-exercise="kennischeck-fase-2"]')
        host.locator("input[type=radio]").first.check()
        host.get_by_role("button", name="Kies").click()
        stored = stored_answers(page, "kennischeck-fase-2")
        host.get_by_role("button", name="Opnieuw beginnen").focus()
        page.keyboard.press("Enter")
        assert page.evaluate("document.activeElement.textContent") == "Nee, ga terug"
        page.keyboard.press("Escape")
        assert not page.locator("nav.sc-dia-overzicht").is_visible() and number() == at
        assert page.evaluate("document.activeElement.textContent") == "Opnieuw beginnen"
        assert stored_answers(page, "kennischeck-fase-2") == stored and len(stored["path"]) == 1
        assert watch.outside == [] and watch.console_errors == []


@pytest.mark.browser
def test_escape_shows_every_slide_and_a_choice_goes_there(browser, exported):
    with open_slides(browser, exported) as (page, watch, number):
        overview = page.locator("nav.sc-dia-overzicht")
        total = int(page.inner_text(".sc-dia-teller").split("/")[1])
        page.keyboard.press("ArrowRight")
        page.keyboard.press("Escape")
        assert overview.is_visible() and page.locator(".slides section:visible").count() == 0
        buttons = overview.get_by_role("button")
        assert buttons.count() == total
        assert buttons.nth(0).inner_text() == "1. Workshop fase 2: de opbouw"
        assert page.evaluate("document.activeElement.getAttribute('aria-current')") == "true"
        assert page.evaluate("document.activeElement.textContent").startswith("2. ")
        assert page.get_attribute(".sc-dia-overzicht-knop", "aria-expanded") == "true"
        # Esc again: back on the slide it came from.
        page.keyboard.press("Escape")
        assert not overview.is_visible() and number() == 2
        # Choose a slide with the keyboard: Tab to it, Enter.
        page.keyboard.press("Escape")
        page.keyboard.press("Tab")
        page.keyboard.press("Tab")
        assert page.evaluate("document.activeElement.textContent").startswith("4. ")
        page.keyboard.press("Enter")
        assert not overview.is_visible() and number() == 4
        assert page.inner_text(".sc-dia-status").startswith("Dia 4 van %d" % total)
        # The button does the same for a mouse.
        page.click(".sc-dia-overzicht-knop")
        overview.get_by_role("button").nth(total - 1).click()
        assert number() == total
        assert watch.outside == [] and watch.console_errors == []


@pytest.mark.browser
@pytest.mark.parametrize("kind", ["dia", "hand-out"])
def test_export_has_no_wcag_violations(browser, exported, kind):
    path = exported[kind]
    with serve_directory(path.parent) as base_url:
        page, watch = _open_offline(browser, base_url + path.name, base_url)
        try:
            assert axe_violations(page) == []
            if kind == "dia":  # every slide at once, each in its screen-sized box
                page.evaluate("document.querySelectorAll('.sc-slides > .slides > section > section')"
                              ".forEach((slide) => { slide.hidden = false; })")
                assert axe_violations(page, ".sc-slides") == []
            assert watch.outside == []
        finally:
            page.close()


@pytest.mark.browser
def test_fragments_appear_one_by_one_before_the_next_slide(browser, tmp_path):
    nb = new_notebook(cells=[
        new_markdown_cell("# Eerste dia", metadata={"slideshow": {"slide_type": "slide"}}),
        new_markdown_cell("Eerste punt", metadata={"slideshow": {"slide_type": "fragment"}}),
        new_markdown_cell("Tweede punt", metadata={"slideshow": {"slide_type": "fragment"}}),
        new_markdown_cell("# Tweede dia", metadata={"slideshow": {"slide_type": "slide"}}),
    ])
    nbformat.write(nb, tmp_path / "punten.ipynb")
    [slides] = exports.export_workshop(tmp_path / "punten.ipynb", tmp_path / "uit", ["dia"])
    page = browser.new_page()
    try:
        watch = watch_page(page, "file:///")
        page.goto(slides.as_uri())
        shown = lambda: page.evaluate(  # noqa: E731
            "[...document.querySelectorAll('.fragment')].map((f) => getComputedStyle(f).visibility)")
        assert page.inner_text(".sc-dia-teller") == "1 / 2" and shown() == ["hidden", "hidden"]
        page.keyboard.press("ArrowRight")
        assert page.inner_text(".sc-dia-teller") == "1 / 2" and shown() == ["visible", "hidden"]
        page.keyboard.press("ArrowRight")
        assert shown() == ["visible", "visible"]
        page.keyboard.press("ArrowRight")
        assert page.inner_text(".sc-dia-teller") == "2 / 2"
        page.keyboard.press("ArrowLeft")  # back: the slide whole, as it was left
        assert page.inner_text(".sc-dia-teller") == "1 / 2" and shown() == ["visible", "visible"]
        assert watch.outside == [] and watch.console_errors == []
    finally:
        page.close()
