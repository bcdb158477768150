"""The per-spec index and the core-group rule of the composition engine.

The index is derived from the normalised spec only, built once per spec object and
cached, so :func:`~sleutelcursus.exercises.composition.compute` stays linear in the
number of selected candidates. Results never depend on whether it was cached.
"""

from __future__ import annotations

from . import composition_spec as parts

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
    # Candidates alike in neighbourhood, roles and pair sides count the same in
    # every total, so totals are summed per signature instead of per candidate.
    signatures: dict[tuple, int] = {}
    sig, risks = [], []
    for item in candidates:
        notes = tuple((kind["id"], item[kind["column"]]) for kind in spec["risk_kinds"] if item[kind["column"]])
        profile = tuple(0 if item[pair["column"]] in first else 1 for pair, first in zip(pairs, first_sides))
        key = (item["wijk"], tuple(item["rollen"]))
        sig.append(signatures.setdefault((*key, profile), len(signatures)))
        risks.append(notes)
    signatures_list = list(signatures)
    order = sorted(range(len(candidates)), key=lambda i: (-len(candidates[i]["rollen"]), candidates[i]["id"]))
    rank = [0] * len(candidates)
    by_profile: dict[tuple, list[int]] = {}
    for position, i in enumerate(order):
        rank[i] = position
        by_profile.setdefault(signatures_list[sig[i]][2], []).append(i)
    by_cover: dict[tuple, list[int]] = {}
    for i in sorted(range(len(candidates)), key=lambda i: candidates[i]["id"]):
        by_cover.setdefault(signatures_list[sig[i]][:2], []).append(i)
    templates = {key: parts.PLACEHOLDER.split(text) for key, text in spec["messages"].items()}
    labels = {kind["id"]: kind["label"] for kind in spec["risk_kinds"]}
    return {
        "position": {item["id"]: i for i, item in enumerate(candidates)},
        "ids": [item["id"] for item in candidates],
        "signatures": signatures_list,
        "sig": sig,
        "risks": risks,
        "rank": rank,
        # Candidates per (neighbourhood, roles), by id; per pair profile, by fill rank.
        "by_cover": list(by_cover.values()),
        "by_profile": by_profile,
        "templates": templates,
        # A risk's advice depends on the candidate alone, so it is written once here.
        "risk_advice": [
            [_fill(templates["risk"], {"name": item["naam"], "risk": labels[kind], "note": note}) for kind, note in notes]
            for item, notes in zip(candidates, risks)
        ],
    }


def fill(index: dict, key: str, values: dict) -> str:
    """The advice template ``key`` with its placeholders filled in."""
    return _fill(index["templates"][key], values)


def _fill(pieces: list[str], values: dict) -> str:
    return "".join(
        piece if j % 2 == 0 else (str(values[piece]) if piece in values else "{" + piece + "}")
        for j, piece in enumerate(pieces)
    )


def core_group(spec: dict, index: dict, positions: list[int], marks: bytearray, covered: list[str], present: list[str]) -> dict | None:
    """The suggested core group of the members at ``positions``, who cover the
    neighbourhoods ``covered`` and the roles ``present`` (rule: module docstring of
    :mod:`~sleutelcursus.exercises.composition`)."""
    candidates, risks, ids = spec["candidates"], index["risks"], index["ids"]
    # Members alike in neighbourhood and roles always add the same items, so only the
    # smallest id of each such group can win a greedy step.
    groups = []
    for members in index["by_cover"]:
        for i in members:
            if marks[i] and not risks[i]:
                groups.append(i)
                break
    if not groups:
        return None
    covered_wijk, covered_role, picked = set(), set(), []
    while True:
        best, best_gain = -1, 0
        for i in groups:
            item = candidates[i]
            gain = (item["wijk"] not in covered_wijk) + sum(1 for role in item["rollen"] if role not in covered_role)
            if gain > best_gain or (gain == best_gain and gain > 0 and ids[i] < ids[best]):
                best, best_gain = i, gain
        if best < 0:
            break
        picked.append(best)
        covered_wijk.add(candidates[best]["wijk"])
        covered_role.update(candidates[best]["rollen"])
    size = spec["size"]
    k = min(size["small_max"], max(size["min"], (len(positions) + 2) // 3))
    _fill_balanced(spec, index, marks, picked, k)
    return {
        "members": [ids[i] for i in picked],
        "missing_neighbourhoods": [w for w in covered if w not in covered_wijk],
        "missing_roles": [r for r in present if r not in covered_role],
    }


def _fill_balanced(spec: dict, index: dict, marks: bytearray, picked: list[int], k: int) -> None:
    # Members on the same sides of every pair change the balance alike, so each step
    # only compares the best-ranked remaining member of each such group.
    risks, signatures, sig = index["risks"], index["signatures"], index["sig"]
    taken, need = set(picked), k - len(picked)
    groups: dict[tuple, list[int]] = {}
    for profile, members in index["by_profile"].items():
        found = []
        for i in members:
            if len(found) == need:
                break
            if marks[i] and not risks[i] and i not in taken:
                found.append(i)
        if found:
            groups[profile] = found
    pairs = spec["pairs"]
    ones = [sum(1 for i in picked if signatures[sig[i]][2][p] == 0) for p in range(len(pairs))]
    heads = dict.fromkeys(groups, 0)
    while len(picked) < k:
        best, best_cost, m = None, 0, len(picked) + 1
        for profile, members in groups.items():
            if heads[profile] == len(members):
                continue
            cost = sum(abs(100 * (ones[p] + (profile[p] == 0)) - pairs[p]["target"] * m) for p in range(len(pairs)))
            if best is None or cost < best_cost or (
                cost == best_cost and index["rank"][members[heads[profile]]] < index["rank"][groups[best][heads[best]]]
            ):
                best, best_cost = profile, cost
        if best is None:
            return
        picked.append(groups[best][heads[best]])
        heads[best] += 1
        for p in range(len(pairs)):
            ones[p] += best[p] == 0
