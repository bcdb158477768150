"""The composition engine: the numbers of a selection (balance, coverage, risks, size, score).

Answers: ``{"selected": [candidate ids]}``. Order does not matter; unknown ids,
duplicates and non-strings are ignored. The selected set S has n members, taken in
pool order. :func:`compute` returns, all numbers integers, with div(p, q) the
quotient p/q rounded half up and p // q rounded down (integers only, so both engines
agree exactly):

``pairs``
    Per pair, in spec order: ``counts`` [a, b] (members on side one, side two),
    ``share`` = div(100·a, n) (``None`` when n = 0), ``target``, ``tolerance``,
    ``deviation`` = share − target (``None`` when n = 0), ``status`` and ``score``.
    When n = 0: status ``"leeg"``, score 0. When |deviation| <= tolerance: status
    ``"balanced"``, score 100. Otherwise status ``"te weinig <label>"`` of the side that
    is short, and the score falls linearly from 100 at the edge of the tolerance to 0
    at the far extreme (share 0 or 100): with ``extreme`` = target (share too low) or
    100 − target (too high), score = div(100·(extreme − |deviation|), extreme − tolerance).
``neighbourhoods``
    ``covered`` and ``missing`` (spec order), ``counts`` per neighbourhood, and
    ``score`` = 100·covered // neighbourhoods.
``roles``
    ``present`` and ``missing`` role ids (spec order), ``counts`` per role, and
    ``score`` = 100·present // roles.
``risks``
    ``{candidate, kind, note}`` for every risk note of a member: members in pool
    order, then risk kinds in spec order. A member with a note is a possible
    disruptive member (stoorzender); the exercise cannot hold the talk about their
    motives, so the warning stands as long as they are in the network.
``size``
    ``n``; ``band`` ``"te klein"`` (n < min), ``"klein"`` (n <= small_max) or ``"groot"``;
    ``advice`` (a sentence); ``core_group`` (:mod:`.core_group`, only when
    n >= core_group_from, else ``None``).
``warnings``
    The problems that stand, most serious first: ``"risks"`` (a member has a risk
    note), ``"size"`` (band "te klein"), ``"pairs"`` (a pair is out of balance),
    ``"neighbourhoods"`` (one is missing), ``"roles"`` (one is missing).
``scoring`` and ``score``
    ``parts``: the pairs' score Σ pair scores // pairs, the neighbourhoods' and the
    roles' score; ``average`` = (w_pairs·pairs + w_neighbourhoods·neighbourhoods +
    w_roles·roles) // (w_pairs + w_neighbourhoods + w_roles); ``penalty`` = w_risk · risk
    notes; ``limits``: ``{reason, cap}`` for ``"risk"`` (a member has a risk note) and
    ``"too_small"`` (band "te klein"), in that order, each only when it holds;
    ``shares``: each part's weight in percent, div(100·w, w_pairs + w_neighbourhoods + w_roles).
    ``score`` = max(0, average − penalty), then at most every cap in ``limits``.
    So a network with possible stoorzenders or below the minimum size never scores
    high. A pair out of balance scores at most 99 and the averages round down, so a
    network with a warning never scores 100 (unless the spec gives its part weight 0).
``headline``, ``advice`` and ``explanation``
    The sentences of :mod:`.feedback`.

``frontend/composition.js`` implements the same steps in the same order, so both
engines give identical results; ``tests/test_composition_agreement.py`` compares them.
"""

from __future__ import annotations

import collections
import itertools
from typing import Any

from . import feedback
from .core_group import core_group
from .index import index as index_of


def div(p: int, q: int) -> int:
    """p/q rounded half up, for p >= 0 and q > 0, in integers."""
    return (2 * p + q) // (2 * q)


def empty_answers(spec: dict) -> dict:
    """Nobody selected yet."""
    return {"selected": []}


