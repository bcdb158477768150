"""Bad input to the live server (issue 16, acceptance 3): each refused with the right
status and a Dutch JSON ``detail``, nothing stored, nothing executed.

The app runs on real uvicorn on loopback (tests/liveserver.py), so raw paths such as
``/../`` reach it as a client sends them.
"""

from __future__ import annotations

import json

import httpx
import pytest
import sqlalchemy as sa

from liveserver import minimal_book, payload, raw_get, serve_app
from sleutelcursus.live import codes
from sleutelcursus.live.app import climbs_out, create_app
from sleutelcursus.live.storage import LiveStore, metadata
from sleutelcursus.live.trainee_api import GUESS_BURST, MAX_BODY

STAMP = "2025-03-04T10:00:00.000Z"


class Live:
    """One session's server with its store and an HTTP client."""

    def __init__(self, tmp_path, hours: float = 12, allowed_origin: str | None = None) -> None:
        self.book = minimal_book(tmp_path / "boek")
        (tmp_path / "geheim.txt").write_text("niet voor deelnemers", encoding="utf-8")
        self.store = LiveStore(LiveStore.default_url(tmp_path))
        self.session, self.trainer_token = self.store.create_session(str(self.book), hours)
        self.app = create_app(self.store, self.book, self.session.id, allowed_origin=allowed_origin)
        self.code = codes.shown(self.session.code)

    def join(self, client: httpx.Client, nickname: str | None = "Anna") -> str:
        response = client.post("/api/deelnemen", json={"code": self.code, "bijnaam": nickname})
        assert response.status_code == 201, response.text
        return response.json()["deelnemer"]

    def stored(self) -> tuple[int, list[dict]]:
        return self.store.participant_count(self.session.id), self.store.payloads(self.session.id)


@pytest.fixture
def live(tmp_path):
    return Live(tmp_path)


@pytest.fixture
def client(live):
    with serve_app(live.app) as base, httpx.Client(base_url=base, follow_redirects=False) as http:
        yield http


def put(client, token: str | None, exercise_id: str, body, **headers) -> httpx.Response:
    if token is not None:
        headers["Authorization"] = f"Bearer {token}"
    if not isinstance(body, (bytes, str)):
        body = json.dumps(body)
    return client.put(f"/api/antwoorden/{exercise_id}", content=body,
                      headers={"Content-Type": "application/json", **headers})


def refused(response: httpx.Response, status: int) -> str:
    assert response.status_code == status, response.text
    assert response.headers["content-type"] == "application/json"
    detail = response.json()["detail"]
    assert detail and "Traceback" not in detail
    return detail


def not_joined(response: httpx.Response, state: str, field: str = "code") -> str:
    """A join the form's input did not let happen: 200 (no console error on the trainee's
    page), no participant token, the state and a Dutch ``detail`` about ``field``."""
    assert response.status_code == 200, response.text
    assert response.headers["content-type"] == "application/json"
    body = response.json()
    assert "deelnemer" not in body and body["open"] is False and body["staat"] == state and body["veld"] == field
    assert body["detail"] and "Traceback" not in body["detail"]
    return body["detail"]


def test_a_trainee_joins_sends_retries_and_leaves(live, client):
    response = client.post("/api/deelnemen", json={"code": live.code.lower(), "bijnaam": "  Anna  "})
    assert response.status_code == 201
    body = response.json()
    assert body["sessie"] == live.code and {"rolscan", "netwerk-samenstellen", "voorzitter-kiezen"} <= set(body["oefeningen"])
    token = body["deelnemer"]
    for _retry in range(2):
        assert put(client, token, "rolscan", payload("rolscan", STAMP, {"r01": 4})).status_code == 204
    count, stored = live.stored()
    assert count == 1 and [(p["nickname"], p["answers"]) for p in stored] == [("Anna", {"r01": 4})]
    assert client.request("DELETE", "/api/deelnemen", headers={"Authorization": f"Bearer {token}"}).status_code == 204
    assert live.stored() == (0, [])
    refused(put(client, token, "rolscan", payload("rolscan", STAMP)), 401)


def test_the_join_link_leads_to_the_book_with_the_code(live, client):
    response = client.get(f"/doe-mee/{live.session.code.lower()}")
    assert response.status_code == 303 and response.headers["location"] == f"/index.html#doe-mee={live.code}"
    assert client.get("/doe-mee/%3Cscript%3E").status_code == 404


@pytest.mark.parametrize("body", [{"code": "AAAA-AAAA", "bijnaam": "x"}, {"code": "<script>", "bijnaam": "x"}, {"code": 12345678}])
def test_a_wrong_code_joins_nobody_without_an_error_status(live, client, body):
    assert "Onbekende" in not_joined(client.post("/api/deelnemen", json=body), "onbekend")
    assert live.stored() == (0, [])


