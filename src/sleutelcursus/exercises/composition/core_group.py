"""The suggested core group of a large network.

A core group meets often, so it should hold every voice and every kind of role, and
no one whose motives still need a talk: it is drawn from the selected members without
risk notes (the eligible ones). Both engines take these steps, with the groups of the
index (:mod:`.index`), in the same order:

1. Cover. From each ``by_cover`` group (members alike in neighbourhood and roles) take
   its first eligible member: the others can never add more. Repeatedly pick, among
   those not yet picked, the one who adds the most uncovered items (an item is a
   neighbourhood or a role); a tie goes to the smallest id (plain string order). Stop
   when no one adds an item.
2. Fill up to k = min(small_max, max(min, ceil(n/3))) members (the cover is kept even
   if it is larger), so that the core group itself is balanced. From each
   ``by_profile`` group (members on the same side of every pair) keep, in rank order,
   the eligible members not yet picked. Each step takes the first remaining member
   of the group with the smallest cost
   Σ_pairs |100·a' − target·m'| (m' the core group's size and a' its members on side
   one after adding); a tie goes to the member with the best rank (most roles, then
   smallest id). Integers only, so both engines agree exactly.

The result is ``{members: [ids in the order picked], missing_neighbourhoods,
missing_roles}``, the last two listing what the network covers but the core group
does not (only possible through members with a risk note); ``None`` when no selected
member is eligible.
"""

from __future__ import annotations


def core_group(spec: dict, index: dict, marks: bytearray, n: int, covered: list[str], present: list[str]) -> dict | None:
    """The core group of the ``n`` selected members (``marks[i]`` set), who cover the
    neighbourhoods ``covered`` and the roles ``present``."""
    risks = index["risks"]
    heads = []
    for members in index["by_cover"]:
        for i in members:
            if marks[i] and not risks[i]:
                heads.append(i)
                break
    if not heads:
        return None
    picked, wijken, roles = _cover(spec["candidates"], index["ids"], heads)
    size = spec["size"]
    k = min(size["small_max"], max(size["min"], (n + 2) // 3))
    _fill(spec["pairs"], index, marks, picked, k)
    return {
        "members": [index["ids"][i] for i in picked],
        "missing_neighbourhoods": [w for w in covered if w not in wijken],
        "missing_roles": [r for r in present if r not in roles],
    }


def _cover(candidates: list[dict], ids: list[str], heads: list[int]) -> tuple[list[int], set, set]:
    wijken: set[str] = set()
    roles: set[str] = set()
    picked: list[int] = []
    while True:
        best, best_gain = -1, 0
        for i in heads:
            item = candidates[i]
            gain = (item["wijk"] not in wijken) + sum(1 for role in item["rollen"] if role not in roles)
            if gain > best_gain or (gain == best_gain and gain > 0 and ids[i] < ids[best]):
                best, best_gain = i, gain
        if best < 0:
            return picked, wijken, roles
        picked.append(best)
        wijken.add(candidates[best]["wijk"])
        roles.update(candidates[best]["rollen"])


def _fill(pairs: list[dict], index: dict, marks: bytearray, picked: list[int], k: int) -> None:
    risks, profiles, rank = index["risks"], index["profiles"], index["rank"]
    taken = set(picked)
    queues = [queue for queue in ([i for i in members if marks[i] and not risks[i] and i not in taken]
                                  for members in index["by_profile"]) if queue]
    ones = [sum(1 for i in picked if profiles[i][p] == 0) for p in range(len(pairs))]
    heads = [0] * len(queues)
    while len(picked) < k:
        best, best_cost, m = -1, 0, len(picked) + 1
        for q, queue in enumerate(queues):
            if heads[q] == len(queue):
                continue
            profile = profiles[queue[heads[q]]]
            cost = sum(abs(100 * (ones[p] + (profile[p] == 0)) - pairs[p]["target"] * m) for p in range(len(pairs)))
            if best < 0 or cost < best_cost or (
                cost == best_cost and rank[queue[heads[q]]] < rank[queues[best][heads[best]]]
            ):
                best, best_cost = q, cost
        if best < 0:
            return
        chosen = queues[best][heads[best]]
        heads[best] += 1
        picked.append(chosen)
        for p in range(len(pairs)):
            ones[p] += profiles[chosen][p] == 0
