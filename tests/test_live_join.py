"""A trainee joins a live workshop from the built book (issue 16, item 2): by keyboard or by
a join link; wrong, closed and guessed codes are refused in Dutch; nothing is sent without
joining; the form and the bar are accessible.

The workshop comes from ``tests/liveworkshop.py``; sending and withdrawing answers once
joined are checked in ``test_live_sharing.py``.
"""

from __future__ import annotations

import re
from urllib.parse import urlparse

import pytest

from darkmode import dark_mode_violations
from livetrainees import (
    BAR_TEXT, SESSION_KEY, answer_questionnaire, choose_path, exercise_pages, host, join, open_book_page, outbox,
    stored_session, submit_form, tick_candidates,
)
from liveworkshop import candidates, context, start_workshop, statements, workshop  # noqa: F401 (fixtures)
from trainees import axe_violations, focused, tab_until, wait_dialog_gone
from webtools import serving
from sleutelcursus.book.serve import make_server

pytestmark = pytest.mark.browser

# The live workshop's modules, loaded only once a trainee joins or asks to (livedoor.js).
LIVE_CODE = re.compile(r"/live(session|join)?\.js(\?|$)")


def status_text(page) -> str:
    return page.locator(".sc-live-melding").inner_text()


# ---- joining -----------------------------------------------------------------------


def test_joining_by_keyboard_shows_the_bar_on_every_page_and_in_a_second_tab(context, workshop):
    before = workshop.store.participant_count(workshop.session_id)
    page = open_book_page(context, workshop.url("rolscan"))
    tab_until(page, lambda f: f["text"] == "Doe mee met de workshop", limit=300)
    opener = focused(page)
    page.keyboard.press("Enter")
    page.locator("dialog.sc-live-form").wait_for()  # live.js comes with this press (livedoor.js)
    assert focused(page)["id"] == "sc-live-code"
    page.keyboard.press("Escape")  # cancels: the form goes, focus returns, nothing is sent
    page.locator("dialog.sc-live-form").wait_for(state="detached")
    assert focused(page) == opener
    assert workshop.store.participant_count(workshop.session_id) == before

    page.keyboard.press("Enter")
    page.keyboard.type(workshop.server.code.lower().replace("-", " "))  # case and dash do not matter
    page.keyboard.press("Tab")
    assert focused(page)["id"] == "sc-live-bijnaam"
    page.keyboard.type("Kees")
    page.keyboard.press("Tab")
    assert focused(page)["text"] == "Doe mee"
    page.keyboard.press("Tab")
    assert focused(page)["text"] == "Annuleren"
    page.keyboard.press("Shift+Tab")
    page.keyboard.press("Enter")

    bar = page.get_by_role("region", name="Workshop")
    bar.wait_for()
    text = bar.inner_text()
    assert BAR_TEXT.search(text)[1] == workshop.server.code and "als Kees." in text
    # The focus came back to the toolbar that opened the form, which now says it shares.
    assert focused(page)["text"] == f"Je antwoorden gaan naar de workshop (code {workshop.server.code})."
    assert workshop.store.participant_count(workshop.session_id) == before + 1
    assert stored_session(page)["nickname"] == "Kees"
    # Every toolbar of the page says it too, instead of offering to join.
    slots = page.locator(".sc-live-slot").all_inner_texts()
    assert slots and all(workshop.server.code in s for s in slots)
    assert page.get_by_role("button", name="Doe mee met de workshop").count() == 0

    # Another page with exercises, in a second tab, and a page without exercises.
    for url in (workshop.url("voorzitter-kiezen"), workshop.base + "course/index.html"):
        other = open_book_page(context, url)
        assert "als Kees." in other.get_by_role("region", name="Workshop").inner_text()
    assert workshop.store.participant_count(workshop.session_id) == before + 1


