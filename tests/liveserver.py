"""Live-workshop servers for tests and benchmarks: an app in a thread, or the real command.

``serve_app`` runs an ASGI app with uvicorn on loopback in a thread (real HTTP, real
sockets: raw paths such as ``/../`` reach the app as a browser or attacker would send
them). ``start_live`` runs ``sleutelcursus live`` itself as a subprocess and reads the
code and addresses it prints. ``payload`` makes a valid answer for a live session.
"""

from __future__ import annotations

import contextlib
import os
import re
import socket
import subprocess
import sys
import threading
import time
from dataclasses import dataclass
from pathlib import Path

import uvicorn

import sleutelcursus
from answerfiles import answer_data

# The server process runs the same sleutelcursus as the test (a worktree's src or the installed one).
SRC = Path(sleutelcursus.__file__).resolve().parent.parent


def free_port() -> int:
    """A TCP port on loopback that nothing listens on right now."""
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def minimal_book(folder: Path) -> Path:
    """A folder the server can serve as a book: an index page and a stylesheet."""
    (folder / "_static").mkdir(parents=True, exist_ok=True)
    (folder / "index.html").write_text("<!doctype html><title>Boek</title><p>Welkom</p>", encoding="utf-8")
    (folder / "_static" / "boek.css").write_text("body { margin: 0 }", encoding="utf-8")
    return folder


@contextlib.contextmanager
def serve_app(app):
    """Serve ``app`` on a free loopback port in a thread; yield its base URL."""
    sock = socket.socket()
    sock.bind(("127.0.0.1", 0))
    config = uvicorn.Config(app, log_level="warning", access_log=False, lifespan="off")
    server = uvicorn.Server(config)
    thread = threading.Thread(target=server.run, kwargs={"sockets": [sock]}, daemon=True)
    thread.start()
    deadline = time.monotonic() + 10
    while not server.started:
        if time.monotonic() > deadline or not thread.is_alive():
            raise RuntimeError("uvicorn did not start")
        time.sleep(0.01)
    try:
        yield f"http://127.0.0.1:{sock.getsockname()[1]}"
    finally:
        server.should_exit = True
        thread.join(10)
        sock.close()


def raw_get(base: str, path: str) -> tuple[int, bytes]:
    """GET ``path`` byte for byte (no client tidies ``/../`` away); (status, body)."""
    host, port = base.removeprefix("http://").split(":")
    with socket.create_connection((host, int(port)), timeout=10) as conn:
        conn.sendall(f"GET {path} HTTP/1.1\r\nHost: {host}\r\nConnection: close\r\n\r\n".encode("latin-1"))
        data = b""
        while chunk := conn.recv(65536):
            data += chunk
    head, _, body = data.partition(b"\r\n\r\n")
    return int(head.split()[1]), body


@dataclass
class LiveServer:
    """A running ``sleutelcursus live``: the process, its code and its addresses."""

    process: subprocess.Popen
    base: str
    code: str
    join_url: str | None  # None for a closed or expired session: nobody can join
    trainer_url: str
    lines: list[str]

    @property
    def trainer_token(self) -> str:
        return self.trainer_url.split("token=", 1)[1]

    def kill(self) -> None:
        """SIGKILL: no shutdown, no cleanup, as a crash or a pulled plug."""
        self.process.kill()
        self.process.wait(10)

    def stop(self) -> None:
        """Ctrl+C, and wait (a busy test machine may take a while; then it is killed, and said)."""
        if self.process.poll() is None:
            self.process.send_signal(2)
            try:
                self.process.wait(30)
            except subprocess.TimeoutExpired:
                self.kill()
                self.lines.append("(niet gestopt na Ctrl+C binnen 30 s: afgebroken)")


def start_live(work: Path, book: Path, port: int, *args: str, timeout: float = 60) -> LiveServer:
    """Run ``sleutelcursus live --dir book --port port *args`` in ``work``; wait until it serves."""
    env = {**os.environ, "PYTHONPATH": os.pathsep.join([str(SRC), os.environ.get("PYTHONPATH", "")]),
           "PYTHONUNBUFFERED": "1"}
    process = subprocess.Popen(
        [sys.executable, "-m", "sleutelcursus.cli", "live", "--dir", str(book), "--port", str(port), *args],
        cwd=work, env=env, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True,
    )
    lines: list[str] = []
    deadline = time.monotonic() + timeout
    while not any(line.startswith("Trainer") for line in lines):
        line = process.stdout.readline()
        if not line:
            raise RuntimeError(f"sleutelcursus live stopped: {''.join(lines)}")
        lines.append(line.rstrip("\n"))
        if time.monotonic() > deadline:
            process.kill()
            raise RuntimeError(f"sleutelcursus live printed no addresses: {lines}")
    # The rest of the output is drained so the pipe never fills and blocks the server.
    threading.Thread(target=lambda: [lines.append(line.rstrip("\n")) for line in process.stdout], daemon=True).start()
    text = "\n".join(lines)
    code = re.search(r"code ([A-Z0-9]{4}-[A-Z0-9]{4})", text)[1]
    join_url = found[1] if (found := re.search(r"^Deelnemers: (\S+)", text, re.M)) else None
    trainer_url = re.search(r"^Trainer[^:]*: (\S+)", text, re.M)[1]
    base = f"http://127.0.0.1:{port}"
    # An answer over HTTP, not only a connection: the socket listens before uvicorn runs, and
    # a Ctrl+C in that moment came before uvicorn's own handling of it.
    while True:
        with contextlib.suppress(OSError, ValueError, IndexError):
            raw_get(base, "/")
            break
        if time.monotonic() > deadline:
            process.kill()
            raise RuntimeError("sleutelcursus live does not accept connections")
        time.sleep(0.05)
    return LiveServer(process, base, code, join_url, trainer_url, lines)


def payload(exercise_id: str, exported_at: str, answers=None, nickname: str | None = None) -> dict:
    """A valid answer file for ``exercise_id`` (empty answers unless given)."""
    from sleutelcursus.exercises import kind_module
    from sleutelcursus.plugins.registry import registered_specs

    spec = registered_specs()[exercise_id]
    if answers is None:
        answers = kind_module(spec["type"]).empty_answers(spec)
    return answer_data(exercise_id, answers, nickname=nickname, exported_at=exported_at)
