"""The trainees' side of a live session: join, ask whether it is still open, send an answer, leave.

``POST /api/deelnemen``, ``GET /api/deelnemen`` (the state of the participant's session:
the trainee's page asks it now and then, so it sees the trainer close the session without
having to send an answer), ``PUT /api/antwoorden/{exercise_id}``, ``DELETE /api/deelnemen``
and the join link ``GET /doe-mee/{code}`` (issue 16; the browser side is
``frontend/live.js``). Every refusal is JSON with a Dutch
``detail`` and stores nothing. A join that the join form's input did not let happen is no
error but an expected answer (an error status would be a console error on the trainee's
page, like the state poll's): 200 with ``open`` false, a Dutch ``detail``, the field it
is about (``veld``) and ``staat``: "onbekend", "gesloten" or "verlopen" for a code that
is not this open session's, "te-veel-pogingen" (``veld`` "code", ``wacht`` the seconds
to wait) when this address or everyone guessed too many wrong codes, "bijnaam-geweigerd"
(``veld`` "bijnaam") for a nickname that cannot be stored. The guessing limit still
refuses every join, the right code too, until the wait is over. An answer is accepted only when it is a valid answer
file (:func:`~sleutelcursus.workshop.answerfile.parse_answer_file`) of a known exercise
of the right type that the engine can score, for an open session, from a participant
within their rate limit, in at most :data:`MAX_BODY` bytes.
"""

from __future__ import annotations

import hmac
import json
import math
import unicodedata

from starlette.concurrency import run_in_threadpool
from starlette.requests import Request
from starlette.responses import JSONResponse, RedirectResponse, Response
from starlette.routing import Route

from ..exercises import kind_module
from ..workshop.answerfile import AnswerFileError, parse_answer_file
from . import codes
from .limits import TokenBuckets

MAX_BODY = 64 * 1024
MAX_JOIN_BODY = 4 * 1024
MAX_NICKNAME = 40
# Answers: a trainee clicking fast sends a few a second (the browser debounces).
ANSWER_RATE, ANSWER_BURST = 5.0, 20
# Wrong join codes, per client address and for all addresses together; the arithmetic
# of why a code cannot be guessed at these rates is in sleutelcursus.live.codes.
GUESS_RATE, GUESS_BURST = 1.0, 10
ALL_GUESSES_RATE, ALL_GUESSES_BURST = 10.0, 100
# The page asks for the session's state every 15 seconds (frontend/livesession.js);
# more tabs of one trainee ask more often, a loop that asks without pause is refused.
STATE_RATE, STATE_BURST = 1.0, 10
CLOSED = "Deze sessie is gesloten; je antwoorden blijven in je eigen browser."
UNKNOWN = "Onbekende sessiecode; kijk de code na bij je trainer."
REJOIN = "Je doet niet (meer) mee aan deze sessie; doe opnieuw mee met de code."


class ApiError(Exception):
    """A refused request: HTTP status, a Dutch ``detail``, optional headers, and the
    field of the request that is wrong (``field``), so a form can say it under that field."""

    def __init__(self, status: int, detail: str, headers: dict | None = None, field: str | None = None) -> None:
        super().__init__(detail)
        self.status, self.detail, self.headers, self.field = status, detail, headers or {}, field


def api_error_response(_request: Request, error: ApiError) -> JSONResponse:
    """The JSON answer to a refused request: ``detail``, and ``veld`` when one field is wrong."""
    body = {"detail": error.detail, **({"veld": error.field} if error.field else {})}
    return JSONResponse(body, status_code=error.status, headers=error.headers)


def _not_joined(state: str, detail: str, field: str = "code", **extra) -> JSONResponse:
    """A join that did not happen because of the form's ``field``: 200, stored nothing
    (see the module docstring)."""
    body = {"open": False, "staat": state, "detail": detail, "veld": field, **extra}
    return JSONResponse(body, headers={"Cache-Control": "no-store"})


def _ended(session) -> str:
    """How a session that is not open ended: "gesloten" by the trainer, else "verlopen"."""
    return "gesloten" if session is not None and session.closed_at is not None else "verlopen"


def _whole_seconds(seconds: float) -> int:
    return max(1, math.ceil(seconds))


def _too_many(seconds: float) -> ApiError:
    wait = _whole_seconds(seconds)
    return ApiError(429, f"Te veel verzoeken; probeer het over {wait} seconde(n) opnieuw.", {"Retry-After": str(wait)})


async def read_body(request: Request, limit: int) -> bytes:
    """The request body, refused (413) as soon as it grows past ``limit`` bytes, whatever
    Content-Length says; refused (415) unless it is declared JSON."""
    media = request.headers.get("content-type", "").split(";")[0].strip().lower()
    if media != "application/json":
        raise ApiError(415, "Stuur de gegevens als JSON (Content-Type: application/json).")
    declared = request.headers.get("content-length", "")
    if declared.isdigit() and int(declared) > limit:
        raise ApiError(413, f"Te groot: hoogstens {limit // 1024} KB per bericht.")
    body = bytearray()
    async for chunk in request.stream():
        body += chunk
        if len(body) > limit:
            raise ApiError(413, f"Te groot: hoogstens {limit // 1024} KB per bericht.")
    return bytes(body)


