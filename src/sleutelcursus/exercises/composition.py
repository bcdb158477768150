"""Composition exercises: compose a balanced key-person network from a candidate pool.

Draws on the guide's phase 1.3 (small or large network, a core group) and phase 2.2
(four kinds of key person, six diversity pairs, three kinds of possible disruptive
member). The pool is a CSV file (``pool``) or an inline list (``candidates``); pairs,
targets, neighbourhoods, roles, sizes, weights and advice texts all come from the
spec, so a municipality's plugin supplies its own (see ``composition_spec``).

Answers: ``{"selected": [candidate ids]}``. Order does not matter; unknown ids,
duplicates and non-strings are ignored. The selected set S has n members, taken in
pool order. :func:`compute` returns, all numbers integers:

``pairs``
    Per pair, in spec order: ``counts`` [a, b] (members on side one, side two),
    ``share`` = floor(100·a/n + 0.5) (``None`` when n = 0), ``target``, ``tolerance``,
    ``deviation`` = share − target (``None`` when n = 0), ``status`` and ``score``.
    When n = 0: status ``"leeg"``, score 0. When |deviation| <= tolerance: status
    ``"balanced"``, score 100. Otherwise status ``"te weinig <label>"`` of the side that
    is short, and the score falls linearly from 100 at the edge of the tolerance to 0
    at the far extreme (share 0 or 100): with ``extreme`` = target (share too low) or
    100 − target (too high), score = floor(100·(extreme − |deviation|) / (extreme −
    tolerance) + 0.5).
``neighbourhoods``
    ``covered`` and ``missing`` (spec order), ``counts`` per neighbourhood, and
    ``score`` = floor(100·covered/neighbourhoods + 0.5).
``roles``
    ``present`` and ``missing`` role ids (spec order), ``counts`` per role, and
    ``score`` = floor(100·present/roles + 0.5).
``risks``
    ``{candidate, kind, note}`` for every risk note of a member: members in pool
    order, then risk kinds in spec order.
``size``
    ``n``; ``band`` ``"te klein"`` (n < min), ``"klein"`` (n <= small_max) or ``"groot"``;
    ``advice`` (a sentence); ``core_group`` (below).
``score``
    floor((w_pairs·Σpair scores/pairs + w_neighbourhoods·neighbourhood score +
    w_roles·role score) / (w_pairs + w_neighbourhoods + w_roles) + 0.5), evaluated
    left to right, minus w_risk per risk, clamped to 0..100.
``advice``
    Sentences, most important first. When n = 0 only the ``empty`` text. Otherwise:
    the size remark if the network is too small; each pair out of balance (lowest
    score first, then spec order); missing roles; uncovered neighbourhoods; the
    ``all_balanced`` text if none of these three apply; each risk (in ``risks``
    order); the size remark if not too small.

Core group (``size.core_group``), only when n >= core_group_from, else ``None``. The
core group meets often, so it should hold every voice and every kind of role, and no
one whose motives still need a talk: it is drawn from the members without risk
notes (the eligible ones; ``None`` if there are none).

1. Cover: repeatedly take the eligible member who adds the most uncovered items,
   an item being a neighbourhood or a role; ties go to the smallest candidate id
   (plain string order). Stop when no one adds an item.
2. Fill up to k = min(small_max, max(min, ceil(n/3))) members (the cover is kept
   even if it is larger), so that the core group itself is balanced: each step
   takes the remaining eligible member that gives the smallest cost
   Σ_pairs |100·a' − target·m'|, with m' the core group's size and a' its members
   on side one after adding; ties go to the member with the most roles, then the
   smallest candidate id. (Integers only, so both engines agree exactly.)

The result is ``{members: [ids in the order picked], missing_neighbourhoods,
missing_roles}``, the last two listing what the network covers but the core group
does not (only possible through members with a risk note).

``frontend/composition.js`` implements the same definitions, in the same order of
operations, so both give identical results.
"""

from __future__ import annotations

import collections
import itertools
import math
import pathlib
from typing import Any

from ..errors import SpecError
from . import composition_core as core
from . import composition_defaults as defaults
from . import composition_spec as parts
from .fields import common


