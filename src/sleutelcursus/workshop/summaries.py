"""Group summaries of the answers table (:mod:`sleutelcursus.workshop`).

Each function takes the table (or part of it, e.g. ``df[df.klaar]``) and returns a
small DataFrame a trainer can show. The figures come from the ``uitkomst`` column,
which the Python engines computed. Every function takes an optional ``spec`` for an
exercise that is not registered (a trainer's own spec file); by default the
registered spec of ``exercise_id`` is used.

The group network. Trainees do not enter facts about themselves, so the group's
members cannot be candidates. Instead the group's own networks are combined: every
trainee's network with at least one member counts, each candidate is counted by how
many of those networks hold them, and the *group network* is the N candidates chosen
most often, N being the median size of the trainees' networks rounded half up. When
more candidates tie at the cut-off than there are places left, the composition engine
chooses among them (:func:`_break_tie`): never the pool's order, which put the first
seven of the list, all from two neighbourhoods, in a group of three that each chose
others (trainer trial). The report says so. Its balance is computed with the engine,
like any network (:func:`group_network`); :func:`candidate_choices` lists the counts and
:func:`composition_scores` each trainee's own score.
"""

from __future__ import annotations

import math
import statistics
from typing import NamedTuple

import pandas as pd

from ..plugins.registry import get_spec
from ..exercises import composition

# The words frontend/scenario.js shows for each assessment.
ASSESSMENT_WORDS = {"fits": "Past goed", "risky": "Risicovol", "advised_against": "Afgeraden"}
# Why a composition's total stays low (the engine's ``scoring["limits"]``), as the
# book's "Hoe komt je score tot stand?" says it.
CAP_WORDS = {"risk": "hoogstens {cap} zolang er mogelijke stoorzenders in zitten",
             "too_small": "hoogstens {cap} bij minder dan {min} leden"}


def _results(df: pd.DataFrame, exercise_id: str) -> list[dict]:
    return list(df.loc[df["oefening"] == exercise_id, "uitkomst"])


def profile_basis(df: pd.DataFrame, exercise_id: str) -> dict[str, int]:
    """What a questionnaire's group profile rests on: how many answers count and why the others do not.

    A scan counts when the questionnaire engine calls it ``ready``: only then does the
    trainee's own page show a profile (``frontend/questionnaire.js`` hides it otherwise),
    so the group figures hold no profile a trainee never saw. Keys: ``antwoorden`` (rows
    of the exercise), ``meegeteld`` (ready), ``te_weinig`` (the scan needs more answers,
    its ``remaining`` is above 0) and ``alles_laagst`` (enough answers, but every one the
    scale's lowest step, so the scan names nothing).
    """
    results = _results(df, exercise_id)
    return {
        "antwoorden": len(results),
        "meegeteld": sum(result["ready"] for result in results),
        "te_weinig": sum(result["remaining"] > 0 for result in results),
        "alles_laagst": sum(result["remaining"] == 0 and result["all_lowest"] for result in results),
    }


def _percents(df: pd.DataFrame, exercise_id: str, spec: dict | None) -> tuple[dict, dict[str, list], dict[str, int], int]:
    """A questionnaire's spec, the percentages per dimension and how often each is the one
    strongest, over the scans that show a profile (:func:`profile_basis`), and how many
    of those share their best score between dimensions."""
    spec = spec or get_spec(exercise_id)
    percents: dict[str, list] = {d["id"]: [] for d in spec["dimensions"]}
    strongest, tied = dict.fromkeys(percents, 0), 0
    for result in filter(lambda result: result["ready"], _results(df, exercise_id)):
        for item in result["profile"]:
            if item["percent"] is not None:
                percents[item["id"]].append(item["percent"])
        # A shared best score names no strongest dimension (:mod:`.strongest`): counted once, apart.
        if len(result["strongest"]) == 1:
            strongest[result["strongest"][0]] += 1
        tied += len(result["strongest"]) > 1
    return spec, percents, strongest, tied


def _mean(values: list) -> float:
    return sum(values) / len(values) if values else math.nan


