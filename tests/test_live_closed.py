"""What a trainee's pages say about the live workshop beyond the bar at the top: each
exercise's toolbar says the trainer closed the workshop, on every page and after a reload,
until the trainee presses "Begrepen" or joins another workshop; while sharing, the
toolbar's sentence on where the answers are kept says they go to the workshop too.

Found by a trainer's trial: only the top of the page said the workshop was closed, the
toolbar silently offered "Doe mee" again and the next page said nothing; the toolbar said
"Niemand anders ziet ze" while the answers went to the workshop; each status poll after
the close was a 410 that Chromium logs as a console error on every page.
"""

from __future__ import annotations

import pytest
from playwright.sync_api import expect

from darkmode import dark_mode_violations
from livetrainees import host, join, open_book_page, stop_sharing
from trainees import axe_violations
from liveworkshop import context, start_workshop, workshop  # noqa: F401 (fixtures)

pytestmark = pytest.mark.browser

ALONE = "Je antwoorden blijven alleen in deze browser bewaard. Niemand anders ziet ze."
SHARED = "Je antwoorden blijven in deze browser bewaard en gaan ook naar de workshopserver van je trainer (code {code})."
CLOSED_SLOT = "De workshop (code {code}) is gesloten door je trainer."
CLOSED_TOP = "Je trainer heeft de workshop gesloten."
NOTICE_KEY = "sleutelcursus:workshop-gesloten"
# frontend/livesession.js STATE_MS (15 s) and some room.
STATE_WAIT_MS = 20000


def notes(page) -> list[str]:
    return page.locator(".sc-host-bewaard").all_inner_texts()


def collect_console_errors(page, errors: list[str]) -> None:
    page.on("console", lambda message: errors.append(message.text) if message.type == "error" else None)


def slot_says_closed(page, exercise_id: str, code: str) -> None:
    host(page, exercise_id).locator(".sc-live-slot").get_by_text(CLOSED_SLOT.format(code=code)).wait_for()


def test_a_closed_workshop_is_said_in_every_toolbar_on_every_page_until_the_trainee_has_read_it(context, tmp_path, built_book):
    closing = start_workshop(tmp_path, built_book)
    code = closing.server.code
    try:
        errors: list[str] = []
        context.on("page", lambda tab: collect_console_errors(tab, errors))
        page = open_book_page(context, closing.url("rolscan"))
        join(page, code, "Gijs")
        other = open_book_page(context, closing.url("voorzitter-kiezen"))
        for tab in (page, other):
            tab.wait_for_function("(text) => [...document.querySelectorAll('.sc-host-bewaard')]"
                                  ".every((p) => p.textContent.startsWith(text))", arg=SHARED.format(code=code))
            assert not any("Niemand anders" in note for note in notes(tab))

        # The trainee is scrolled down at an exercise when the trainer closes the workshop.
        host(page, "rolscan").locator(".sc-live-slot").scroll_into_view_if_needed()
        closing.store.close(closing.session_id)
        for tab, exercise_id in ((page, "rolscan"), (other, "voorzitter-kiezen")):
            slot = host(tab, exercise_id).locator(".sc-live-slot")
            slot.get_by_text(CLOSED_SLOT.format(code=code)).wait_for(timeout=STATE_WAIT_MS)
            assert slot.get_by_role("button", name="Begrepen").is_visible()
            assert slot.get_by_role("button", name="Doe mee met de workshop").is_visible()
            assert all(note == ALONE for note in notes(tab))
            # Said aloud once, by the page's one status line, not by every toolbar.
            assert tab.get_by_role("status").filter(has_text=CLOSED_TOP).count() == 1
            assert tab.locator(".sc-live-slot [role=status], .sc-live-slot [aria-live]").count() == 0
        box = host(page, "rolscan").locator(".sc-live-dicht").bounding_box()
        assert box["y"] >= 0 and box["y"] + box["height"] <= page.viewport_size["height"]  # where she works
        # The notice box in light and dark mode (axe, WCAG 2.1 AA).
        assert axe_violations(page, ".sc-live-dicht") == []
        assert dark_mode_violations(page) == {}

        # The next page and a reload still say it; a page without exercises says it at its top.
        page.goto(closing.url("netwerk-samenstellen"))
        page.wait_for_selector("html[data-sc-exercises=ready]")
        slot_says_closed(page, "netwerk-samenstellen", code)
        page.reload()
        page.wait_for_selector("html[data-sc-exercises=ready]")
        slot_says_closed(page, "netwerk-samenstellen", code)
        assert page.get_by_role("status").filter(has_text=CLOSED_TOP).count() == 0  # not announced again
        text_page = context.new_page()
        text_page.goto(closing.base + "index.html")
        text_page.locator(".sc-live-dicht").get_by_text(CLOSED_SLOT.format(code=code)).wait_for()
        text_page.close()

        # "Begrepen": gone from every toolbar and tab, the focus on the join button in its place.
        slot = host(page, "netwerk-samenstellen").locator(".sc-live-slot")
        slot.get_by_role("button", name="Begrepen").click()
        assert page.evaluate("document.activeElement.textContent") == "Doe mee met de workshop"
        assert page.locator(".sc-live-dicht").count() == 0
        # Every toolbar of the other tab follows (a wait_for on several elements is a strict-mode error).
        expect(other.locator(".sc-live-dicht")).to_have_count(0)
        page.reload()
        page.wait_for_selector("html[data-sc-exercises=ready]")
        page.wait_for_timeout(500)
        assert page.locator(".sc-live-dicht").count() == 0
        assert page.evaluate("(key) => localStorage.getItem(key)", NOTICE_KEY) is None
        # The project's rule: no console errors (each poll after the close used to be a 410).
        assert errors == []
    finally:
        closing.server.stop()


