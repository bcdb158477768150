"""A joined trainee's answers reach the live workshop (issue 16, item 2): as they change,
the same as the answer file, and after the server was down; stopping, wiping the course or
a closed session withdraws them or ends the sharing, with a Dutch message.

The workshop comes from ``tests/liveworkshop.py``; joining itself is checked in
``test_live_join.py``.
"""

from __future__ import annotations

import pytest
from playwright.sync_api import expect

from livetrainees import (
    OUTBOX_PREFIX, answer_questionnaire, choose_path, host, join, open_book_page, outbox, stop_sharing,
    stored_session, tick_candidates, wait_for,
)
from liveworkshop import candidates, context, start_workshop, statements, workshop  # noqa: F401 (fixtures)
from trainees import focused, wait_dialog_gone
from webtools import stored_answers

from sleutelcursus.workshop.answerfile import parse_answer_file

pytestmark = pytest.mark.browser

OFFLINE = "De workshop is nu niet bereikbaar."
BACK = "De workshop is weer bereikbaar: al je antwoorden zijn verstuurd."
WITHDRAWN = "Je deelt niet meer: je antwoorden zijn nu uit de workshop gehaald. Ze blijven wel in deze browser."
GONE = "De workshop is niet bereikbaar, dus je antwoorden konden daar niet worden teruggetrokken."
WIPED = "De server van je trainer wist alle gegevens van de workshop vanzelf een uur nadat de workshop is gesloten."
WIPED_LATER = "De andere gegevens van de workshop wist de server van je trainer een uur nadat de workshop is gesloten."
CLOSED_HERE = "Je trainer heeft de workshop gesloten. Je antwoorden blijven alleen in deze browser"
# frontend/livesession.js STATE_MS: how often a joined page asks whether the session is open.
STATE_SECONDS = 15


def answers_arrive(workshop, nickname: str, expected: dict) -> dict:
    """Wait until the session holds exactly ``expected`` (exercise id -> answers) for ``nickname``."""
    def check():
        now = workshop.payloads(nickname)
        return now if {k: p["answers"] for k, p in now.items()} == expected else None
    return wait_for(check, timeout=45, message=f"niet aangekomen: {expected}; wel: {workshop.payloads(nickname)}")


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
    # It asks first, as every wipe of the course does; the safe choice has the focus.
    page.keyboard.press("Enter")
    ask = page.get_by_role("dialog", name="Stoppen met delen?")
    ask.wait_for()
    assert "uit de workshop van je trainer gehaald" in ask.inner_text()
    assert focused(page)["text"] == "Nee, blijf delen"
    page.keyboard.press("Escape")  # not now: nothing withdrawn, back on the button, said
    ask.wait_for(state="detached")
    assert focused(page)["text"] == "Stop met delen"
    expect(page.locator(".sc-live-melding")).to_have_text("Je deelt nog: er is niets uit de workshop gehaald.")
    assert set(workshop.payloads("Cor")) == {"rolscan"} and stored_session(page) is not None
    page.keyboard.press("Enter")
    page.keyboard.press("Tab")
    assert focused(page)["text"] == "Ja, stop met delen"
    page.keyboard.press("Enter")
    page.get_by_role("status").filter(has_text=WITHDRAWN).wait_for()
    assert WIPED_LATER in page.get_by_role("status").filter(has_text=WITHDRAWN).inner_text()
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
        stop_sharing(page)
        page.get_by_role("status").filter(has_text=GONE).wait_for()
        assert WIPED in page.get_by_role("status").filter(has_text=GONE).inner_text()
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
    # Not "they stay in this browser": the trainee has just wiped them here too.
    page.get_by_role("status").filter(has_text="je antwoorden zijn nu uit de workshop en uit deze browser gehaald.").wait_for()
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


def test_a_session_the_trainer_closes_ends_here_without_an_answer(context, tmp_path, built_book):
    # Found by a trainer's trial: the bar kept saying answers went to the workshop after
    # the trainer closed it, until the trainee answered something.
    closing = start_workshop(tmp_path, built_book)
    try:
        page = open_book_page(context, closing.url("rolscan"))
        join(page, closing.server.code, "Gijs")
        other = open_book_page(context, closing.url("voorzitter-kiezen"))
        bar = page.get_by_role("region", name="Workshop")
        assert "Je antwoorden gaan nu naar de workshop" in bar.inner_text()
        other.get_by_role("region", name="Workshop").wait_for()
        closing.store.close(closing.session_id)
        requests = []
        page.on("request", lambda r: requests.append((r.method, r.url)))
        other.on("request", lambda r: requests.append((r.method, r.url)))
        wait = (STATE_SECONDS + 5) * 1000
        for tab in (page, other):  # the tab that asks first, and the other one
            tab.get_by_role("status").filter(has_text=CLOSED_HERE).wait_for(timeout=wait)
            assert tab.get_by_role("region", name="Workshop").count() == 0
        assert stored_session(page) is None
        assert {method for method, url in requests if "/api/" in url} == {"GET"}  # asked, sent nothing
    finally:
        closing.server.stop()