def test_a_join_link_opens_the_form_with_the_code_and_joins_only_on_the_click(context, workshop):
    page = context.new_page()
    page.goto(workshop.base + "course/index.html")
    page.evaluate("localStorage.setItem('sleutelcursus:bijnaam', 'Ria')")  # the course nickname
    before = workshop.store.participant_count(workshop.session_id)

    page.goto(workshop.server.join_url.lower())  # /doe-mee/code, as a phone camera may send it
    form = page.locator("dialog.sc-live-form[open]")
    form.wait_for()
    assert urlparse(page.url).path == "/course/index.html" and "#" not in page.url  # off the address bar
    assert form.get_by_label("Code van de workshop").input_value() == workshop.server.code
    assert form.get_by_label("Bijnaam (niet verplicht)").input_value() == "Ria"
    assert "naar de workshop van je trainer op 127.0.0.1" in form.inner_text()
    page.wait_for_timeout(500)
    assert workshop.store.participant_count(workshop.session_id) == before  # not without the click

    submit_form(page, None, None)
    assert workshop.store.participant_count(workshop.session_id) == before + 1
    assert "als Ria." in page.get_by_role("region", name="Workshop").inner_text()
    # The link again, while joined: no second form, no second participant.
    page.goto(workshop.server.join_url)
    page.get_by_role("region", name="Workshop").wait_for()
    assert page.locator("dialog.sc-live-form").count() == 0
    assert status_text(page) == "Je doet al mee met deze workshop."
    assert workshop.store.participant_count(workshop.session_id) == before + 1


# ---- refusals ----------------------------------------------------------------------


# The join form's messages: under a field (the error about it) or the form's status line.
MESSAGES = ".sc-live-fout:not([hidden]), .sc-live-status"


def form_says(page, code: str) -> str:
    """Submit ``code`` in the open join form; the message it gets, wherever it is shown."""
    form = page.locator("dialog.sc-live-form")
    form.get_by_label("Code van de workshop").fill(code)
    form.get_by_role("button", name="Doe mee", exact=True).click()
    page.wait_for_function("""([form, messages]) => !form.querySelector('[aria-disabled=true]')
        && [...form.querySelectorAll(messages)].some((m) => m.textContent && !m.textContent.startsWith('Even geduld'))""",
                           arg=[form.element_handle(), MESSAGES])
    return " ".join(text for text in form.locator(MESSAGES).all_inner_texts() if text)


def described_by(page, selector: str) -> str:
    """The text of the elements that describe ``selector`` (aria-describedby), in order."""
    return page.evaluate("""(selector) => (document.querySelector(selector).getAttribute('aria-describedby') || '')
        .split(' ').filter(Boolean).map((id) => document.getElementById(id).textContent).join(' | ')""", selector)


def wrong_code(workshop) -> str:
    return "WXYZ-WXYZ" if workshop.server.code != "WXYZ-WXYZ" else "WXYZ-WXY2"


def test_wrong_closed_and_too_many_codes_are_refused_in_dutch(context, workshop, tmp_path, built_book):
    before = workshop.store.participant_count(workshop.session_id)
    page = open_book_page(context, workshop.url("rolscan"))
    requests = []
    page.on("request", lambda r: requests.append(r.url))
    page.get_by_role("button", name="Doe mee met de workshop").first.click()
    assert form_says(page, "12") == "Een code heeft 8 letters en cijfers, zoals ABCD-EFGH."
    # The workshop is not even asked (the click brought live.js, livejoin.js and livesession.js, no more).
    assert [url for url in requests if not LIVE_CODE.search(url)] == []
    assert page.locator("#sc-live-code").get_attribute("aria-invalid") == "true"
    assert form_says(page, wrong_code(workshop)) == "Er is geen workshop met deze code. Kijk de code na."
    assert workshop.store.participant_count(workshop.session_id) == before and stored_session(page) is None

    # A session of its own, closed by its trainer; then one guess too many.
    closed = start_workshop(tmp_path, built_book)
    try:
        closed.store.close(closed.session_id)
        other = open_book_page(context, closed.url("rolscan"))
        other.get_by_role("button", name="Doe mee met de workshop").first.click()
        assert form_says(other, closed.server.code).startswith("Deze workshop is gesloten.")
        assert form_says(other, wrong_code(closed)) == "Er is geen workshop met deze code. Kijk de code na."
        # Guessing on: a burst of wrong codes from this address, then the form's next try.
        other.evaluate("""(code) => Promise.all([...Array(15)].map(() => fetch('/api/deelnemen', {
            method: 'POST', headers: {'Content-Type': 'application/json'}, body: JSON.stringify({code, bijnaam: null})})))""",
                       wrong_code(closed))
        assert form_says(other, wrong_code(closed)).startswith("Te veel pogingen. Wacht ")
    finally:
        closed.server.stop()


