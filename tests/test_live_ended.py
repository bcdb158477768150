"""A session after it closed or expired: what the server says when it stops, the report
still to be had with ``--sessie CODE`` until the wipe, and the start that fails cleanly.

Found by a trainer's trial: after "Sluit de sessie" and Ctrl+C the server said the session
could be resumed; the same command began a new session and ``--sessie`` refused the
closed one, so the report was lost although the chapter promised an hour to download it.
"""

from __future__ import annotations

import asyncio
import contextlib
import socket
import time
from concurrent.futures import ThreadPoolExecutor
from datetime import datetime, timedelta, timezone
from urllib.parse import urlsplit

import httpx
import pytest

from liveserver import free_port, minimal_book, payload, start_live
from sleutelcursus.cli import main
from sleutelcursus.live import codes
from sleutelcursus.live.app import create_app
from sleutelcursus.live.server import LiveOptions, choose_session, farewell
from sleutelcursus.live.storage import DB_NAME, WIPE_GRACE, LiveStore, sessions
from sleutelcursus.live.trainer import trainer_routes

STAMP = "2025-03-04T10:00:00.000Z"


def wait_for(server, text: str, timeout: float = 10) -> str:
    """The first line the server printed that holds ``text`` (printing goes on in a thread)."""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        found = [line for line in list(server.lines) if text in line]
        if found:
            return found[0]
        time.sleep(0.05)
    raise AssertionError(f"{text!r} not in {server.lines}")


@contextlib.contextmanager
def trainer_client(server):
    """A client logged in with the trainer link the server printed."""
    with httpx.Client(base_url=server.base, follow_redirects=False, timeout=10) as http:
        link = urlsplit(server.trainer_url)
        assert http.get(f"{link.path}?{link.query}").status_code == 303
        yield http


def ended_long_ago(store: LiveStore, session_id: int) -> None:
    """Move a session's closing back to before the wipe grace."""
    with store.engine.begin() as connection:
        connection.execute(sessions.update().where(sessions.c.id == session_id)
                           .values(closed_at=datetime.now(timezone.utc) - WIPE_GRACE - timedelta(minutes=5)))


def test_a_closed_session_can_be_reopened_read_only_for_its_report_until_the_wipe(tmp_path):
    book, port = minimal_book(tmp_path / "boek"), free_port()
    server = start_live(tmp_path, book, port)
    try:
        with httpx.Client(base_url=server.base, timeout=10) as trainee:
            joined = trainee.post("/api/deelnemen", json={"code": server.code, "bijnaam": "Anna"})
            participant = joined.json()["deelnemer"]
            assert trainee.put("/api/antwoorden/rolscan", json=payload("rolscan", STAMP),
                               headers={"Authorization": f"Bearer {participant}"}).status_code == 204
        with trainer_client(server) as http:
            closed = http.post("/trainer/sluiten", headers={"Origin": server.base})
            assert closed.status_code == 303
    finally:
        server.stop()
    said = wait_for(server, "Gestopt.")
    assert "gesloten" in said and "hervatten" not in said
    assert f"--sessie {server.code}" in wait_for(server, "Het rapport en de CSV")
    assert wait_for(server, "Meteen wissen").endswith(f"--wis {server.code}")

    again = start_live(tmp_path, book, port, "--sessie", server.code.lower())
    try:
        assert again.code == server.code and again.join_url is None
        assert again.lines[0].startswith(f"Gesloten sessie: code {server.code}") and "Alleen inzien" in again.lines[0]
        with trainer_client(again) as http:
            page = http.get("/trainer").text
            assert "Deze sessie is gesloten" in page and "Sluit de sessie</button>" not in page
            report = http.get("/trainer/rapport.html")
            csv = http.get("/trainer/groepsresultaten.csv")
            assert report.status_code == 200 and "1 antwoord(en) van 1 deelnemer(s)" in report.text
            assert csv.status_code == 200 and "\nAnna;" in csv.text and ";rolscan;" in csv.text
            # Read-only: the existing refusals still hold.
            assert http.post("/api/deelnemen", json={"code": server.code, "bijnaam": "Bram"}).json()["staat"] == "gesloten"
            sent = http.put("/api/antwoorden/rolscan", json=payload("rolscan", "2025-03-04T11:00:00.000Z"),
                            headers={"Authorization": f"Bearer {participant}"})
            assert sent.status_code == 410
    finally:
        again.stop()
    assert "gesloten" in wait_for(again, "Gestopt.")

    # The same command without --sessie begins a new session and names the closed one.
    fresh = start_live(tmp_path, book, port)
    try:
        assert fresh.code != server.code and fresh.lines[0].startswith("Nieuwe sessie")
        hint = wait_for(fresh, "De vorige sessie")
        assert server.code in hint and "gesloten" in hint and f"--sessie {server.code}" in hint
        with httpx.Client(base_url=fresh.base, timeout=10) as trainee:
            old_code = trainee.post("/api/deelnemen", json={"code": server.code, "bijnaam": "Cas"})
        # Found by the trial: the old code said "no workshop with this code" (404).
        assert old_code.json()["staat"] == "gesloten" and "gesloten" in old_code.json()["detail"]
    finally:
        fresh.stop()
    assert "nog open" in wait_for(fresh, "Gestopt.")


