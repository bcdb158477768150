"""Where a live workshop keeps its sessions and answers: SQLAlchemy Core.

SQLite by default (one file in the working folder, WAL, so the trainer page reads while
trainees write), or any SQLAlchemy URL, e.g. ``postgresql+psycopg://...`` for a
municipality that runs several workers or machines against one database.

Tables: ``schema_version`` (one row), ``sessions`` (with expiry and a ``revision`` that
grows on every accepted change, for the trainer's live updates), ``participants`` (id =
SHA-256 of the participant's token) and ``answers`` (one row per participant and
exercise). No IP addresses, no user agents, no names except the nickname a trainee chose.
Every method is synchronous and opens its own transaction; the app calls them from a
threadpool.
"""

from __future__ import annotations

import json
import time
from dataclasses import dataclass
from datetime import datetime, timedelta, timezone
from pathlib import Path

import sqlalchemy as sa
from sqlalchemy.dialects import postgresql, sqlite
from sqlalchemy.exc import IntegrityError

from ..workshop.people import PARTICIPANT
from ..errors import SleutelcursusError
from . import codes

SCHEMA_VERSION = 1
PREPARE_ATTEMPTS = 4
# After a session expired or was closed, the trainer has this long to download the group
# report and the CSV from the trainer page; then the server wipes the session's data
# (personal data no longer than needed, AVG). Said in exercises/live-workshop.md.
WIPE_GRACE = timedelta(hours=1)
DB_NAME = "sleutelcursus-live.db"


class LiveStoreError(SleutelcursusError):
    """The database cannot be used (newer schema, unreachable server)."""

    exit_code = 2


class UTCDateTime(sa.types.TypeDecorator):
    """Aware UTC datetimes in, aware UTC datetimes out, on every database.

    Stored naive (as UTC), so SQLite's text form sorts in time order and the upsert can
    compare moments in SQL.
    """

    impl = sa.DateTime
    cache_ok = True

    def process_bind_param(self, value, dialect):
        return value.astimezone(timezone.utc).replace(tzinfo=None) if value is not None else None

    def process_result_value(self, value, dialect):
        return value.replace(tzinfo=timezone.utc) if value is not None else None


metadata = sa.MetaData()
# The version is the key: two processes that start on an empty database at once cannot
# both write a row (the second one's insert fails, it tries again and finds the row).
schema_version = sa.Table("schema_version", metadata, sa.Column("version", sa.Integer, primary_key=True, autoincrement=False))
sessions = sa.Table(
    "sessions", metadata,
    sa.Column("id", sa.Integer, primary_key=True, autoincrement=True),
    sa.Column("code", sa.String(16), nullable=False, unique=True),
    sa.Column("trainer_token_hash", sa.String(64), nullable=False),
    sa.Column("book", sa.Text, nullable=False),
    sa.Column("created_at", UTCDateTime, nullable=False),
    sa.Column("expires_at", UTCDateTime, nullable=False),
    sa.Column("closed_at", UTCDateTime),
    sa.Column("revision", sa.BigInteger, nullable=False, default=0),
)
participants = sa.Table(
    "participants", metadata,
    sa.Column("id", sa.String(64), primary_key=True),
    sa.Column("session_id", sa.Integer, sa.ForeignKey("sessions.id", ondelete="CASCADE"), nullable=False, index=True),
    sa.Column("nickname", sa.Text),
    sa.Column("joined_at", UTCDateTime, nullable=False),
)
answers = sa.Table(
    "answers", metadata,
    sa.Column("session_id", sa.Integer, sa.ForeignKey("sessions.id", ondelete="CASCADE"), nullable=False, index=True),
    sa.Column("participant_id", sa.String(64), sa.ForeignKey("participants.id", ondelete="CASCADE"), primary_key=True),
    sa.Column("exercise_id", sa.String(200), primary_key=True),
    sa.Column("payload", sa.Text, nullable=False),
    sa.Column("changed_at", UTCDateTime, nullable=False),
    sa.Column("received_at", UTCDateTime, nullable=False),
)


# Built once: the answer path runs them for every request.
_BUMP = sessions.update().where(sessions.c.id == sa.bindparam("bumped")).values(revision=sessions.c.revision + 1)
_WHO = (sa.select(participants.c.id, sessions.c.id, sessions.c.code, sessions.c.created_at,
                  sessions.c.expires_at, sessions.c.closed_at)
        .join(sessions, sessions.c.id == participants.c.session_id)
        .where(participants.c.id == sa.bindparam("hash"), participants.c.session_id == sa.bindparam("session")))


