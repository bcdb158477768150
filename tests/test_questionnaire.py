"""Questionnaire: spec validation, the scoring engine, and the national instances."""

from __future__ import annotations

import copy
import json

import pytest

from guidecopy import copied_from_guide
from prose import reading_ease
from sleutelcursus.errors import SpecError
from sleutelcursus.exercises import questionnaire
from sleutelcursus.exercises.loader import DATA_DIR, load_spec_file

SOURCE = "gemeente/mijn-scan.yaml"


def raw_spec() -> dict:
    """A small valid spec; tests break one thing at a time."""
    return {
        "id": "proef",
        "type": "questionnaire",
        "title": "Proefscan",
        "dimensions": [
            {"id": "a", "label": "Rol A", "explanation": "Uitleg bij A."},
            {"id": "b", "label": "Rol B", "explanation": "Uitleg bij B."},
        ],
        "statements": [
            {"id": "s1", "text": "Stelling 1", "weights": {"a": 1}},
            {"id": "s2", "text": "Stelling 2", "weights": {"a": 2, "b": 1}, "reverse": True},
            {"id": "s3", "text": "Stelling 3", "weights": {"b": 1}},
            {"id": "s4", "text": "Stelling 4", "weights": {"b": 1}},
        ],
        "conclusion": "Samen zijn ze sterk.",
    }


def validate(raw: dict) -> dict:
    return questionnaire.validate(raw, SOURCE, None)


# ---- validation ----------------------------------------------------------------------


def test_minimal_spec_gets_the_default_five_point_scale_and_defaults():
    raw = raw_spec()
    del raw["conclusion"]
    spec = validate(raw)
    assert spec["scale"] == {
        "min": 1,
        "max": 5,
        "labels": ["Klopt helemaal niet", "Klopt niet", "Neutraal", "Klopt", "Klopt helemaal"],
    }
    assert spec["version"] == 1 and spec["intro"] == "" and spec["conclusion"] == ""
    assert spec["statements"][0]["reverse"] is False
    assert spec["statements"][1]["reverse"] is True
    assert json.loads(json.dumps(spec)) == spec


def test_custom_scale_is_kept():
    raw = raw_spec()
    raw["scale"] = {"min": 0, "max": 2, "labels": ["Nee", "Soms", "Ja"]}
    assert validate(raw)["scale"] == {"min": 0, "max": 2, "labels": ["Nee", "Soms", "Ja"]}


def test_validate_does_not_change_the_raw_spec():
    raw = raw_spec()
    before = copy.deepcopy(raw)
    validate(raw)
    assert raw == before


def _drop(key):
    def change(raw):
        del raw[key]
    return change


def _set(path, value):
    """Set raw[path[0]][path[1]]... = value."""
    def change(raw):
        target = raw
        for key in path[:-1]:
            target = target[key]
        target[path[-1]] = value
    return change


DEFECTS = {
    "missing title": (_drop("title"), "title"),
    "missing dimensions": (_drop("dimensions"), "dimensions"),
    "missing statements": (_drop("statements"), "statements"),
    "empty statements": (_set(["statements"], []), "statements"),
    "dimensions not a list": (_set(["dimensions"], "a, b"), "dimensions"),
    "dimension without explanation": (
        lambda raw: raw["dimensions"][1].pop("explanation"), "dimensions[1].explanation"),
    "statement without text": (lambda raw: raw["statements"][2].pop("text"), "statements[2].text"),
    "statement without weights": (lambda raw: raw["statements"][0].pop("weights"), "statements[0].weights"),
    "empty weights": (_set(["statements", 0, "weights"], {}), "statements[0].weights"),
    "weights not a mapping": (_set(["statements", 0, "weights"], ["a"]), "statements[0].weights"),
    "weight on unknown dimension": (_set(["statements", 3, "weights"], {"luis": 1}), "statements[3].weights.luis"),
    "zero weight": (_set(["statements", 1, "weights", "b"], 0), "statements[1].weights.b"),
    "negative weight": (_set(["statements", 1, "weights", "b"], -1), "statements[1].weights.b"),
    "weight is text": (_set(["statements", 1, "weights", "b"], "veel"), "statements[1].weights.b"),
    "weight is a boolean": (_set(["statements", 1, "weights", "b"], True), "statements[1].weights.b"),
    "weight is not finite": (_set(["statements", 1, "weights", "b"], float("inf")), "statements[1].weights.b"),
    "weight is not a number": (_set(["statements", 1, "weights", "b"], float("nan")), "statements[1].weights.b"),
    "reverse is not a boolean": (_set(["statements", 0, "reverse"], "ja"), "statements[0].reverse"),
    "misspelt statement key": (_set(["statements", 0, "revers"], True), "statements[0].revers"),
    "bad statement id": (_set(["statements", 0, "id"], "Stelling 1"), "statements[0].id"),
    "duplicate dimension id": (_set(["dimensions", 1, "id"], "a"), "dimensions[1].id"),
    "duplicate statement id": (_set(["statements", 2, "id"], "s1"), "statements[2].id"),
    "dimension no statement weighs on": (
        lambda raw: raw["dimensions"].append({"id": "c", "label": "C", "explanation": "Uitleg."}),
        "dimensions[2].id"),
    "scale not a mapping": (_set(["scale"], [1, 5]), "scale"),
    "scale min equals max": (_set(["scale"], {"min": 3, "max": 3, "labels": ["Ja"]}), "scale.max"),
    "scale min above max": (_set(["scale"], {"min": 5, "max": 1}), "scale.max"),
    "scale min not an integer": (_set(["scale"], {"min": 0.5, "max": 5}), "scale.min"),
    "too few labels": (_set(["scale"], {"min": 1, "max": 5, "labels": ["Nee", "Ja"]}), "scale.labels"),
    "too many labels": (_set(["scale"], {"min": 0, "max": 1, "labels": ["Nee", "Soms", "Ja"]}), "scale.labels"),
    "default labels on another range": (_set(["scale"], {"min": 0, "max": 10}), "scale.labels"),
    "empty label": (_set(["scale"], {"min": 1, "max": 3, "labels": ["Nee", " ", "Ja"]}), "scale.labels[1]"),
}


