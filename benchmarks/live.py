"""A live workshop under load: 200 trainees, 30 answer changes each, within 60 s.

Run from the repository root:  python benchmarks/live.py [--deelnemers 200] [--wijzigingen 30] [--seconden 60]

Starts the real ``sleutelcursus live`` (one process, SQLite in a temporary folder, a
minimal book) on loopback. Every simulated trainee is an ``httpx.AsyncClient`` of its own
(its own connection, as a browser): it joins with the code, then changes an answer to
one of rolscan, netwerk-samenstellen and voorzitter-kiezen at 30 random moments spread
over the 60 s (about 100 requests a second for 200 trainees), each change a complete
answer file as the book sends it. A failed send is retried, as the browser's queue does.
Meanwhile each trainee's open page asks for the session's state every 15 s
(``GET /api/deelnemen``, ``frontend/livesession.js``), from a random moment of the first
15 s on (pages are opened at different moments); about 13 requests a second more. The
trainer page fetches the stand after every event of its stream, as ``trainer.js`` does.

Measured:
- p95 of the answer requests' time (client side, send to response; target <= 50 ms);
- answers lost: each trainee's last answer per exercise, compared with the database at
  the end (target 0);
- time from an answer to the trainer page's update (target <= 2 s): every 2 s a probe
  trainee sends an answer; the time runs until the trainer's event stream
  (``/trainer/updates``) announced a revision that includes it and the page's fetch of
  the stand (``/trainer/stand``) after that event has come back. Without trainer routes
  on the server this is reported as not measurable.
"""

from __future__ import annotations

import argparse
import asyncio
import json
import random
import statistics
import sys
import tempfile
import time
from datetime import datetime, timedelta, timezone
from pathlib import Path
from urllib.parse import urlsplit

import httpx
import psutil

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "tests"))

from answerfiles import answer_data  # noqa: E402
from liveserver import free_port, minimal_book, start_live  # noqa: E402
from workshop import random_answers  # noqa: E402  (benchmarks/workshop.py)

EXERCISES = ("rolscan", "netwerk-samenstellen", "voorzitter-kiezen")
STATE_SECONDS = 15.0  # frontend/livesession.js, STATE_MS
TARGET_P95_MS = 50
TARGET_UPDATE_S = 2.0
START = datetime(2025, 3, 4, 10, 0, tzinfo=timezone.utc)


class Trainee:
    """One browser: joins, then sends complete answer files; remembers what it last sent."""

    def __init__(self, base: str, number: int, rng: random.Random, specs: dict) -> None:
        self.http = httpx.AsyncClient(base_url=base, timeout=30)
        self.name, self.rng, self.specs = f"Deelnemer {number:03d}", rng, specs
        self.token, self.changes = "", 0
        self.latest: dict[str, dict] = {}
        self.latencies: list[float] = []
        self.polls: list[tuple[float, int]] = []  # (seconds, status) of each state request
        self.reasons: dict[str, int] = {}

    async def join(self, code: str) -> None:
        response = await self.http.post("/api/deelnemen", json={"code": code, "bijnaam": self.name})
        response.raise_for_status()
        self.token = response.json()["deelnemer"]

    def prepare(self, count: int) -> None:
        """Make this trainee's answer files beforehand: the clock measures sending only."""
        self.planned = []
        for _change in range(count):
            exercise_id = self.rng.choice(EXERCISES)
            self.changes += 1
            moment = (START + timedelta(milliseconds=self.changes)).isoformat(timespec="milliseconds")
            answers = random_answers(self.specs[exercise_id], self.rng)
            data = answer_data(exercise_id, answers, self.name, moment.replace("+00:00", "Z"))
            self.planned.append((exercise_id, answers, json.dumps(data).encode()))

    async def change(self) -> None:
        """Send the next planned answer until the server took it (as the browser's queue)."""
        exercise_id, answers, body = self.planned.pop(0)
        headers = {"Authorization": f"Bearer {self.token}", "Content-Type": "application/json"}
        while True:
            started = time.perf_counter()
            try:
                response = await self.http.put(f"/api/antwoorden/{exercise_id}", content=body, headers=headers)
            except httpx.TransportError as error:
                response, failure = None, type(error).__name__
            self.latencies.append(time.perf_counter() - started)
            if response is not None and response.status_code == 204:
                self.latest[exercise_id] = answers
                return
            reason = str(response.status_code) if response is not None else f"geen antwoord, {failure}"
            self.reasons[reason] = self.reasons.get(reason, 0) + 1
            wait = float(response.headers.get("retry-after", 1)) if response is not None else 1.0
            await asyncio.sleep(wait)

    async def run(self, moments: list[float], started: float) -> None:
        for moment in moments:
            await asyncio.sleep(max(0.0, started + moment - time.perf_counter()))
            await self.change()

    async def watch(self, first: float) -> None:
        """Ask the session's state every 15 s as an open page does, until cancelled."""
        headers = {"Authorization": f"Bearer {self.token}"}
        await asyncio.sleep(first)
        while True:
            asked = time.perf_counter()
            response = await self.http.get("/api/deelnemen", headers=headers)
            self.polls.append((time.perf_counter() - asked, response.status_code))
            await asyncio.sleep(max(0.0, asked + STATE_SECONDS - time.perf_counter()))


