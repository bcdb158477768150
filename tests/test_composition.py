"""Composition exercises: the engine on hand-computed examples and the national instance.

The small spec comes from ``composition_cases.py``; validation is tested in
test_composition_spec.py.
"""

from __future__ import annotations

import copy

import pytest

from composition_cases import MIGRATIE, SMALL_POOL, person, small
from sleutelcursus.exercises import composition
from sleutelcursus.exercises.loader import DATA_DIR, load_spec_file

# ---------------------------------------------------------------- engine ---------


def test_empty_selection_scores_zero_and_asks_to_choose():
    spec = small()
    result = composition.compute(spec, composition.empty_answers(spec))
    assert result["score"] == 0
    assert result["pairs"][0] == {"id": "migratie", "label": "Met en zonder migratieachtergrond", "counts": [0, 0],
                                  "share": None, "target": 50, "tolerance": 10, "deviation": None,
                                  "status": "leeg", "score": 0}
    assert result["advice"] == [spec["messages"]["empty"]] and result["headline"] == spec["messages"]["empty"]
    assert result["explanation"] == ["Je hebt nog niemand gekozen. Daarom is je score 0."]
    assert result["size"] == {"n": 0, "band": "te klein", "core_group": None,
                              "advice": "Je netwerk is nog te klein. Kies minstens 5 mensen (je hebt er nu 0)."}


def test_one_sided_selection_hand_computed():
    result = composition.compute(small(), {"selected": ["c1", "b1", "a1"]})
    migratie, leeftijd = result["pairs"]
    assert (migratie["counts"], migratie["share"], migratie["deviation"]) == ([3, 0], 100, 50)
    assert migratie["status"] == "te weinig mensen zonder" and migratie["score"] == 0
    assert leeftijd["status"] == "te weinig ouderen" and leeftijd["score"] == 0
    assert result["neighbourhoods"] == {"covered": ["A", "B", "C"], "missing": [],
                                        "counts": {"A": 1, "B": 1, "C": 1}, "score": 100}
    assert result["roles"]["missing"] == ["luis"] and result["roles"]["score"] == 75
    # (50·0 + 25·100 + 25·75) // 100 = 43, under the cap of 50 for a network that is too small
    assert result["scoring"] == {"parts": {"pairs": 0, "neighbourhoods": 100, "roles": 75},
                                 "shares": {"pairs": 50, "neighbourhoods": 25, "roles": 25}, "average": 43,
                                 "penalty": 0, "limits": [{"reason": "too_small", "cap": 50}], "score": 43}
    assert result["score"] == 43
    assert result["warnings"] == ["size", "pairs", "roles"]
    too_small = "Je netwerk is nog te klein. Kies minstens 5 mensen (je hebt er nu 3)."
    assert result["headline"] == too_small
    assert result["advice"] == [
        too_small,
        "Met en zonder migratieachtergrond: te weinig mensen zonder. Je hebt er 0 van de 3 (0%). "
        "Het doel is 50%. Zit je daar hoogstens 10 procentpunt naast, dan is het goed.",
        "Jong en oud: te weinig ouderen. Je hebt er 0 van de 3 (0%). "
        "Het doel is 50%. Zit je daar hoogstens 15 procentpunt naast, dan is het goed.",
        "Deze rol ontbreekt nog: Luis in de pels.",
    ]
    assert result["explanation"][-2:] == ["Je netwerk heeft minder dan 5 mensen. Daarom is je score hoogstens 50.",
                                          "Je score: 43 van 100."]


def test_balanced_selection_with_risks_hand_computed():
    result = composition.compute(small(), {"selected": ["c2", "b2", "b1", "a2", "a1"]})
    assert [p["status"] for p in result["pairs"]] == ["balanced", "balanced"]
    assert [p["share"] for p in result["pairs"]] == [60, 40]
    assert result["risks"] == [
        {"candidate": "a2", "kind": "status", "note": "Wil vooral gezien worden."},
        {"candidate": "b2", "kind": "controversieel", "note": "Omstreden club."},
        {"candidate": "b2", "kind": "eigenbelang", "note": "Eigen stichting eerst."},
    ]
    # Everything else is in order (average 100), but three risk notes cost 15 points and
    # possible stoorzenders cap the score at 40.
    assert (result["scoring"]["average"], result["scoring"]["penalty"]) == (100, 15)
    assert result["score"] == 40 and result["warnings"] == ["risks"]
    assert result["headline"] == ("Let op: 2 mensen in je netwerk zijn misschien stoorzenders: Persoon a2 en "
                                  "Persoon b2. Praat eerst met hen over hun motivatie, of kies anderen.")
    advice = result["advice"]
    assert advice[0] == ("Let op bij Persoon a2: doet misschien vooral mee voor de status. "
                         "Vraag in het kennismakingsgesprek naar de motivatie.")
    assert len(advice) == 4 and advice[-1].startswith("Dit is een klein netwerk.")
    assert not any("in balans" in line for line in advice)
    assert result["explanation"][-3:] == [
        "Elke waarschuwing bij een mogelijke stoorzender kost 5 punten. Jij hebt er 3: dat is 15 punten eraf.",
        "Zolang er mogelijke stoorzenders in je netwerk zitten, is je score hoogstens 40.",
        "Je score: 40 van 100.",
    ]
    assert result["size"]["band"] == "klein"
    without = composition.compute(small(), {"selected": ["c2", "b1", "a1", "c1"]})
    assert "risks" not in without["warnings"]


