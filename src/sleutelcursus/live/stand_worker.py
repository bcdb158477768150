"""The trainer's stand, built in a worker process instead of the server's own.

Building the stand (the group report's table and sections over some 600 answers) is
tens of milliseconds of Python and pandas work. In a thread of the server it holds the
interpreter lock all that time, so every trainee request that arrives meanwhile waits
for it: at 200 trainees this made the p95 of an answer's request about 90 ms. Here one
worker process, spawned once and kept for the server's life, builds every stand. It
reads the answers from the database itself (the server passes only the database's
address), keeps a :class:`~sleutelcursus.live.view.StandCache` per
:class:`StandBuilder` from one build to the next (with its memo of checked answers),
and sends back the stand's template context; the server only awaits it, so answer
requests are never blocked by a build.

The worker is started by the first stand, or earlier with :func:`warm_up` (``sleutelcursus
live`` does that at start, so the trainer page's first stand does not wait for the worker
to import pandas). It ignores Ctrl+C, which the terminal sends to the whole process
group: the server ends it when it stops, and it ends itself when the server was killed.
A worker that died is replaced once per stand.
"""

from __future__ import annotations

import asyncio
import functools
import multiprocessing
import multiprocessing.connection
import os
import signal
import threading
import uuid
from collections.abc import Callable
from concurrent.futures import ProcessPoolExecutor
from concurrent.futures.process import BrokenProcessPool

from .storage import LiveStore
from .view import StandCache

# In the worker: the store and stand cache of each builder, by the builder's key.
_CACHES: dict[str, tuple[LiveStore, StandCache]] = {}

# In the server: the one worker process (shared by every builder of the process).
_POOL: ProcessPoolExecutor | None = None
_POOL_LOCK = threading.Lock()


def _prepare_worker() -> None:
    # Ctrl+C in the terminal reaches this process too; without this it would print a
    # traceback while the server is still saying goodbye.
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    # A server that was killed cannot end its worker: the worker ends itself then.
    threading.Thread(target=_end_with_parent, daemon=True).start()


def _end_with_parent() -> None:
    multiprocessing.connection.wait([multiprocessing.parent_process().sentinel])
    os._exit(0)


def build_stand(url: str, key: str, session_id: int, pseudonymise: bool) -> dict:
    """In the worker: the stand's context (:meth:`StandCache.stand`) of one session.

    :param url: the database's SQLAlchemy URL
    :param key: the asking :class:`StandBuilder`'s key; each builder has a cache of its own
    """
    if key not in _CACHES:
        _CACHES[key] = (LiveStore(url), StandCache())
    store, cache = _CACHES[key]
    return cache.stand(store, session_id, pseudonymise)


def _pool() -> ProcessPoolExecutor:
    global _POOL
    with _POOL_LOCK:
        if _POOL is None:
            # spawn, not fork: the server has threads (uvicorn's, the database pool's),
            # and a fork copies their locks in whatever state they are.
            _POOL = ProcessPoolExecutor(max_workers=1, mp_context=multiprocessing.get_context("spawn"),
                                        initializer=_prepare_worker)
        return _POOL


def _discard(broken: ProcessPoolExecutor) -> None:
    global _POOL
    with _POOL_LOCK:
        if _POOL is broken:
            _POOL = None
    broken.shutdown(wait=False, cancel_futures=True)


def warm_up() -> None:
    """Start the worker now: it imports pandas and the report while nobody waits for it."""
    _pool().submit(int)


def stop() -> None:
    """End the worker (the next stand starts a new one); waits for the build it is doing."""
    global _POOL
    with _POOL_LOCK:
        pool, _POOL = _POOL, None
    if pool is not None:
        pool.shutdown(wait=True, cancel_futures=True)


class StandBuilder:
    """The stands of one set of trainer routes, each built in the worker process.

    :param store: the server's :class:`~sleutelcursus.live.storage.LiveStore`; the worker
        opens the same database
    :param build: what the worker runs, :func:`build_stand` or a function (picklable, of a
        module the worker can import) with its arguments
    """

    def __init__(self, store: LiveStore, build: Callable[[str, str, int, bool], dict] = build_stand) -> None:
        self.url = store.engine.url.render_as_string(hide_password=False)
        self.key = uuid.uuid4().hex
        self.build = build

    async def stand(self, session_id: int, pseudonymise: bool = False) -> dict:
        """The stand's template context for the session as it is now (built in the worker).

        :param pseudonymise: every trainee as "Deelnemer N" (for the projector)
        """
        job = functools.partial(self.build, self.url, self.key, session_id, pseudonymise)
        loop = asyncio.get_running_loop()
        pool = _pool()
        try:
            return await loop.run_in_executor(pool, job)
        except BrokenProcessPool:
            # The worker was killed (out of memory, by hand): a new one builds it afresh.
            _discard(pool)
            return await loop.run_in_executor(_pool(), job)
