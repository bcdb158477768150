"""The sentences of the composition feedback: headline, advice and score explanation.

Every sentence is a message template of the spec (:mod:`.defaults`), filled in with
numbers of the result of :func:`~sleutelcursus.exercises.composition.engine.compute`.

``headline``
    The most serious problem that stands, in the order of ``warnings``: when n = 0 the
    ``empty`` text; else possible stoorzenders (``headline_risk`` for one member,
    ``headline_risks`` for more, naming them in pool order); a network that is too
    small (``size_too_small``); the pairs out of balance (``headline_pairs``, their
    short sides lowest score first, then spec order); missing neighbourhoods
    (``neighbourhoods_missing``); missing roles (``role_missing`` or ``roles_missing``).
    Only with no warning at all: ``all_balanced``. So the headline never says that the
    network is in balance while a warning stands.
``advice``
    When n = 0 only the ``empty`` text. Otherwise, most serious first: each risk note
    (in ``risks`` order); the size remark if the network is too small; each pair out
    of balance (lowest score first, then spec order); missing neighbourhoods; missing
    roles; ``all_balanced`` if no warning stands; the size remark if not too small.
``explanation``
    "Hoe komt je score tot stand?", one sentence per step of ``scoring``: when n = 0
    only ``explain_empty``; else the three parts (``explain_pairs``,
    ``explain_neighbourhoods``, ``explain_roles``), their weighted average
    (``explain_average``, with the weights as ``shares``), the penalty if any
    (``explain_penalty``), each cap in ``limits`` (``explain_cap_risk``,
    ``explain_cap_too_small``) and the score (``explain_total``).
"""

from __future__ import annotations

from .index import fill


def join(words: list[str]) -> str:
    """Dutch enumeration: "a, b en c"."""
    if len(words) < 2:
        return "".join(words)
    return ", ".join(words[:-1]) + " en " + words[-1]


def size_advice(spec: dict, index: dict, size: dict) -> str:
    """The remark on the network's size band, with the core group if there is one."""
    values = {"n": size["n"], **spec["size"]}
    key = {"te klein": "size_too_small", "klein": "size_small", "groot": "size_large"}[size["band"]]
    if size["core_group"] is not None:
        key = "size_core_group"
        names = [spec["candidates"][index["position"][cid]]["naam"] for cid in size["core_group"]["members"]]
        values.update(core_group=join(names), core_group_size=len(names))
    return fill(index, key, values)


def sentences(spec: dict, index: dict, result: dict, risky: list[int]) -> dict:
    """``headline``, ``advice`` and ``explanation`` of ``result`` (module docstring);
    ``risky`` are the pool positions of the selected members with a risk note."""
    if result["size"]["n"] == 0:
        empty = fill(index, "empty", {})
        return {"headline": empty, "advice": [empty], "explanation": [fill(index, "explain_empty", {})]}
    problems = _problems(spec, index, result, risky)
    balanced = [] if problems else [fill(index, "all_balanced", {})]
    size = [] if "size" in result["warnings"] else [result["size"]["advice"]]
    return {"headline": problems[0][0] if problems else balanced[0],
            "advice": [line for _, lines in problems for line in lines] + balanced + size,
            "explanation": _explanation(spec, index, result)}


def _problems(spec: dict, index: dict, result: dict, risky: list[int]) -> list[tuple[str, list[str]]]:
    """Per warning, in ``warnings`` order: its headline and its advice lines."""
    problems = []
    warnings, n = result["warnings"], result["size"]["n"]
    if "risks" in warnings:
        names = [spec["candidates"][i]["naam"] for i in risky]
        key = "headline_risk" if len(names) == 1 else "headline_risks"
        lines = [line for i in risky for line in index["risk_advice"][i]]
        problems.append((fill(index, key, {"names": join(names), "count": len(names)}), lines))
    if "size" in warnings:
        problems.append((result["size"]["advice"], [result["size"]["advice"]]))
    if "pairs" in warnings:
        parts = result["pairs"]
        off = sorted((i for i, part in enumerate(parts) if part["status"] != "balanced"),
                     key=lambda i: (parts[i]["score"], i))
        shortages, lines = [], []
        for i in off:
            pair, part = spec["pairs"][i], parts[i]
            short = 0 if part["deviation"] < 0 else 1
            shortages.append("te weinig " + pair["sides"][short]["label"])
            lines.append(fill(index, "pair_off", {
                "pair": pair["label"], "side": pair["sides"][short]["label"], "count": part["counts"][short],
                "n": n, "side_share": part["share"] if short == 0 else 100 - part["share"],
                "side_target": pair["target"] if short == 0 else 100 - pair["target"],
                "tolerance": pair["tolerance"],
            }))
        problems.append((fill(index, "headline_pairs", {"shortages": join(shortages), "count": len(off)}), lines))
    if "neighbourhoods" in warnings:
        line = fill(index, "neighbourhoods_missing", {"neighbourhoods": join(result["neighbourhoods"]["missing"])})
        problems.append((line, [line]))
    if "roles" in warnings:
        missing = result["roles"]["missing"]
        labels = {role["id"]: role["label"] for role in spec["roles"]}
        key = "role_missing" if len(missing) == 1 else "roles_missing"
        line = fill(index, key, {"roles": join([labels[r] for r in missing])})
        problems.append((line, [line]))
    return problems


def _explanation(spec: dict, index: dict, result: dict) -> list[str]:
    scoring, w = result["scoring"], spec["weights"]
    parts = scoring["parts"]
    nb, roles = result["neighbourhoods"], result["roles"]
    balanced = sum(1 for pair in result["pairs"] if pair["status"] == "balanced")
    lines = [
        fill(index, "explain_pairs", {"score": parts["pairs"], "balanced": balanced, "total": len(result["pairs"])}),
        fill(index, "explain_neighbourhoods", {"score": parts["neighbourhoods"], "covered": len(nb["covered"]),
                                               "total": len(nb["covered"]) + len(nb["missing"])}),
        fill(index, "explain_roles", {"score": parts["roles"], "present": len(roles["present"]),
                                      "total": len(roles["present"]) + len(roles["missing"])}),
        fill(index, "explain_average", {"average": scoring["average"],
                                        **{f"share_{key}": share for key, share in scoring["shares"].items()}}),
    ]
    if scoring["penalty"]:
        lines.append(fill(index, "explain_penalty", {"count": len(result["risks"]), "points": w["risk"],
                                                     "penalty": scoring["penalty"]}))
    for limit in scoring["limits"]:
        lines.append(fill(index, "explain_cap_" + limit["reason"], {"cap": limit["cap"], "min": spec["size"]["min"]}))
    lines.append(fill(index, "explain_total", {"score": scoring["score"]}))
    return lines