def compute(spec: dict, answers: Any) -> dict:
    """The feedback on a selection of candidates (see the module docstring)."""
    index = index_of(spec)
    marks = bytearray(len(index["ids"]))
    selected = answers.get("selected") if isinstance(answers, dict) else None
    if isinstance(selected, list):
        position = index["position"]
        for cid in selected:
            if isinstance(cid, str) and cid in position:
                marks[position[cid]] = 1
    positions = list(itertools.compress(range(len(marks)), marks))
    n = len(positions)

    # Counted per member; through the index's columns, so a large pool stays fast.
    wijk_counts = {name: 0 for name in spec["neighbourhoods"]}
    wijk_counts.update(collections.Counter(map(index["wijk"].__getitem__, positions)))
    role_counts = {role["id"]: 0 for role in spec["roles"]}
    role_counts.update(collections.Counter(itertools.chain.from_iterable(map(index["rollen"].__getitem__, positions))))
    pair_ones = [sum(map(column.__getitem__, positions)) for column in index["side_one"]]
    pairs = [_pair(pair, a, n) for pair, a in zip(spec["pairs"], pair_ones)]
    covered = [name for name, count in wijk_counts.items() if count]
    present = [role for role, count in role_counts.items() if count]
    neighbourhoods = {"covered": covered, "missing": [name for name, count in wijk_counts.items() if not count],
                      "counts": wijk_counts, "score": 100 * len(covered) // len(wijk_counts)}
    roles = {"present": present, "missing": [role for role, count in role_counts.items() if not count],
             "counts": role_counts, "score": 100 * len(present) // len(role_counts)}
    risky = list(filter(index["risks"].__getitem__, positions))
    risks = [{"candidate": index["ids"][i], "kind": kind, "note": note} for i in risky for kind, note in index["risks"][i]]
    size = _size(spec, index, marks, n, covered, present)
    result = {"pairs": pairs, "neighbourhoods": neighbourhoods, "roles": roles, "risks": risks, "size": size}
    result["warnings"] = _warnings(result, risky)
    result["scoring"] = _scoring(spec, result, risky)
    result["score"] = result["scoring"]["score"]
    result.update(feedback.sentences(spec, index, result, risky))
    return result


def _pair(pair: dict, a: int, n: int) -> dict:
    result = {"id": pair["id"], "label": pair["label"], "counts": [a, n - a], "share": None,
              "target": pair["target"], "tolerance": pair["tolerance"], "deviation": None,
              "status": "leeg", "score": 0}
    if n == 0:
        return result
    share = div(100 * a, n)
    deviation = share - pair["target"]
    result.update(share=share, deviation=deviation, status="balanced", score=100)
    if abs(deviation) > pair["tolerance"]:
        short = 0 if deviation < 0 else 1
        extreme = pair["target"] if short == 0 else 100 - pair["target"]
        result["status"] = "te weinig " + pair["sides"][short]["label"]
        result["score"] = div(100 * (extreme - abs(deviation)), extreme - pair["tolerance"])
    return result


def _size(spec: dict, index: dict, marks: bytearray, n: int, covered: list, present: list) -> dict:
    size = spec["size"]
    group = core_group(spec, index, marks, n, covered, present) if n >= size["core_group_from"] else None
    band = "te klein" if n < size["min"] else "klein" if n <= size["small_max"] else "groot"
    result = {"n": n, "band": band, "advice": "", "core_group": group}
    result["advice"] = feedback.size_advice(spec, index, result)
    return result


def _warnings(result: dict, risky: list[int]) -> list[str]:
    checks = (
        ("risks", bool(risky)),
        ("size", result["size"]["band"] == "te klein"),
        ("pairs", any(pair["status"] not in ("balanced", "leeg") for pair in result["pairs"])),
        ("neighbourhoods", bool(result["neighbourhoods"]["missing"])),
        ("roles", bool(result["roles"]["missing"])),
    )
    return [name for name, holds in checks if holds]


def _scoring(spec: dict, result: dict, risky: list[int]) -> dict:
    w, caps = spec["weights"], spec["caps"]
    pairs = result["pairs"]
    # Rounded down: a part is 100 only when all of it is in order.
    parts = {"pairs": sum(pair["score"] for pair in pairs) // len(pairs),
             "neighbourhoods": result["neighbourhoods"]["score"], "roles": result["roles"]["score"]}
    total = w["pairs"] + w["neighbourhoods"] + w["roles"]
    average = (w["pairs"] * parts["pairs"] + w["neighbourhoods"] * parts["neighbourhoods"]
               + w["roles"] * parts["roles"]) // total
    penalty = w["risk"] * len(result["risks"])
    limits = []
    if risky:
        limits.append({"reason": "risk", "cap": caps["risk"]})
    if result["size"]["band"] == "te klein":
        limits.append({"reason": "too_small", "cap": caps["too_small"]})
    score = max(0, average - penalty)
    for limit in limits:
        score = min(score, limit["cap"])
    shares = {key: div(100 * w[key], total) for key in parts}
    return {"parts": parts, "shares": shares, "average": average, "penalty": penalty, "limits": limits,
            "score": score}