def check_nickname(value) -> str | None:
    """A nickname as stored: trimmed text without control characters, or None.

    It is kept as text; every page that shows it escapes it.
    """
    if value is None:
        return None
    if not isinstance(value, str):
        raise ApiError(422, "De bijnaam moet tekst zijn.", field="bijnaam")
    nickname = " ".join(value.split())
    if any(unicodedata.category(char).startswith("C") for char in nickname):
        raise ApiError(422, "De bijnaam bevat tekens die niet zijn toegestaan.", field="bijnaam")
    if len(nickname) > MAX_NICKNAME:
        raise ApiError(422, f"De bijnaam is te lang (hoogstens {MAX_NICKNAME} tekens).", field="bijnaam")
    return nickname or None


def check_payload(body: bytes, exercise_id: str, spec: dict) -> dict:
    """The answer-file payload in ``body`` if it may be stored for ``exercise_id``; else ApiError 422."""
    try:
        payload = parse_answer_file(body, f"oefening {exercise_id}")
    except AnswerFileError as error:
        raise ApiError(422, f"Geen geldig antwoord: {error.message}") from None
    if payload["exercise_id"] != exercise_id:
        raise ApiError(422, "Geen geldig antwoord: veld 'exercise_id' hoort bij een andere oefening dan het adres.")
    if payload["kind"] != spec["type"]:
        raise ApiError(422, f"Geen geldig antwoord: oefening {exercise_id!r} is van type {spec['type']!r}, niet {payload['kind']!r}.")
    try:
        kind_module(spec["type"]).compute(spec, payload["answers"])
    except Exception:  # noqa: BLE001 - anything from anyone: refused, never a traceback
        raise ApiError(422, "Geen geldig antwoord: de antwoorden zijn niet te verwerken.") from None
    return payload


def _bearer(request: Request) -> str:
    scheme, _, token = request.headers.get("authorization", "").partition(" ")
    if scheme.lower() != "bearer" or not token.strip():
        raise ApiError(401, "Je doet niet mee aan deze sessie (deelnemerssleutel ontbreekt).", {"WWW-Authenticate": "Bearer"})
    return token.strip()