@pytest.mark.parametrize("change, field", DEFECTS.values(), ids=DEFECTS.keys())
def test_defect_is_reported_with_file_and_field(change, field):
    raw = raw_spec()
    change(raw)
    with pytest.raises(SpecError) as caught:
        validate(raw)
    assert caught.value.field == field
    message = str(caught.value)
    assert SOURCE in message and f"'{field}'" in message
    assert caught.value.message.strip()


def test_unknown_dimension_message_lists_the_known_ones():
    raw = raw_spec()
    raw["statements"][3]["weights"] = {"luis": 1}
    with pytest.raises(SpecError, match=r"onbekende dimensie 'luis'; kies uit a, b"):
        validate(raw)


def test_yaml_file_defect_names_the_file(tmp_path):
    path = tmp_path / "kapot.yaml"
    path.write_text(
        "id: kapot\ntype: questionnaire\ntitle: Kapot\n"
        "dimensions: [{id: a, label: A, explanation: Uitleg}]\n"
        "statements: [{id: s1, text: Stelling, weights: {b: 1}}]\n",
        encoding="utf-8",
    )
    with pytest.raises(SpecError) as caught:
        load_spec_file(path)
    assert str(path) in str(caught.value)
    assert caught.value.field == "statements[0].weights.b"


# ---- engine ------------------------------------------------------------------------


@pytest.fixture
def spec() -> dict:
    return validate(raw_spec())


def percents(result: dict) -> dict:
    return {p["id"]: p["percent"] for p in result["profile"]}


def test_hand_computed_profile_with_reverse_item_and_weights(spec):
    # a: s1 5 -> 1*4; s2 reverse 2 -> 4, 2*3.  10/12 = 83.3%  -> 83
    # b: s2 -> 1*3; s3 3 -> 2; s4 1 -> 0.       5/12 = 41.7%  -> 42
    result = questionnaire.compute(spec, {"s1": 5, "s2": 2, "s3": 3, "s4": 1})
    assert result == {
        "profile": [
            {"id": "a", "label": "Rol A", "percent": 83},
            {"id": "b", "label": "Rol B", "percent": 42},
        ],
        "strongest": ["a"],
        "grow": ["b"],
        "answered": 4,
        "total": 4,
        "complete": True,
        "remaining": 0,
        "all_lowest": False,
        "ready": True,
    }


def test_half_percent_rounds_up_not_to_even(spec):
    # b: s3 3 -> 2, s4 4 -> 3: 5/8 = 62.5% -> 63
    result = questionnaire.compute(spec, {"s3": 3, "s4": 4})
    assert percents(result)["b"] == 63
    # s3 2 -> 1, s4 1 -> 0: 1/8 = 12.5% -> 13 (Python's round() would give 12)
    assert percents(questionnaire.compute(spec, {"s3": 2, "s4": 1}))["b"] == 13


def test_partial_answers_leave_unanswered_dimensions_without_score(spec):
    result = questionnaire.compute(spec, {"s3": 2})
    assert percents(result) == {"a": None, "b": 25}
    assert (result["answered"], result["total"], result["complete"]) == (1, 4, False)


