"""The live workshop's storage (sleutelcursus.live.storage), on SQLite and on PostgreSQL.

Every test runs twice: against a SQLite file (the default) and against a throwaway
PostgreSQL cluster (tests/pgcluster.py; skipped without PostgreSQL, failed under CI).
"""

from __future__ import annotations

import threading
from datetime import datetime, timedelta, timezone

import pytest
import sqlalchemy as sa

from pgcluster import throwaway_cluster
from sleutelcursus.live import codes
from sleutelcursus.live.storage import (
    SCHEMA_VERSION, WIPE_GRACE, LiveStore, LiveStoreError, answers, metadata, participants, schema_version, sessions,
)


@pytest.fixture(scope="session")
def postgres_url():
    with throwaway_cluster() as url:
        yield url


@pytest.fixture(params=["sqlite", "postgresql"])
def db_url(request, tmp_path):
    if request.param == "sqlite":
        yield LiveStore.default_url(tmp_path)
        return
    url = request.getfixturevalue("postgres_url")
    yield url
    engine = sa.create_engine(url)
    metadata.drop_all(engine)
    engine.dispose()


@pytest.fixture
def store(db_url):
    live = LiveStore(db_url)
    yield live
    live.engine.dispose()


def payload(exported_at: str, value: int = 1, nickname: str | None = "uit het bestand") -> dict:
    return {"exercise_id": "rolscan", "exported_at": exported_at, "nickname": nickname, "answers": {"v": value}}


def test_a_new_session_is_open_with_a_code_and_a_trainer_token(store):
    session, token = store.create_session("/boek", hours=2)
    assert session.is_open() and session.closed_at is None
    assert codes.normalise(session.code) == session.code
    assert timedelta(hours=1.99) < session.expires_at - session.created_at <= timedelta(hours=2)
    assert store.trainer_ok(session.id, token)
    assert not store.trainer_ok(session.id, token + "x") and not store.trainer_ok(session.id, "")
    with store.engine.connect() as connection:
        stored = connection.execute(sa.select(sessions.c.trainer_token_hash)).scalar_one()
    assert token not in stored and stored == codes.token_hash(token)


def test_a_code_is_found_however_it_is_typed(store):
    session, _ = store.create_session("/boek")
    typed = codes.shown(session.code).lower().replace("-", " - ")
    assert store.session_by_code(typed) == session
    assert store.session_by_code("AAAA-AAAA") is None and store.session_by_code("<script>") is None


def test_the_newest_open_unexpired_session_is_resumed(store):
    older, _ = store.create_session("/boek")
    newer, _ = store.create_session("/boek")
    expired, _ = store.create_session("/boek", hours=-1)
    assert not expired.is_open()
    assert store.latest_open_session() == newer
    assert store.latest_session() == expired and store.latest_session(other_than=expired.id) == newer
    store.close(expired.id)  # it ended when it expired: its wipe is counted from then
    assert store.session(expired.id).closed_at is None
    store.close(newer.id)
    assert store.latest_open_session() == older
    assert not store.session(newer.id).is_open()
    store.close(older.id)
    assert store.latest_open_session() is None


def test_a_new_trainer_token_replaces_the_old_one(store):
    session, old = store.create_session("/boek")
    new = store.new_trainer_token(session.id)
    assert store.trainer_ok(session.id, new) and not store.trainer_ok(session.id, old)


def test_participants_join_with_a_token_of_their_own(store):
    session, _ = store.create_session("/boek")
    other, _ = store.create_session("/boek")
    token = store.join(session.id, "Anna")
    participant = store.participant(session.id, token)
    assert participant == codes.token_hash(token)
    assert store.participant(other.id, token) is None
    assert store.participant(session.id, "geraden") is None and store.participant(session.id, "") is None
    assert store.participant_count(session.id) == 1 and store.participant_count(other.id) == 0
    store.close(session.id)
    who, their_session = store.who(session.id, token)
    assert who == participant and their_session.id == session.id and not their_session.is_open()
    assert store.who(session.id, "geraden") == (None, None) and store.who(other.id, token) == (None, None)