@pytest.mark.parametrize("body", [{"bijnaam": "x"}, [1, 2]])
def test_a_wrong_join_is_refused_and_stores_nothing(live, client, body):
    refused(client.post("/api/deelnemen", json=body), 422)
    assert live.stored() == (0, [])


@pytest.mark.parametrize("nickname, says", [(5, "tekst"), ("x" * 41, "te lang"), ("a\u0000b", "tekens"), ("Kees\u200b", "tekens")])
def test_a_refused_nickname_joins_nobody_without_an_error_status(live, client, nickname, says):
    detail = not_joined(client.post("/api/deelnemen", json={"code": live.code, "bijnaam": nickname}), "bijnaam-geweigerd", "bijnaam")
    assert detail.startswith("De bijnaam ") and says in detail
    assert live.stored() == (0, [])


def test_a_join_that_is_not_json_is_refused(live, client):
    refused(client.post("/api/deelnemen", content=b"code=ABCD", headers={"Content-Type": "application/x-www-form-urlencoded"}), 415)
    refused(client.post("/api/deelnemen", content=b"{code", headers={"Content-Type": "application/json"}), 422)
    assert live.stored() == (0, [])


def test_a_closed_or_expired_session_takes_nothing(tmp_path, live, client):
    token = live.join(client)
    live.store.close(live.session.id)
    not_joined(client.post("/api/deelnemen", json={"code": live.code, "bijnaam": "Bram"}), "gesloten")
    refused(put(client, token, "rolscan", payload("rolscan", STAMP)), 410)
    assert live.stored() == (1, [])
    expired = Live(tmp_path / "verlopen", hours=-1)
    with serve_app(expired.app) as base, httpx.Client(base_url=base) as other:
        not_joined(other.post("/api/deelnemen", json={"code": expired.code}), "verlopen")
    assert expired.stored() == (0, [])


def test_a_participant_can_ask_whether_the_session_is_still_open(tmp_path, live, client):
    # Found by a trainer's trial: the page said answers went to the workshop after the
    # trainer had closed it, until the trainee answered; now the page asks. Every state
    # is a 200 with JSON: a 410 on each poll was a console error on every trainee page.
    token, left = live.join(client), live.join(client, "Bram")
    auth = {"Authorization": f"Bearer {token}"}

    def state(headers) -> dict:
        response = client.get("/api/deelnemen", headers=headers)
        assert response.status_code == 200, response.text
        assert response.headers["cache-control"] == "no-store"
        return response.json()

    assert state(auth) == {"sessie": live.code, "open": True, "staat": "open"}
    assert client.delete("/api/deelnemen", headers={"Authorization": f"Bearer {left}"}).status_code == 204
    gone = state({"Authorization": f"Bearer {left}"})
    assert gone["staat"] == "onbekend" and gone["open"] is False and "opnieuw mee" in gone["detail"]
    refused(client.get("/api/deelnemen"), 401)  # no token at all is a wrong request, not a state
    live.store.close(live.session.id)
    closed = state(auth)
    assert closed["staat"] == "gesloten" and closed["open"] is False and "gesloten" in closed["detail"]
    live.store.wipe(live.session.code)
    assert state(auth)["staat"] == "onbekend"

    expired = Live(tmp_path / "verlopen", hours=-1)
    late = expired.store.join(expired.session.id, "Cas")
    with serve_app(expired.app) as base, httpx.Client(base_url=base) as other:
        response = other.get("/api/deelnemen", headers={"Authorization": f"Bearer {late}"})
    assert response.status_code == 200 and response.json()["staat"] == "verlopen"


def test_the_code_of_an_ended_session_that_is_not_wiped_says_closed(live, client):
    # Found by the trainer's trial: after a restart with a new session, the old code said
    # "no workshop with this code" while its answers were still there.
    ended, _ = live.store.create_session(str(live.book))
    live.store.close(ended.id)
    other_open, _ = live.store.create_session(str(live.book))  # another trainer's, in a shared database
    assert "gesloten" in not_joined(client.post("/api/deelnemen", json={"code": codes.shown(ended.code)}), "gesloten")
    assert "Onbekende" in not_joined(client.post("/api/deelnemen", json={"code": codes.shown(other_open.code)}), "onbekend")
    live.store.wipe(ended.code)
    assert "Onbekende" in not_joined(client.post("/api/deelnemen", json={"code": codes.shown(ended.code)}), "onbekend")
    assert live.store.participant_count(ended.id) == 0 and live.stored() == (0, [])


