"""The header's colour-mode button says which mode is on (issue 11, the trainees' trial):
"Kleurmodus" alone left a screen-reader user and a keyboard user guessing whether the
book was light, dark or following their system."""

from __future__ import annotations

import pytest

from trainees import assert_clean, axe_violations, tab_until
from webtools import wait_for_theme_scripts, watch_page

pytestmark = pytest.mark.browser

NAMES = {"light": "Kleurmodus: licht", "dark": "Kleurmodus: donker", "auto": "Kleurmodus: automatisch (volgt je systeem)"}
BUTTON = "button.theme-switch-button"


def current(page) -> dict:
    """The mode on <html> and the focused button's accessible name and tooltip text."""
    return page.evaluate("""(selector) => {
        const button = document.activeElement;
        return { mode: document.documentElement.dataset.mode, isButton: button.matches(selector),
                 name: button.getAttribute('aria-label'), title: button.getAttribute('data-bs-title') };
    }""", BUTTON)


# A slow processor (CPU throttled by DevTools): the tooltip the theme hides on blur and
# shows again when the focus comes back must still be there after each change of mode.
@pytest.mark.parametrize("slowdown", [1, 8])
def test_cycling_the_colour_mode_by_keyboard_names_each_mode_in_dutch(browser, book_server, slowdown):
    base_url, _ = book_server
    context = browser.new_context(viewport={"width": 1280, "height": 800})
    page = context.new_page()
    watch = watch_page(page, base_url)
    try:
        page.goto(base_url + "course/fase-1/doel.html")
        wait_for_theme_scripts(page)
        context.new_cdp_session(page).send("Emulation.setCPUThrottlingRate", {"rate": slowdown})
        tab_until(page, lambda _: page.evaluate("(s) => document.activeElement.matches(s)", BUTTON))
        seen = []
        for key in ["Enter", "Space", "Enter", None]:
            now = current(page)
            assert now["isButton"] and now["name"] == NAMES[now["mode"]] == now["title"], now
            # The accessible name as a screen reader gets it (aria-label beats the icons' titles).
            assert page.get_by_role("button", name=NAMES[now["mode"]], exact=True).count() >= 1
            # The tooltip a sighted keyboard user sees says the same.
            page.wait_for_function("(name) => document.querySelector('.tooltip-inner')?.textContent === name",
                                   arg=now["name"], timeout=3000 * slowdown)
            # The theme fades its colours into the new mode; axe judges them once they are there.
            page.wait_for_function("document.getAnimations().every((a) => a.playState !== 'running')")
            assert axe_violations(page, "header") == []
            seen.append(now["mode"])
            if key:
                page.keyboard.press(key)
                page.wait_for_function("(s) => document.activeElement.matches(s)", arg=BUTTON, timeout=2000 * slowdown)
        assert set(seen) == set(NAMES) and seen[0] == seen[-1] == "auto", seen
        assert_clean(watch)
    finally:
        context.close()
