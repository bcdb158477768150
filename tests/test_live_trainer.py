"""The trainer's side of a live workshop (issue 16): the token, the live group page, the
event stream and closing; the page in Chromium.

The session comes from ``tests/trainersession.py``; the exports that must equal
``sleutelcursus groep``'s files are checked in ``test_live_trainer_exports.py``.
"""

from __future__ import annotations

import re
import time
from html.parser import HTMLParser
from urllib.parse import urlsplit

import httpx
import pytest
from playwright.sync_api import expect

from livegroup import group_payloads, trainee_payloads
from liveserver import free_port, minimal_book, serve_app, start_live
from sleutelcursus.live.app import create_app
from sleutelcursus.live.trainer import COOKIE, trainer_routes
from sleutelcursus.workshop.report import group_report
from trainees import axe_violations
from trainersession import LIVE_WORDS, TRAINEES, Session, as_files, base, client, live, login  # noqa: F401 (fixtures)

GUARDED = [
    ("GET", "/trainer"), ("GET", "/trainer/stand"), ("GET", "/trainer/updates"), ("GET", "/trainer/sluiten"),
    ("POST", "/trainer/sluiten"), ("GET", "/trainer/rapport.html"), ("GET", "/trainer/groepsresultaten.csv"),
    ("GET", "/trainer/trainer.js"),
]


def same_origin(client: httpx.Client) -> dict:
    return {"Origin": str(client.base_url).rstrip("/")}


# --------------------------------------------------------------------------- the token


@pytest.mark.parametrize(("method", "path"), GUARDED)
def test_every_trainer_route_refuses_without_the_token_or_with_a_wrong_one(live, client, method, path):
    for cookies in ({}, {COOKIE: "verkeerd-token"}, {COOKIE: live.token + "x"}):
        client.cookies.clear()
        for name, value in cookies.items():
            client.cookies.set(name, value, domain="127.0.0.1", path="/trainer")
        response = client.request(method, path, headers=same_origin(client))
        assert response.status_code == 401, (path, cookies)
        # A cookie that does not fit is a link from before a restart (or a guess).
        assert ("werkt niet meer" if cookies else "alleen voor de trainer") in response.text
        assert response.headers["cache-control"] == "no-store"
    assert live.store.session(live.session.id).closed_at is None


def test_a_refusal_is_styled_as_the_trainer_pages_without_the_token(live, client):
    # An unstyled "Geen toegang" read as a broken server (trainer trial).
    client.cookies.clear()
    refusal = client.get("/trainer")
    assert refusal.status_code == 401 and '<link rel="stylesheet" href="/trainer/trainer.css">' in refusal.text
    css = client.get("/trainer/trainer.css")
    assert css.status_code == 200 and css.headers["content-type"].startswith("text/css") and ".sc-trainer" in css.text


def test_the_answers_api_wants_the_token_as_bearer_header_only(live, client):
    assert client.get("/api/trainer/antwoorden").status_code == 401
    wrong = client.get("/api/trainer/antwoorden", headers={"Authorization": "Bearer fout"})
    assert wrong.status_code == 401 and wrong.json()["detail"] == "Geen geldig trainerstoken."
    login(client, live.token)  # a cookie does not open the API
    assert client.get("/api/trainer/antwoorden").status_code == 401
    good = client.get("/api/trainer/antwoorden", headers={"Authorization": f"Bearer {live.token}"})
    assert good.status_code == 200 and good.json() == {"antwoorden": []}


def test_the_token_in_the_url_becomes_a_strict_cookie_and_leaves_the_url(live, client):
    response = login(client, live.token)
    assert response.status_code == 303
    assert response.headers["location"] == "/trainer"
    cookie = response.headers["set-cookie"]
    assert cookie.startswith(f"{COOKIE}={live.token};")
    assert {"httponly", "path=/trainer", "samesite=strict"} <= {part.strip().lower() for part in cookie.split(";")}
    assert response.headers["referrer-policy"] == "no-referrer"
    assert response.headers["cache-control"] == "no-store"
    page = client.get("/trainer")
    assert page.status_code == 200 and live.token not in page.text
    policy = page.headers["content-security-policy"]
    assert "script-src 'self';" in policy and "unsafe-inline" not in policy


def test_a_wrong_token_in_the_url_sets_no_cookie_and_a_rotated_token_stops_working(live, client):
    wrong = login(client, "geraden")
    assert wrong.status_code == 401 and "set-cookie" not in wrong.headers
    assert login(client, live.token).status_code == 303
    fresh = live.store.new_trainer_token(live.session.id)  # what a restart of the server does
    stale = client.get("/trainer")
    # Found by the trainer's trial: the old page advised reloading, which cannot help.
    assert stale.status_code == 401 and "opnieuw gestart" in stale.text and "Opnieuw laden" not in stale.text
    assert login(client, fresh).status_code == 303
    assert client.get("/trainer").status_code == 200