def test_one_answer_names_no_strongest_and_says_how_many_are_left(spec):
    # Issue 12: one answer "Klopt helemaal niet" used to crown a role at 0%.
    result = questionnaire.compute(spec, {"s3": 1})
    assert result["strongest"] == [] and result["grow"] == [] and not result["ready"]
    assert result["remaining"] == 1  # half of 4 is 2; one more answer, and "a" needs one
    result = questionnaire.compute(spec, {"s3": 4})
    assert result["remaining"] == 1 and result["strongest"] == []


def test_enough_answers_covering_every_dimension_give_a_provisional_result(spec):
    result = questionnaire.compute(spec, {"s1": 5, "s3": 2})
    assert result["ready"] and not result["complete"] and result["remaining"] == 0
    assert result["strongest"] == ["a"] and result["grow"] == ["b"]


def test_half_answered_but_a_dimension_unscored_still_waits(spec):
    result = questionnaire.compute(spec, {"s3": 5, "s4": 5})
    assert result["remaining"] == 1 and result["strongest"] == []


def test_all_lowest_answers_get_their_own_outcome_not_a_role(spec):
    result = questionnaire.compute(spec, {"s1": 1, "s2": 1, "s3": 1, "s4": 1})
    assert result["all_lowest"] and not result["ready"] and result["complete"]
    assert result["strongest"] == [] and result["grow"] == []
    # One answer above the lowest step is an ordinary answer set again.
    assert questionnaire.compute(spec, {"s1": 2, "s2": 1, "s3": 1, "s4": 1})["ready"]


def test_nothing_answered_gives_no_strongest(spec):
    result = questionnaire.compute(spec, questionnaire.empty_answers(spec))
    assert percents(result) == {"a": None, "b": None}
    assert result["strongest"] == [] and result["answered"] == 0


def test_all_equal_lists_every_dimension_as_strongest_and_none_to_grow(spec):
    result = questionnaire.compute(spec, {"s1": 3, "s2": 3, "s3": 3, "s4": 3})
    assert percents(result) == {"a": 50, "b": 50}
    assert result["strongest"] == ["a", "b"] and result["grow"] == []


def test_ties_are_listed_in_spec_order():
    raw = raw_spec()
    raw["dimensions"].append({"id": "c", "label": "Rol C", "explanation": "Uitleg bij C.", "tip": "Tip bij C."})
    raw["statements"].append({"id": "s5", "text": "Stelling 5", "weights": {"c": 1}})
    spec = validate(raw)
    # a: s1 5 -> 4, s2 reverse 5 -> 1 -> 0: 4/12 = 33; b: s2 0 + s3 5 -> 4 + s4 1 -> 0: 4/12 = 33; c: 100
    result = questionnaire.compute(spec, {"s1": 5, "s2": 5, "s3": 5, "s4": 1, "s5": 5})
    assert percents(result) == {"a": 33, "b": 33, "c": 100}
    assert result["strongest"] == ["c"] and result["grow"] == ["a", "b"]
    result = questionnaire.compute(spec, {"s1": 5, "s2": 1, "s3": 5, "s4": 5, "s5": 1})
    assert result["strongest"] == ["a", "b"] and result["grow"] == ["c"]


def test_a_dimension_tip_is_optional_and_kept():
    raw = raw_spec()
    raw["dimensions"][0]["tip"] = "Doe eens iets nieuws."
    spec = validate(raw)
    assert spec["dimensions"][0]["tip"] == "Doe eens iets nieuws." and spec["dimensions"][1]["tip"] is None


@pytest.mark.parametrize(
    "answers",
    [
        {"s1": 6, "s3": 0},
        {"s1": "5", "s3": None},
        {"s1": 2.5, "s3": True},
        {"oud": 5, "S1": 5},
        None,
        [5, 5, 5, 5],
        "s1=5",
    ],
    ids=["outside scale", "text and null", "fraction and boolean", "unknown ids", "none", "list", "text"],
)
def test_invalid_or_stale_answers_are_ignored(spec, answers):
    result = questionnaire.compute(spec, answers)
    assert result["answered"] == 0 and result["strongest"] == [] and not result["all_lowest"]


def test_whole_float_counts_like_the_integer(spec):
    # JSON and JavaScript do not tell 4.0 from 4.
    assert questionnaire.compute(spec, {"s1": 4.0}) == questionnaire.compute(spec, {"s1": 4})


