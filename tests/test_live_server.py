"""What ``sleutelcursus live`` decides before it serves (session, addresses, port, hours), and
the ended sessions it wipes while it serves."""

from __future__ import annotations

import asyncio
import ipaddress
import socket
import time
from concurrent.futures import ThreadPoolExecutor

import pytest

from sleutelcursus.cli import main
from sleutelcursus.errors import SleutelcursusError
from liveserver import minimal_book
from sleutelcursus.live import codes
from sleutelcursus.live.app import create_app
from sleutelcursus.live.server import LiveOptions, announce, bind, choose_session, shown_host
from sleutelcursus.live.storage import LiveStore


@pytest.fixture
def store(tmp_path):
    return LiveStore(LiveStore.default_url(tmp_path))


def test_a_restart_resumes_the_open_session_with_a_fresh_trainer_token(store, tmp_path):
    options = LiveOptions(book_dir=tmp_path)
    first, first_token, resumed = choose_session(store, options, shared=False)
    assert not resumed
    again, again_token, resumed = choose_session(store, options, shared=False)
    assert resumed and again.id == first.id and again_token != first_token
    assert store.trainer_ok(first.id, again_token) and not store.trainer_ok(first.id, first_token)
    fresh, _, resumed = choose_session(store, LiveOptions(book_dir=tmp_path, new=True), shared=False)
    assert not resumed and fresh.id != first.id
    store.close(fresh.id)
    assert choose_session(store, options, shared=False)[0].id == first.id


def test_a_shared_database_never_takes_over_a_session_but_continues_the_one_named(store, tmp_path):
    options = LiveOptions(book_dir=tmp_path)
    other, other_token, _ = choose_session(store, options, shared=True)
    mine, _, resumed = choose_session(store, options, shared=True)
    assert not resumed and mine.id != other.id
    assert store.trainer_ok(other.id, other_token)  # the other trainer's link still works
    named = LiveOptions(book_dir=tmp_path, session=codes.shown(other.code).lower())
    again, token, resumed = choose_session(store, named, shared=True)
    assert resumed and again.id == other.id and store.trainer_ok(other.id, token)
    store.close(other.id)  # closed: still its own trainer's, read-only, until the wipe
    closed, _, resumed = choose_session(store, named, shared=True)
    assert resumed and closed.id == other.id and not closed.is_open()
    with pytest.raises(SleutelcursusError, match="geen sessie met code"):
        choose_session(store, LiveOptions(book_dir=tmp_path, session="ZZZZ-ZZZZ"), shared=True)


def test_the_printed_lines_give_code_join_link_and_trainer_link(store, tmp_path):
    session, token = store.create_session(str(tmp_path))
    lines = announce(session, token, False, "127.0.0.1", 8123)
    shown = codes.shown(session.code)
    assert lines[0].startswith("Nieuwe sessie: code " + shown)
    assert lines[1] == f"Deelnemers: http://127.0.0.1:8123/doe-mee/{shown}"
    assert lines[2].endswith(f"http://127.0.0.1:8123/trainer?token={token}")
    assert any("--host 0.0.0.0" in line for line in lines)


def test_on_all_interfaces_the_lines_name_an_address_trainees_can_reach():
    host = shown_host("0.0.0.0")
    address = ipaddress.ip_address(host)
    assert not address.is_unspecified
    assert shown_host("::1") == "[::1]" and shown_host("cursus.gemeente.example") == "cursus.gemeente.example"


def test_a_port_in_use_is_one_dutch_line():
    with socket.socket() as taken:
        taken.bind(("127.0.0.1", 0))
        taken.listen()
        with pytest.raises(SleutelcursusError) as refused:
            bind("127.0.0.1", taken.getsockname()[1])
    assert "--port" in refused.value.message and refused.value.exit_code == 2
    assert "al in gebruik" in refused.value.message and "Address" not in refused.value.message


def test_wiping_where_there_is_no_database_names_it_and_makes_none(tmp_path, monkeypatch, capsys):
    # Found by the trainer's trial: --wis in another folder said only "no such session"
    # and left an empty database behind.
    monkeypatch.chdir(tmp_path)
    assert main(["live", "--wis", "ABCD-EFGH"]) == 2
    assert "sleutelcursus-live.db" in capsys.readouterr().err
    assert list(tmp_path.iterdir()) == []


def test_an_error_shows_as_one_line_in_jupyter():
    error = SleutelcursusError("geen server op dit adres.", file="http://127.0.0.1:9")
    assert error._render_traceback_() == [str(error)] and "\n" not in str(error)


@pytest.mark.parametrize("hours", ["0", "-1", "73", "veel"])
def test_hours_outside_what_the_code_is_safe_for_are_refused(hours, capsys):
    with pytest.raises(SystemExit) as stopped:
        main(["live", "--uren", hours])
    assert stopped.value.code == 2 and "--uren" in capsys.readouterr().err


def test_the_server_wipes_ended_sessions_at_start_and_while_it_runs(store, tmp_path):
    def with_answer(hours: float):
        session, _ = store.create_session("/boek", hours=hours)
        token = store.join(session.id, "Anna")
        store.upsert(session.id, store.participant(session.id, token), "rolscan",
                     {"exercise_id": "rolscan", "exported_at": "2025-03-04T10:00:00Z", "answers": {}})
        return session

    before_start = with_answer(-2)
    current = with_answer(12)
    app = create_app(store, minimal_book(tmp_path / "boek"), current.id, specs={}, wipe_every=0.05)

    async def serve() -> None:
        # The lifespan as uvicorn runs it: entered at start, left at Ctrl+C.
        async with app.router.lifespan_context(app):
            assert store.session(before_start.id) is None and store.payloads(before_start.id) == []
            while_running = with_answer(-2)
            deadline = time.monotonic() + 5
            while store.session(while_running.id) is not None and time.monotonic() < deadline:
                await asyncio.sleep(0.02)
            assert store.session(while_running.id) is None and store.participant_count(while_running.id) == 0

    # In a thread of its own: a browser test earlier in the session may own this thread's loop.
    with ThreadPoolExecutor(1) as pool:
        pool.submit(asyncio.run, serve()).result(timeout=30)
    assert store.session(current.id) == current and len(store.payloads(current.id)) == 1
