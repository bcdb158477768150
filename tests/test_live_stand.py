"""The trainer's stand (sleutelcursus.live.view.StandCache): kept answers never show stale.

The cache keeps each answer's content from one render to the next; after changed
answers, a trainee who left (the others' numbers move up) and a newcomer, it must give
exactly what a cache that starts empty gives.
"""

from __future__ import annotations

import pytest

from liveserver import payload
from sleutelcursus.live.storage import LiveStore
from sleutelcursus.live.view import StandCache


def _moment(second: int) -> str:
    return f"2025-03-04T10:00:{second:02d}.000Z"


@pytest.mark.parametrize("pseudonymise", [False, True])
def test_a_kept_stand_after_changes_equals_a_fresh_one(tmp_path, pseudonymise):
    store = LiveStore(LiveStore.default_url(tmp_path))
    session, _token = store.create_session("/boek")
    names = ["Anna", "Bas", "Anna", "Dirk"]  # two trainees with one nickname: told apart by number
    people = [store.participant(session.id, store.join(session.id, name)) for name in names]
    for number, person in enumerate(people):
        store.upsert(session.id, person, "rolscan", payload("rolscan", _moment(1), {"r01": 1 + number}))
        store.upsert(session.id, person, "netwerk-samenstellen", payload("netwerk-samenstellen", _moment(1)))
    cache = StandCache()
    first = cache.stand(store, session.id, pseudonymise)
    assert first["answers"] == 8

    store.upsert(session.id, people[3], "rolscan", payload("rolscan", _moment(2), {"r01": 5, "r02": 5}))
    store.leave(session.id, people[0])
    newcomer = store.participant(session.id, store.join(session.id, "Els"))
    store.upsert(session.id, newcomer, "voorzitter-kiezen", payload("voorzitter-kiezen", _moment(3)))
    kept = cache.stand(store, session.id, pseudonymise)

    assert kept["answers"] == 7 and kept["participants"] == 4
    assert kept == StandCache().stand(store, session.id, pseudonymise)
    assert kept != first
    store.engine.dispose()