def test_a_session_past_its_wipe_is_wiped_at_start_and_not_resumed(tmp_path, monkeypatch, capsys):
    monkeypatch.chdir(tmp_path)
    store = LiveStore(LiveStore.default_url(tmp_path))
    session, _ = store.create_session(str(tmp_path))
    store.join(session.id, "Anna")
    store.close(session.id)
    ended_long_ago(store, session.id)
    book = minimal_book(tmp_path / "boek")
    assert main(["live", "--dir", str(book), "--port", str(free_port()), "--sessie", codes.shown(session.code)]) == 2
    error = capsys.readouterr().err.strip()
    assert len(error.splitlines()) == 1 and "gewist" in error and "meer dan een uur" in error
    assert store.session(session.id) is None and store.participant_count(session.id) == 0


def test_a_closed_session_is_resumed_by_its_code_but_not_by_itself(tmp_path):
    store = LiveStore(LiveStore.default_url(tmp_path))
    options = LiveOptions(book_dir=tmp_path)
    closed, old_token, _ = choose_session(store, options, shared=False)
    store.close(closed.id)
    again, token, resumed = choose_session(store, LiveOptions(book_dir=tmp_path, session=closed.code), shared=False)
    assert resumed and again.id == closed.id and not again.is_open()
    assert store.trainer_ok(closed.id, token) and not store.trainer_ok(closed.id, old_token)
    other, _, resumed = choose_session(store, options, shared=False)
    assert not resumed and other.id != closed.id


def test_a_reopened_session_is_still_wiped_when_its_hour_is_over(tmp_path):
    store = LiveStore(LiveStore.default_url(tmp_path))
    session, _ = store.create_session(str(tmp_path))
    store.join(session.id, "Anna")
    store.close(session.id)
    reopened, token, _ = choose_session(store, LiveOptions(book_dir=tmp_path, session=session.code), shared=False)
    app = create_app(store, minimal_book(tmp_path / "boek"), reopened.id, specs={},
                     extra_routes=trainer_routes(store), wipe_every=0.05)

    async def serve() -> None:
        async with app.router.lifespan_context(app):
            ended_long_ago(store, session.id)  # the hour passes while the server runs
            deadline = time.monotonic() + 5
            while store.session(session.id) is not None and time.monotonic() < deadline:
                await asyncio.sleep(0.02)

    # In a thread of its own: a browser test earlier in the session may own this thread's loop.
    with ThreadPoolExecutor(1) as pool:
        pool.submit(asyncio.run, serve()).result(timeout=30)
    assert store.session(session.id) is None and store.participant_count(session.id) == 0
    assert not store.trainer_ok(session.id, token)
    assert "gewist" in farewell(store, reopened, shared=False)[0]


def test_the_stop_message_fits_the_state_of_the_session(tmp_path):
    store = LiveStore(LiveStore.default_url(tmp_path))
    session, _ = store.create_session(str(tmp_path))
    code = codes.shown(session.code)
    assert "hervatten" in farewell(store, session, shared=False)[0]
    shared = farewell(store, session, shared=True)[0]
    assert f"--sessie {code}" in shared and "hervatten" not in shared
    expired, _ = store.create_session(str(tmp_path), hours=-0.5)
    lines = farewell(store, expired, shared=False)
    assert "verlopen" in lines[0] and "hervatten" not in lines[0]
    assert f"--sessie {codes.shown(expired.code)}" in lines[1]
    store.wipe(code)
    assert farewell(store, session, shared=False) == [f"Gestopt. De sessie {code} is gewist, met alle bijnamen en antwoorden."]


@pytest.mark.parametrize("why", ["poort bezet", "onbekende sessie"])
def test_a_start_that_fails_leaves_no_database_behind(tmp_path, monkeypatch, capsys, why):
    monkeypatch.chdir(tmp_path)
    book = minimal_book(tmp_path / "boek")
    with socket.socket() as taken:
        taken.bind(("127.0.0.1", 0))
        taken.listen()
        port = taken.getsockname()[1] if why == "poort bezet" else free_port()
        extra = ["--sessie", "ABCD-EFGH"] if why == "onbekende sessie" else []
        assert main(["live", "--dir", str(book), "--port", str(port), *extra]) == 2
        assert ("al in gebruik" if why == "poort bezet" else "geen sessie") in capsys.readouterr().err
        assert sorted(path.name for path in tmp_path.iterdir()) == ["boek"]
        # A database that was there stays, with its sessions.
        store = LiveStore(LiveStore.default_url(tmp_path))
        kept, _ = store.create_session(str(book))
        assert main(["live", "--dir", str(book), "--port", str(port), *extra]) == 2
    assert (tmp_path / DB_NAME).is_file() and store.session(kept.id) == kept