def validate(raw: dict, source: str, base_dir: pathlib.Path | None = None) -> dict:
    """Check a raw composition spec and return it normalised, the pool loaded.

    Fields besides the common ones: ``pool`` (a CSV file, relative to ``base_dir``) or
    ``candidates`` (a list of rows); ``pairs`` (at least one: ``id``, ``label``,
    ``column``, two ``sides`` with ``label``, optional ``tag`` and ``values``,
    ``target`` and ``tolerance`` in percent); optional ``neighbourhoods`` (default:
    the pool's own, sorted), ``roles`` (default: the guide's four), ``size``,
    ``weights`` and ``messages`` (see ``composition_defaults``). The normalised spec
    holds ``candidates`` (``rollen`` a list in role order, every risk column
    present), ``neighbourhoods``, ``roles``, ``pairs``, ``risk_kinds``, ``size``,
    ``weights`` and ``messages``.

    :raises SpecError: naming ``source`` and the dotted field path of the first defect
    """
    spec = common(raw, source)
    roles = parts.roles(raw, source)
    columns, rows = parts.pool_rows(raw, source, base_dir)
    role_ids = [role["id"] for role in roles]
    candidates = [parts.candidate(row, path, role_ids, source) for path, row in rows]
    paths = [path for path, _ in rows]
    if not candidates:
        raise SpecError(source, "pool", "de kandidatenlijst is leeg; geef minstens één kandidaat.")
    parts.unique_candidates(candidates, paths, source)
    spec.update(
        candidates=candidates,
        neighbourhoods=parts.neighbourhoods(raw, candidates, paths, source),
        roles=roles,
        pairs=parts.pairs(raw, columns, candidates, source),
        risk_kinds=[dict(kind) for kind in defaults.RISK_KINDS],
        size=parts.size(raw, source),
        weights=parts.weights(raw, source),
        messages=parts.messages(raw, source),
    )
    return spec


def empty_answers(spec: dict) -> dict:
    """Nobody selected yet."""
    return {"selected": []}


def _join(words: list[str]) -> str:
    """Dutch enumeration: "a, b en c"."""
    if len(words) < 2:
        return "".join(words)
    return ", ".join(words[:-1]) + " en " + words[-1]


def _round(x: float) -> int:
    return math.floor(x + 0.5)


def _pair(pair: dict, a: int, n: int) -> dict:
    result = {"id": pair["id"], "label": pair["label"], "counts": [a, n - a], "share": None,
              "target": pair["target"], "tolerance": pair["tolerance"], "deviation": None,
              "status": "leeg", "score": 0}
    if n == 0:
        return result
    share = _round(100 * a / n)
    deviation = share - pair["target"]
    result.update(share=share, deviation=deviation, status="balanced", score=100)
    if abs(deviation) > pair["tolerance"]:
        short = 0 if deviation < 0 else 1
        extreme = pair["target"] if short == 0 else 100 - pair["target"]
        result["status"] = "te weinig " + pair["sides"][short]["label"]
        result["score"] = _round(100 * (extreme - abs(deviation)) / (extreme - pair["tolerance"]))
    return result


def _size(spec: dict, index: dict, positions: list[int], marks: bytearray, covered: list, present: list) -> dict:
    size, n = spec["size"], len(positions)
    group = None
    if n >= size["core_group_from"]:
        group = core.core_group(spec, index, positions, marks, covered, present)
    values = {"n": n, **size}
    if n < size["min"]:
        band, key = "te klein", "size_too_small"
    elif n <= size["small_max"]:
        band, key = "klein", "size_small"
    else:
        band, key = "groot", "size_large"
    if group is not None:
        key = "size_core_group"
        names = [spec["candidates"][index["position"][cid]]["naam"] for cid in group["members"]]
        values.update(core_group=_join(names), core_group_size=len(names))
    return {"n": n, "band": band, "advice": core.fill(index, key, values), "core_group": group}