def test_no_or_a_wrong_token_is_refused(tmp_path, live, client):
    live.join(client)
    good = payload("rolscan", STAMP)
    refused(put(client, None, "rolscan", good), 401)
    refused(put(client, "geraden", "rolscan", good), 401)
    refused(put(client, live.trainer_token, "rolscan", good), 401)
    refused(put(client, None, "rolscan", good, Authorization="Basic YTpi"), 401)
    other = Live(tmp_path / "ander")
    foreign = other.store.join(other.session.id, "Elders")
    refused(put(client, foreign, "rolscan", good), 401)
    assert live.stored()[1] == []


def _mutations():
    good = payload("rolscan", STAMP)
    yield "not json", "{niet af"
    yield "another schema", {**good, "schema": "iets-anders"}
    yield "schema version 2", {**good, "schema_version": 2}
    yield "missing answers", {key: value for key, value in good.items() if key != "answers"}
    yield "answers as text", {**good, "answers": "alles goed"}
    yield "no moment", {**good, "exported_at": "gisteren"}
    yield "another exercise", {**payload("voorzitter-kiezen", STAMP)}
    yield "another kind", {**good, "kind": "scenario"}
    yield "unknown kind", {**good, "kind": "<script>"}
    yield "NaN", json.dumps(good).replace('"spec_version": ', '"spec_version": NaN, "x": ')
    yield "too deep", json.dumps({**good, "answers": {"a": json.loads("[" * 40 + "]" * 40)}})


@pytest.mark.parametrize("name, body", list(_mutations()), ids=[name for name, _ in _mutations()])
def test_a_payload_of_the_wrong_schema_is_refused(live, client, name, body):
    token = live.join(client)
    detail = refused(put(client, token, "rolscan", body), 422)
    assert detail.startswith("Geen geldig antwoord")
    assert live.stored()[1] == []


def test_a_body_over_64_kb_is_refused_while_it_is_read(live, client):
    token = live.join(client)
    big = payload("rolscan", STAMP, {"r01": 3, "opmerking": "x" * (1024 * 1024)})
    refused(put(client, token, "rolscan", big), 413)

    def chunks():  # no Content-Length: the limit must hold while reading
        text = json.dumps(big).encode()
        for start in range(0, len(text), 8192):
            yield text[start:start + 8192]

    response = client.put("/api/antwoorden/rolscan", content=chunks(),
                          headers={"Authorization": f"Bearer {token}", "Content-Type": "application/json"})
    refused(response, 413)
    just_over = payload("rolscan", STAMP, {"r01": 3, "opmerking": "x" * MAX_BODY})
    refused(put(client, token, "rolscan", just_over), 413)
    assert live.stored()[1] == []


def test_a_body_that_is_not_declared_json_is_refused(live, client):
    token = live.join(client)
    response = client.put("/api/antwoorden/rolscan", content=json.dumps(payload("rolscan", STAMP)),
                          headers={"Authorization": f"Bearer {token}", "Content-Type": "text/plain"})
    refused(response, 415)
    assert live.stored()[1] == []


@pytest.mark.parametrize("exercise_id", ["bestaat-niet", "%3Cscript%3E", "rolscan.json"])
def test_an_unknown_exercise_is_refused(live, client, exercise_id):
    token = live.join(client)
    body = {**payload("rolscan", STAMP), "exercise_id": exercise_id}
    refused(put(client, token, exercise_id, body), 404)
    assert live.stored()[1] == []


@pytest.mark.parametrize("path", [
    "/../geheim.txt", "/%2e%2e/geheim.txt", "/%2E%2E/geheim.txt", "/_static/..%2f..%2fgeheim.txt",
    "/%252e%252e/geheim.txt", "/..%5cgeheim.txt", "/_static/../../geheim.txt", "/.%2e/geheim.txt",
    "/_static/", "/_static", "/.buildinfo",
])
def test_nothing_outside_the_book_and_no_listing_is_served(live, client, path):
    (live.book / ".buildinfo").write_text("config: geheim", encoding="utf-8")
    status, body = raw_get(str(client.base_url).rstrip("/"), path)
    assert status == 404 and b"geheim" not in body and b"boek.css" not in body


def test_the_book_itself_is_served(live, client):
    page = client.get("/")
    assert page.status_code == 200 and "Welkom" in page.text
    assert client.get("/_static/boek.css").status_code == 200


def test_the_path_guard_sees_through_encodings():
    assert climbs_out("/a/../b") and climbs_out("/a/%2e%2e/b") and climbs_out("/%25%32%65%25%32%65/x")
    assert not climbs_out("/fase-1/rolscan.html") and not climbs_out("/_static/boek.css")


def test_a_script_in_a_nickname_stays_text(live, client):
    nickname = '<script>alert(1)</script><b>'
    token = live.join(client, nickname)
    assert put(client, token, "rolscan", payload("rolscan", STAMP, nickname="ander")).status_code == 204
    assert [p["nickname"] for p in live.stored()[1]] == [nickname]