def busy() -> float:
    """Processor seconds spent so far by every process on the machine."""
    times = psutil.cpu_times()
    return sum(getattr(times, name, 0.0) for name in ("user", "nice", "system", "irq", "softirq", "steal"))


def server_seconds(server: psutil.Process) -> dict[int, float]:
    """Processor seconds spent so far by the server and its worker processes (the one that
    builds the trainer's stand), by process id."""
    seconds = {}
    for process in [server, *server.children(recursive=True)]:
        try:
            seconds[process.pid] = sum(process.cpu_times()[:2])
        except psutil.NoSuchProcess:  # a worker that ended meanwhile
            pass
    return seconds


class TrainerStream:
    """The trainer page: its event stream (the moment each announced revision arrived)
    and, as trainer.js, a fetch of the stand after every event (one at a time, one more
    when events came meanwhile)."""

    def __init__(self, base: str, trainer_url: str) -> None:
        self.http = httpx.AsyncClient(base_url=base, timeout=None)
        self.trainer_url = trainer_url
        self.events: list[tuple[float, int]] = []
        self.fetched: list[tuple[int, float]] = []  # (revision announced before the fetch, when it came back)
        self.arrived = asyncio.Event()
        self.task: asyncio.Task | None = None
        self.refreshing: asyncio.Task | None = None
        self.again = False

    async def open(self) -> bool:
        """Log in with the trainer link (sets the cookie); False when the server has no trainer page."""
        link = urlsplit(self.trainer_url)  # the printed link, asked of this loopback server
        response = await self.http.get(f"{link.path}?{link.query}")
        if response.status_code >= 400:
            return False
        self.task = asyncio.create_task(self._listen())
        return True

    async def _listen(self) -> None:
        async with self.http.stream("GET", "/trainer/updates") as response:
            async for line in response.aiter_lines():
                if line.startswith("data:"):
                    self.events.append((time.perf_counter(), int(line[5:].strip())))
                    if self.refreshing is None or self.refreshing.done():
                        self.refreshing = asyncio.create_task(self._refresh())
                    else:
                        self.again = True

    async def _refresh(self) -> None:
        while True:
            self.again, announced = False, self.events[-1][1]
            response = await self.http.get("/trainer/stand")
            response.raise_for_status()
            self.fetched.append((announced, time.perf_counter()))
            self.arrived.set()
            if not self.again:
                return

    async def update_time(self, probe: Trainee, revision) -> tuple[float, float, float, float] | None:
        """Seconds from a probe's answer to the page having the stand that includes it:
        (total, the answer's request, waiting for the event, fetching the stand)."""
        sent = time.perf_counter()
        await probe.change()
        answered = time.perf_counter()
        wanted = await asyncio.to_thread(revision)
        deadline = sent + 10
        while time.perf_counter() < deadline:
            seen = next((moment for moment, number in self.events if number >= wanted and moment >= sent), None)
            done = next((moment for number, moment in self.fetched if number >= wanted and moment >= sent), None)
            if seen is not None and done is not None:
                return done - sent, answered - sent, max(0.0, seen - answered), done - max(seen, answered)
            self.arrived.clear()
            try:
                await asyncio.wait_for(self.arrived.wait(), timeout=deadline - time.perf_counter())
            except asyncio.TimeoutError:
                break
        return None

    async def close(self) -> None:
        for task in (self.task, self.refreshing):
            if task:
                task.cancel()
        await self.http.aclose()


