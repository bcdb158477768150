"""A live session on the real trainer app, for the trainer tests (issue 16).

The app is the real one (``create_app`` with ``trainer_routes``) on uvicorn on loopback,
with SQLite storage; trainees join and answer through the trainee API, as the book does.
A test module uses the fixtures ``live``, ``base`` and ``client`` by importing them.
"""

from __future__ import annotations

import httpx
import pytest

from livegroup import distinct_nickname, trainee_payloads, write_as_files
from liveserver import minimal_book, serve_app
from sleutelcursus.live import codes
from sleutelcursus.live.app import create_app
from sleutelcursus.live.storage import LiveStore
from sleutelcursus.live.trainer import trainer_routes

TRAINEES = 7
# A live session counts answers, a folder files: the only words in which the two differ.
LIVE_WORDS = {"Antwoorden per oefening": "Antwoordbestanden per oefening", "Antwoorden": "Bestanden"}


class Session:
    """One live session: its store, app, trainer token and join code."""

    def __init__(self, tmp_path) -> None:
        self.book = minimal_book(tmp_path / "boek")
        self.store = LiveStore("sqlite:///" + str(tmp_path / "live.db"))
        self.session, self.token = self.store.create_session(str(self.book))
        self.app = create_app(self.store, self.book, self.session.id, extra_routes=trainer_routes(self.store))
        self.code = codes.shown(self.session.code)

    def join(self, http: httpx.Client, nickname: str | None) -> str:
        response = http.post("/api/deelnemen", json={"code": self.code, "bijnaam": nickname})
        assert response.status_code == 201, response.text
        return response.json()["deelnemer"]

    def answer(self, http: httpx.Client, participant: str, payload: dict) -> httpx.Response:
        return http.put(f"/api/antwoorden/{payload['exercise_id']}", json=payload,
                        headers={"Authorization": f"Bearer {participant}"})

    def fill(self, http: httpx.Client, trainees: int = TRAINEES) -> None:
        """``trainees`` trainees, each with a nickname of their own, join and answer three
        exercises each; one more joins without answering."""
        for i in range(trainees):
            participant = self.join(http, distinct_nickname(i))
            for payload in trainee_payloads(i):
                assert self.answer(http, participant, payload).status_code == 204
        self.join(http, "Kijkt alleen")


@pytest.fixture
def live(tmp_path) -> Session:
    return Session(tmp_path)


@pytest.fixture
def base(live):
    with serve_app(live.app) as url:
        yield url


@pytest.fixture
def client(base):
    with httpx.Client(base_url=base, follow_redirects=False, timeout=10) as http:
        yield http


def login(client: httpx.Client, token: str) -> httpx.Response:
    return client.get("/trainer", params={"token": token})


def as_files(live: Session, folder, payloads=None):
    """The session's answers (as the server keeps them) written as answer files."""
    return write_as_files(live.store.payloads(live.session.id) if payloads is None else payloads, folder)