def test_texts_of_the_spec_replace_the_default_advice():
    spec = small(messages={"empty": "Kies eerst iemand.", "risk": "Praat met {name} over: {note}"})
    assert composition.compute(spec, {"selected": []})["advice"] == ["Kies eerst iemand."]
    advice = composition.compute(spec, {"selected": ["a2"]})["advice"]
    assert "Praat met Persoon a2 over: Wil vooral gezien worden." in advice


def pool_of(pattern: str, wijk: str = "A", rollen: str = "verbinder") -> list[dict]:
    """Candidates p1, p2, ... with a migration background where ``pattern`` has 'j'."""
    return [person(f"p{i}", wijk, "18-29" if i % 2 else "65+", "ja" if flag == "j" else "nee", "nee", "ja",
                   "praktisch", rollen) for i, flag in enumerate(pattern, start=1)]


def test_pair_score_rounds_half_up_and_falls_linearly():
    spec = small(candidates=pool_of("jjjjjjjjnn"), neighbourhoods=None, pairs=[MIGRATIE])
    ids = [f"p{i}" for i in range(1, 11)]
    pair = composition.compute(spec, {"selected": ids})["pairs"][0]
    # share 80, deviation 30, extreme 50: 100·(50 − 30)/(50 − 10) = 50
    assert (pair["share"], pair["score"]) == (80, 50)
    scores = [composition.compute(spec, {"selected": ids[:k] + ids[8:]})["pairs"][0]["score"] for k in range(9)]
    shares = [composition.compute(spec, {"selected": ids[:k] + ids[8:]})["pairs"][0]["share"] for k in range(9)]
    assert shares == [0, 33, 50, 60, 67, 71, 75, 78, 80]
    # e.g. share 33: 100·(50 − 17)/40 = 82.5, rounded half up to 83 (Python's round gives 82)
    assert scores == [0, 83, 100, 100, 83, 73, 63, 55, 50]


@pytest.mark.parametrize("target, tolerance", [(35, 15), (0, 0), (100, 20), (50, 0), (90, 5)])
def test_pair_score_never_rises_moving_away_from_the_target(target, tolerance):
    spec = small(candidates=pool_of("j" * 20 + "n" * 20), neighbourhoods=None,
                 pairs=[dict(MIGRATIE, target=target, tolerance=tolerance)])
    results = [composition.compute(spec, {"selected": [f"p{i}" for i in range(1, a + 1)] +
                                          [f"p{i}" for i in range(21, 41 - a)]})["pairs"][0] for a in range(21)]
    assert [r["share"] for r in results] == sorted(r["share"] for r in results)
    below = [r["score"] for r in results if r["share"] <= target]
    above = [r["score"] for r in results if r["share"] >= target]
    assert below == sorted(below) and above == sorted(above, reverse=True)
    assert all(0 <= r["score"] <= 100 for r in results)
    assert all((r["score"] == 100) == (abs(r["deviation"]) <= tolerance) for r in results)


def test_stale_and_malformed_answers_are_ignored():
    spec = small()
    clean = composition.compute(spec, {"selected": ["a1", "b1"]})
    assert composition.compute(spec, {"selected": ["b1", 7, None, "a1", "a1", "weg", ["a2"]], "oud": 1}) == clean
    for answers in (None, [], "a1", {"selected": "a1"}, {"selected": {"a1": True}}, {}):
        assert composition.compute(spec, answers)["size"]["n"] == 0