async def load(server, store, session_id: int, args, specs: dict) -> dict:
    rng = random.Random(20261129)
    trainees = [Trainee(server.base, number, random.Random(rng.random()), specs) for number in range(1, args.deelnemers + 1)]
    await asyncio.gather(*(trainee.join(server.code) for trainee in trainees))
    probe = Trainee(server.base, 0, random.Random(1), specs)
    await probe.join(server.code)
    for trainee in trainees:
        trainee.prepare(args.wijzigingen)
    probe.prepare(int(args.seconden / 2) + 5)
    trainer = TrainerStream(server.base, server.trainer_url)
    measurable = await trainer.open()
    spread = args.seconden * 0.95
    server_process = psutil.Process(server.process.pid)
    cpu_before, client_before, busy_before = server_seconds(server_process), time.process_time(), busy()
    started = time.perf_counter()
    work = [asyncio.create_task(trainee.run(sorted(rng.uniform(0, spread) for _ in range(args.wijzigingen)), started))
            for trainee in trainees]
    watching = [asyncio.create_task(trainee.watch(rng.uniform(0, STATE_SECONDS))) for trainee in trainees]
    updates: list[tuple | None] = []
    while measurable and not all(task.done() for task in work):
        updates.append(await trainer.update_time(probe, lambda: store.revision(session_id)))
        await asyncio.sleep(max(0.0, 2.0 - (updates[-1] or (0,))[0]))
    await asyncio.gather(*work)
    elapsed = time.perf_counter() - started
    for task in watching:
        task.cancel()
    await asyncio.gather(*watching, return_exceptions=True)
    cpu_after = server_seconds(server_process)
    server_cpu = sum(seconds - cpu_before.get(pid, 0.0) for pid, seconds in cpu_after.items())
    client_cpu = time.process_time() - client_before
    others = max(0.0, busy() - busy_before - server_cpu - client_cpu) / (elapsed * (psutil.cpu_count() or 1))
    await trainer.close()
    for trainee in [*trainees, probe]:
        await trainee.http.aclose()
    return {"trainees": trainees, "probe": probe, "elapsed": elapsed, "updates": updates, "measurable": measurable,
            "server_cpu": server_cpu, "client_cpu": client_cpu, "others": others, "stands": len(trainer.fetched)}


