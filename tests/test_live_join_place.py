"""Joining the live workshop keeps the trainee's place, and a wrong code logs nothing.

Found by a trainer's trial (issue 11): a trainee pressed "Doe mee met de workshop" under
the rolscan exercise, far down its page; after "Doe mee" the page was at the top with the
focus on the workshop bar, and they had to scroll back. Now the exercise stays where it
was on the screen, the focus goes to its toolbar's line that says the answers are shared,
and the joining is said in a polite live region. And a wrong code was a 404 that the
browser logs as a console error; now the server answers it with a 200 that names the field.
The next trial found the same for a refused nickname (422) and too many tries (429).
"""

from __future__ import annotations

import re

import httpx
import pytest

from livetrainees import host, open_book_page
from liveworkshop import start_workshop, workshop  # noqa: F401 (fixture)
from trainees import focused, tab_until

pytestmark = pytest.mark.browser


def console_errors(page) -> list[str]:
    """The page's console messages of level error, as they come."""
    errors: list[str] = []
    page.on("console", lambda message: errors.append(message.text) if message.type == "error" else None)
    return errors


def in_rolscan_slot(page) -> bool:
    return page.evaluate("""() => Boolean(document.activeElement.closest(".sc-host[data-exercise='rolscan'] .sc-live-slot"))""")


@pytest.mark.parametrize("width, height", [(1280, 900), (360, 740)])
def test_joining_by_keyboard_keeps_the_exercise_in_view_and_the_focus_there(browser, workshop, width, height):
    context = browser.new_context(viewport={"width": width, "height": height})
    try:
        page = open_book_page(context, workshop.url("rolscan"))
        errors = console_errors(page)
        tab_until(page, lambda f: f["text"] == "Doe mee met de workshop" and in_rolscan_slot(page), limit=400)
        slot = host(page, "rolscan").locator(".sc-live-slot")
        before_y = page.evaluate("window.scrollY")
        before_top = slot.evaluate("(node) => node.getBoundingClientRect().top")
        assert before_y > 1000  # the trainee is far down the page, as in the trial

        page.keyboard.press("Enter")
        page.locator("dialog.sc-live-form[open]").wait_for()
        assert focused(page)["id"] == "sc-live-code"
        # The live region is on the page (empty) before the joining is said in it.
        status = page.locator(".sc-live-melding")
        assert status.get_attribute("role") == "status" and status.inner_text() == ""
        page.keyboard.type(workshop.server.code)
        page.keyboard.press("Enter")  # sends the form from the code field
        page.locator("dialog.sc-live-form").wait_for(state="detached")
        page.get_by_role("region", name="Workshop").wait_for()

        # The bar and the message came in above, yet the exercise did not move on screen.
        after_top = slot.evaluate("(node) => node.getBoundingClientRect().top")
        assert abs(after_top - before_top) <= 2, (before_top, after_top)
        assert page.evaluate("window.scrollY") > before_y
        assert in_rolscan_slot(page)
        assert focused(page)["text"] == f"Je antwoorden gaan naar de workshop (code {workshop.server.code})."
        assert status.inner_text() == "Je doet mee met de workshop."
        assert page.evaluate("document.documentElement.scrollWidth") <= width
        assert errors == []
    finally:
        context.close()


def open_join_form(context, workshop) -> tuple:
    """(page, its join form, its console errors, the statuses of its join requests), on
    the rolscan page of ``workshop``."""
    page = open_book_page(context, workshop.url("rolscan"))
    errors = console_errors(page)
    responses = []
    page.on("response", lambda response: responses.append(response.status) if "/api/deelnemen" in response.url else None)
    host(page, "rolscan").get_by_role("button", name="Doe mee met de workshop").click()
    return page, page.locator("dialog.sc-live-form"), errors, responses


def test_a_wrong_code_is_said_under_the_field_without_a_console_error(browser, workshop):
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    try:
        page, form, errors, responses = open_join_form(context, workshop)
        wrong = "WXYZ-WXYZ" if workshop.server.code != "WXYZ-WXYZ" else "WXYZ-WXY2"
        form.get_by_label("Code van de workshop").fill(wrong)
        form.get_by_role("button", name="Doe mee", exact=True).click()
        error = form.locator("#sc-live-code-fout")
        error.wait_for()
        assert error.inner_text() == "Er is geen workshop met deze code. Kijk de code na."
        assert "sc-live-code-fout" in page.locator("#sc-live-code").get_attribute("aria-describedby").split()
        assert focused(page)["id"] == "sc-live-code"
        assert responses == [200]
        assert errors == []
    finally:
        context.close()


def test_a_refused_nickname_and_too_many_tries_are_said_under_their_field_without_a_console_error(browser, tmp_path, built_book):
    own = start_workshop(tmp_path, built_book)  # guessing uses up this server's limit for everyone
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    try:
        page, form, errors, responses = open_join_form(context, own)
        send = form.get_by_role("button", name="Doe mee", exact=True)
        form.get_by_label("Code van de workshop").fill(own.server.code)
        form.get_by_label("Bijnaam (niet verplicht)").fill("Kees\u200b")  # pasted with a zero-width space
        send.click()
        nickname_error = form.locator("#sc-live-bijnaam-fout")
        nickname_error.wait_for()
        assert nickname_error.inner_text() == "De bijnaam bevat tekens die niet zijn toegestaan."
        assert focused(page)["id"] == "sc-live-bijnaam"
        assert page.locator("#sc-live-bijnaam").get_attribute("aria-invalid") == "true"

        form.get_by_label("Bijnaam (niet verplicht)").fill("Kees")
        wrong = "WXYZ-WXYZ" if own.server.code != "WXYZ-WXYZ" else "WXYZ-WXY2"
        form.get_by_label("Code van de workshop").fill(wrong)
        with httpx.Client(base_url=own.base) as guesser:  # the same address as the browser
            for _guess in range(15):
                guesser.post("api/deelnemen", json={"code": wrong})
        send.click()
        code_error = form.locator("#sc-live-code-fout")
        page.wait_for_function("(node) => !node.hidden && node.textContent.startsWith('Te veel')", arg=code_error.element_handle())
        assert re.fullmatch(r"Te veel pogingen\. Wacht (1 seconde|\d+ seconden) en probeer het dan opnieuw\.", code_error.inner_text())
        assert not nickname_error.is_visible() and focused(page)["id"] == "sc-live-code"
        assert "sc-live-code-fout" in page.locator("#sc-live-code").get_attribute("aria-describedby").split()
        assert own.store.participant_count(own.session_id) == 0
        assert responses == [200, 200]
        assert errors == []
    finally:
        context.close()
        own.server.stop()
