"""A trainee joins a live workshop from the built book (issue 16, item 2).

The real ``sleutelcursus live`` serves the built national course on loopback; Chromium
plays the trainees. What the server stored is read from its database (``LiveStore``).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import urlparse

import pytest

from liveserver import LiveServer, free_port, start_live
from livetrainees import (
    BAR_TEXT, OUTBOX_PREFIX, answer_questionnaire, choose_path, exercise_pages, host, join, open_book_page, outbox,
    stored_session, submit_form, tick_candidates, wait_for,
)
from sitequality import dark_mode_violations
from trainees import axe_violations, focused, tab_until, wait_dialog_gone
from webtools import serve_directory, stored_answers

from sleutelcursus.live.storage import LiveStore
from sleutelcursus.plugins.registry import registered_specs
from sleutelcursus.workshop.answerfile import parse_answer_file

pytestmark = pytest.mark.browser

OFFLINE = "De workshop is nu niet bereikbaar."
BACK = "De workshop is weer bereikbaar: al je antwoorden zijn verstuurd."
WITHDRAWN = "Je deelt niet meer: je antwoorden zijn uit de workshop teruggetrokken."
# The live workshop's modules, loaded only once a trainee joins or asks to (livedoor.js).
LIVE_CODE = re.compile(r"/live(session)?\.js(\?|$)")
GONE = "De workshop is niet bereikbaar, dus je antwoorden konden daar niet worden teruggetrokken."


@dataclass
class Workshop:
    """A running live session: the server, its store, the book's pages."""

    server: LiveServer
    store: LiveStore
    session_id: int
    book: Path
    work: Path
    db: str
    port: int

    @property
    def base(self) -> str:
        return self.server.base + "/"

    def url(self, exercise_id: str) -> str:
        return self.base + exercise_pages(self.book)[exercise_id]

    def payloads(self, nickname: str) -> dict[str, dict]:
        """What the session holds of the participant with ``nickname``, by exercise."""
        mine = [p for p in self.store.payloads(self.session_id) if p["nickname"] == nickname]
        by_exercise = {p["exercise_id"]: p for p in mine}
        assert len(by_exercise) == len(mine), "an exercise counted twice"
        return by_exercise

    def restart(self) -> None:
        """Start the command again on the same port and database: the session resumes."""
        self.server = start_live(self.work, self.book, self.port, "--db", self.db)


def start_workshop(work: Path, book: Path) -> Workshop:
    """``sleutelcursus live`` on a free loopback port with a database of its own."""
    db = f"sqlite:///{work / 'live.db'}"
    port = free_port()
    server = start_live(work, book, port, "--db", db)
    store = LiveStore(db)
    return Workshop(server, store, store.session_by_code(server.code).id, book, work, db, port)


@pytest.fixture(scope="module")
def workshop(tmp_path_factory, built_book):
    running = start_workshop(tmp_path_factory.mktemp("live"), built_book)
    yield running
    running.server.stop()


@pytest.fixture
def context(browser):
    """A trainee's browser of their own (own storage), downloads allowed."""
    ctx = browser.new_context(viewport={"width": 1280, "height": 900}, accept_downloads=True)
    yield ctx
    ctx.close()


def answers_arrive(workshop, nickname: str, expected: dict) -> dict:
    """Wait until the session holds exactly ``expected`` (exercise id -> answers) for ``nickname``."""
    def check():
        now = workshop.payloads(nickname)
        return now if {k: p["answers"] for k, p in now.items()} == expected else None
    return wait_for(check, timeout=45, message=f"niet aangekomen: {expected}; wel: {workshop.payloads(nickname)}")


def status_text(page) -> str:
    return page.locator(".sc-live-melding").inner_text()


def statements(exercise_id: str) -> list[str]:
    return [s["id"] for s in registered_specs()[exercise_id]["statements"]]


def candidates(exercise_id: str) -> list[str]:
    return [c["id"] for c in registered_specs()[exercise_id]["candidates"]]


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
    assert page.evaluate("document.activeElement.classList.contains('sc-live-bar')")  # focus went to the bar
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


# ---- sending -----------------------------------------------------------------------


