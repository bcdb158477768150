""""Doe mee met de workshop" before the workshop's code is in the page (livedoor.js): on a
slow connection the press said nothing for seconds (trainee trial, issue 11). The code now
starts to come when the trainee points at or tabs to the button, the press says at once
that the workshop is being loaded, and a failed load says so in Dutch."""

from __future__ import annotations

import re

import pytest

from liveworkshop import context, start_workshop, workshop  # noqa: F401 (fixtures)
from livetrainees import open_book_page
from trainees import focused, tab_until

pytestmark = pytest.mark.browser

LIVE_JS = re.compile(r"/live\.js(\?|$)")
JOIN = "Doe mee met de workshop"


def test_a_slow_workshop_says_it_is_loading_and_its_code_comes_on_focus(context, workshop):
    held = []
    context.route(LIVE_JS, lambda route: held.append(route))  # answered by hand below
    page = open_book_page(context, workshop.url("rolscan"))
    assert held == []
    tab_until(page, lambda f: f["text"] == JOIN, limit=300)
    page.wait_for_timeout(300)
    assert len(held) == 1  # asked for on focus, before any press
    page.keyboard.press("Enter")
    button = page.locator(".sc-live-slot button").first
    assert button.inner_text() == "De workshop wordt geladen…"
    assert button.get_attribute("aria-disabled") == "true"
    page.keyboard.press("Enter")  # a second press while it loads does nothing more
    held[0].continue_()
    page.locator("dialog.sc-live-form").wait_for()
    assert focused(page)["id"] == "sc-live-code"
    assert page.locator("dialog.sc-live-form").count() == 1


def test_a_workshop_that_cannot_load_says_so_and_gives_the_button_back(context, workshop):
    context.route(LIVE_JS, lambda route: route.abort())
    page = open_book_page(context, workshop.url("rolscan"))
    button = page.get_by_role("button", name=JOIN).first
    button.click()
    status = page.locator(".sc-live-laden").first
    status.wait_for(state="visible")
    page.wait_for_function("(el) => el.textContent !== ''", arg=status.element_handle())
    assert status.inner_text() == ("De workshop kon niet worden geladen. Controleer je verbinding, laad de "
                                   "pagina opnieuw en probeer het nog eens.")
    assert status.get_attribute("role") == "status"
    assert button.inner_text() == JOIN and button.get_attribute("aria-disabled") is None