def test_core_group_covers_neighbourhoods_and_roles_first():
    spec = small(size={"min": 1, "small_max": 2, "core_group_from": 3})
    everyone = composition.compute(spec, {"selected": [c["id"] for c in SMALL_POOL]})["size"]
    assert everyone["band"] == "groot"
    # a2 and b2 have risk notes; the four others each add their neighbourhood or role.
    assert everyone["core_group"] == {"members": ["a1", "b1", "c1", "c2"],
                                      "missing_neighbourhoods": [], "missing_roles": []}
    assert "Persoon a1, Persoon b1, Persoon c1 en Persoon c2" in everyone["advice"]
    partial = composition.compute(spec, {"selected": ["a1", "a2", "b1", "c1"]})["size"]
    # Only a2 is a 'luis', and a2 has a risk note.
    assert partial["core_group"] == {"members": ["a1", "b1", "c1"], "missing_neighbourhoods": [],
                                     "missing_roles": ["luis"]}
    assert composition.compute(spec, {"selected": ["a1", "b1"]})["size"]["core_group"] is None


def test_core_group_is_filled_up_to_balance_its_pairs():
    spec = small(candidates=pool_of("jjjnn"), neighbourhoods=None, pairs=[MIGRATIE],
                 size={"min": 3, "small_max": 4, "core_group_from": 5})
    core = composition.compute(spec, {"selected": ["p1", "p2", "p3", "p4", "p5"]})["size"]["core_group"]
    # p1 covers everything; p4 (no background) balances before p2; then a tie goes to p2.
    assert core["members"] == ["p1", "p4", "p2"]


def test_results_do_not_depend_on_the_cache():
    spec = load_spec_file(DATA_DIR / "netwerk-samenstellen.yaml")
    answers = {"selected": [c["id"] for c in spec["candidates"]][::2]}
    first = composition.compute(spec, answers)
    assert composition.compute(copy.deepcopy(spec), answers) == first
    assert composition.compute(spec, answers) == first


# ---------------------------------------------------------------- national -------


@pytest.fixture(scope="module")
def national():
    return load_spec_file(DATA_DIR / "netwerk-samenstellen.yaml")


def test_national_pool_is_varied(national):
    candidates = national["candidates"]
    assert len(candidates) >= 36 and len(national["neighbourhoods"]) >= 6
    assert {c["wijk"] for c in candidates} == set(national["neighbourhoods"])
    assert len({c["naam"] for c in candidates}) == len(candidates)
    for kind in national["risk_kinds"]:
        assert sum(1 for c in candidates if c[kind["column"]]) >= 2, kind["id"]
    for role in national["roles"]:
        assert sum(1 for c in candidates if role["id"] in c["rollen"]) >= 5, role["id"]
    assert [p["column"] for p in national["pairs"]] == [
        "migratieachtergrond", "leeftijd", "hulpverlenend_beroep", "bekend_bij_gemeente", "opleiding"]
    for pair in national["pairs"]:
        sides = [sum(1 for c in candidates if c[pair["column"]] in side["values"]) for side in pair["sides"]]
        assert min(sides) >= 10, pair["id"]


def test_national_balanced_network_scores_full_marks(national):
    chosen = ["k02", "k08", "k13", "k21", "k23", "k26", "k27", "k33", "k39", "k41"]
    result = composition.compute(national, {"selected": chosen})
    assert result["score"] == 100 and not result["risks"]
    assert result["advice"][0].startswith("Mooi")


def test_national_one_neighbourhood_network_gets_pointed_advice(national):
    centrum = [c["id"] for c in national["candidates"] if c["wijk"] == "Centrum"]
    result = composition.compute(national, {"selected": centrum})
    assert result["neighbourhoods"]["covered"] == ["Centrum"]
    assert any(line.startswith("Nog niemand uit Oosterkwartier, De Velden") for line in result["advice"])
    assert any("Tjeerd Bosma" in line for line in result["advice"])
    assert result["score"] < 70


def test_national_full_pool_suggests_a_safe_core_group(national):
    result = composition.compute(national, {"selected": [c["id"] for c in national["candidates"]]})
    core = result["size"]["core_group"]
    risky = {risk["candidate"] for risk in result["risks"]}
    assert result["size"]["band"] == "groot" and 7 <= len(core["members"]) <= 12
    assert not risky & set(core["members"])
    members = [c for c in national["candidates"] if c["id"] in core["members"]]
    assert {c["wijk"] for c in members} == set(national["neighbourhoods"])
    assert {role for c in members for role in c["rollen"]} == {r["id"] for r in national["roles"]}
    balance = composition.compute(national, {"selected": core["members"]})
    assert all(pair["status"] == "balanced" for pair in balance["pairs"])