def _upsert_statement(dialect) -> sa.sql.Executable:
    """INSERT ... ON CONFLICT (participant, exercise) DO UPDATE ... WHERE the new answer is
    newer, RETURNING a row only when something was written (rowcount is not portable)."""
    insert = (postgresql if dialect == "postgresql" else sqlite).insert(answers)
    excluded = insert.excluded
    return insert.on_conflict_do_update(
        index_elements=[answers.c.participant_id, answers.c.exercise_id],
        set_={"payload": excluded.payload, "changed_at": excluded.changed_at, "received_at": excluded.received_at},
        where=answers.c.changed_at < excluded.changed_at,
    ).returning(answers.c.exercise_id)


def _delete_sessions(connection, ids) -> int:
    """Delete the sessions with these ids (a list or a subquery), their participants and
    answers first: not every SQLite connection has foreign keys (cascades) on. Returns
    how many sessions went."""
    connection.execute(answers.delete().where(answers.c.session_id.in_(ids)))
    connection.execute(participants.delete().where(participants.c.session_id.in_(ids)))
    return connection.execute(sessions.delete().where(sessions.c.id.in_(ids))).rowcount


@dataclass(frozen=True)
class Session:
    """One workshop session; ``code`` is stored without the dash (see :func:`codes.shown`)."""

    id: int
    code: str
    created_at: datetime
    expires_at: datetime
    closed_at: datetime | None

    def is_open(self, now: datetime | None = None) -> bool:
        """Not closed by the trainer and not expired."""
        return self.closed_at is None and (now or _now()) < self.expires_at

    @property
    def ended_at(self) -> datetime:
        """When it closed or expires, whichever comes first (may lie ahead)."""
        return min(t for t in (self.closed_at, self.expires_at) if t is not None)

    @property
    def wiped_at(self) -> datetime:
        """When the server wipes the session (:meth:`LiveStore.wipe_ended`): :data:`WIPE_GRACE`
        after :attr:`ended_at`."""
        return self.ended_at + WIPE_GRACE


def _now() -> datetime:
    return datetime.now(timezone.utc)


def moment(text: str) -> datetime:
    """An answer file's ``exported_at`` (ISO 8601, ``Z`` allowed) as an aware UTC datetime."""
    value = datetime.fromisoformat(text.replace("Z", "+00:00"))
    return value if value.tzinfo else value.replace(tzinfo=timezone.utc)


def _sqlite_pragmas(connection, _record) -> None:
    # WAL: readers (trainer page) never wait for the writer; busy_timeout: a second
    # writer waits instead of failing; synchronous=NORMAL is safe in WAL against a
    # killed process (only a power cut can lose the last commits).
    cursor = connection.cursor()
    for pragma in ("journal_mode=WAL", "busy_timeout=10000", "foreign_keys=ON", "synchronous=NORMAL"):
        cursor.execute(f"PRAGMA {pragma}")
    cursor.close()