def test_answers_reach_the_workshop_as_they_change_the_same_as_the_answer_file(context, workshop, tmp_path):
    rol, net = statements("rolscan"), candidates("netwerk-samenstellen")
    page = open_book_page(context, workshop.url("rolscan"))
    answer_questionnaire(page, "rolscan", {rol[0]: 4, rol[1]: 2})  # before joining: stays here
    page.wait_for_timeout(800)
    join(page, workshop.server.code, "Anouk")
    # On joining, the page's answered exercises go; the untouched composition does not.
    answers_arrive(workshop, "Anouk", {"rolscan": {rol[0]: 4, rol[1]: 2}})

    tick_candidates(page, "netwerk-samenstellen", net[:3])
    answer_questionnaire(page, "rolscan", {rol[0]: 5})
    answers_arrive(workshop, "Anouk", {"rolscan": {rol[0]: 5, rol[1]: 2}, "netwerk-samenstellen": {"selected": net[:3]}})

    # A second tab on another page sends as well.
    chair = open_book_page(context, workshop.url("voorzitter-kiezen"))
    choose_path(chair, "voorzitter-kiezen", [1, 0])
    path = stored_answers(chair, "voorzitter-kiezen")["path"]
    assert len(path) == 2
    got = answers_arrive(workshop, "Anouk", {
        "rolscan": {rol[0]: 5, rol[1]: 2}, "netwerk-samenstellen": {"selected": net[:3]},
        "voorzitter-kiezen": stored_answers(chair, "voorzitter-kiezen"),
    })
    # The same payload as the downloaded answer file, apart from when it was made.
    with page.expect_download() as info:
        host(page, "rolscan").get_by_role("button", name="Download mijn antwoorden").click()
    info.value.save_as(tmp_path / "rolscan.json")
    file = parse_answer_file((tmp_path / "rolscan.json").read_bytes(), "rolscan.json")
    live = got["rolscan"]
    # Besides time and nickname, the server adds the participant's number ("deelnemer").
    assert {k: v for k, v in live.items() if k not in ("exported_at", "nickname", "deelnemer")} == \
        {k: v for k, v in file.items() if k not in ("exported_at", "nickname")}
    assert live["nickname"] == "Anouk"

    # Unticking every candidate is sent too, or the trainer would keep the old network.
    tick_candidates(page, "netwerk-samenstellen", net[:3])
    answers_arrive(workshop, "Anouk", {"rolscan": {rol[0]: 5, rol[1]: 2}, "netwerk-samenstellen": {"selected": []},
                                       "voorzitter-kiezen": got["voorzitter-kiezen"]["answers"]})
    wait_for(lambda: outbox(page) == [] and outbox(chair) == [])  # the server's 204 clears it, just after storing


def test_answers_given_while_the_server_is_down_arrive_after_a_restart_once_each(context, workshop):
    rol, net = statements("rolscan"), candidates("netwerk-samenstellen")
    page = open_book_page(context, workshop.url("rolscan"))
    join(page, workshop.server.code, "Bram")
    answer_questionnaire(page, "rolscan", {rol[2]: 3})
    answers_arrive(workshop, "Bram", {"rolscan": {rol[2]: 3}})

    workshop.server.stop()
    try:
        answer_questionnaire(page, "rolscan", {rol[3]: 1})
        tick_candidates(page, "netwerk-samenstellen", [net[5]])
        answer_questionnaire(page, "rolscan", {rol[3]: 2})  # the outbox keeps only the latest
        page.get_by_role("status").filter(has_text=OFFLINE).wait_for()
        wait_for(lambda: sorted(outbox(page)) == ["netwerk-samenstellen", "rolscan"])
    finally:
        workshop.restart()
    answers_arrive(workshop, "Bram", {"rolscan": {rol[2]: 3, rol[3]: 2}, "netwerk-samenstellen": {"selected": [net[5]]}})
    page.get_by_role("status").filter(has_text=BACK).wait_for()
    assert outbox(page) == []

    # What waited in a page that was closed goes when a page of the book opens again.
    workshop.server.stop()
    try:
        answer_questionnaire(page, "rolscan", {rol[4]: 5})
        wait_for(lambda: outbox(page) == ["rolscan"])
        page.close()
    finally:
        workshop.restart()
    again = open_book_page(context, workshop.url("voorzitter-kiezen"))
    answers_arrive(workshop, "Bram", {"rolscan": {rol[2]: 3, rol[3]: 2, rol[4]: 5},
                                      "netwerk-samenstellen": {"selected": [net[5]]}})
    wait_for(lambda: outbox(again) == [])


# ---- stopping ----------------------------------------------------------------------


def test_stop_sharing_withdraws_the_answers_and_ends_the_session_in_every_tab(context, workshop):
    rol = statements("rolscan")
    page = open_book_page(context, workshop.url("rolscan"))
    join(page, workshop.server.code, "Cor")
    other = open_book_page(context, workshop.url("voorzitter-kiezen"))
    answer_questionnaire(page, "rolscan", {rol[0]: 3})
    answers_arrive(workshop, "Cor", {"rolscan": {rol[0]: 3}})

    stop = page.get_by_role("button", name="Stop met delen")
    stop.focus()
    page.keyboard.press("Enter")
    page.get_by_role("status").filter(has_text=WITHDRAWN).wait_for()
    assert page.evaluate("document.activeElement.classList.contains('sc-live-melding')")
    assert workshop.payloads("Cor") == {}
    assert stored_session(page) is None
    other.get_by_role("region", name="Workshop").wait_for(state="detached")
    assert other.get_by_role("button", name="Doe mee met de workshop").count() == other.locator(".sc-host").count()

    requests = []
    page.on("request", lambda r: requests.append(r.url))
    answer_questionnaire(page, "rolscan", {rol[1]: 4})
    page.wait_for_timeout(1000)
    assert not [url for url in requests if "/api/" in url]
    assert workshop.payloads("Cor") == {}


