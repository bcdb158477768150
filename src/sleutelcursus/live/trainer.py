"""The trainer's routes of the live-workshop server: the live group page and its exports.

Everything under ``/trainer`` and ``/api/trainer/`` needs the session's trainer token:

- ``GET /trainer?token=...`` (the link ``sleutelcursus live`` prints) checks the token,
  keeps it in an HttpOnly, SameSite=Strict cookie for ``/trainer`` and redirects (303) to
  ``/trainer``, so the token leaves the address bar and the history at once;
- ``GET /trainer`` the page: join code, trainees' URL and its QR code, the stand;
  ``?pseudoniem=ja`` shows every trainee as "Deelnemer N" (for the projector), a
  switch on the page;
- ``GET /trainer/stand`` the stand alone (HTML fragment), fetched by the page's script
  (``?pseudoniem=ja`` as the page); the stand is built in a worker process
  (:mod:`sleutelcursus.live.stand_worker`), so trainees' requests never wait for it;
- ``GET /trainer/updates`` server-sent events: an event ``stand`` whenever the session's
  revision or participant count changes (polled in the database, so it works with
  several workers or machines on one PostgreSQL);
- ``GET /trainer/sluiten`` asks for confirmation, ``POST /trainer/sluiten`` closes the
  session (only a form of this same site: SameSite=Strict cookie, and Sec-Fetch-Site or
  Origin checked);
- ``GET /trainer/rapport.html`` and ``/trainer/groepsresultaten.csv`` the files
  ``sleutelcursus groep`` writes (``?pseudoniem=ja`` as with ``--pseudoniem``);
- ``GET /trainer/trainer.css`` and ``/trainer/trainer.js``, the page's own files;
- ``GET /api/trainer/antwoorden`` with ``Authorization: Bearer TOKEN``: the answers as
  JSON, for :func:`sleutelcursus.workshop.live` in Jupyter.

A wrong or missing token gets 401 with one Dutch sentence; once the session is wiped,
every route says so with 410. Every response says
``Cache-Control: no-store`` and ``Referrer-Policy: no-referrer``; the pages have a
Content-Security-Policy that allows scripts and styles only from this server (no inline
script: the page's script is a file).
"""

from __future__ import annotations

import asyncio
from collections.abc import Callable
from datetime import datetime, timezone
from pathlib import Path
from urllib.parse import urlsplit

from starlette.concurrency import run_in_threadpool
from starlette.requests import Request
from starlette.responses import JSONResponse, RedirectResponse, Response, StreamingResponse
from starlette.routing import BaseRoute, Route

from ..workshop.charts import stylesheet
from ..clock import local_time
from ..workshop.report import render_report
from ..workshop.report_folder import REPORT_NAME, output_names
from ..workshop.spreadsheet import CSV_ENCODING, CSV_NAME, csv_text
from .codes import shown
from .qr import join_qr
from .storage import WIPE_GRACE
from .stand_worker import StandBuilder
from .view import answers_table, render, session_state, stand_html

COOKIE = "sleutelcursus_trainer"
PREFIX = "/trainer"
STATIC = Path(__file__).parent / "static"
# How often the event stream looks at the database, and how long it stays quiet before
# a comment line keeps proxies from closing it.
POLL_SECONDS = 0.5
KEEPALIVE_SECONDS = 15.0
# After an event the stream waits this long before the next one: a room answering at
# once would otherwise have the page redraw (and the worker build the stand, 0.05-0.2 s
# of processor time at 200 trainees) twice a second, taking processor time from the
# trainees' requests.
REDRAW_SECONDS = 1.0
LOOPBACK = {"127.0.0.1", "localhost", "::1"}
# The trainer page, its stand and the downloads show "Deelnemer N" for nicknames with this.
PSEUDONYM_QUERY = "?pseudoniem=ja"