def test_the_newest_answer_wins_and_retries_change_nothing(store):
    session, _ = store.create_session("/boek")
    who = store.participant(session.id, store.join(session.id, "Anna"))
    start = store.revision(session.id)
    assert store.upsert(session.id, who, "rolscan", payload("2025-03-04T10:00:00.000Z", 1))
    assert not store.upsert(session.id, who, "rolscan", payload("2025-03-04T10:00:00.000Z", 1))  # retry
    assert not store.upsert(session.id, who, "rolscan", payload("2025-03-04T09:59:59.999Z", 0))  # late, older
    assert store.upsert(session.id, who, "rolscan", payload("2025-03-04T11:00:00.001+01:00", 2))  # 10:00:00.001Z
    assert store.revision(session.id) == start + 2
    assert [p["answers"] for p in store.payloads(session.id)] == [{"v": 2}]


def test_payloads_carry_the_participants_nickname_in_join_order(store):
    session, _ = store.create_session("/boek")
    tokens = [store.join(session.id, name) for name in ("Bram", None, "<script>alert(1)</script>")]
    for number, token in enumerate(reversed(tokens)):
        who = store.participant(session.id, token)
        store.upsert(session.id, who, "netwerk-samenstellen", {**payload("2025-03-04T10:00:00Z", number), "exercise_id": "netwerk-samenstellen"})
        store.upsert(session.id, who, "rolscan", payload("2025-03-04T10:00:00Z", number))
    found = store.payloads(session.id)
    assert [(p["nickname"], p["exercise_id"]) for p in found] == [
        ("Bram", "netwerk-samenstellen"), ("Bram", "rolscan"), (None, "netwerk-samenstellen"), (None, "rolscan"),
        ("<script>alert(1)</script>", "netwerk-samenstellen"), ("<script>alert(1)</script>", "rolscan"),
    ]


def test_leaving_withdraws_the_answers_and_the_token(store):
    session, _ = store.create_session("/boek")
    stay, leave = store.join(session.id, "Blijft"), store.join(session.id, "Gaat")
    for token in (stay, leave):
        store.upsert(session.id, store.participant(session.id, token), "rolscan", payload("2025-03-04T10:00:00Z"))
    before = store.revision(session.id)
    store.leave(session.id, store.participant(session.id, leave))
    assert [p["nickname"] for p in store.payloads(session.id)] == ["Blijft"]
    assert store.participant(session.id, leave) is None and store.participant_count(session.id) == 1
    assert store.revision(session.id) == before + 1


def test_wiping_removes_one_session_with_everything_in_it(store):
    gone, _ = store.create_session("/boek")
    kept, _ = store.create_session("/boek")
    for session in (gone, kept):
        token = store.join(session.id, "Anna")
        store.upsert(session.id, store.participant(session.id, token), "rolscan", payload("2025-03-04T10:00:00Z"))
    assert store.wipe(codes.shown(gone.code).lower())
    assert store.session(gone.id) is None and store.payloads(gone.id) == [] and store.participant_count(gone.id) == 0
    assert len(store.payloads(kept.id)) == 1 and store.participant_count(kept.id) == 1
    assert not store.wipe(gone.code)


def rows_of(store, session_id: int) -> dict[str, int]:
    """How many rows of each table belong to the session."""
    with store.engine.connect() as connection:
        return {table.name: connection.execute(sa.select(sa.func.count()).select_from(table).where(
            (table.c.id if table is sessions else table.c.session_id) == session_id)).scalar_one()
            for table in (sessions, participants, answers)}


def test_ended_sessions_are_wiped_with_everything_in_them_once_the_grace_is_over(store):
    # AVG: a participant's answers must not stay until the trainer remembers --wis.
    now = datetime.now(timezone.utc)
    made = {name: store.create_session("/boek", hours=hours)[0] for name, hours in (
        ("lang-verlopen", -2), ("net-verlopen", -0.5), ("lang-gesloten", 12), ("net-gesloten", 12), ("open", 12))}
    for session in made.values():
        token = store.join(session.id, "Anna")
        store.upsert(session.id, store.participant(session.id, token), "rolscan", payload("2025-03-04T10:00:00Z"))
    store.close(made["net-gesloten"].id)
    with store.engine.begin() as connection:
        connection.execute(sessions.update().where(sessions.c.id == made["lang-gesloten"].id)
                           .values(closed_at=now - WIPE_GRACE - timedelta(minutes=5)))
    full = {"sessions": 1, "participants": 1, "answers": 1}
    gone = {"sessions": 0, "participants": 0, "answers": 0}

    assert store.wipe_ended() == 2
    assert {name: rows_of(store, s.id) == full for name, s in made.items()} == {
        "lang-verlopen": False, "net-verlopen": True, "lang-gesloten": False, "net-gesloten": True, "open": True}
    assert rows_of(store, made["lang-verlopen"].id) == gone and rows_of(store, made["lang-gesloten"].id) == gone
    assert store.wipe_ended() == 0
    closed = store.session(made["net-gesloten"].id)
    assert closed.wiped_at == closed.closed_at + WIPE_GRACE < closed.expires_at
    assert store.session(made["net-verlopen"].id).wiped_at == made["net-verlopen"].expires_at + WIPE_GRACE
    # Later on, the sessions that had just ended go too; the open one stays untouched.
    assert store.wipe_ended(now + WIPE_GRACE + timedelta(minutes=1)) == 2
    assert rows_of(store, made["open"].id) == full and store.session(made["open"].id) == made["open"]
    assert store.latest_open_session() == made["open"]