def test_a_code_error_is_said_under_the_code_field_and_the_button_says_it_is_busy(context, workshop):
    page = open_book_page(context, workshop.url("rolscan"))
    page.get_by_role("button", name="Doe mee met de workshop").first.click()
    form = page.locator("dialog.sc-live-form")
    held = []
    page.route("**/api/deelnemen", lambda route: held.append(route))  # answered by hand below
    form.get_by_label("Code van de workshop").fill(wrong_code(workshop))
    send = form.get_by_role("button", name="Doe mee", exact=True)
    send.focus()
    page.keyboard.press("Enter")
    page.wait_for_function("() => document.querySelector('.sc-live-form [aria-disabled=true]')")
    busy = form.locator("button[type=submit]")
    assert busy.inner_text() == "Bezig met aanmelden…" and busy.get_attribute("aria-disabled") == "true"
    assert focused(page)["text"] == "Bezig met aanmelden…"  # the focus stays on the busy button
    page.keyboard.press("Enter")  # pressed again while busy: no second request
    page.wait_for_timeout(200)
    assert len(held) == 1
    held[0].continue_()
    page.unroute("**/api/deelnemen")
    page.wait_for_function("() => !document.querySelector('.sc-live-form [aria-disabled=true]')")
    assert busy.inner_text() == "Doe mee"  # given back after the refusal
    # The refusal is about the code: said under the code field, read with it, and the
    # focus is there to correct it; the nickname field is not marked.
    error = form.locator("#sc-live-code-fout")
    assert error.inner_text() == "Er is geen workshop met deze code. Kijk de code na."
    assert focused(page)["id"] == "sc-live-code"
    assert page.locator("#sc-live-code").get_attribute("aria-invalid") == "true"
    assert described_by(page, "#sc-live-code").endswith("| Er is geen workshop met deze code. Kijk de code na.")
    assert page.locator("#sc-live-bijnaam").get_attribute("aria-invalid") == "false"
    code_box, nick_box = (form.locator(s).bounding_box() for s in ("#sc-live-code", "#sc-live-bijnaam"))
    assert code_box["y"] < error.bounding_box()["y"] < nick_box["y"]
    assert form.locator(".sc-live-status").inner_text() == ""
    # A refused nickname is said under the nickname; the code is then fine again.
    form.get_by_label("Bijnaam (niet verplicht)").fill("Kees\u0007")
    assert form_says(page, workshop.server.code) == "De bijnaam bevat tekens die niet zijn toegestaan."
    assert form.locator("#sc-live-bijnaam-fout").is_visible() and not error.is_visible()
    assert page.locator("#sc-live-code").get_attribute("aria-invalid") == "false"
    assert page.locator("#sc-live-bijnaam").get_attribute("aria-invalid") == "true"
    assert focused(page)["id"] == "sc-live-bijnaam"
    assert stored_session(page) is None


def test_a_code_is_never_broken_at_its_dash(context, workshop):
    page = open_book_page(context, workshop.url("rolscan"))
    join(page, workshop.server.code, "Lot")
    codes = page.locator(".sc-live-code")
    assert codes.count() >= 3  # the bar, each toolbar's sentence and note
    # Squeezed to a few letters wide, each code still takes one line (one box).
    lines = codes.evaluate_all("""(codes) => codes.map((code) => {
        code.closest('p').style.width = '5ch';
        return code.getClientRects().length; })""")
    assert set(lines) == {1}


