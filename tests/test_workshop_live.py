"""A live session's answers as the trainer's table: the payloads the server keeps give
exactly what the same answers as files give, in Python and over HTTP (``workshop.live``)."""

from __future__ import annotations

import contextlib
import http.server
import json
import socket
import threading

import pandas as pd
import pytest

from livegroup import as_file_lines, group_payloads, json_copy, write_as_files
from sleutelcursus.errors import format_error
from sleutelcursus.workshop import example_answers, live, read_answers, read_payloads
from sleutelcursus.workshop.live import LiveSessionError


def bad_payloads(good: dict) -> list[dict]:
    """Payloads that cannot count, each for another reason, and an exact copy."""
    return [
        {**good, "exercise_id": "bestaat-niet"},
        {**good, "kind": "scenario"},
        {key: value for key, value in good.items() if key != "result"},
        {**good, "schema_version": 2},
        dict(good),
    ]


@pytest.fixture
def payloads() -> list[dict]:
    group = group_payloads(9)
    return group + bad_payloads(group[0]) + group_payloads(1)[:1]  # the last: the first again, as a retry


@pytest.mark.parametrize("pseudonymise", [False, True])
def test_payloads_give_the_table_and_problems_of_the_same_answers_as_files(tmp_path, payloads, pseudonymise):
    from_files, file_problems = read_answers(write_as_files(payloads, tmp_path / "map"), pseudonymise=pseudonymise)
    from_live, live_problems = read_payloads(payloads, pseudonymise=pseudonymise)

    assert from_live["bestand"].isna().all()
    if pseudonymise:  # no file names either way: every column the same
        pd.testing.assert_frame_equal(from_live, from_files)
    else:
        assert from_files["bestand"].notna().all()
        pd.testing.assert_frame_equal(from_live.drop(columns="bestand"), from_files.drop(columns="bestand"))
    assert as_file_lines(live_problems, payloads) == file_problems
    # The rules really ran: four bad payloads, two exact copies, and "merel " (trainee 6)
    # answered later than "Merel" (trainee 0), so only the newer three count.
    assert len(live_problems) == 4 + 2 + 3
    assert sum("precies hetzelfde als antwoord 1 van" in line for line in live_problems) == 2
    assert sum("dezelfde bijnaam en oefening" in line for line in live_problems) == 3
    assert len(from_live) == 9 * 3 - 3


@pytest.mark.parametrize("phase", [1, 2, 3])
def test_the_example_groups_read_live_as_from_their_files(tmp_path, phase):
    payloads = []
    for path in sorted(example_answers(phase).rglob("*.json"), key=lambda p: p.relative_to(example_answers(phase)).as_posix()):
        try:
            payloads.append(json.loads(path.read_text(encoding="utf-8")))
        except ValueError:
            continue  # a broken file cannot reach the server as a payload
    assert len(payloads) >= 8
    from_files, file_problems = read_answers(write_as_files(payloads, tmp_path / "map"), pseudonymise=True)
    from_live, live_problems = read_payloads(payloads, pseudonymise=True)
    pd.testing.assert_frame_equal(from_live, from_files)
    assert as_file_lines(live_problems, payloads) == file_problems


def test_a_payload_that_is_not_an_object_is_one_problem_line():
    frame, problems = read_payloads(["tekst", None, [1, 2]])
    assert frame.empty
    assert [line.split(":")[0] for line in problems] == [f"antwoord {n} van de sessie" for n in (1, 2, 3)]
    assert all("geen antwoordbestand van de cursus" in line for line in problems)


class _Handler(http.server.BaseHTTPRequestHandler):
    reply: tuple[int, bytes] = (200, b"{}")
    seen: list[tuple[str, str | None]] = []

    def do_GET(self):  # noqa: N802 - the name http.server calls
        type(self).seen.append((self.path, self.headers.get("Authorization")))
        status, body = type(self).reply
        self.send_response(status)
        self.send_header("Content-Type", "application/json")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def log_message(self, *args):
        pass


@contextlib.contextmanager
def fake_server(status: int, body: bytes):
    """A server on loopback that answers every GET with ``status`` and ``body``."""
    handler = type("Handler", (_Handler,), {"reply": (status, body), "seen": []})
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}", handler.seen
    finally:
        server.shutdown()
        server.server_close()


def test_live_fetches_the_answers_with_the_token_and_reads_them_as_files(tmp_path, payloads):
    body = json.dumps({"antwoorden": payloads}).encode()
    with fake_server(200, body) as (url, seen):
        frame, problems = live(url, "geheim-token")
        again, _ = live(f"{url}/trainer?token=iets", "geheim-token", pseudonymise=True)
    assert seen == [("/api/trainer/antwoorden", "Bearer geheim-token")] * 2
    expected, expected_problems = read_payloads(json_copy(payloads))
    pd.testing.assert_frame_equal(frame, expected)
    assert problems == expected_problems
    assert set(again["deelnemer"]) <= {f"Deelnemer {n}" for n in range(1, 10)} | {f"Zonder bijnaam {n}" for n in range(1, 10)}


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


@pytest.mark.parametrize(
    ("status", "body", "expected"),
    [
        (401, b'{"detail": "Geen geldig trainerstoken."}', "de server weigert het token"),
        (500, b"stuk", "onverwacht antwoord (HTTP 500)"),
        (200, b"<html>geen json</html>", "stuurde geen antwoorden van een sessie"),
        (200, b'{"antwoorden": "geen lijst"}', "stuurde geen antwoorden van een sessie"),
        (200, b"[1, 2]", "stuurde geen antwoorden van een sessie"),
    ],
)
def test_live_says_in_one_dutch_line_what_the_server_did_wrong(status, body, expected):
    with fake_server(status, body) as (url, _):
        with pytest.raises(LiveSessionError) as caught:
            live(url, "token")
    line = format_error(caught.value)
    assert expected in line and "\n" not in line and "Traceback" not in line


def test_live_names_a_server_that_cannot_be_reached_and_an_address_that_is_none():
    with pytest.raises(LiveSessionError, match="niet bereikbaar"):
        live(f"http://127.0.0.1:{free_port()}", "token")
    with pytest.raises(LiveSessionError, match="geen webadres"):
        live("127.0.0.1:8000", "token")


def test_a_memo_between_reads_changes_nothing_in_the_results(payloads):
    memo: dict = {}
    first = read_payloads(payloads, memo=memo)
    changed = list(reversed(payloads[3:]))  # another order, answers gone, one changed
    changed[0] = {**changed[0], "answers": {"selected": []}, "kind": "composition",
                  "exercise_id": "netwerk-samenstellen", "exported_at": "2026-11-29T11:00:00.000Z"}
    for batch in (payloads, changed, payloads):
        with_memo, lines = read_payloads(batch, pseudonymise=True, memo=memo)
        fresh, fresh_lines = read_payloads(batch, pseudonymise=True)
        pd.testing.assert_frame_equal(with_memo, fresh)
        assert lines == fresh_lines
    assert len(memo) == len({json.dumps(p, ensure_ascii=False) for p in payloads})  # the last call's only
    pd.testing.assert_frame_equal(read_payloads(payloads, memo=memo)[0], first[0])
