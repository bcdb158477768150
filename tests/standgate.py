"""A stand build that waits at a gate, for tests of the stand's worker process.

:func:`held_build` runs in the worker (``sleutelcursus.live.stand_worker``): it writes its
process id to ``bouw-begonnen`` in the given folder, waits until the test creates
``bouw-vrij`` there (at most 60 s), then builds the stand as the server does.
"""

from __future__ import annotations

import os
import time
from pathlib import Path

from sleutelcursus.live.stand_worker import build_stand

STARTED = "bouw-begonnen"
RELEASE = "bouw-vrij"


def held_build(folder: Path, url: str, key: str, session_id: int, pseudonymise: bool) -> dict:
    """:func:`~sleutelcursus.live.stand_worker.build_stand`, once the test opened the gate."""
    (folder / STARTED).write_text(str(os.getpid()), encoding="utf-8")
    deadline = time.monotonic() + 60
    while not (folder / RELEASE).exists() and time.monotonic() < deadline:
        time.sleep(0.01)
    return build_stand(url, key, session_id, pseudonymise)


def wait_for_start(folder: Path, timeout: float = 120) -> int:
    """The worker's process id, once a held build began (the worker may still be importing)."""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        text = (folder / STARTED).read_text(encoding="utf-8") if (folder / STARTED).exists() else ""
        if text:
            return int(text)
        time.sleep(0.01)
    raise TimeoutError("the worker did not begin the stand")