def test_after_wis_the_old_link_and_page_say_the_session_is_wiped(live, client):
    # Found by the trainer's trial: after --wis with the server running, the old link
    # spoke of a restart that never happened.
    login(client, live.token)
    live.store.wipe(live.code)
    for response in (client.get("/trainer"), client.get("/trainer/stand"), login(client, live.token)):
        assert response.status_code == 410 and "Deze sessie is gewist" in response.text
        assert "herstart" not in response.text and "opnieuw gestart" not in response.text


# ---------------------------------------------------------------- what the page shows


class Figures(HTMLParser):
    """Every table (caption and cells) and every chart (label and texts) of a page, in order."""

    def __init__(self) -> None:
        super().__init__()
        self.items: list[tuple] = []
        self._texts: list[str] | None = None
        self._kind = None

    def handle_starttag(self, tag, attrs):
        if tag in ("table", "svg") and self._texts is None:
            self._kind, self._texts = tag, [dict(attrs).get("aria-label", "")]

    def handle_endtag(self, tag):
        if tag == self._kind:
            self.items.append((self._kind, tuple(t for t in self._texts if t.strip())))
            self._texts = self._kind = None

    def handle_data(self, data):
        if self._texts is not None:
            self._texts.append(data.strip())


def figures(html: str) -> list[tuple]:
    parser = Figures()
    parser.feed(html)
    return [(kind, tuple(LIVE_WORDS.get(text, text) for text in texts)) for kind, texts in parser.items]


def participants_shown(html: str) -> int:
    return int(re.search(r'class="sc-getal-groot">(\d+)<', html)[1])


def test_page_and_fragment_show_the_participants_and_the_figures_of_groep(live, client, tmp_path):
    login(client, live.token)
    empty = client.get("/trainer/stand").text
    assert participants_shown(empty) == 0 and "Nog geen antwoorden" in empty
    live.fill(client)
    page, fragment = client.get("/trainer").text, client.get("/trainer/stand").text
    assert participants_shown(page) == participants_shown(fragment) == TRAINEES + 1

    report = group_report(as_files(live, tmp_path / "antwoorden"), tmp_path / "rapport")
    expected = figures(report.html.read_text(encoding="utf-8"))
    assert len(expected) > 10  # the overview and every exercise's tables and charts
    assert figures(fragment) == expected
    assert [item for item in figures(page) if item[0] == "table"] == [item for item in expected if item[0] == "table"]
    # The join block: the code and the trainees' URL, also as a QR code.
    assert live.code in page and f"/doe-mee/{live.code}" in page
    assert 'class="sc-qr-code"' in page and 'aria-label="QR-code van het adres' in page


def test_the_event_stream_announces_an_answer_within_two_seconds(live, client):
    login(client, live.token)
    participant = live.join(client, "Merel")
    with client.stream("GET", "/trainer/updates") as stream:
        assert stream.headers["content-type"].startswith("text/event-stream")
        lines = stream.iter_lines()
        first = next(line for line in lines if line.startswith("data:"))  # the revision now
        sent = time.monotonic()
        assert live.answer(client, participant, trainee_payloads(0)[0]).status_code == 204
        second = next(line for line in lines if line.startswith("data:"))
        waited = time.monotonic() - sent
    assert int(second.split(":")[1]) > int(first.split(":")[1])
    assert waited <= 2.0, f"{waited:.2f} s"


def test_the_command_serves_the_trainer_page_and_stops_at_once_with_a_page_open(tmp_path):
    server = start_live(tmp_path, minimal_book(tmp_path / "boek"), free_port())
    try:
        with httpx.Client(base_url=server.base, follow_redirects=False, timeout=10) as http:
            link = urlsplit(server.trainer_url)
            assert http.get(f"{link.path}?{link.query}").status_code == 303
            assert server.code in http.get("/trainer").text
            with http.stream("GET", "/trainer/updates") as stream:
                lines = stream.iter_lines()
                next(line for line in lines if line.startswith("data:"))
                stopped = time.monotonic()
                server.process.send_signal(2)  # Ctrl+C while the trainer page listens
                list(lines)  # the server ends the stream (a hanging one fails on the read timeout)
                server.process.wait(15)
        waited = time.monotonic() - stopped
    finally:
        if server.process.poll() is None:
            server.kill()
    assert waited < 5, f"{waited:.1f} s"
    output = "\n".join(server.lines)
    assert "Gestopt." in output and "Traceback" not in output and "ERROR" not in output


# ------------------------------------------------------------------------- closing


