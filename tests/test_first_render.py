"""An exercise page is drawn once, with its exercises: the start module blocks rendering.

Without it the browser laid out and painted the whole page without its exercises, then
again once they were mounted: on a first visit that first frame was most of what the
theme added to the time until a trainee could answer (benchmarks/exercises.py).
"""

from __future__ import annotations

import re

import pytest

pytestmark = [pytest.mark.browser, pytest.mark.slow]

EXERCISE_PAGE = "course/fase-1/kaders.html"

# Registered before the page exists: a frame callback runs at the first frame the
# browser draws, and records whether the exercises were mounted by then.
FIRST_FRAME = """requestAnimationFrame(() => {
  window.__scFirstFrame = document.documentElement.dataset.scExercises || "nog niet";
});"""


def _first_frame(browser, url: str, block: str | None = None) -> tuple[str, object]:
    context = browser.new_context()
    try:
        context.add_init_script(FIRST_FRAME)
        page = context.new_page()
        if block:
            page.route(f"**/{block}*", lambda route: route.abort())
        page.goto(url)
        page.wait_for_function("window.__scFirstFrame !== undefined", timeout=10_000)
        return page.evaluate("window.__scFirstFrame"), page.locator("article.bd-article h1").first.is_visible()
    finally:
        context.close()


def test_the_first_frame_of_an_exercise_page_already_has_its_exercises(browser, book_server):
    base_url, _ = book_server
    for _ in range(3):  # every visit, not once by luck
        first, _ = _first_frame(browser, base_url + EXERCISE_PAGE)
        assert first == "ready"


def test_a_module_that_fails_to_load_does_not_keep_the_page_blank(browser, book_server):
    base_url, _ = book_server
    first, heading = _first_frame(browser, base_url + EXERCISE_PAGE, block="host.js")
    assert first == "nog niet" and heading


def test_only_the_start_module_blocks_rendering(book_server):
    _, site = book_server
    html = (site / EXERCISE_PAGE).read_text(encoding="utf-8")
    blocking = re.findall(r'<[^<>]*blocking="render"[^<>]*>', html)
    assert len(blocking) == 1 and "data-sleutelcursus-start" in blocking[0] and 'type="module"' in blocking[0]
    prose = (site / "course" / "fase-1" / "doel.html").read_text(encoding="utf-8")
    assert 'blocking="render"' not in prose
