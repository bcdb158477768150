"""A throwaway PostgreSQL cluster for the live-workshop storage tests.

Debian's ``postgresql`` package (installed by ``.ci/run``) brings ``initdb`` and
``pg_ctl`` under ``/usr/lib/postgresql/<version>/bin``. The cluster lives in a fresh
temporary folder, listens only on a unix socket in that folder (no TCP port is opened
on the machine), runs as the ``postgres`` user when the tests run as root (PostgreSQL
refuses to run as root) and is removed afterwards. With ``CI=true`` a missing
PostgreSQL fails the tests; elsewhere they are skipped.
"""

from __future__ import annotations

import contextlib
import glob
import os
import pwd
import shutil
import socket
import subprocess
import tempfile
from pathlib import Path

import pytest


def binaries() -> Path | None:
    """The newest Debian PostgreSQL bin folder that has initdb and pg_ctl, or None."""
    found = sorted(glob.glob("/usr/lib/postgresql/*/bin/initdb"), key=lambda p: int(Path(p).parts[-3]))
    for initdb in reversed(found):
        folder = Path(initdb).parent
        if (folder / "pg_ctl").is_file():
            return folder
    return None


def missing(reason: str):
    """Fail under CI, skip elsewhere."""
    if os.environ.get("CI", "").lower() == "true":
        pytest.fail(f"PostgreSQL is needed in CI: {reason}")
    pytest.skip(reason)


def _free_port() -> int:
    # Only the socket file's name depends on it (.s.PGSQL.<port>): no TCP is used.
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


@contextlib.contextmanager
def throwaway_cluster():
    """Start a cluster in a temporary folder; yield its SQLAlchemy URL; stop and remove it."""
    folder_bin = binaries()
    if folder_bin is None:
        missing("no initdb/pg_ctl under /usr/lib/postgresql (apt-get install postgresql)")
    prefix: list[str] = []
    if os.geteuid() == 0:
        try:
            user = pwd.getpwnam("postgres")
        except KeyError:
            missing("running as root and there is no postgres user to run the cluster")
        prefix = ["runuser", "-u", "postgres", "--"]
    # Not under pytest's tmp folder: that one is private to root (0700), postgres cannot enter it.
    base = Path(tempfile.mkdtemp(prefix="sleutelcursus-pg-"))
    data, sockets, port = base / "data", base / "socket", _free_port()
    sockets.mkdir()
    if prefix:
        for path in (base, sockets):
            os.chown(path, user.pw_uid, user.pw_gid)
    log = base / "server.log"

    def run(*command: str) -> None:
        subprocess.run([*prefix, *command], check=True, capture_output=True, text=True)

    started = False
    try:
        run(str(folder_bin / "initdb"), "-D", str(data), "-A", "trust", "-U", "postgres", "--no-sync", "-E", "UTF8")
        options = f"-c listen_addresses='' -k {sockets} -p {port} -c fsync=off"
        run(str(folder_bin / "pg_ctl"), "-D", str(data), "-o", options, "-l", str(log), "-w", "start")
        started = True
        run(str(folder_bin / "createdb"), "-h", str(sockets), "-p", str(port), "-U", "postgres", "live")
        yield f"postgresql+psycopg://postgres@/live?host={sockets}&port={port}"
    finally:
        if started:
            subprocess.run([*prefix, str(folder_bin / "pg_ctl"), "-D", str(data), "-m", "immediate", "stop"],
                           capture_output=True)
        shutil.rmtree(base, ignore_errors=True)