def plain_book(book):
    """``sleutelcursus serve``'s server for ``book`` on a free port; yields the base URL."""
    return serving(make_server(book, 0))


def watch_asking(page) -> tuple[list, list]:
    """(console errors, requests that ask a server for more than a file), as they come."""
    errors, asked = [], []
    page.on("console", lambda message: errors.append(message.text) if message.type == "error" else None)
    page.on("request", lambda r: asked.append(r.url) if r.method != "GET" or "/api/" in r.url else None)
    return errors, asked


def test_a_book_without_a_workshop_server_says_so_without_asking(context, built_book):
    with plain_book(built_book) as base_url:
        page = context.new_page()
        errors, asked = watch_asking(page)
        page.goto(base_url + exercise_pages(built_book)["rolscan"])
        page.wait_for_selector("html[data-sc-exercises=ready]")
        tab_until(page, lambda f: f["text"] == "Doe mee met de workshop", limit=300)
        opener = focused(page)
        page.keyboard.press("Enter")
        dialog = page.get_by_role("dialog", name="Doe mee met de workshop")
        dialog.wait_for()
        text = dialog.inner_text()
        # No form, no address of this computer offered as the workshop: what to do instead.
        assert "Deze pagina staat niet op de server van een workshop. Hier kun je dus niet meedoen." in text
        assert "Je trainer laat een adres en een QR-code zien" in text and "/doe-mee/ABCD-EFGH" in text
        assert "127.0.0.1" not in text and dialog.locator("input, form").count() == 0
        assert focused(page)["text"] == "Sluiten"
        assert axe_violations(page) == []
        page.set_viewport_size({"width": 360, "height": 740})  # on a phone: it fits, in both colour modes
        assert fits(page) and dialog.bounding_box()["x"] + dialog.bounding_box()["width"] <= 360
        assert dark_mode_violations(page) == {}
        page.keyboard.press("Enter")
        page.locator("dialog.sc-live-form").wait_for(state="detached")
        assert focused(page) == opener
        page.wait_for_timeout(300)
        assert asked == [] and errors == [] and stored_session(page) is None


def test_a_session_kept_from_a_workshop_on_the_same_address_waits_on_a_plain_book(context, built_book):
    """The trainer ran the workshop on this address before, and serves the plain book
    there now: the kept session's answers wait, and nothing asks the plain server."""
    with plain_book(built_book) as base_url:
        page = context.new_page()
        errors, asked = watch_asking(page)
        page.goto(base_url + exercise_pages(built_book)["rolscan"])
        page.evaluate("(key) => localStorage.setItem(key, JSON.stringify({code: 'ABCDEFGH', token: 'x', "
                      "nickname: 'Els', sent: []}))", SESSION_KEY)
        page.reload()
        page.wait_for_selector("html[data-sc-exercises=ready]")
        bar = page.get_by_role("region", name="Workshop")
        bar.wait_for()
        assert "(code ABCD-EFGH) is nu niet bereikbaar. Je antwoorden wachten in deze browser" in bar.inner_text()
        answer_questionnaire(page, "rolscan", {statements("rolscan")[0]: 3})
        page.wait_for_timeout(1000)  # past the pause before sending
        assert outbox(page) == ["rolscan"]
        page.get_by_role("button", name="Stop met delen").click()
        page.get_by_role("status").filter(has_text="De workshop is niet bereikbaar, dus je antwoorden").wait_for()
        # Nothing can be taken out of the workshop from here, so there was nothing to confirm.
        assert page.locator("dialog[open]").count() == 0
        assert asked == [] and errors == [] and stored_session(page) is None