def role_mix(df: pd.DataFrame, exercise_id: str = "rolscan", spec: dict | None = None) -> pd.DataFrame:
    """The group's role mix from a role scan, one row per role (spec order).

    Only scans that show the trainee a profile count (:func:`profile_basis`, kept in
    ``frame.attrs["basis"]``). Columns: ``id``, ``rol`` (label), ``gemiddeld`` (mean
    percentage over those scans; NaN if none), ``sterkste_bij`` (how many have it as
    their one strongest role), ``deelnemers`` (how many have a score for the role).
    A scan whose best score two or more roles share has no clear strongest role: it
    counts in none of the rows but in ``frame.attrs["geen_duidelijke_sterkste"]``, so
    each scan counts once.
    """
    spec, percents, strongest, tied = _percents(df, exercise_id, spec)
    frame = pd.DataFrame({
        "id": list(percents),
        "rol": [d["label"] for d in spec["dimensions"]],
        "gemiddeld": [_mean(values) for values in percents.values()],
        "sterkste_bij": list(strongest.values()),
        "deelnemers": [len(values) for values in percents.values()],
    })
    frame.attrs["basis"] = profile_basis(df, exercise_id)
    frame.attrs["geen_duidelijke_sterkste"] = tied
    return frame


def self_scan_spread(df: pd.DataFrame, exercise_id: str = "zelfscan-ambtenaar", spec: dict | None = None) -> pd.DataFrame:
    """The spread of a self-scan, one row per quality (spec order).

    Only scans that show the trainee a profile count (:func:`profile_basis`, kept in
    ``frame.attrs["basis"]``). Columns: ``id``, ``kwaliteit`` (label), ``deelnemers``
    (how many have a score), ``minimum``, ``q1``, ``mediaan``, ``q3``, ``maximum`` and
    ``gemiddeld`` of the percentages (quartiles by linear interpolation, as pandas and
    numpy do; NaN when nobody has a score).
    """
    spec, percents, *_ = _percents(df, exercise_id, spec)
    rows = []
    for dimension in spec["dimensions"]:
        values = pd.Series(percents[dimension["id"]], dtype="float64")
        q1, median, q3 = values.quantile([0.25, 0.5, 0.75]) if len(values) else (math.nan,) * 3
        rows.append({
            "id": dimension["id"], "kwaliteit": dimension["label"], "deelnemers": len(values),
            "minimum": values.min(), "q1": q1, "mediaan": median, "q3": q3, "maximum": values.max(),
            "gemiddeld": _mean(percents[dimension["id"]]),
        })
    frame = pd.DataFrame(rows, columns=["id", "kwaliteit", "deelnemers", "minimum", "q1", "mediaan", "q3", "maximum", "gemiddeld"])
    frame.attrs["basis"] = profile_basis(df, exercise_id)
    return frame


def scenario_choices(df: pd.DataFrame, exercise_id: str, spec: dict | None = None) -> pd.DataFrame:
    """The choices the group made in a scenario: every choice of every step (spec order).

    People are counted, not tries: a trainee who made a choice more than once (a
    scenario can lead back to a step it passed, e.g. to try again) counts once for it;
    a trainee is a ``deelnemer`` of the table (:mod:`sleutelcursus.workshop.people`).
    Only the valid part of each path counts.

    Columns: ``stap`` (step id), ``stap_titel`` (the step's title, else its question),
    ``keuze`` (choice id), ``keuze_tekst``, ``beoordeling`` (as the book says it:
    "Past goed", "Risicovol", "Afgeraden"), ``deelnemers`` (how many chose it) and
    ``procent`` (of the trainees who made a choice at that step; NaN when nobody
    reached it; one who chose two of its choices counts for both, so a step's
    percentages can add up to more than 100). ``frame.attrs["bereikt"]`` maps each step
    id to how many trainees made a choice there.
    """
    spec = spec or get_spec(exercise_id)
    rows_of = df[df["oefening"] == exercise_id]
    chosen_by: dict[str, set] = {}
    for person, result in zip(rows_of["deelnemer"], rows_of["uitkomst"]):
        for step in result["steps"]:
            chosen_by.setdefault(step["choice"], set()).add(person)
    rows, reached_by = [], {}
    for step in spec["steps"]:
        reached = len(set().union(*(chosen_by.get(choice["id"], set()) for choice in step["choices"])))
        reached_by[step["id"]] = reached
        for choice in step["choices"]:
            count = len(chosen_by.get(choice["id"], ()))
            rows.append({
                "stap": step["id"], "stap_titel": step["title"] or step["question"], "keuze": choice["id"],
                "keuze_tekst": choice["label"], "beoordeling": ASSESSMENT_WORDS[choice["assessment"]],
                "deelnemers": count, "procent": 100 * count / reached if reached else math.nan,
            })
    frame = pd.DataFrame(rows, columns=["stap", "stap_titel", "keuze", "keuze_tekst", "beoordeling", "deelnemers", "procent"])
    frame.attrs["bereikt"] = reached_by
    return frame


