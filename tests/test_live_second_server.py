"""A second ``sleutelcursus live`` on the same database refuses with one Dutch line
(trainer trial: it took over the session on another port, and the first server's trainer
page fell to an unstyled "Geen toegang")."""

from __future__ import annotations

import os
import subprocess
import sys

import httpx

from liveserver import SRC, free_port, minimal_book, start_live
from sleutelcursus.live.storage import DB_NAME

RUNS = "door een andere 'sleutelcursus live'; open daar de trainerpagina, of stop die server eerst met Ctrl+C."


def second_start(work, book, port: int) -> subprocess.CompletedProcess:
    env = {**os.environ, "PYTHONPATH": os.pathsep.join([str(SRC), os.environ.get("PYTHONPATH", "")])}
    return subprocess.run([sys.executable, "-m", "sleutelcursus.cli", "live", "--dir", str(book), "--port", str(port)],
                          cwd=work, env=env, capture_output=True, text=True, timeout=60)


def test_a_second_server_in_the_same_folder_refuses_and_the_first_keeps_its_trainer(tmp_path):
    book = minimal_book(tmp_path / "boek")
    first = start_live(tmp_path, book, free_port())
    try:
        other = free_port()
        refused = second_start(tmp_path, book, other)
        assert refused.returncode == 2 and refused.stdout == ""
        [line] = refused.stderr.splitlines()
        assert line == (f"Fout in {tmp_path / DB_NAME}: de sessie {first.code} wordt al gediend op "
                        f"{first.base} {RUNS}")
        # Nothing listens on the second port, and the first trainer link still works.
        try:
            httpx.get(f"http://127.0.0.1:{other}/", timeout=2)
            raise AssertionError("the second server listens")
        except httpx.ConnectError:
            pass
        with httpx.Client(base_url=first.base, timeout=10) as http:
            assert http.get(first.trainer_url.removeprefix(first.base)).status_code == 303
            assert "Live workshop" in http.get("/trainer").text
    finally:
        first.stop()
    # Stopped (Ctrl+C): the next start serves the session again and leaves no lock behind.
    again = start_live(tmp_path, book, free_port())
    try:
        assert again.code == first.code
    finally:
        again.stop()
    left = sorted(p.name for p in tmp_path.iterdir() if p.name.startswith(DB_NAME))
    assert left == [DB_NAME], (first.lines[-3:], again.lines[-3:])


def test_a_crashed_server_leaves_no_lock_that_blocks(tmp_path):
    book = minimal_book(tmp_path / "boek")
    first = start_live(tmp_path, book, free_port())
    first.kill()  # no cleanup at all: the system releases the lock with the process
    again = start_live(tmp_path, book, free_port())
    try:
        assert again.code == first.code
    finally:
        again.stop()