def test_nothing_is_sent_without_joining(browser, workshop, tmp_path):
    """A full walk through the exercise pages: answers, downloads, wipes, the form cancelled."""
    context = browser.new_context(accept_downloads=True)
    requests = []
    context.on("request", lambda r: requests.append((r.method, r.url)))
    revision = workshop.store.revision(workshop.session_id)
    count = workshop.store.participant_count(workshop.session_id)
    rol, net = statements("rolscan"), candidates("netwerk-samenstellen")
    try:
        page = open_book_page(context, workshop.base + "course/index.html")
        page = open_book_page(context, workshop.url("rolscan"))
        answer_questionnaire(page, "rolscan", dict(zip(rol, [1, 2, 3, 4, 5] * 4)))
        tick_candidates(page, "netwerk-samenstellen", net[:6])
        for exercise_id in ("rolscan", "netwerk-samenstellen"):
            with page.expect_download() as info:
                host(page, exercise_id).get_by_role("button", name="Download mijn antwoorden").click()
            info.value.save_as(tmp_path / f"{exercise_id}.json")
        host(page, "rolscan").get_by_role("button", name="Wis mijn antwoorden").click()
        page.get_by_role("dialog").get_by_role("button", name="Ja, wis deze oefening").click()
        wait_dialog_gone(page)
        # The workshop's own code (live.js, livejoin.js, livesession.js) comes with this click, not before.
        assert not [url for _, url in requests if LIVE_CODE.search(url)]
        page.get_by_role("button", name="Doe mee met de workshop").first.click()
        page.locator("dialog.sc-live-form").get_by_role("button", name="Annuleren").click()
        assert [url for _, url in requests if LIVE_CODE.search(url)]
        chair = open_book_page(context, workshop.url("voorzitter-kiezen"))
        choose_path(chair, "voorzitter-kiezen", [1, 0])
        with chair.expect_download():
            host(chair, "voorzitter-kiezen").get_by_role("button", name="Download mijn antwoorden").click()
        host(chair, "voorzitter-kiezen").get_by_role("button", name="Wis alles van deze cursus").click()
        chair.get_by_role("dialog").get_by_role("button", name="Ja, wis alles").click()
        wait_dialog_gone(chair)
        chair.wait_for_timeout(1000)  # past any debounce
    finally:
        context.close()
    pages = [url for _, url in requests if url.endswith(".html")]
    assert len(pages) >= 3
    assert [r for r in requests if "/api/" in r[1] or r[0] != "GET"] == []
    assert [r for r in requests if urlparse(r[1]).netloc != urlparse(workshop.base).netloc
            and urlparse(r[1]).scheme not in ("data", "blob")] == []
    assert workshop.store.revision(workshop.session_id) == revision
    assert workshop.store.participant_count(workshop.session_id) == count


# ---- accessibility -----------------------------------------------------------------


def fits(page) -> bool:
    return page.evaluate("document.documentElement.scrollWidth <= document.documentElement.clientWidth")


@pytest.mark.parametrize("width", [360, 1280])
def test_the_form_and_the_bar_are_axe_clean_in_light_and_dark_mode_and_fit(browser, workshop, width):
    context = browser.new_context(viewport={"width": width, "height": 800})
    try:
        page = open_book_page(context, workshop.url("rolscan"))
        page.get_by_role("button", name="Doe mee met de workshop").first.click()
        assert form_says(page, wrong_code(workshop)).startswith("Er is geen workshop")
        assert axe_violations(page) == []
        assert dark_mode_violations(page) == {}
        assert fits(page)
        box = page.locator("dialog.sc-live-form").bounding_box()
        assert box["x"] >= 0 and box["x"] + box["width"] <= width
        submit_form(page, workshop.server.code, f"Breedte {width} met een lange bijnaam")
        page.get_by_role("status").filter(has_text="Je doet mee met de workshop.").wait_for()
        assert axe_violations(page) == []
        assert dark_mode_violations(page) == {}
        assert fits(page)
    finally:
        context.close()