BASE_HEADERS = {
    "Cache-Control": "no-store",
    "Referrer-Policy": "no-referrer",
    "X-Content-Type-Options": "nosniff",
}
PAGE_POLICY = (
    "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self' data:; connect-src 'self'; "
    "form-action 'self'; base-uri 'none'; frame-ancestors 'none'"
)
# The report is a page of its own with inline CSS and no script (as groep writes it).
REPORT_POLICY = "default-src 'none'; style-src 'unsafe-inline'; base-uri 'none'; frame-ancestors 'none'; sandbox"

NO_TOKEN = (
    "Deze pagina is alleen voor de trainer. Open de trainerlink met het token dat 'sleutelcursus live' toonde. "
    "Heb je die link net geopend en zie je toch deze melding, kies dan hieronder opnieuw laden."
)
OLD_TOKEN = (
    "Deze trainerlink werkt niet meer: de server is opnieuw gestart en toonde toen een nieuwe trainerlink. "
    "Open die nieuwe link; opnieuw laden helpt niet."
)
WRONG_TOKEN = (
    "Dit token hoort niet bij deze sessie. Is de server opnieuw gestart, dan geldt alleen de nieuwe trainerlink "
    "die hij toen toonde."
)
WIPED = (
    "Deze sessie is gewist, met alle bijnamen en antwoorden: met 'sleutelcursus live --wis' of door de server zelf, "
    "een uur na het einde van de sessie. Er is niets meer te zien of te downloaden."
)


def _headers(policy: str = PAGE_POLICY, **extra: str) -> dict[str, str]:
    return {**BASE_HEADERS, "Content-Security-Policy": policy, **extra}


def _page(html: str, status: int = 200) -> Response:
    return Response(html, status_code=status, media_type="text/html; charset=utf-8", headers=_headers())


def _prefix(request: Request) -> str:
    return request.scope.get("root_path", "") + PREFIX


def _refusal(request: Request, status: int, title: str, message: str, link: bool = True) -> Response:
    prefix = _prefix(request)
    return _page(render("weiger.html", styled=True, prefix=prefix, title=title, message=message,
                        link=prefix if link else None, link_text="Opnieuw laden"), status)


def _session(request: Request):
    """The session this server runs (set by the app factory)."""
    return request.app.state.session


def _from_this_origin(request: Request) -> bool:
    """Whether a form was sent by a page of this server itself.

    Browsers say so in ``Sec-Fetch-Site`` (a header no page can set). The ``Origin``
    header is the fallback, but a page with ``Referrer-Policy: no-referrer`` (ours) makes
    browsers send ``Origin: null`` with its forms.
    """
    fetch_site = request.headers.get("sec-fetch-site")
    if fetch_site is not None:
        return fetch_site == "same-origin"
    origin = request.headers.get("origin", "null")
    return origin != "null" and urlsplit(origin).netloc == request.headers.get("host")


def _names(request: Request) -> tuple[bool, str]:
    """Whether the page shows "Deelnemer N" instead of nicknames, and its query for that."""
    pseudonymise = request.query_params.get("pseudoniem") == "ja"
    return pseudonymise, PSEUDONYM_QUERY if pseudonymise else ""


def _bearer(request: Request) -> str | None:
    scheme, _, token = request.headers.get("authorization", "").partition(" ")
    return (token.strip() or None) if scheme.lower() == "bearer" else None


