"""One ``sleutelcursus live`` per SQLite database: a second start in the same folder refuses.

Found by a trainer's trial: a second start on another port resumed the same session with
a new trainer token, and the first server's trainer page fell to "Geen toegang". Two
servers on one SQLite file are never what a trainer means (the file is their session),
so the second start now says in one line where the session is served, and stops.

The first start holds an operating-system lock on ``<database>.lock`` (the ``filelock``
package: ``fcntl`` on Linux and macOS, ``msvcrt`` on Windows) for as long as it runs. The
system releases it when the process ends, also after a crash or a pulled plug, so a stale
lock never blocks the next start. Beside it, ``<database>.server.json`` says where the
holder serves (address and code; never the trainer token), for the second start's line.
A shared database (PostgreSQL) is meant for several workers and gets no lock.
"""

from __future__ import annotations

import contextlib
import json
import os
from pathlib import Path

from filelock import FileLock, Timeout

from ..errors import SleutelcursusError


class ServerLock:
    """The lock of one SQLite database; :meth:`acquire` refuses when another server holds it."""

    def __init__(self, database: Path) -> None:
        self.database = Path(database)
        self.info = self.database.with_name(self.database.name + ".server.json")
        self._lock = FileLock(self.database.with_name(self.database.name + ".lock"))

    def acquire(self) -> None:
        """Take the lock, or raise one Dutch line (exit code 2) naming where the session is served."""
        try:
            self._lock.acquire(timeout=0)
        except Timeout:
            raise SleutelcursusError(self._refusal(), file=self.database, exit_code=2) from None

    def serving(self, address: str, code: str) -> None:
        """Say where this server serves, for a second start to name."""
        self.info.write_text(json.dumps({"adres": address, "code": code, "pid": os.getpid()}), encoding="utf-8")

    def release(self) -> None:
        """Remove the address and give the lock back (the lock's empty file is removed too)."""
        self.info.unlink(missing_ok=True)
        self._lock.release()
        with contextlib.suppress(OSError):
            Path(self._lock.lock_file).unlink(missing_ok=True)

    def _refusal(self) -> str:
        try:
            found = json.loads(self.info.read_text(encoding="utf-8"))
            where = f"de sessie {found['code']} wordt al gediend op {found['adres']} door een andere 'sleutelcursus live'"
        except (OSError, ValueError, KeyError, TypeError):
            # The other server is still starting and has not said where yet.
            where = "een andere 'sleutelcursus live' met deze database start net"
        return f"{where}; open daar de trainerpagina, of stop die server eerst met Ctrl+C."
