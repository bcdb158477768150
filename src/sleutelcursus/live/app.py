"""The live-workshop web app: the built book, the trainee API and the trainer's routes.

:func:`create_app` puts together, in this order: the trainee API
(:mod:`sleutelcursus.live.trainee_api`), the trainer's routes (passed in as
``extra_routes``; ``sleutelcursus live`` passes ``trainer_routes(store)``), and the
built book as static files, each page marked as served by a workshop server
(:mod:`sleutelcursus.live.book_pages`; no listing, nothing outside the book folder, no hidden
files). Around them: security headers on every response, a guard that refuses any path
that climbs out (``/../`` and its encoded forms), JSON errors with a Dutch ``detail``
under ``/api/``, and no CORS headers at all unless ``allowed_origin`` is configured.
While the app runs it wipes ended sessions (:meth:`~sleutelcursus.live.storage.LiveStore.wipe_ended`):
at start and then once a minute.
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
from collections.abc import Iterable
from pathlib import Path
from urllib.parse import unquote

from sqlalchemy.exc import SQLAlchemyError
from starlette.applications import Starlette
from starlette.concurrency import run_in_threadpool
from starlette.exceptions import HTTPException
from starlette.middleware import Middleware
from starlette.middleware.cors import CORSMiddleware
from starlette.requests import Request
from starlette.responses import JSONResponse, PlainTextResponse, Response
from starlette.routing import BaseRoute, Mount

from .book_pages import WorkshopBook
from .trainee_api import ApiError, TraineeApi, api_error_response

LOG = logging.getLogger(__name__)
# How often a running server looks for ended sessions to wipe: a cheap query, and a
# session's data then stays at most a minute beyond its time (storage.WIPE_GRACE).
WIPE_EVERY_SECONDS = 60.0
SECURITY_HEADERS = {
    b"x-content-type-options": b"nosniff",
    b"referrer-policy": b"no-referrer",
}
# API answers and trainer pages hold tokens or live data: never cached.
PRIVATE_PREFIXES = ("/api/", "/trainer")
DUTCH_STATUS = {
    400: "Ongeldig verzoek.",
    404: "Niet gevonden.",
    405: "Deze methode is hier niet toegestaan.",
    500: "Er ging iets mis op de server.",
}


class SecurityHeaders:
    """Adds ``nosniff`` and ``no-referrer`` to every response, ``no-store`` to private
    ones; headers a route set itself (e.g. the trainer page's own policy) are kept."""

    def __init__(self, app) -> None:
        self.app = app

    async def __call__(self, scope, receive, send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        extra = dict(SECURITY_HEADERS)
        if scope["path"].startswith(PRIVATE_PREFIXES):
            extra[b"cache-control"] = b"no-store"

        async def send_with_headers(message) -> None:
            if message["type"] == "http.response.start":
                present = {name.lower() for name, _ in message.get("headers", [])}
                added = [(name, value) for name, value in extra.items() if name not in present]
                message = {**message, "headers": [*message.get("headers", []), *added]}
            await send(message)

        await self.app(scope, receive, send_with_headers)


def climbs_out(path: str) -> bool:
    """Whether a request path, decoded up to three times, has a ``..`` segment, a
    backslash, a NUL or a hidden (dot) segment."""
    for _round in range(4):
        if "\\" in path or "\x00" in path:
            return True
        if any(segment == ".." or (segment.startswith(".") and segment) for segment in path.split("/")):
            return True
        decoded = unquote(path)
        if decoded == path:
            return False
        path = decoded
    return True  # still encoded after three rounds: nothing of ours looks like that


class PathGuard:
    """Refuses (404) any path that could reach outside the book, before routing.

    StaticFiles already resolves paths inside its folder; this is the second lock, and
    it also covers the raw path as the client sent it.
    """

    def __init__(self, app) -> None:
        self.app = app

    async def __call__(self, scope, receive, send) -> None:
        if scope["type"] == "http":
            raw = scope.get("raw_path") or b""
            if climbs_out(scope["path"]) or climbs_out(raw.decode("latin-1").split("?")[0]):
                await PlainTextResponse(DUTCH_STATUS[404], status_code=404)(scope, receive, send)
                return
        await self.app(scope, receive, send)


def _http_error(request: Request, error: HTTPException) -> Response:
    detail = DUTCH_STATUS.get(error.status_code, "Dit verzoek kan niet worden uitgevoerd.")
    if request.url.path.startswith("/api/"):
        return JSONResponse({"detail": detail}, status_code=error.status_code, headers=error.headers)
    return PlainTextResponse(detail, status_code=error.status_code, headers=error.headers)


def _server_error(request: Request, _error: Exception) -> Response:
    return _http_error(request, HTTPException(500))


async def _wipe_ended(store) -> None:
    try:
        await run_in_threadpool(store.wipe_ended)
    except SQLAlchemyError as error:
        # A database away for a moment (a PostgreSQL restart) must not stop the workshop.
        LOG.warning("Oude sessies wissen lukte niet (%s); de server probeert het straks opnieuw.",
                    type(error).__name__)


def wiping_lifespan(store, every: float = WIPE_EVERY_SECONDS):
    """The app's lifespan: wipe the ended sessions at start, then every ``every`` seconds
    until the server stops."""
    async def wipe_forever() -> None:
        while True:
            await asyncio.sleep(every)
            await _wipe_ended(store)

    @contextlib.asynccontextmanager
    async def lifespan(_app):
        await _wipe_ended(store)
        task = asyncio.create_task(wipe_forever())
        try:
            yield
        finally:
            task.cancel()
            with contextlib.suppress(asyncio.CancelledError):
                await task

    return lifespan


def create_app(
    store,
    book_dir: Path,
    session_id: int,
    *,
    allowed_origin: str | None = None,
    extra_routes: Iterable[BaseRoute] = (),
    specs: dict[str, dict] | None = None,
    public_url: str | None = None,
    wipe_every: float = WIPE_EVERY_SECONDS,
) -> Starlette:
    """The ASGI app of one live session.

    :param store: the :class:`~sleutelcursus.live.storage.LiveStore`
    :param book_dir: the built book (``_build/html``); served as it is
    :param session_id: the session whose answers this server accepts
    :param allowed_origin: the one other origin (e.g. the municipality's book URL) that
        may call the trainee API from a browser; None (default): same origin only
    :param extra_routes: the trainer's routes (``trainer_routes(store)``), placed before
        the book so they win
    :param specs: the exercise specs by id; default the registered ones (plugins included)
    :param public_url: the address trainees use (``http://192.168.1.20:8000``), as printed
        by ``sleutelcursus live``; the trainer page may be opened on loopback meanwhile
    :param wipe_every: seconds between two wipes of ended sessions (:func:`wiping_lifespan`)
    :return: the app; ``app.state`` holds ``store``, ``session_id``, ``session`` (as it was
        at start; ask the store for its current state), ``code``, ``book_dir`` and ``public_url``
    """
    if specs is None:
        from ..plugins.registry import registered_specs

        specs = registered_specs()
    trainee = TraineeApi(store, session_id, specs)
    middleware = [Middleware(SecurityHeaders), Middleware(PathGuard)]
    if allowed_origin:
        middleware.append(Middleware(CORSMiddleware, allow_origins=[allowed_origin],
                                     allow_methods=["GET", "POST", "PUT", "DELETE"],
                                     allow_headers=["Authorization", "Content-Type"]))
    routes = [
        *trainee.routes(),
        *extra_routes,
        Mount("/", app=WorkshopBook(directory=Path(book_dir), html=True), name="boek"),
    ]
    app = Starlette(
        routes=routes,
        middleware=middleware,
        exception_handlers={ApiError: api_error_response, HTTPException: _http_error, Exception: _server_error},
        lifespan=wiping_lifespan(store, wipe_every),
    )
    app.state.store, app.state.session_id = store, session_id
    app.state.session, app.state.code = store.session(session_id), trainee.code
    app.state.book_dir, app.state.public_url = Path(book_dir), public_url
    return app