def lost_answers(trainees: list[Trainee], probe: Trainee, stored: list[dict]) -> tuple[int, int]:
    """(lost, expected): last answers a trainee sent that the database does not hold as sent."""
    held = {(p["nickname"], p["exercise_id"]): p["answers"] for p in stored}
    expected = {(t.name, e): a for t in [*trainees, probe] for e, a in t.latest.items()}
    lost = sum(1 for key, answers in expected.items() if held.get(key) != answers)
    return lost + max(0, len(held) - len(expected)), len(expected)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--deelnemers", type=int, default=200)
    parser.add_argument("--wijzigingen", type=int, default=30)
    parser.add_argument("--seconden", type=float, default=60)
    args = parser.parse_args()
    from sleutelcursus.live.storage import LiveStore
    from sleutelcursus.plugins.registry import registered_specs

    specs = registered_specs()
    with tempfile.TemporaryDirectory(prefix="sleutelcursus-live-bench-") as tmp:
        work = Path(tmp)
        server = start_live(work, minimal_book(work / "boek"), free_port())
        try:
            store = LiveStore(LiveStore.default_url(work))
            session_id = store.session_by_code(server.code).id
            result = asyncio.run(load(server, store, session_id, args, specs))
            stored = store.payloads(session_id)
        finally:
            server.stop()
    trainees, probe = result["trainees"], result["probe"]
    latencies = sorted(latency for trainee in trainees for latency in trainee.latencies)
    p95 = statistics.quantiles(latencies, n=100)[94] * 1000
    lost, expected = lost_answers(trainees, probe, stored)
    reasons: dict[str, int] = {}
    for trainee in trainees:
        for reason, count in trainee.reasons.items():
            reasons[reason] = reasons.get(reason, 0) + count
    why = ", ".join(f"{reason}: {count}" for reason, count in sorted(reasons.items()))
    print(f"{len(trainees)} deelnemers, elk {args.wijzigingen} wijzigingen in {result['elapsed']:.1f} s "
          f"({len(latencies)} verzoeken, {sum(reasons.values())} opnieuw verstuurd{f' ({why})' if why else ''})")
    polls = sorted(seconds for trainee in trainees for seconds, _status in trainee.polls)
    refused = sum(1 for trainee in trainees for _seconds, status in trainee.polls if status != 200)
    if polls:
        print(f"daarnaast {len(polls)} keer de stand van de sessie gevraagd (elke {STATE_SECONDS:g} s per pagina; "
              f"p95 {statistics.quantiles(polls, n=100)[94] * 1000:.1f} ms, {refused} geweigerd) en "
              f"{result['stands']} keer de stand op de trainerpagina opgehaald")
    per_request = result["server_cpu"] / len(latencies) * 1000
    print(f"p95 verzoektijd antwoord: {p95:.1f} ms (doel <= {TARGET_P95_MS} ms)")
    if p95 > TARGET_P95_MS:
        # On a shared machine the clock counts waiting for the processor; this does not.
        print(f"  toelichting: de server gebruikte {per_request:.1f} ms processortijd per verzoek "
              f"({result['server_cpu']:.1f} s in totaal, statusvragen en trainerpagina inbegrepen), de gesimuleerde deelnemers "
              f"{result['client_cpu']:.1f} s; andere processen namen {result['others']:.0%} van de processor")
    print(f"  mediaan {statistics.median(latencies) * 1000:.1f} ms, hoogste {latencies[-1] * 1000:.0f} ms, "
          f"server {per_request:.1f} ms processortijd per verzoek")
    print(f"verloren antwoorden: {lost} (van {expected} laatste antwoorden; doel <= 0)")
    if not result["measurable"]:
        print("tijd tot update trainerpagina: nog niet te meten (deze server heeft geen /trainer/updates)")
        return 0
    measured = [update for update in result["updates"] if update is not None]
    missed = len(result["updates"]) - len(measured)
    worst = max(measured) if measured else (float("inf"), 0.0, 0.0, 0.0)
    print(f"tijd tot update trainerpagina (hoogste): {worst[0]:.2f} s ({len(measured)} metingen; doel <= {TARGET_UPDATE_S:g} s)")
    if worst[0] > TARGET_UPDATE_S:
        print(f"  toelichting: de traagste bestond uit {worst[1]:.2f} s voor het antwoord zelf, {worst[2]:.2f} s tot "
              f"het bericht van de server en {worst[3]:.2f} s om de stand op te halen"
              + (f"; {missed} keer geen update binnen 10 s" if missed else ""))
    if measured:
        print(f"  mediaan {statistics.median(update[0] for update in measured):.2f} s"
              + (f", {missed} keer geen update binnen 10 s" if missed else ""))
    return 0


if __name__ == "__main__":
    sys.exit(main())
