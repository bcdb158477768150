"""The per-spec index of the composition engine, and its advice templates.

The index is derived from the normalised spec only, built once per spec object and
cached, so :func:`~sleutelcursus.exercises.composition.engine.compute` stays linear in
the number of selected candidates. Results never depend on whether it was cached.
``frontend/composition.js`` builds the same index (``indexOf``) with the same orders.

``position``
    candidate id -> pool position i; ``ids`` the ids in pool order.
``profiles``
    per candidate, its side of every pair (0: side one, 1: side two).
``wijk``, ``rollen`` and ``side_one``
    columns of the pool: per candidate its neighbourhood and its roles, and per pair
    per candidate 1 if on side one, else 0 (Python only: they make the counting of a
    large selection run in C; the browser reads the candidates).
``risks``
    per candidate, ``(kind id, note)`` for each risk note, in risk-kind order.
``rank``
    per candidate, its place when sorted by most roles, then smallest id.
``by_cover``
    candidates grouped by (neighbourhood, roles), each group sorted by id, groups in
    the order of their smallest id.
``by_profile``
    candidates grouped by profile, each group sorted by rank, groups in the order of
    their best rank.
``templates`` and ``risk_advice``
    each message split at its placeholders; per candidate the ``risk`` advice lines.
"""

from __future__ import annotations

from .spec import PLACEHOLDER

_CACHE: dict[int, tuple[dict, dict]] = {}
_CACHE_SIZE = 8


def index(spec: dict) -> dict:
    """The index of ``spec``, built on first use."""
    entry = _CACHE.get(id(spec))
    # The spec is kept in the entry, so its id cannot be reused by another object.
    if entry is not None and entry[0] is spec:
        return entry[1]
    built = _build(spec)
    if len(_CACHE) >= _CACHE_SIZE:
        _CACHE.pop(next(iter(_CACHE)))
    _CACHE[id(spec)] = (spec, built)
    return built


def _build(spec: dict) -> dict:
    candidates, pairs = spec["candidates"], spec["pairs"]
    first_sides = [frozenset(pair["sides"][0]["values"]) for pair in pairs]
    profiles = [tuple(0 if item[pair["column"]] in first else 1 for pair, first in zip(pairs, first_sides))
                for item in candidates]
    risks = [[(kind["id"], item[kind["column"]]) for kind in spec["risk_kinds"] if item[kind["column"]]]
             for item in candidates]
    by_id = sorted(range(len(candidates)), key=lambda i: candidates[i]["id"])
    order = sorted(by_id, key=lambda i: -len(candidates[i]["rollen"]))  # stable: ties stay in id order
    rank = [0] * len(candidates)
    for place, i in enumerate(order):
        rank[i] = place
    by_cover: dict[tuple, list[int]] = {}
    for i in by_id:
        by_cover.setdefault((candidates[i]["wijk"], tuple(candidates[i]["rollen"])), []).append(i)
    by_profile: dict[tuple, list[int]] = {}
    for i in order:
        by_profile.setdefault(profiles[i], []).append(i)
    templates = {key: PLACEHOLDER.split(text) for key, text in spec["messages"].items()}
    labels = {kind["id"]: kind["label"] for kind in spec["risk_kinds"]}
    return {
        "position": {item["id"]: i for i, item in enumerate(candidates)},
        "ids": [item["id"] for item in candidates],
        "profiles": profiles,
        "wijk": [item["wijk"] for item in candidates],
        "rollen": [item["rollen"] for item in candidates],
        "side_one": [bytes(1 - profile[p] for profile in profiles) for p in range(len(pairs))],
        "risks": risks,
        "rank": rank,
        "by_cover": list(by_cover.values()),
        "by_profile": list(by_profile.values()),
        "templates": templates,
        # A risk's advice depends on the candidate alone, so it is written once here.
        "risk_advice": [
            [fill_pieces(templates["risk"], {"name": item["naam"], "risk": labels[kind], "note": note})
             for kind, note in notes]
            for item, notes in zip(candidates, risks)
        ],
    }


def fill(index: dict, key: str, values: dict) -> str:
    """The message ``key`` with its placeholders filled in."""
    return fill_pieces(index["templates"][key], values)


def fill_pieces(pieces: list[str], values: dict) -> str:
    """A template split by ``PLACEHOLDER`` (even pieces text, odd pieces names), filled in;
    a name without a value stays as written."""
    return "".join(
        piece if j % 2 == 0 else (str(values[piece]) if piece in values else "{" + piece + "}")
        for j, piece in enumerate(pieces)
    )