class LiveStore:
    """Sessions, participants and answers in one SQLAlchemy database.

    :param url: any SQLAlchemy URL; see :meth:`default_url`
    :raises LiveStoreError: the database has a newer schema or cannot be reached
    """

    def __init__(self, url: str) -> None:
        try:
            self.engine = sa.create_engine(url, pool_pre_ping=not url.startswith("sqlite"))
        except sa.exc.ArgumentError:
            raise LiveStoreError("dit is geen database-adres (zoals sqlite:///pad/naar/bestand.db).", file=url) from None
        except (ImportError, sa.exc.NoSuchModuleError) as error:
            raise LiveStoreError(f"het stuurprogramma voor deze database ontbreekt ({error}); voor PostgreSQL: "
                                 "pip install \"sleutelcursus[postgresql]\".", file=url) from None
        self.dialect = self.engine.dialect.name
        self._upsert = _upsert_statement(self.dialect)
        where = self.engine.url.render_as_string(hide_password=True)
        if self.dialect == "sqlite":
            # Every write transaction here starts with its write, so pysqlite's own BEGIN
            # (deferred, before the first INSERT/UPDATE/DELETE) cannot deadlock in WAL.
            sa.event.listen(self.engine, "connect", _sqlite_pragmas)
        for attempt in range(PREPARE_ATTEMPTS):
            try:
                self._prepare(where)
                break
            except sa.exc.DBAPIError as error:
                # Another worker creating the same tables at this moment: look again.
                if attempt + 1 == PREPARE_ATTEMPTS:
                    raise LiveStoreError(f"de database is niet te openen ({str(error.orig).strip()}).", file=where) from None
                time.sleep(0.05 * (attempt + 1))

    @staticmethod
    def default_url(folder: Path) -> str:
        """``sqlite:///<folder>/sleutelcursus-live.db``."""
        return f"sqlite:///{Path(folder).resolve() / DB_NAME}"

    def _prepare(self, where: str) -> None:
        metadata.create_all(self.engine, checkfirst=True)
        with self.engine.begin() as connection:
            found = connection.execute(sa.select(sa.func.max(schema_version.c.version))).scalar()
            if found is None:
                connection.execute(schema_version.insert().values(version=SCHEMA_VERSION))
            elif found > SCHEMA_VERSION:
                raise LiveStoreError(
                    f"deze database heeft schemaversie {found}, nieuwer dan deze sleutelcursus ({SCHEMA_VERSION}); "
                    "werk sleutelcursus bij of kies een andere database met --db.",
                    file=where,
                )

    # -- sessions -------------------------------------------------------------

    def create_session(self, book: str, hours: float = 12) -> tuple[Session, str]:
        """A new open session; returns it and the trainer token (only its hash is kept)."""
        token, now = codes.new_token(), _now()
        for _attempt in range(10):
            code = codes.new_code()
            try:
                with self.engine.begin() as connection:
                    new_id = connection.execute(sessions.insert().values(
                        code=code, trainer_token_hash=codes.token_hash(token), book=book, created_at=now,
                        expires_at=now + timedelta(hours=hours), closed_at=None, revision=0,
                    )).inserted_primary_key[0]
                return self.session(new_id), token
            except IntegrityError:  # the code is taken (of 31**8): draw again
                continue
        raise LiveStoreError("geen vrije sessiecode gevonden; wis oude sessies met --wis.")

    def session(self, session_id: int) -> Session | None:
        """The session with this id, open or not."""
        return self._one(sessions.c.id == session_id)

    def session_by_code(self, code: str) -> Session | None:
        """The session of a typed code (any case, dash or not), open or not."""
        normal = codes.normalise(code)
        return self._one(sessions.c.code == normal) if normal else None

    def latest_open_session(self) -> Session | None:
        """The newest session that is neither closed nor expired."""
        return self._one(sessions.c.closed_at.is_(None), sessions.c.expires_at > _now(),
                         order=sessions.c.created_at.desc())

    def latest_session(self, other_than: int | None = None) -> Session | None:
        """The newest session in any state, except the one with id ``other_than``."""
        return self._one(sessions.c.id != other_than if other_than is not None else sa.true(),
                         order=sessions.c.created_at.desc())

    def _one(self, *where, order=None) -> Session | None:
        query = sa.select(sessions.c.id, sessions.c.code, sessions.c.created_at, sessions.c.expires_at,
                          sessions.c.closed_at).where(*where)
        if order is not None:
            query = query.order_by(order, sessions.c.id.desc())
        with self.engine.connect() as connection:
            row = connection.execute(query.limit(1)).first()
        return Session(*row) if row else None

    def new_trainer_token(self, session_id: int) -> str:
        """A fresh trainer token; the old one stops working."""
        token = codes.new_token()
        with self.engine.begin() as connection:
            connection.execute(sessions.update().where(sessions.c.id == session_id)
                               .values(trainer_token_hash=codes.token_hash(token)))
        return token

    def trainer_ok(self, session_id: int, token: str) -> bool:
        """Whether ``token`` is this session's trainer token (constant-time comparison)."""
        with self.engine.connect() as connection:
            stored = connection.execute(sa.select(sessions.c.trainer_token_hash)
                                        .where(sessions.c.id == session_id)).scalar()
        return stored is not None and isinstance(token, str) and codes.same_hash(token, stored)

    def close(self, session_id: int) -> None:
        """Stop accepting answers (the answers stay until wiped). An expired session stays
        as it is: it ended when it expired, and its wipe is counted from then."""
        with self.engine.begin() as connection:
            connection.execute(sessions.update().where(sessions.c.id == session_id, sessions.c.closed_at.is_(None),
                                                       sessions.c.expires_at > _now())
                               .values(closed_at=_now(), revision=sessions.c.revision + 1))

    def wipe(self, code: str) -> bool:
        """Delete a session with its participants and answers; False when there is none."""
        found = self.session_by_code(code)
        if found is None:
            return False
        with self.engine.begin() as connection:
            _delete_sessions(connection, [found.id])
        return True

    def wipe_ended(self, now: datetime | None = None) -> int:
        """Delete every session (participants and answers with it) that expired or was
        closed more than :data:`WIPE_GRACE` ago; returns how many were deleted."""
        before = (now or _now()) - WIPE_GRACE
        ended = sa.select(sessions.c.id).where(sa.or_(sessions.c.expires_at < before, sessions.c.closed_at < before))
        # Nothing joins or answers a session that ended an hour ago: the three deletes
        # of one transaction see the same sessions.
        with self.engine.begin() as connection:
            return _delete_sessions(connection, ended)

    def revision(self, session_id: int) -> int:
        """A counter that grows whenever the session's picture changes (join, answer, leave, close)."""
        with self.engine.connect() as connection:
            return connection.execute(sa.select(sessions.c.revision).where(sessions.c.id == session_id)).scalar() or 0

    def _bump(self, connection, session_id: int) -> None:
        connection.execute(_BUMP, {"bumped": session_id})

    # -- participants -----------------------------------------------------------

    def join(self, session_id: int, nickname: str | None) -> str:
        """Add a participant; returns their token (shown once to the browser, only its hash kept)."""
        token = codes.new_token()
        with self.engine.begin() as connection:
            connection.execute(participants.insert().values(
                id=codes.token_hash(token), session_id=session_id, nickname=nickname, joined_at=_now()))
            self._bump(connection, session_id)
        return token

    def participant(self, session_id: int, token: str) -> str | None:
        """The participant id of a token in this session, or None."""
        return self.who(session_id, token)[0]

    def who(self, session_id: int, token: str) -> tuple[str | None, Session | None]:
        """(participant id, their session as it is now) in one query; (None, None) for an
        unknown token. What the answer path asks on every request."""
        if not isinstance(token, str) or not token:
            return None, None
        with self.engine.connect() as connection:
            row = connection.execute(_WHO, {"hash": codes.token_hash(token), "session": session_id}).first()
        return (row[0], Session(*row[1:])) if row else (None, None)

    def participant_count(self, session_id: int) -> int:
        """How many participants joined (and did not leave)."""
        with self.engine.connect() as connection:
            return connection.execute(sa.select(sa.func.count()).select_from(participants)
                                      .where(participants.c.session_id == session_id)).scalar_one()

    def leave(self, session_id: int, participant_id: str) -> None:
        """Withdraw a participant: their answers and their token are gone ("Stop met delen")."""
        with self.engine.begin() as connection:
            connection.execute(answers.delete().where(answers.c.session_id == session_id,
                                                      answers.c.participant_id == participant_id))
            gone = connection.execute(participants.delete().where(
                participants.c.session_id == session_id, participants.c.id == participant_id)).rowcount
            if gone:
                self._bump(connection, session_id)

    # -- answers ------------------------------------------------------------------

    def upsert(self, session_id: int, participant_id: str, exercise_id: str, payload: dict) -> bool:
        """Store a participant's answer to an exercise unless a newer one is stored.

        Keyed by (participant, exercise); the payload's ``exported_at`` decides. One
        atomic statement (INSERT ... ON CONFLICT DO UPDATE ... WHERE newer), so a retry
        or a race between two requests never doubles or reverts an answer.

        :return: True when stored, False when an equal or newer answer was there already
            (still a success: the retry changed nothing)
        """
        values = dict(session_id=session_id, participant_id=participant_id, exercise_id=exercise_id,
                      payload=json.dumps(payload, ensure_ascii=False, separators=(",", ":")),
                      changed_at=moment(payload["exported_at"]), received_at=_now())
        with self.engine.begin() as connection:
            stored = connection.execute(self._upsert, values).first() is not None
            if stored:
                self._bump(connection, session_id)
        return stored

    def payload_rows(self, session_id: int) -> list[tuple[str, str | None, int]]:
        """Every stored answer as (its JSON text, the participant's nickname, the participant's
        number in the session), in the order of :meth:`payloads`."""
        query = (sa.select(answers.c.payload, participants.c.nickname, answers.c.participant_id)
                 .join(participants, participants.c.id == answers.c.participant_id)
                 .where(answers.c.session_id == session_id)
                 .order_by(participants.c.joined_at, participants.c.id, answers.c.exercise_id))
        with self.engine.connect() as connection:
            rows = connection.execute(query).all()
        numbers: dict = {}
        return [(payload, nickname, numbers.setdefault(who, len(numbers) + 1)) for payload, nickname, who in rows]

    def payloads(self, session_id: int) -> list[dict]:
        """Every stored answer as an answer-file payload, ``nickname`` = the participant's,
        in join order (then by exercise), with ``deelnemer``: the participant's number in
        the session (1 = joined first), so two trainees with one nickname, or one without
        a nickname, are told apart (workshop/people.py)."""
        return [answer_payload(*row) for row in self.payload_rows(session_id)]


def answer_payload(text: str, nickname: str | None, number: int) -> dict:
    """One row of :meth:`LiveStore.payload_rows` as the payload :meth:`LiveStore.payloads` gives."""
    return {**json.loads(text), "nickname": nickname, PARTICIPANT: number}
