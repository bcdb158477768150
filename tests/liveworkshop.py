"""A live workshop on the built book, for the tests in which a trainee joins it (issue 16, item 2).

The real ``sleutelcursus live`` serves the built national course on loopback; Chromium
plays the trainees. What the server stored is read from its database (``LiveStore``).
A test module uses the fixtures ``workshop`` and ``context`` by importing them.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

import pytest

from liveserver import LiveServer, free_port, start_live
from livetrainees import exercise_pages

from sleutelcursus.live.storage import LiveStore
from sleutelcursus.plugins.registry import registered_specs


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


def statements(exercise_id: str) -> list[str]:
    return [s["id"] for s in registered_specs()[exercise_id]["statements"]]


def candidates(exercise_id: str) -> list[str]:
    return [c["id"] for c in registered_specs()[exercise_id]["candidates"]]
