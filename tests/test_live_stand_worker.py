"""The trainer's stand is built in a worker process (sleutelcursus.live.stand_worker):
a trainee's answer is taken while a build is in progress, without waiting for it, a
worker that died is replaced, and the worker ends with a killed server.

The build is held at a gate (``tests/standgate.py``) until the test opens it, so "in
progress" is a fact, not a matter of timing.
"""

from __future__ import annotations

import functools
import os
import signal
import time
from concurrent.futures import ThreadPoolExecutor

import httpx
import psutil

import standgate
from livegroup import trainee_payloads
from liveserver import free_port, minimal_book, serve_app, start_live
from sleutelcursus.live.app import create_app
from sleutelcursus.live.stand_worker import StandBuilder
from sleutelcursus.live.trainer import trainer_routes
from trainersession import Session, login


def _held_app(tmp_path):
    live = Session(tmp_path)
    held = StandBuilder(live.store, functools.partial(standgate.held_build, tmp_path))
    return live, create_app(live.store, live.book, live.session.id, extra_routes=trainer_routes(live.store, held))


def test_an_answer_is_taken_while_the_stand_is_being_built_without_waiting_for_it(tmp_path):
    live, app = _held_app(tmp_path)
    with serve_app(app) as url, httpx.Client(base_url=url, timeout=30) as trainer, \
            httpx.Client(base_url=url, timeout=30) as trainee, ThreadPoolExecutor(1) as page:
        login(trainer, live.token)
        participant = live.join(trainee, "Anna")
        stand = page.submit(trainer.get, "/trainer/stand")
        worker = standgate.wait_for_start(tmp_path)
        try:
            assert live.answer(trainee, participant, trainee_payloads(0)[0]).status_code == 204
            assert not stand.done()  # the build is still held at its gate
        finally:
            (tmp_path / standgate.RELEASE).touch()
        shown = stand.result(timeout=60)
    assert worker != os.getpid()
    assert shown.status_code == 200 and "1 deelnemer, 1 antwoord." in shown.text  # built after the answer came in


def test_a_worker_that_died_during_a_build_is_replaced(tmp_path):
    live, app = _held_app(tmp_path)
    with serve_app(app) as url, httpx.Client(base_url=url, timeout=60) as trainer, ThreadPoolExecutor(1) as page:
        login(trainer, live.token)
        stand = page.submit(trainer.get, "/trainer/stand")
        first = standgate.wait_for_start(tmp_path)
        (tmp_path / standgate.STARTED).unlink()
        os.kill(first, signal.SIGKILL)  # while it holds the build: the page's request is open
        (tmp_path / standgate.RELEASE).touch()
        shown = stand.result(timeout=120)
        assert shown.status_code == 200
        assert standgate.wait_for_start(tmp_path) not in (first, os.getpid())
        assert trainer.get("/trainer/stand").status_code == 200


def test_the_worker_ends_with_a_killed_server(tmp_path):
    server = start_live(tmp_path, minimal_book(tmp_path / "boek"), free_port())
    try:
        deadline = time.monotonic() + 60
        workers = []
        while not workers and time.monotonic() < deadline:  # started before serving, as the server prints
            workers = [child for child in psutil.Process(server.process.pid).children() if "spawn_main" in " ".join(child.cmdline())]
            time.sleep(0.1)
        assert workers
    finally:
        server.kill()
    _gone, alive = psutil.wait_procs(workers, timeout=30)
    assert alive == []
