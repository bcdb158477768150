"""A browser that runs no JavaScript: every page reads, and says where a script was needed."""

from __future__ import annotations

import pytest

from sleutelcursus.book import no_script

VIEW = '<script type="application/vnd.jupyter.widget-view+json">{"model_id": "a"}</script>'


def test_each_exercise_view_gets_the_notice_after_it():
    body = f"<p>Doe de oefening.</p><div>{VIEW}</div><div>{VIEW}</div>"
    marked = no_script.with_exercise_notices(body)
    assert marked.count(VIEW + no_script.EXERCISE_NOTICE) == 2
    assert no_script.with_exercise_notices("<p>Geen oefening.</p>") == "<p>Geen oefening.</p>"


def test_the_theme_s_colours_for_a_page_without_data_theme_hold_for_auto_too_once():
    css = '@charset "UTF-8";\n.a{color:red}html:not([data-theme]){--c:#fff}\nhtml:not([data-theme]) .b{x:y}'
    once = no_script.with_unscripted_colours(css)
    assert "html:not([data-theme]),html[data-theme=auto]{--c:#fff}" in once
    assert "html:not([data-theme]) .b{x:y}" in once  # only a rule for the page itself
    assert no_script.with_unscripted_colours(once) == once


@pytest.mark.browser
@pytest.mark.slow
def test_without_javascript_the_exercises_and_the_path_choice_say_so_and_the_header_hides_the_text(browser, book_server):
    base_url, _ = book_server
    context = browser.new_context(viewport={"width": 360, "height": 740}, java_script_enabled=False)
    try:
        page = context.new_page()
        page.goto(base_url + "course/fase-2/kennischeck.html")
        notices = page.locator(".sc-noscript")
        assert notices.count() == 2 and all(notices.nth(i).is_visible() for i in range(2))
        assert "werkt alleen met JavaScript" in notices.first.inner_text()
        header = page.evaluate("getComputedStyle(document.querySelector('.bd-header')).backgroundColor")
        assert header not in ("rgba(0, 0, 0, 0)", "transparent")
        page.goto(base_url + "course/index.html")
        choice = page.locator("#sc-leerpad-kiezen .sc-noscript")
        assert choice.is_visible() and "tabel hieronder" in choice.inner_text()
    finally:
        context.close()


@pytest.mark.browser
@pytest.mark.slow
def test_with_javascript_no_notice_shows(browser, book_server):
    base_url, _ = book_server
    context = browser.new_context()
    try:
        page = context.new_page()
        for rel in ("course/fase-2/kennischeck.html", "course/index.html"):
            page.goto(base_url + rel)
            page.wait_for_selector("#sc-leerpad-kiezen fieldset, html[data-sc-exercises=ready]")
            assert not [n for n in page.locator(".sc-noscript").all() if n.is_visible()], rel
    finally:
        context.close()