def _network_key(spec: dict, ids: list[str]) -> tuple[int, int]:
    """How good a network of ``ids`` is: the engine's score, then its score before the caps
    (a cap for a possible troublemaker makes many networks equal)."""
    result = composition.compute(spec, {"selected": ids})
    return result["score"], result["scoring"]["average"] - result["scoring"]["penalty"]


def _break_tie(spec: dict, members: list[str], tied: list[str], places: int) -> list[str]:
    """``places`` of the ``tied`` candidates (pool order), added one at a time: each time
    the one that gives the best network with those already in (:func:`_network_key`);
    between equally good ones, the first in the pool (``max`` keeps the first of equals),
    so the outcome is fixed."""
    chosen: list[str] = []
    left = list(tied)
    for _ in range(places):
        best = max(left, key=lambda cid: _network_key(spec, [*members, *chosen, cid]))
        chosen.append(best)
        left.remove(best)
    return chosen


class Selection(NamedTuple):
    """The group network as :func:`_group_selection` made it.

    ``tie`` is None, or what was tied at the cut-off: ``gekozen`` (how often each was
    chosen), ``kandidaten`` (their ids, pool order), ``plaatsen`` (how many of them fit
    in) and ``gekozen_uit`` (the ids the engine chose among them).
    """

    spec: dict
    counts: list[int]
    members: list[str]
    networks: int
    tie: dict | None


def _group_selection(df: pd.DataFrame, exercise_id: str, spec: dict | None) -> Selection:
    """The counts in pool order, the group network's ids (most chosen first) and its tie, if any."""
    spec = spec or get_spec(exercise_id)
    position = {item["id"]: i for i, item in enumerate(spec["candidates"])}
    counts = [0] * len(position)
    sizes = []
    for result, answers in zip(_results(df, exercise_id), df.loc[df["oefening"] == exercise_id, "antwoorden"]):
        if result["size"]["n"] == 0:
            continue
        sizes.append(result["size"]["n"])
        # The engine's own rule for which answers count: known ids, each once.
        chosen = {cid for cid in answers["selected"] if isinstance(cid, str) and cid in position}
        for cid in chosen:
            counts[position[cid]] += 1
    size = math.floor(statistics.median(sizes) + 0.5) if sizes else 0
    ids = [item["id"] for item in spec["candidates"]]
    order = [i for i in sorted(range(len(counts)), key=lambda i: (-counts[i], i)) if counts[i]]
    if len(order) <= size:
        return Selection(spec, counts, [ids[i] for i in order], len(sizes), None)
    cut = counts[order[size - 1]]
    members = [ids[i] for i in order if counts[i] > cut]
    tied = [ids[i] for i in order if counts[i] == cut]
    places = size - len(members)
    if places == len(tied):
        return Selection(spec, counts, members + tied, len(sizes), None)
    picked = _break_tie(spec, members, tied, places)
    tie = {"gekozen": cut, "kandidaten": tied, "plaatsen": places, "gekozen_uit": picked}
    return Selection(spec, counts, members + picked, len(sizes), tie)


def candidate_choices(df: pd.DataFrame, exercise_id: str = "netwerk-samenstellen", spec: dict | None = None) -> pd.DataFrame:
    """How often the group chose each candidate, most chosen first (then pool order).

    Columns: ``kandidaat`` (id), ``naam``, ``wijk``, ``rollen`` (labels, ", "-joined),
    ``gekozen`` (in how many networks), ``procent`` (of the networks with at least one
    member; NaN when there are none), ``in_groepsnetwerk`` (bool: one of the group
    network's members, see the module docstring). Candidates nobody chose are included.
    """
    spec, counts, members, networks, _ = _group_selection(df, exercise_id, spec)
    labels = {role["id"]: role["label"] for role in spec["roles"]}
    in_group = set(members)
    rows = [
        {"kandidaat": item["id"], "naam": item["naam"], "wijk": item["wijk"],
         "rollen": ", ".join(labels[r] for r in item["rollen"]), "gekozen": count,
         "procent": 100 * count / networks if networks else math.nan, "in_groepsnetwerk": item["id"] in in_group}
        for item, count in zip(spec["candidates"], counts)
    ]
    frame = pd.DataFrame(rows, columns=["kandidaat", "naam", "wijk", "rollen", "gekozen", "procent", "in_groepsnetwerk"])
    return frame.sort_values("gekozen", ascending=False, kind="stable").reset_index(drop=True)