class TraineeApi:
    """The trainee routes of one session, with their in-memory rate limits.

    :param store: the :class:`~sleutelcursus.live.storage.LiveStore`
    :param session_id: the session this server runs
    :param specs: the registered exercise specs by id (a plugin's book has more)
    """

    def __init__(self, store, session_id: int, specs: dict[str, dict]) -> None:
        session = store.session(session_id)
        if session is None:
            raise KeyError(session_id)
        self.store, self.session_id, self.code, self.specs = store, session_id, session.code, specs
        for kind in {spec["type"] for spec in specs.values()}:
            kind_module(kind)  # imported now, not while the first trainee waits
        self.answer_limits = TokenBuckets(ANSWER_RATE, ANSWER_BURST)
        self.state_limits = TokenBuckets(STATE_RATE, STATE_BURST)
        self.guess_limits = TokenBuckets(GUESS_RATE, GUESS_BURST)
        self.all_guesses = TokenBuckets(ALL_GUESSES_RATE, ALL_GUESSES_BURST)

    def routes(self) -> list[Route]:
        """The Starlette routes of the trainee API."""
        return [
            Route("/doe-mee/{code}", self.join_link, methods=["GET"]),
            Route("/api/deelnemen", self.join, methods=["POST"]),
            Route("/api/deelnemen", self.state, methods=["GET"]),
            Route("/api/deelnemen", self.leave, methods=["DELETE"]),
            Route("/api/antwoorden/{exercise_id}", self.answer, methods=["PUT"]),
        ]

    async def join_link(self, request: Request) -> Response:
        """``/doe-mee/CODE``: to the book's start page, where the join bar takes over."""
        code = codes.normalise(request.path_params["code"])
        if code is None:
            raise ApiError(404, "Dit is geen geldige sessiecode.")
        return RedirectResponse(f"/index.html#doe-mee={codes.shown(code)}", status_code=303)

    def _guess(self, request: Request, typed) -> tuple[str | None, float]:
        """(the typed code, normalised, or None when it is not this session's code; the
        seconds to wait first, 0 when the guess was looked at).

        While there is a wait, no code is looked at, the right one neither: no oracle for
        guessers. A wrong code counts against the address and against everyone. Checked
        without awaiting anything between looking at the buckets and taking from them, so
        concurrent requests cannot slip past the limit.
        """
        address = request.client.host if request.client else ""
        wait = max(self.all_guesses.wait(None), self.guess_limits.wait(address))
        if wait:
            return None, wait
        code = codes.normalise(typed) if isinstance(typed, str) else None
        if code is None or not hmac.compare_digest(code, self.code):
            self.all_guesses.take(None)
            self.guess_limits.take(address)
            return None, 0
        return code, 0

    async def _wrong_code(self, typed) -> Response:
        """The answer to a code that is not this session's: "gesloten" for a session that
        ended and is not yet wiped (the trainer restarted the server with a new session,
        a trainee still has the old code), "onbekend" for anything else, including another
        trainer's open session in a shared database."""
        code = codes.normalise(typed) if isinstance(typed, str) else None
        if code is not None:
            other = await run_in_threadpool(self.store.session_by_code, code)
            if other is not None and not other.is_open():
                return _not_joined(_ended(other), CLOSED)
        return _not_joined("onbekend", UNKNOWN)

    async def join(self, request: Request) -> Response:
        """Join with the session code and an optional nickname: 201 with the participant
        token, or 200 without one when the code or nickname did not let it happen
        (``_not_joined``, module docstring)."""
        try:
            data = json.loads(await read_body(request, MAX_JOIN_BODY))
        except (ValueError, UnicodeDecodeError):
            raise ApiError(422, "Geen geldig JSON-bericht.") from None
        if not isinstance(data, dict) or "code" not in data:
            raise ApiError(422, "Het bericht moet een code bevatten.")
        try:
            # Before the code: a refused nickname neither uses up nor reveals a guess.
            nickname = check_nickname(data.get("bijnaam"))
        except ApiError as error:
            return _not_joined("bijnaam-geweigerd", error.detail, "bijnaam")
        code, wait = self._guess(request, data["code"])
        if wait:
            seconds = _whole_seconds(wait)
            return _not_joined("te-veel-pogingen", f"Te veel pogingen; probeer het over {seconds} seconde(n) opnieuw.",
                               wacht=seconds)
        if code is None:
            return await self._wrong_code(data["code"])
        session = await run_in_threadpool(self.store.session, self.session_id)
        if session is None or not session.is_open():
            return _not_joined(_ended(session), CLOSED)
        token = await run_in_threadpool(self.store.join, self.session_id, nickname)
        return JSONResponse({"deelnemer": token, "sessie": codes.shown(self.code), "oefeningen": sorted(self.specs)},
                            status_code=201, headers={"Cache-Control": "no-store"})

    async def _participant(self, request: Request, message: str):
        """(participant id, session) of the request's token; ApiError 401 with ``message`` if unknown."""
        participant_id, session = await run_in_threadpool(self.store.who, self.session_id, _bearer(request))
        if participant_id is None:
            raise ApiError(401, message, {"WWW-Authenticate": "Bearer"})
        return participant_id, session

    async def state(self, request: Request) -> Response:
        """The state of the participant's session, always 200 with JSON: ``staat`` is
        "open", "gesloten" (the trainer closed it), "verlopen" (its time ran out) or
        "onbekend" (the participant left or the session was wiped). The page asks it every
        15 seconds; an error status for an expected state would be logged as a console
        error on every page. 401 stays for a request without a token, 429 for a loop."""
        token = _bearer(request)
        participant_id, session = await run_in_threadpool(self.store.who, self.session_id, token)
        if participant_id is None:
            return JSONResponse({"sessie": codes.shown(self.code), "open": False, "staat": "onbekend", "detail": REJOIN})
        wait = self.state_limits.take(participant_id)
        if wait:
            raise _too_many(wait)
        if session is None or not session.is_open():
            ended = "gesloten" if session is not None and session.closed_at is not None else "verlopen"
            return JSONResponse({"sessie": codes.shown(self.code), "open": False, "staat": ended, "detail": CLOSED})
        return JSONResponse({"sessie": codes.shown(self.code), "open": True, "staat": "open"})

    async def answer(self, request: Request) -> Response:
        """Store (upsert) one answer of the participant; 204 also for a retry that changes nothing."""
        exercise_id = request.path_params["exercise_id"]
        participant_id, session = await self._participant(request, REJOIN)
        if session is None or not session.is_open():
            raise ApiError(410, CLOSED)
        wait = self.answer_limits.take(participant_id)
        if wait:
            raise _too_many(wait)
        spec = self.specs.get(exercise_id)
        if spec is None:
            raise ApiError(404, f"Onbekende oefening {exercise_id!r}.")
        body = await read_body(request, MAX_BODY)
        await run_in_threadpool(self._store_answer, participant_id, exercise_id, spec, body)
        return Response(status_code=204)

    def _store_answer(self, participant_id: str, exercise_id: str, spec: dict, body: bytes) -> None:
        # Checking runs the engine: off the event loop, with the write, in one hop.
        payload = check_payload(body, exercise_id, spec)
        self.store.upsert(self.session_id, participant_id, exercise_id, payload)

    async def leave(self, request: Request) -> Response:
        """Stop sharing: the participant's answers are removed and the token stops working."""
        participant_id, _session = await self._participant(request, "Je doet niet (meer) mee aan deze sessie.")
        await run_in_threadpool(self.store.leave, self.session_id, participant_id)
        return Response(status_code=204)