def trainer_routes(store, stands: StandBuilder | None = None) -> list[BaseRoute]:
    """The trainer's routes for the app, all checking the token with ``store.trainer_ok``.

    :param store: the server's :class:`~sleutelcursus.live.storage.LiveStore`
    :param stands: what builds the stand, in the worker process; default a new
        :class:`~sleutelcursus.live.stand_worker.StandBuilder` of ``store``
    """
    stands = stands or StandBuilder(store)

    async def token_ok(request: Request, token: str | None) -> bool:
        return bool(token) and await run_in_threadpool(store.trainer_ok, _session(request).id, token)

    async def wiped(request: Request) -> bool:
        # Asked only after a token did not fit: a wiped session has no token at all.
        return await run_in_threadpool(store.session, _session(request).id) is None

    def guarded(endpoint: Callable) -> Callable:
        """``endpoint`` only with the token in the cookie; 401 otherwise."""
        async def check(request: Request) -> Response:
            cookie = request.cookies.get(COOKIE)
            if not await token_ok(request, cookie):
                if await wiped(request):
                    return _refusal(request, 410, "Sessie gewist", WIPED, link=False)
                # A cookie that no longer fits: the page was open when the server restarted.
                if cookie:
                    return _refusal(request, 401, "Geen toegang", OLD_TOKEN, link=False)
                return _refusal(request, 401, "Geen toegang", NO_TOKEN)
            return await endpoint(request)
        return check

    async def current(request: Request):
        # The stored row, not the app's copy: closing may have happened in another worker.
        return await run_in_threadpool(store.session, _session(request).id)

    async def page(request: Request) -> Response:
        token = request.query_params.get("token")
        if token is not None:
            if not await token_ok(request, token):
                if await wiped(request):
                    return _refusal(request, 410, "Sessie gewist", WIPED, link=False)
                return _refusal(request, 401, "Geen toegang", WRONG_TOKEN, link=False)
            response = RedirectResponse(_prefix(request), status_code=303, headers=_headers())
            response.set_cookie(COOKIE, token, path=_prefix(request), httponly=True, samesite="strict",
                                secure=request.url.scheme == "https")
            return response
        return await guarded(show_page)(request)

    async def show_page(request: Request) -> Response:
        session = await current(request)
        pseudonymise, query = _names(request)
        context = await stands.stand(session.id, pseudonymise)
        # The address the server printed for trainees; the trainer may have opened this
        # page on loopback, which the trainees' devices cannot reach.
        base = (getattr(request.app.state, "public_url", None) or str(request.base_url)).rstrip("/")
        code = shown(session.code)
        join_url = f"{base}/doe-mee/{code}"
        return _page(render(
            "trainer.html", styled=True, prefix=_prefix(request), code=code, join_url=join_url,
            qr=join_qr(join_url), loopback=urlsplit(base).hostname in LOOPBACK, state=session_state(session),
            expires=local_time(session.expires_at), wiped=local_time(session.wiped_at),
            query=query,
            stand=stand_html(context, _prefix(request), session_state(session), query),
        ))

    async def stand(request: Request) -> Response:
        session = await current(request)
        pseudonymise, query = _names(request)
        context = await stands.stand(session.id, pseudonymise)
        return _page(str(stand_html(context, _prefix(request), session_state(session), query)))

    async def updates(request: Request) -> Response:
        session_id = _session(request).id
        # After a reconnect the browser says which revision it saw last: no redraw when
        # nothing changed meanwhile.
        seen = request.headers.get("last-event-id")
        # Set by server.py: the stream ends when the server stops, so Ctrl+C is not
        # kept waiting by an open trainer page.
        stopping = getattr(request.app.state, "stopping", lambda: False)

        async def events():
            # retry: how soon the browser reconnects (ms) when the server was away
            yield "retry: 1000\n\n"
            last, quiet = seen, 0.0
            while not stopping():
                revision = str(await run_in_threadpool(store.revision, session_id))
                if revision != last:
                    last, quiet = revision, 0.0
                    yield f"id: {revision}\nevent: stand\ndata: {revision}\n\n"
                    await asyncio.sleep(REDRAW_SECONDS - POLL_SECONDS)
                elif quiet >= KEEPALIVE_SECONDS:
                    quiet = 0.0
                    yield ": nog verbonden\n\n"
                await asyncio.sleep(POLL_SECONDS)
                quiet += POLL_SECONDS

        return StreamingResponse(events(), media_type="text/event-stream",
                                 headers=_headers(**{"X-Accel-Buffering": "no"}))

    async def confirm_close(request: Request) -> Response:
        session = await current(request)
        if session_state(session) != "open":
            return RedirectResponse(_prefix(request), status_code=303, headers=_headers())
        return _page(render("sluiten.html", styled=True, prefix=_prefix(request), code=shown(session.code),
                            wiped=local_time(datetime.now(timezone.utc) + WIPE_GRACE)))

    async def close(request: Request) -> Response:
        # SameSite=Strict keeps the cookie off another site's form; this also refuses a
        # page of the same site on another port or host.
        if not _from_this_origin(request):
            return _refusal(request, 403, "Niet gesloten",
                            "De sessie wordt alleen gesloten met de knop op de trainerpagina zelf.")
        await run_in_threadpool(store.close, _session(request).id)
        return RedirectResponse(_prefix(request), status_code=303, headers=_headers())

    def export(name: str) -> Callable:
        async def download(request: Request) -> Response:
            pseudonymise, _ = _names(request)
            session = await current(request)
            frame, problems = await run_in_threadpool(answers_table, store, session.id, pseudonymise)
            if frame.empty:
                return _refusal(request, 404, "Nog geen rapport",
                                "Er zijn nog geen antwoorden in deze sessie, dus er is nog geen rapport.")
            # Saved under the names ``groep`` gives them: both kinds can sit side by side.
            saved = output_names(pseudonymise)[0 if name == REPORT_NAME else 1]
            disposition = {"Content-Disposition": f'attachment; filename="{saved}"'}
            if name == REPORT_NAME:
                wiped = local_time(session.wiped_at) if session_state(session) != "open" else None
                html = await run_in_threadpool(render_report, frame, len(problems), pseudonymise, wiped)
                return Response(html, media_type="text/html; charset=utf-8",
                                headers=_headers(REPORT_POLICY, **disposition))
            return Response(csv_text(frame).encode(CSV_ENCODING), media_type="text/csv; charset=utf-8",
                            headers=_headers(**disposition))
        return download

    def static(media_type: str, text: str) -> Callable:
        async def serve(request: Request) -> Response:
            return Response(text, media_type=media_type, headers=_headers())
        return serve

    async def api_answers(request: Request) -> Response:
        if not await token_ok(request, _bearer(request)):
            if await wiped(request):
                return JSONResponse({"detail": WIPED}, status_code=410, headers=_headers())
            return JSONResponse({"detail": "Geen geldig trainerstoken."}, status_code=401,
                                headers=_headers(**{"WWW-Authenticate": "Bearer"}))
        payloads = await run_in_threadpool(store.payloads, _session(request).id)
        return JSONResponse({"antwoorden": payloads}, headers=_headers())

    # The report's own CSS first, then the projector's: one file, one request.
    css = stylesheet() + (STATIC / "trainer.css").read_text(encoding="utf-8")
    script = (STATIC / "trainer.js").read_text(encoding="utf-8")
    return [
        Route(PREFIX, page, methods=["GET"]),
        Route(PREFIX + "/stand", guarded(stand), methods=["GET"]),
        Route(PREFIX + "/updates", guarded(updates), methods=["GET"]),
        Route(PREFIX + "/sluiten", guarded(confirm_close), methods=["GET"]),
        Route(PREFIX + "/sluiten", guarded(close), methods=["POST"]),
        Route(PREFIX + "/rapport.html", guarded(export(REPORT_NAME)), methods=["GET"]),
        Route(PREFIX + "/" + CSV_NAME, guarded(export(CSV_NAME)), methods=["GET"]),
        # The stylesheet holds no answers: open to all, so a refusal looks like the trainer's pages.
        Route(PREFIX + "/trainer.css", static("text/css; charset=utf-8", css), methods=["GET"]),
        Route(PREFIX + "/trainer.js", guarded(static("text/javascript; charset=utf-8", script)), methods=["GET"]),
        Route("/api/trainer/antwoorden", api_answers, methods=["GET"]),
    ]