def test_stop_sharing_without_a_server_stops_here_and_says_the_answers_stay_there(context, workshop):
    page = open_book_page(context, workshop.url("rolscan"))
    join(page, workshop.server.code, "Dirk")
    answer_questionnaire(page, "rolscan", {statements("rolscan")[0]: 2})
    answers_arrive(workshop, "Dirk", {"rolscan": {statements("rolscan")[0]: 2}})
    workshop.server.stop()
    try:
        page.get_by_role("button", name="Stop met delen").click()
        page.get_by_role("status").filter(has_text=GONE).wait_for()
        assert stored_session(page) is None and outbox(page) == []
        assert page.get_by_role("region", name="Workshop").count() == 0
    finally:
        workshop.restart()
    assert set(workshop.payloads("Dirk")) == {"rolscan"}  # what the server had, it keeps (said so)


def test_wiping_the_whole_course_also_withdraws_from_the_workshop(context, workshop):
    page = open_book_page(context, workshop.url("rolscan"))
    join(page, workshop.server.code, "Els")
    answer_questionnaire(page, "rolscan", {statements("rolscan")[0]: 1})
    answers_arrive(workshop, "Els", {"rolscan": {statements("rolscan")[0]: 1}})
    host(page, "rolscan").get_by_role("button", name="Wis alles van deze cursus").click()
    dialog = page.get_by_role("dialog", name="Alles van deze cursus wissen?")
    assert "Doe je mee met een workshop, dan stopt het delen en worden je antwoorden daar teruggetrokken." in dialog.inner_text()
    dialog.get_by_role("button", name="Ja, wis alles").click()
    wait_dialog_gone(page)
    page.get_by_role("status").filter(has_text=WITHDRAWN).wait_for()
    assert workshop.payloads("Els") == {}
    assert page.get_by_role("region", name="Workshop").count() == 0 and stored_session(page) is None


def test_refused_answers_are_dropped_and_a_closed_session_ends_here_with_a_dutch_message(context, tmp_path, built_book):
    rol = statements("rolscan")
    closing = start_workshop(tmp_path, built_book)
    try:
        page = open_book_page(context, closing.url("rolscan"))
        join(page, closing.server.code, "Fien")
        answer_questionnaire(page, "rolscan", {rol[0]: 3})
        good = answers_arrive(closing, "Fien", {"rolscan": {rol[0]: 3}})["rolscan"]
        token = stored_session(page)["token"]
        # What the server can never take is dropped with a message, not sent again and again.
        for payload, said in (({**good, "schema": "iets-anders"}, "werd door de workshop geweigerd"),
                              ({**good, "page": "/" + "x" * 70_000}, "is te groot om te versturen")):
            page.evaluate("""([key, item]) => { localStorage.setItem(key, JSON.stringify(item));
                                                 window.dispatchEvent(new Event('online')); }""",
                          [OUTBOX_PREFIX + "rolscan", {"token": token, "payload": payload}])
            page.get_by_role("status").filter(has_text=said).wait_for()
            wait_for(lambda: outbox(page) == [])
        assert closing.payloads("Fien")["rolscan"] == good

        # The trainer closes the session: the next answer ends it in this browser.
        closing.store.close(closing.session_id)
        answer_questionnaire(page, "rolscan", {rol[1]: 4})
        page.get_by_role("status").filter(has_text="Je trainer heeft de workshop gesloten.").wait_for()
        assert stored_session(page) is None and outbox(page) == []
        assert page.get_by_role("region", name="Workshop").count() == 0
    finally:
        closing.server.stop()


# ---- refusals ----------------------------------------------------------------------


def form_says(page, code: str) -> str:
    """Submit ``code`` in the open join form; the message it gets."""
    form = page.locator("dialog.sc-live-form")
    form.get_by_label("Code van de workshop").fill(code)
    form.get_by_role("button", name="Doe mee", exact=True).click()
    status = form.get_by_role("status")
    page.wait_for_function("(s) => s.textContent && !s.textContent.startsWith('Even geduld')", arg=status.element_handle())
    return status.inner_text()


def wrong_code(workshop) -> str:
    return "WXYZ-WXYZ" if workshop.server.code != "WXYZ-WXYZ" else "WXYZ-WXY2"


def test_wrong_closed_and_too_many_codes_are_refused_in_dutch(context, workshop, tmp_path, built_book):
    before = workshop.store.participant_count(workshop.session_id)
    page = open_book_page(context, workshop.url("rolscan"))
    requests = []
    page.on("request", lambda r: requests.append(r.url))
    page.get_by_role("button", name="Doe mee met de workshop").first.click()
    assert form_says(page, "12") == "Een code heeft 8 letters en cijfers, zoals ABCD-EFGH."
    # The workshop is not even asked (the click brought live.js and livesession.js, no more).
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


def test_a_book_without_a_workshop_server_says_so(context, built_book):
    with serve_directory(built_book) as base_url:
        page = open_book_page(context, base_url + exercise_pages(built_book)["rolscan"])
        page.get_by_role("button", name="Doe mee met de workshop").first.click()
        assert form_says(page, "ABCD-EFGH").startswith("Op dit adres draait geen workshopserver.")
        assert stored_session(page) is None


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
        # The workshop's own code (live.js, livesession.js) comes with this click, not before.
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