def test_joining_another_workshop_ends_the_notice_and_stopping_says_where_the_answers_are(context, workshop):
    page = open_book_page(context, workshop.url("rolscan"))
    page.evaluate("(key) => localStorage.setItem(key, JSON.stringify({code: 'ABCDEFGH', staat: 'gesloten'}))", NOTICE_KEY)
    page.reload()
    page.wait_for_selector("html[data-sc-exercises=ready]")
    slot_says_closed(page, "rolscan", "ABCD-EFGH")
    join(page, workshop.server.code, "Hans", "rolscan")
    assert page.locator(".sc-live-dicht").count() == 0
    assert page.evaluate("(key) => localStorage.getItem(key)", NOTICE_KEY) is None
    assert notes(page)[0].startswith(SHARED.format(code=workshop.server.code))
    assert 'Kies "Stop met delen" bovenaan de pagina.' in notes(page)[0]

    stop_sharing(page)
    said = page.get_by_role("status").filter(has_text="Je deelt niet meer")
    said.wait_for()
    text = said.inner_text()
    assert "je antwoorden zijn nu uit de workshop gehaald. Ze blijven wel in deze browser." in text
    assert "De andere gegevens van de workshop wist de server van je trainer een uur nadat de workshop is gesloten." in text
    assert all(note == ALONE for note in notes(page))
    assert page.locator(".sc-live-dicht").count() == 0  # stopping is not a closed workshop


def test_without_storage_the_sharing_sentence_does_not_say_the_browser_keeps_the_answers(browser, workshop):
    # Private windows and some intranet policies forbid storing: then nothing is kept here.
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    context.add_init_script("Storage.prototype.setItem = function () { throw new DOMException('nee', 'SecurityError'); };")
    try:
        page = open_book_page(context, workshop.url("rolscan"))
        assert notes(page)[0] == "Deze browser bewaart je antwoorden niet. Download ze als je ze wilt houden."
        join(page, workshop.server.code, "Ida", "rolscan")
        assert notes(page)[0].startswith("Deze browser bewaart je antwoorden niet, maar ze gaan wel naar de "
                                         f"workshopserver van je trainer (code {workshop.server.code}).")
    finally:
        context.close()


def test_each_begrepen_says_what_it_acknowledges(context, workshop):
    # A page with several exercises has a "Begrepen" in each toolbar (trainee trial: three
    # buttons with one name). Each names its exercise, after the word it shows (WCAG 2.5.3).
    page = open_book_page(context, workshop.base + "course/fase-1/kaders.html")
    page.evaluate("(key) => localStorage.setItem(key, JSON.stringify({code: 'ABCDEFGH', staat: 'gesloten'}))", NOTICE_KEY)
    page.reload()
    page.wait_for_selector("html[data-sc-exercises=ready]")
    buttons = page.locator(".sc-live-dicht button").filter(has_text="Begrepen")
    page.locator(".sc-live-dicht").first.wait_for()
    assert buttons.count() == page.locator(".sc-host").count() >= 2
    names = [button.get_attribute("aria-label") for button in buttons.all()]
    assert len(set(names)) == len(names)
    assert all(name.startswith("Begrepen: de workshop is gesloten (bij ") for name in names)
    assert all(button.inner_text() == "Begrepen" for button in buttons.all())
    for button, name in zip(buttons.all(), names):
        expect(button).to_have_accessible_name(name)