def test_custom_scale_with_reverse_and_fractional_weight():
    raw = raw_spec()
    raw["scale"] = {"min": -1, "max": 1, "labels": ["Nee", "Soms", "Ja"]}
    raw["statements"][1]["weights"] = {"a": 0.5, "b": 1}
    spec = validate(raw)
    # a: s1 1 -> 1*2 = 2; s2 reverse -1 -> 1, 0.5*2 = 1.  3/3 -> 100
    # b: s2 -> 1*2 = 2; s3 0 -> 1.                        3/4 -> 75
    result = questionnaire.compute(spec, {"s1": 1, "s2": -1, "s3": 0})
    assert percents(result) == {"a": 100, "b": 75}
    assert result["strongest"] == ["a"]


def test_compute_leaves_answers_untouched_and_returns_json(spec):
    answers = {"s1": 5, "oud": 1}
    result = questionnaire.compute(spec, answers)
    assert answers == {"s1": 5, "oud": 1}
    assert json.loads(json.dumps(result)) == result


# ---- national instances ----------------------------------------------------------------

NATIONAL = ["rolscan", "zelfscan-ambtenaar"]


@pytest.fixture(scope="module", params=NATIONAL)
def national(request) -> dict:
    return load_spec_file(DATA_DIR / f"{request.param}.yaml")


def weighing_on(spec: dict, dimension_id: str) -> list[dict]:
    return [s for s in spec["statements"] if dimension_id in s["weights"]]


def test_rolscan_covers_the_four_roles_of_the_guide():
    spec = load_spec_file(DATA_DIR / "rolscan.yaml")
    assert spec["type"] == "questionnaire" and "fase 2.2" in spec["source"]
    assert [d["id"] for d in spec["dimensions"]] == ["verbinder", "vertegenwoordiger", "doener", "luis"]
    assert len(spec["statements"]) >= 16
    for dimension in spec["dimensions"]:
        assert len(weighing_on(spec, dimension["id"])) >= 4, dimension["id"]
    assert any(len(s["weights"]) == 2 for s in spec["statements"])
    assert 2 <= sum(s["reverse"] for s in spec["statements"]) <= 3
    assert spec["conclusion"]


def test_zelfscan_groups_the_civil_servant_qualities():
    spec = load_spec_file(DATA_DIR / "zelfscan-ambtenaar.yaml")
    assert "fase 1.3" in spec["source"]
    assert 4 <= len(spec["dimensions"]) <= 5
    for dimension in spec["dimensions"]:
        assert len(weighing_on(spec, dimension["id"])) >= 3, dimension["id"]
        assert dimension["tip"] and "Tip:" not in dimension["explanation"], dimension["id"]


def test_national_scan_points_to_the_dimension_a_trainee_agrees_with(national):
    low, high = national["scale"]["min"], national["scale"]["max"]
    for dimension in national["dimensions"]:
        # Agree fully with this dimension's statements, disagree with all others
        # (reverse statements the other way round).
        answers = {}
        for statement in national["statements"]:
            agree = dimension["id"] in statement["weights"]
            answers[statement["id"]] = (high if agree else low) if not statement["reverse"] else (low if agree else high)
        result = questionnaire.compute(national, answers)
        assert result["strongest"] == [dimension["id"]]
        assert percents(result)[dimension["id"]] == 100
        assert result["complete"]


def test_national_scan_promises_and_has_a_tip_per_dimension(national):
    assert "groeien" in national["intro"] and "tip" in national["intro"]
    assert all(d["tip"] for d in national["dimensions"])


def test_national_scan_all_lowest_names_no_role(national):
    low = national["scale"]["min"]
    result = questionnaire.compute(national, {s["id"]: low for s in national["statements"]})
    assert result["all_lowest"] and result["strongest"] == [] and result["grow"] == []


def test_national_scan_one_answer_leaves_the_rest_to_answer(national):
    first = national["statements"][0]["id"]
    result = questionnaire.compute(national, {first: national["scale"]["min"]})
    assert result["strongest"] == [] and result["remaining"] == len(national["statements"]) // 2 - 1 + len(national["statements"]) % 2


def test_national_scan_all_neutral_gives_an_even_profile(national):
    middle = (national["scale"]["min"] + national["scale"]["max"]) // 2
    result = questionnaire.compute(national, {s["id"]: middle for s in national["statements"]})
    assert set(percents(result).values()) == {50}
    assert result["strongest"] == [d["id"] for d in national["dimensions"]]


def national_texts(spec: dict) -> list[str]:
    texts = [spec["title"], spec["intro"], spec["conclusion"]]
    texts += [d["explanation"] for d in spec["dimensions"]] + [d["tip"] for d in spec["dimensions"]]
    texts += [s["text"] for s in spec["statements"]]
    return texts


def test_national_scan_is_written_in_own_words(national):
    assert copied_from_guide(national_texts(national)) == []


def test_national_scan_reads_easily(national):
    # Flesch-Douma: the course aims at a median of 60 or more per page.
    assert reading_ease(national_texts(national)) >= 65