def test_concurrent_sends_of_one_answer_keep_exactly_the_newest(store, db_url):
    session, _ = store.create_session("/boek")
    who = store.participant(session.id, store.join(session.id, "Anna"))
    stamps = [f"2025-03-04T10:00:{second:02d}.000Z" for second in range(40)]
    barrier = threading.Barrier(8)

    def send(offset: int) -> None:
        barrier.wait()
        for stamp in stamps[offset::8] + stamps:  # every moment, several times, in any order
            store.upsert(session.id, who, "rolscan", payload(stamp, int(stamp[17:19])))

    threads = [threading.Thread(target=send, args=(offset,)) for offset in range(8)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert [p["answers"] for p in store.payloads(session.id)] == [{"v": 39}]


def test_the_tables_hold_exactly_the_promised_columns(store):
    # The privacy promise (no IP address, no user agent, no name but a chosen nickname)
    # is this list: a new column has to be added here on purpose.
    found = {table: [column["name"] for column in sa.inspect(store.engine).get_columns(table)]
             for table in ("schema_version", "sessions", "participants", "answers")}
    assert found == {
        "schema_version": ["version"],
        "sessions": ["id", "code", "trainer_token_hash", "book", "created_at", "expires_at", "closed_at", "revision"],
        "participants": ["id", "session_id", "nickname", "joined_at"],
        "answers": ["session_id", "participant_id", "exercise_id", "payload", "changed_at", "received_at"],
    }


def test_a_database_of_a_newer_schema_is_refused(store, db_url):
    with store.engine.begin() as connection:
        connection.execute(schema_version.update().values(version=SCHEMA_VERSION + 1))
    with pytest.raises(LiveStoreError) as refused:
        LiveStore(db_url)
    assert "schemaversie" in refused.value.message and refused.value.exit_code == 2


def test_an_existing_database_keeps_its_sessions_and_one_version_row(store, db_url):
    session, _ = store.create_session("/boek")
    again = LiveStore(db_url)
    assert again.session(session.id) == session
    with again.engine.connect() as connection:
        assert connection.execute(sa.select(schema_version.c.version)).scalars().all() == [SCHEMA_VERSION]
    again.engine.dispose()


def test_workers_starting_together_on_an_empty_database_agree(db_url):
    stores, errors = [], []
    barrier = threading.Barrier(4)

    def start() -> None:
        barrier.wait()
        try:
            stores.append(LiveStore(db_url))
        except Exception as error:  # noqa: BLE001 - the test reports any
            errors.append(error)

    threads = [threading.Thread(target=start) for _ in range(4)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert errors == [] and len(stores) == 4
    with stores[0].engine.connect() as connection:
        assert connection.execute(sa.select(schema_version.c.version)).scalars().all() == [SCHEMA_VERSION]
    for live in stores:
        live.engine.dispose()


def test_sqlite_runs_in_wal_mode_with_a_busy_timeout(tmp_path):
    live = LiveStore(LiveStore.default_url(tmp_path))
    with live.engine.connect() as connection:
        assert connection.exec_driver_sql("PRAGMA journal_mode").scalar() == "wal"
        assert connection.exec_driver_sql("PRAGMA busy_timeout").scalar() >= 1000
        assert connection.exec_driver_sql("PRAGMA foreign_keys").scalar() == 1


@pytest.mark.parametrize("url", ["geen-adres", "postgresql+bestaatniet://x/y"])
def test_a_bad_database_address_is_one_dutch_line(url):
    with pytest.raises(LiveStoreError) as refused:
        LiveStore(url)
    assert "Traceback" not in str(refused.value) and refused.value.exit_code == 2