def group_network(df: pd.DataFrame, exercise_id: str = "netwerk-samenstellen", spec: dict | None = None) -> pd.DataFrame:
    """The balance of the group network (module docstring), one row per part.

    Rows: each diversity pair (spec order), then ``Wijken``, ``Rollen`` and ``Totaal``.
    Columns: ``onderdeel``, ``stand`` (what the network has), ``doel`` (what is aimed
    at), ``score`` (0-100, as the composition engine gives it) and ``oordeel``. A pair
    off its target still scores high just outside the margin, so its ``oordeel`` says
    "buiten de marge" before the shortage: a 94 beside "te weinig ..." is then no riddle
    (trainer trial). The total's ``oordeel`` names the caps that hold it down.
    ``frame.attrs`` holds ``leden`` (the members' ids, most chosen first),
    ``netwerken`` (how many trainees' networks were combined), ``uitkomst`` (the
    engine's whole result, with its advice) and ``gelijk`` (the tie at the cut-off the
    engine broke, :class:`Selection`; None when there was none).
    """
    frame, facts = group_network_parts(df, exercise_id, spec)
    frame.attrs.update(facts)
    return frame


def group_network_parts(df: pd.DataFrame, exercise_id: str = "netwerk-samenstellen",
                        spec: dict | None = None) -> tuple[pd.DataFrame, dict]:
    """:func:`group_network`'s table, and apart from it what that function keeps in the
    table's ``attrs``. For code that goes on to read the table: pandas deep-copies a
    frame's ``attrs`` (here the engine's whole result) into every column and copy it
    makes, which was a tenth of the trainer page's stand."""
    spec, _, members, networks, tie = _group_selection(df, exercise_id, spec)
    result = composition.compute(spec, {"selected": members})
    n = result["size"]["n"]
    rows = []
    for pair, part in zip(spec["pairs"], result["pairs"]):
        share = "" if part["share"] is None else f" ({part['share']}%)"
        rows.append((pair["label"], f"{part['counts'][0]} van {n} {pair['sides'][0]['tag']}{share}",
                     f"{part['target']}% (marge {part['tolerance']})", part["score"],
                     "in balans" if part["status"] == "balanced" else f"buiten de marge: {part['status']}"))
    for name, part, items in (("Wijken", result["neighbourhoods"], "covered"), ("Rollen", result["roles"], "present")):
        total = len(part[items]) + len(part["missing"])
        missing = part["missing"] if name == "Wijken" else [r["label"] for r in spec["roles"] if r["id"] in part["missing"]]
        rows.append((name, f"{len(part[items])} van {total}", f"alle {total}", part["score"],
                     "ontbreekt: " + ", ".join(missing) if missing else "compleet"))
    risks = len(result["risks"])
    caps = [CAP_WORDS[limit["reason"]].format(cap=limit["cap"], min=spec["size"]["min"])
            for limit in result["scoring"]["limits"]]
    rows.append(("Totaal", f"{n} leden", "", result["score"],
                 "; ".join([*caps, f"{risks} aandachtspunt(en) bij leden" if risks else "geen aandachtspunten bij leden"])))
    frame = pd.DataFrame(rows, columns=["onderdeel", "stand", "doel", "score", "oordeel"])
    return frame, {"leden": members, "netwerken": networks, "uitkomst": result, "gelijk": tie}


def composition_scores(df: pd.DataFrame, exercise_id: str = "netwerk-samenstellen") -> pd.DataFrame:
    """Each trainee's own network, in table order.

    Columns: ``deelnemer``, ``aantal_gekozen``, ``score`` (overall), ``wijken`` and
    ``rollen`` (their scores 0-100) and ``aandachtspunten`` (risk notes of members).
    """
    rows = df[df["oefening"] == exercise_id]
    results = list(rows["uitkomst"])
    return pd.DataFrame({
        "deelnemer": list(rows["deelnemer"]),
        "aantal_gekozen": [r["size"]["n"] for r in results],
        "score": [r["score"] for r in results],
        "wijken": [r["neighbourhoods"]["score"] for r in results],
        "rollen": [r["roles"]["score"] for r in results],
        "aandachtspunten": [len(r["risks"]) for r in results],
    })
