"""The live server killed mid-session (issue 16, acceptance 2).

``sleutelcursus live`` runs as a real process on loopback with its SQLite file in a
temporary folder. Trainees (httpx clients) join and keep changing answers; the server
gets SIGKILL while they send; whatever fails stays in each trainee's queue (this models
the browser's offline queue in frontend/live.js: unsent changes wait and go again,
older ones included, in any order). The server is started again with the same command,
resumes the session, and the queues are sent. Every answer must be there exactly once,
with the value the trainee last chose.
"""

from __future__ import annotations

import random
import threading
import time
from datetime import datetime, timedelta, timezone

import httpx

from liveserver import free_port, minimal_book, payload, start_live
from sleutelcursus.live.storage import LiveStore

TRAINEES = 12
EXERCISES = ("rolscan", "netwerk-samenstellen", "voorzitter-kiezen")
START = datetime(2025, 3, 4, 10, 0, tzinfo=timezone.utc)


def answers_for(exercise_id: str, value: int):
    """A distinct, valid answer per value, so the last one can be recognised."""
    if exercise_id == "rolscan":
        return {"r01": value % 5 + 1, "teller": value}
    if exercise_id == "netwerk-samenstellen":
        return {"selected": [], "teller": value}
    return {"path": [], "teller": value}


class Trainee:
    """A browser tab: a token, a clock of changes and a queue of unsent changes."""

    def __init__(self, base: str, code: str, number: int) -> None:
        self.http = httpx.Client(base_url=base, timeout=5)
        self.name = f"Deelnemer {number}"
        response = self.http.post("/api/deelnemen", json={"code": code, "bijnaam": self.name})
        assert response.status_code == 201, response.text
        self.token = response.json()["deelnemer"]
        self.changes = 0
        self.latest: dict[str, int] = {}
        self.queue: list[dict] = []

    def change(self, exercise_id: str) -> None:
        """Change an answer; the change is queued and sent at once if possible."""
        self.changes += 1
        value = self.changes
        stamp = (START + timedelta(milliseconds=value)).isoformat(timespec="milliseconds").replace("+00:00", "Z")
        self.latest[exercise_id] = value
        self.queue.append(payload(exercise_id, stamp, answers_for(exercise_id, value), nickname=self.name))
        self.flush()

    def flush(self, shuffle: random.Random | None = None) -> None:
        """Send what is queued; a change leaves the queue only when the server said 204."""
        pending = list(self.queue)
        if shuffle:
            shuffle.shuffle(pending)
        for item in pending:
            try:
                response = self.http.put(f"/api/antwoorden/{item['exercise_id']}", json=item,
                                         headers={"Authorization": f"Bearer {self.token}"})
            except httpx.TransportError:
                return  # offline: keep everything for later
            if response.status_code == 429:
                time.sleep(float(response.headers["retry-after"]))
                return
            assert response.status_code == 204, response.text
            self.queue.remove(item)


def test_answers_survive_a_killed_server(tmp_path):
    book, port = minimal_book(tmp_path / "boek"), free_port()
    server = start_live(tmp_path, book, port)
    try:
        trainees = [Trainee(server.base, server.code, number) for number in range(1, TRAINEES + 1)]
        for trainee in trainees:
            for exercise_id in EXERCISES:
                trainee.change(exercise_id)
        assert not any(trainee.queue for trainee in trainees)

        # SIGKILL while the trainees are sending.
        killer = threading.Timer(0.3, server.kill)
        killer.start()
        rng = random.Random(16)
        deadline = time.monotonic() + 10
        while server.process.poll() is None and time.monotonic() < deadline:
            for trainee in trainees:
                trainee.change(rng.choice(EXERCISES))
        killer.join()
        assert server.process.returncode == -9
        # Down: every change stays queued.
        for trainee in trainees:
            for exercise_id in EXERCISES:
                trainee.change(exercise_id)
        assert all(trainee.queue for trainee in trainees)

        server = start_live(tmp_path, book, port)
        assert server.lines[0].startswith("Sessie hervat") and server.code in server.lines[0]
        for _round in range(20):
            for trainee in trainees:
                trainee.flush(shuffle=rng)
            if not any(trainee.queue for trainee in trainees):
                break
        assert not any(trainee.queue for trainee in trainees)
    finally:
        server.stop()

    store = LiveStore(LiveStore.default_url(tmp_path))
    session = store.session_by_code(server.code)
    stored = store.payloads(session.id)
    got = [(p["nickname"], p["exercise_id"], p["answers"]["teller"]) for p in stored]
    expected = [(t.name, e, t.latest[e]) for t in trainees for e in sorted(EXERCISES)]
    assert len(got) == len(set((name, exercise) for name, exercise, _ in got))  # none doubled
    assert sorted(got) == sorted(expected)  # none lost, each the last value chosen
    assert store.participant_count(session.id) == TRAINEES
