"""What the trainer sees: the live group picture of a session, rendered as HTML.

The figures are the group report's (:mod:`sleutelcursus.workshop.report`), computed from
the same table :func:`~sleutelcursus.workshop.read_payloads` makes of the session's
answers, so the trainer page, the report download and ``sleutelcursus groep`` on the
same answers as files agree. Templates are jinja2 with autoescape on: a nickname is
text wherever it appears.
"""

from __future__ import annotations

import functools
import threading
from datetime import datetime, timezone
from pathlib import Path

import jinja2
import pandas as pd
from markupsafe import Markup, escape

from ..workshop.answers import payload_content, read_payloads
from ..clock import now_local
from ..workshop.people import count_line
from ..workshop.charts import table_html
from ..workshop.report import report_sections
from .storage import answer_payload

TEMPLATES = Path(__file__).parent / "templates"


@functools.cache
def environment() -> jinja2.Environment:
    """The trainer pages' templates, with autoescape on for every file."""
    return jinja2.Environment(
        loader=jinja2.FileSystemLoader(TEMPLATES),
        autoescape=True,
        undefined=jinja2.StrictUndefined,
        keep_trailing_newline=True,
    )


def render(name: str, **context) -> str:
    """One template of ``live/templates`` rendered with ``context``."""
    return environment().get_template(name).render(**context)


def _utc(moment: datetime) -> datetime:
    return moment if moment.tzinfo else moment.replace(tzinfo=timezone.utc)


def session_state(session, now: datetime | None = None) -> str:
    """``"open"``, ``"gesloten"`` (the trainer closed it) or ``"verlopen"`` (past its expiry)."""
    if session.closed_at is not None:
        return "gesloten"
    if _utc(session.expires_at) <= (now or datetime.now(timezone.utc)):
        return "verlopen"
    return "open"


def answers_table(store, session_id, pseudonymise: bool = False) -> tuple[pd.DataFrame, list[str]]:
    """The session's answers as the table and problems ``sleutelcursus groep`` would give."""
    return read_payloads(store.payloads(session_id), pseudonymise=pseudonymise)


class StandCache:
    """The last group picture per session, kept with the session's revision.

    Every open trainer page fetches the stand after each change; with several pages (a
    laptop and a projector) the table and charts are made once per change, not per page,
    and only new or changed answers are read and scored again.
    """

    def __init__(self) -> None:
        # One render at a time: pages that ask together get the same result, and the
        # memo of checked answers is never used by two renders at once.
        self._lock = threading.Lock()
        self._last: dict[object, tuple[int, dict]] = {}
        self._memo: dict[object, dict] = {}
        self._contents: dict[object, dict] = {}

    def stand(self, store, session_id, pseudonymise: bool = False) -> dict:
        """The stand's template context (see :func:`stand_context`) for the session as it is now.

        :param pseudonymise: every trainee as "Deelnemer N" (for the projector)
        """
        key = (session_id, pseudonymise)
        with self._lock:
            # Read the revision before the answers: a change in between shows now and
            # brings one more event, so the page is never left behind.
            revision = store.revision(session_id)
            cached = self._last.get(key)
            if cached is not None and cached[0] == revision:
                return cached[1]
            frame, problems = read_payloads(self._read(store, session_id, key), pseudonymise=pseudonymise,
                                            memo=self._memo.setdefault(key, {}))
            context = stand_context(store.participant_count(session_id), frame, problems)
            self._last[key] = (revision, context)
            return context

    def _read(self, store, session_id, key) -> list[bytes]:
        """The session's answers as the table reads them (:func:`payload_content`), in order.

        An answer's content follows from its stored row alone, so it is kept by that row
        until the next render: parsing and writing out again some 600 answers of 2 KB
        (mostly the browser's own result) took about a third of a render.
        """
        rows, previous = store.payload_rows(session_id), self._contents.get(key, {})
        current = {row: previous.get(row) or payload_content(answer_payload(*row)) for row in rows}
        self._contents[key] = current
        return [current[row] for row in rows]


def stand_context(participants: int, frame: pd.DataFrame, problems: list[str]) -> dict:
    """What ``stand.html`` shows: the counts, the report's overview and its sections, and
    whether any of them names a trainee (``names``)."""
    context = {
        "participants": participants,
        "answers": len(frame),
        "problems": len(problems),
        "counted": count_line(frame),
        "overview": None,
        "sections": [],
        "names": False,
    }
    if not frame.empty:
        parts = report_sections(frame)
        overview = table_html(parts.overview)
        context.update(overview=overview, sections=parts.sections,
                       names=shows_names(frame["deelnemer"], [overview, *(s["body"] for s in parts.sections)]))
    return context


def shows_names(labels, parts: list[str]) -> bool:
    """Whether any of the rendered ``parts`` shows one of the trainees' ``labels`` as the
    whole text of a table cell or chart label (the only places a stand names anyone).

    The trainer page's choice between nicknames and "Deelnemer 1, 2, …" changes nothing
    visible until then (trainer trial), so the page explains that instead of offering it.
    """
    marks = {f">{escape(label)}<" for label in set(labels)}
    return any(mark in str(part) for part in parts for mark in marks)


def stand_html(context: dict, prefix: str, state: str, query: str = "") -> Markup:
    """The live part of the trainer page (also served alone, for the page's script).

    :param state: the session's :func:`session_state`
    :param query: the page's query (``?pseudoniem=ja`` or empty), kept by its refresh link
    """
    return Markup(render("stand.html", prefix=prefix, query=query, made=now_local("%H:%M:%S"), pseudonymise=bool(query),
                         open=state == "open", **context))