def test_answers_beyond_the_rate_limit_get_429_with_retry_after(live, client):
    token = live.join(client)
    statuses, waits = [], []
    for second in range(40):
        response = put(client, token, "rolscan", payload("rolscan", f"2025-03-04T10:00:{second:02d}.000Z"))
        statuses.append(response.status_code)
        if response.status_code == 429:
            waits.append(int(response.headers["retry-after"]))
    assert statuses[:20] == [204] * 20 and 429 in statuses and all(wait >= 1 for wait in waits)


def test_code_guessing_is_stopped_per_address(live, client):
    for _guess in range(GUESS_BURST):
        not_joined(client.post("/api/deelnemen", json={"code": "AAAA-AAAA"}), "onbekend")
    # Now even the right code is refused from this address: no oracle for guessers. Said
    # with 200 (no console error on the trainee's page) and when to try again.
    response = client.post("/api/deelnemen", json={"code": live.code})
    assert not_joined(response, "te-veel-pogingen").startswith("Te veel pogingen; probeer het over ")
    assert response.json()["wacht"] >= 1 and live.stored() == (0, [])
    wrong = client.post("/api/deelnemen", json={"code": "AAAA-AAAA"})
    assert wrong.json().keys() == response.json().keys() and not_joined(wrong, "te-veel-pogingen")
    other = httpx.Client(base_url=client.base_url, transport=httpx.HTTPTransport(local_address="127.0.0.2"))
    with other:
        assert other.post("/api/deelnemen", json={"code": live.code}).status_code == 201


def test_security_headers_and_no_cors_by_default(live, client):
    for response in (client.get("/"), client.post("/api/deelnemen", json={"code": "AAAA-AAAA"}, headers={"Origin": "https://elders.example"})):
        assert response.headers["x-content-type-options"] == "nosniff"
        assert response.headers["referrer-policy"] == "no-referrer"
        assert "access-control-allow-origin" not in response.headers
    preflight = client.options("/api/deelnemen", headers={"Origin": "https://elders.example", "Access-Control-Request-Method": "POST"})
    assert "access-control-allow-origin" not in preflight.headers
    assert client.post("/api/deelnemen", json={"code": "x"}).headers["cache-control"] == "no-store"


def test_cors_only_for_the_configured_book_address(tmp_path):
    live = Live(tmp_path, allowed_origin="https://intranet.gemeente.example")
    with serve_app(live.app) as base, httpx.Client(base_url=base) as http:
        asked = {"Access-Control-Request-Method": "PUT", "Access-Control-Request-Headers": "authorization,content-type"}
        good = http.options("/api/antwoorden/rolscan", headers={"Origin": "https://intranet.gemeente.example", **asked})
        bad = http.options("/api/antwoorden/rolscan", headers={"Origin": "https://elders.example", **asked})
    assert good.headers["access-control-allow-origin"] == "https://intranet.gemeente.example"
    assert "access-control-allow-origin" not in bad.headers


def test_no_address_or_user_agent_reaches_the_database(live, client):
    token = live.join(client, "Anna")
    put(client, token, "rolscan", payload("rolscan", STAMP), **{"User-Agent": "GeheimeBrowser/9.9"})
    with live.store.engine.connect() as connection:
        text = " ".join(str(row) for table in metadata.sorted_tables
                        for row in connection.execute(sa.select(table)).all())
    assert "Anna" in text and "127.0.0.1" not in text and "GeheimeBrowser" not in text and token not in text


def test_the_command_needs_a_built_book(tmp_path, capsys):
    from sleutelcursus.cli import main

    assert main(["live", "--dir", str(tmp_path / "nergens"), "--db", LiveStore.default_url(tmp_path)]) == 2
    error = capsys.readouterr().err.strip()
    assert error.startswith("Fout:") and "sleutelcursus build" in error and len(error.splitlines()) == 1


def test_the_command_refuses_a_database_inside_the_book(tmp_path, capsys):
    from sleutelcursus.cli import main

    book = minimal_book(tmp_path / "boek")
    assert main(["live", "--dir", str(book), "--db", LiveStore.default_url(book)]) == 2
    assert "te downloaden" in capsys.readouterr().err


def test_wis_deletes_a_session_and_its_answers(live, client, tmp_path, capsys):
    from sleutelcursus.cli import main

    token = live.join(client)
    put(client, token, "rolscan", payload("rolscan", STAMP))
    url = LiveStore.default_url(tmp_path)
    assert main(["live", "--db", url, "--wis", live.code.lower()]) == 0
    assert live.code.lower() in capsys.readouterr().out
    assert live.store.session(live.session.id) is None and live.stored() == (0, [])
    assert main(["live", "--db", url, "--wis", live.code]) == 2
    assert "geen sessie" in capsys.readouterr().err