def compute(spec: dict, answers: Any) -> dict:
    """The feedback on a selection of candidates (see the module docstring)."""
    index = core.index(spec)
    candidates = spec["candidates"]
    marks = bytearray(len(candidates))
    selected = answers.get("selected") if isinstance(answers, dict) else None
    if isinstance(selected, list):
        position = index["position"]
        for cid in selected:
            if isinstance(cid, str) and cid in position:
                marks[position[cid]] = 1
    positions = list(itertools.compress(range(len(candidates)), marks))
    n = len(positions)

    pair_ones = [0] * len(spec["pairs"])
    wijk_counts = {name: 0 for name in spec["neighbourhoods"]}
    role_counts = {role["id"]: 0 for role in spec["roles"]}
    for sig, count in collections.Counter(map(index["sig"].__getitem__, positions)).items():
        wijk, rollen, profile = index["signatures"][sig]
        wijk_counts[wijk] += count
        for role in rollen:
            role_counts[role] += count
        for p, side in enumerate(profile):
            if side == 0:
                pair_ones[p] += count
    pairs = [_pair(pair, a, n) for pair, a in zip(spec["pairs"], pair_ones)]
    covered = [name for name, count in wijk_counts.items() if count]
    present = [role for role, count in role_counts.items() if count]
    neighbourhoods = {"covered": covered, "missing": [name for name, count in wijk_counts.items() if not count],
                      "counts": wijk_counts, "score": _round(100 * len(covered) / len(wijk_counts))}
    roles = {"present": present, "missing": [role for role, count in role_counts.items() if not count],
             "counts": role_counts, "score": _round(100 * len(present) / len(role_counts))}
    risky = [i for i in positions if index["risks"][i]]
    risks = [{"candidate": index["ids"][i], "kind": kind, "note": note} for i in risky for kind, note in index["risks"][i]]
    size = _size(spec, index, positions, marks, covered, present)

    w = spec["weights"]
    pair_sum = sum(pair["score"] for pair in pairs)
    raw = (w["pairs"] * pair_sum / len(pairs) + w["neighbourhoods"] * neighbourhoods["score"]
           + w["roles"] * roles["score"]) / (w["pairs"] + w["neighbourhoods"] + w["roles"])
    score = min(100, max(0, _round(raw) - w["risk"] * len(risks)))

    return {
        "pairs": pairs,
        "neighbourhoods": neighbourhoods,
        "roles": roles,
        "risks": risks,
        "size": size,
        "score": score,
        "advice": _advice(spec, index, pairs, neighbourhoods, roles, risky, size),
    }


def _advice(spec: dict, index: dict, pairs: list, neighbourhoods: dict, roles: dict, risky: list, size: dict) -> list[str]:
    n = size["n"]
    if n == 0:
        return [core.fill(index, "empty", {})]
    advice = [size["advice"]] if size["band"] == "te klein" else []
    off = sorted((i for i, pair in enumerate(pairs) if pair["status"] != "balanced"),
                 key=lambda i: (pairs[i]["score"], i))
    for i in off:
        pair, result = spec["pairs"][i], pairs[i]
        short = 0 if result["deviation"] < 0 else 1
        advice.append(core.fill(index, "pair_off", {
            "pair": pair["label"], "side": pair["sides"][short]["label"], "count": result["counts"][short],
            "n": n, "side_share": result["share"] if short == 0 else 100 - result["share"],
            "side_target": pair["target"] if short == 0 else 100 - pair["target"],
            "tolerance": pair["tolerance"],
        }))
    labels = {role["id"]: role["label"] for role in spec["roles"]}
    if roles["missing"]:
        key = "role_missing" if len(roles["missing"]) == 1 else "roles_missing"
        advice.append(core.fill(index, key, {"roles": _join([labels[r] for r in roles["missing"]])}))
    if neighbourhoods["missing"]:
        advice.append(core.fill(index, "neighbourhoods_missing", {"neighbourhoods": _join(neighbourhoods["missing"])}))
    if not off and not roles["missing"] and not neighbourhoods["missing"]:
        advice.append(core.fill(index, "all_balanced", {}))
    for i in risky:
        advice.extend(index["risk_advice"][i])
    if size["band"] != "te klein":
        advice.append(size["advice"])
    return advice