def test_closing_needs_a_form_of_this_site_and_then_stops_the_answers(live, client):
    login(client, live.token)
    participant = live.join(client, "Vos")
    # Found by the trainer's trial: neither page said that closing starts the hour to the wipe.
    advice = "Download het rapport en de CSV daarom"
    open_page = client.get("/trainer").text
    assert "Na het sluiten blijven de antwoorden nog één uur staan" in open_page and advice in open_page
    assert "Daarna wist de server ze" in open_page and f"--wis {live.code}" in open_page
    confirm = client.get("/trainer/sluiten")
    assert confirm.status_code == 200 and 'method="post"' in confirm.text and "Ja, sluit de sessie" in confirm.text
    assert "nog één uur staan" in confirm.text and "Daarna wist de server alle bijnamen en antwoorden" in confirm.text
    assert advice in confirm.text and 'href="/trainer/rapport.html"' in confirm.text and f"--wis {live.code}" in confirm.text
    assert "blijft staan" not in confirm.text
    for refused in ({}, {"Origin": "http://andere-site.example"}, {"Origin": "null"},
                    {"Sec-Fetch-Site": "same-site", **same_origin(client)}, {"Sec-Fetch-Site": "cross-site"}):
        assert client.post("/trainer/sluiten", headers=refused).status_code == 403, refused
    assert live.store.session(live.session.id).closed_at is None

    closed = client.post("/trainer/sluiten", headers=same_origin(client))
    assert closed.status_code == 303 and closed.headers["location"] == "/trainer"
    assert live.store.session(live.session.id).closed_at is not None
    assert live.answer(client, participant, trainee_payloads(1)[0]).status_code == 410
    assert client.post("/api/deelnemen", json={"code": live.code, "bijnaam": None}).json()["staat"] == "gesloten"
    page = client.get("/trainer").text
    assert "Deze sessie is gesloten" in page and "Sluit de sessie</button>" not in page and "De server wist de bijnamen" in page
    assert "1</span> deelnemer deed mee." in page
    assert client.get("/trainer/sluiten").status_code == 303  # nothing left to confirm


def test_an_expired_session_says_so_and_offers_no_closing(tmp_path):
    live = Session(tmp_path)
    session, token = live.store.create_session(str(live.book), hours=0.0002)  # under a second
    app = create_app(live.store, live.book, session.id, extra_routes=trainer_routes(live.store))
    time.sleep(1)
    with serve_app(app) as url, httpx.Client(base_url=url, follow_redirects=False, timeout=10) as http:
        login(http, token)
        page = http.get("/trainer").text
        assert "Deze sessie is verlopen" in page and "Sluit de sessie</button>" not in page
        assert http.get("/trainer/sluiten").status_code == 303


# -------------------------------------------------------------------- in the browser


@pytest.mark.browser
def test_the_trainer_page_in_chromium_is_accessible_fits_a_projector_and_follows_live(browser, live, client, base):
    live.fill(client, trainees=5)
    context = browser.new_context(viewport={"width": 1280, "height": 720})
    page = context.new_page()
    problems: list[str] = []
    page.on("console", lambda message: message.type == "error" and problems.append(message.text))
    page.on("pageerror", lambda error: problems.append(str(error)))
    page.on("dialog", lambda dialog: problems.append("dialog: " + dialog.message))
    try:
        page.goto(f"{base}/trainer?token={live.token}")
        assert urlsplit(page.url).path == "/trainer" and "token" not in page.url
        assert page.locator(".sc-getal-groot").text_content() == "6"
        assert page.evaluate("document.documentElement.scrollWidth") <= 1280
        assert axe_violations(page) == []
        # The page's only script is its own file: the nickname's <script> is text.
        assert page.evaluate("[...document.scripts].map((s) => new URL(s.src).pathname)") == ["/trainer/trainer.js"]

        participant = live.join(client, "Laatkomer")
        sent = time.monotonic()
        live.answer(client, participant, group_payloads(1)[0])
        while page.locator(".sc-getal-groot").text_content() != "7" and time.monotonic() - sent < 5:
            time.sleep(0.05)
        waited = time.monotonic() - sent
        assert page.locator(".sc-getal-groot").text_content() == "7"
        assert waited <= 2.0, f"{waited:.2f} s"
        assert page.locator("#sc-melding").text_content() == "Bijgewerkt: 7 deelnemers, 16 antwoorden."
        assert axe_violations(page) == []

        # Closing as a trainer does it: the button, then the confirmation.
        page.get_by_role("button", name="Sluit de sessie").click()
        page.get_by_role("button", name="Ja, sluit de sessie").wait_for()
        assert axe_violations(page) == []
        page.get_by_role("button", name="Ja, sluit de sessie").click()
        page.wait_for_selector(".sc-gesloten")
        assert urlsplit(page.url).path == "/trainer"
        assert live.store.session(live.session.id).closed_at is not None
        assert axe_violations(page) == []
        assert problems == []

        # Wiped (--wis) while the page is open: it says so instead of going quiet.
        live.store.wipe(live.code)
        expect(page.locator("#sc-melding")).to_contain_text("Deze sessie is gewist", timeout=5000)
    finally:
        context.close()
