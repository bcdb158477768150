"""Scenario: spec validation, the path-walking engine, and the national instances."""

from __future__ import annotations

import copy
import json

import pytest

from scenario_cases import choice, raw_spec
from sleutelcursus.errors import SpecError
from sleutelcursus.exercises import scenario
from sleutelcursus.exercises.loader import load_spec_file

SOURCE = "gemeente/mijn-scenario.yaml"


def validate(raw: dict) -> dict:
    return scenario.validate(raw, SOURCE, None)


def defect(raw: dict) -> SpecError:
    with pytest.raises(SpecError) as info:
        validate(raw)
    error = info.value
    assert error.source == SOURCE
    assert str(error).startswith(f"Fout in {SOURCE}, veld '{error.field}'")
    return error


# ---- validation ----------------------------------------------------------------------


def test_valid_spec_is_normalised_with_defaults_filled_in():
    spec = validate(raw_spec())
    assert spec["version"] == 1 and spec["intro"] == "" and spec["source"] == ""
    assert spec["start"] == "a" and spec["reflection"] == "Algemene reflectie."
    first, second = spec["steps"]
    assert first["title"] is None and second["title"] == "Stap B"
    assert first["choices"][0]["next"] == "b" and first["choices"][1]["next"] is None
    assert first["choices"][0]["reflection"] is None
    assert first["choices"][1]["reflection"] == "Eigen reflectie bij a2."
    assert first["choices"][0]["reasons"] == ["Reden bij a1."]
    assert spec["shuffle"] is False and spec["perspectief"] is None and first["page"] is None
    assert json.loads(json.dumps(spec)) == spec


def test_validation_leaves_the_raw_spec_untouched():
    raw = raw_spec()
    before = copy.deepcopy(raw)
    validate(raw)
    assert raw == before


def test_missing_start_is_named():
    raw = raw_spec()
    del raw["start"]
    assert defect(raw).field == "start"


def test_start_pointing_to_a_missing_step_is_named():
    raw = raw_spec()
    raw["start"] = "zz"
    error = defect(raw)
    assert error.field == "start" and "'zz'" in error.message and "a, b" in error.message


def test_next_pointing_to_a_missing_step_names_the_choice():
    raw = raw_spec()
    raw["steps"][1]["choices"][2]["next"] = "bestaat-niet"
    error = defect(raw)
    assert error.field == "steps[1].choices[2].next"
    assert "'bestaat-niet'" in error.message


def test_duplicate_step_id_is_refused():
    raw = raw_spec()
    raw["steps"][1]["id"] = "a"
    assert defect(raw).field == "steps[1].id"


def test_duplicate_choice_id_across_steps_is_refused():
    raw = raw_spec()
    raw["steps"][1]["choices"][0]["id"] = "a2"
    error = defect(raw)
    assert error.field == "steps[1].choices[0].id" and "'a'" in error.message


def test_unknown_assessment_is_refused_with_the_allowed_values():
    raw = raw_spec()
    raw["steps"][0]["choices"][1]["assessment"] = "goed"
    error = defect(raw)
    assert error.field == "steps[0].choices[1].assessment"
    assert "fits, risky, advised_against" in error.message


def test_missing_assessment_is_refused():
    raw = raw_spec()
    del raw["steps"][1]["choices"][0]["assessment"]
    assert defect(raw).field == "steps[1].choices[0].assessment"


def test_step_without_choices_is_refused():
    raw = raw_spec()
    raw["steps"][1]["choices"] = []
    error = defect(raw)
    assert error.field == "steps[1].choices" and "geen keuzes" in error.message


def test_step_unreachable_from_start_is_refused():
    raw = raw_spec()
    raw["steps"].append({"id": "los", "situation": "S.", "question": "V?", "choices": [choice("l1")]})
    error = defect(raw)
    assert error.field == "steps[2]" and "'los'" in error.message and "niet bereikbaar" in error.message


def test_cycle_without_an_end_is_refused():
    raw = raw_spec()
    # b now only leads back to a, and a's only end is removed: a <-> b forever.
    raw["steps"][0]["choices"] = [choice("a1", "fits", "b")]
    raw["steps"][1]["choices"] = [choice("b1", "fits", "a"), choice("b2", "risky", "b")]
    error = defect(raw)
    assert error.field == "steps[0]"
    assert "vanaf stap 'a' is geen einde bereikbaar" in error.message


def test_cycle_with_an_exit_is_allowed():
    raw = raw_spec()
    raw["steps"][1]["choices"][2]["next"] = "a"  # b3 loops back; b1 and b2 still end
    spec = validate(raw)
    assert spec["steps"][1]["choices"][2]["next"] == "a"


@pytest.mark.parametrize("with_scenario_reflection", [True, False])
def test_every_ending_needs_its_own_reflection(with_scenario_reflection):
    # The scenario's closing thought is no stand-in: each ending explains itself.
    raw = raw_spec()
    if not with_scenario_reflection:
        del raw["reflection"]
    del raw["steps"][1]["choices"][1]["reflection"]
    error = defect(raw)
    assert error.field == "steps[1].choices[1].reflection"
    assert "eigen uitleg" in error.message


def test_choice_reflections_are_enough_without_a_scenario_reflection():
    raw = raw_spec()
    del raw["reflection"]
    assert validate(raw)["reflection"] is None


@pytest.mark.parametrize(("field", "value"), [("shuffle", "ja"), ("perspectief", "burger"), ("perspectief", 3)])
def test_bad_shuffle_or_perspective_is_named(field, value):
    raw = raw_spec()
    raw[field] = value
    assert defect(raw).field == field


@pytest.mark.parametrize("value", ["ambtenaar", "sleutelpersoon"])
def test_known_perspectives_are_kept(value):
    raw = raw_spec()
    raw["perspectief"] = value
    assert validate(raw)["perspectief"] == value


@pytest.mark.parametrize(
    ("path", "field"),
    [
        (("steps", 0, "situation"), "steps[0].situation"),
        (("steps", 1, "question"), "steps[1].question"),
        (("steps", 0, "choices", 0, "label"), "steps[0].choices[0].label"),
        (("steps", 1, "choices", 1, "consequence"), "steps[1].choices[1].consequence"),
        (("steps", 1, "choices", 1, "reasons"), "steps[1].choices[1].reasons"),
        (("title",), "title"),
        (("steps",), "steps"),
    ],
)
def test_missing_field_is_named(path, field):
    raw = raw_spec()
    target = raw
    for key in path[:-1]:
        target = target[key]
    del target[path[-1]]
    assert defect(raw).field == field


@pytest.mark.parametrize(
    ("mutate", "field"),
    [
        (lambda raw: raw.update(steps={"a": 1}), "steps"),
        (lambda raw: raw["steps"].__setitem__(0, "stap"), "steps[0]"),
        (lambda raw: raw["steps"][0].__setitem__("choices", "a1"), "steps[0].choices"),
        (lambda raw: raw["steps"][0]["choices"][0].__setitem__("reasons", "Eén reden."), "steps[0].choices[0].reasons"),
        (lambda raw: raw["steps"][0]["choices"][0]["reasons"].append(""), "steps[0].choices[0].reasons[1]"),
        (lambda raw: raw["steps"][0]["choices"][0].__setitem__("next", 3), "steps[0].choices[0].next"),
        (lambda raw: raw["steps"][0]["choices"][1].__setitem__("reflection", ["x"]), "steps[0].choices[1].reflection"),
        (lambda raw: raw["steps"][1].__setitem__("id", "Stap B"), "steps[1].id"),
        (lambda raw: raw.update(version="een"), "version"),
    ],
)
def test_wrong_type_is_named(mutate, field):
    raw = raw_spec()
    mutate(raw)
    assert defect(raw).field == field


def test_error_from_a_file_names_the_file_and_the_field(tmp_path):
    raw = raw_spec()
    raw["steps"][1]["choices"][2]["next"] = "weg"
    path = tmp_path / "scenario.yaml"
    path.write_text(json.dumps(raw), encoding="utf-8")  # JSON is valid YAML
    with pytest.raises(SpecError) as info:
        load_spec_file(path)
    assert str(path) in str(info.value) and "steps[1].choices[2].next" in str(info.value)


# ---- engine --------------------------------------------------------------------------


@pytest.fixture
def spec() -> dict:
    return validate(raw_spec())


def test_empty_answers_wait_at_the_start(spec):
    answers = scenario.empty_answers(spec)
    assert answers == {"path": []}
    assert scenario.compute(spec, answers) == {
        "steps": [], "current": "a", "current_again": False, "finished": False, "reflection": None, "step_back": False,
        "counts": {"fits": 0, "risky": 0, "advised_against": 0}, "valid": True,
        "order": {"a": ["a1", "a2", "a3"], "b": ["b1", "b2", "b3"]},
    }


def test_a_choice_with_next_moves_to_that_step(spec):
    result = scenario.compute(spec, {"path": ["a1"]})
    assert result["steps"] == [{"step": "a", "choice": "a1", "assessment": "fits", "next": "b", "again": False}]
    assert result["current"] == "b" and not result["finished"] and result["reflection"] is None


def test_an_ending_that_does_not_fit_gives_its_reflection_and_invites_a_step_back(spec):
    result = scenario.compute(spec, {"path": ["a1", "b2"]})
    assert result["finished"] and result["current"] is None
    assert result["reflection"] == "Eigen reflectie bij b2."
    assert result["step_back"] is True
    assert result["counts"] == {"fits": 1, "risky": 0, "advised_against": 1}
    assert result["valid"]


def test_an_ending_that_fits_does_not_invite_a_step_back(spec):
    result = scenario.compute(spec, {"path": ["a1", "b1"]})
    assert result["reflection"] == "Eigen reflectie bij b1." and result["step_back"] is False
    assert scenario.compute(spec, {"path": ["a2"]})["step_back"] is True


# ---- shuffled options ----------------------------------------------------------------


@pytest.fixture
def shuffled_spec() -> dict:
    raw = raw_spec()
    raw["shuffle"] = True
    return validate(raw)


def test_without_shuffle_the_seed_changes_nothing(spec):
    assert scenario.compute(spec, {"path": [], "seed": 12345})["order"] == scenario.compute(spec, {})["order"]


def test_a_seed_gives_a_stable_permutation_of_each_step(shuffled_spec):
    orders = {json.dumps(scenario.compute(shuffled_spec, {"path": [], "seed": seed})["order"]) for seed in range(60)}
    assert len(orders) > 10, "different trainees see different orders"
    for seed in (0, 7, 2**32 - 1):
        first = scenario.compute(shuffled_spec, {"path": [], "seed": seed})["order"]
        assert first == scenario.compute(shuffled_spec, {"path": ["a1"], "seed": float(seed)})["order"]
        assert sorted(first["a"]) == ["a1", "a2", "a3"] and sorted(first["b"]) == ["b1", "b2", "b3"]


@pytest.mark.parametrize("seed", [None, -1, 2**32, 1.5, True, "7"])
def test_an_invalid_seed_keeps_the_written_order(shuffled_spec, seed):
    assert scenario.compute(shuffled_spec, {"path": [], "seed": seed})["order"]["a"] == ["a1", "a2", "a3"]


def test_the_generator_matches_mulberry32_reference_values():
    # Reference values from the JavaScript original (seed 1): guards the bit twiddling.
    from sleutelcursus.exercises.seeded_order import mulberry32

    values = mulberry32(1)
    assert [values() for _ in range(3)] == [2693262067, 11749833, 2265367787]


def test_a_loop_may_be_walked_several_times(spec):
    result = scenario.compute(spec, {"path": ["a3", "a3", "a1", "b3"]})
    assert [s["choice"] for s in result["steps"]] == ["a3", "a3", "a1", "b3"]
    assert [s["step"] for s in result["steps"]] == ["a", "a", "a", "b"]
    assert result["counts"] == {"fits": 1, "risky": 1, "advised_against": 2}
    assert result["finished"] and result["valid"]


def test_a_stale_id_stops_the_walk_and_the_rest_is_ignored(spec):
    result = scenario.compute(spec, {"path": ["a1", "oud", "b1"]})
    assert [s["choice"] for s in result["steps"]] == ["a1"]
    assert result["current"] == "b" and not result["finished"] and not result["valid"]
    assert result["counts"]["fits"] == 1


def test_a_choice_of_another_step_stops_the_walk(spec):
    result = scenario.compute(spec, {"path": ["b1"]})
    assert result["steps"] == [] and result["current"] == "a" and not result["valid"]


def test_choices_after_the_end_are_ignored(spec):
    result = scenario.compute(spec, {"path": ["a2", "a1"]})
    assert len(result["steps"]) == 1 and result["finished"] and not result["valid"]
    assert result["reflection"] == "Eigen reflectie bij a2."


@pytest.mark.parametrize("entry", [1, None, True, ["a1"], {"id": "a1"}])
def test_entries_that_are_not_strings_stop_the_walk(spec, entry):
    result = scenario.compute(spec, {"path": ["a1", entry]})
    assert len(result["steps"]) == 1 and not result["valid"]


@pytest.mark.parametrize("answers", [None, [], ["a1"], "a1", 3, {"path": "a1"}, {"path": None}, {"path": {"0": "a1"}}])
def test_malformed_answers_count_as_an_empty_invalid_path(spec, answers):
    result = scenario.compute(spec, answers)
    assert result["steps"] == [] and result["current"] == "a" and not result["valid"]


def test_unknown_keys_are_ignored_and_a_missing_path_is_empty(spec):
    assert scenario.compute(spec, {"path": ["a1"], "oud": 5})["valid"]
    result = scenario.compute(spec, {"iets": 1})
    assert result["steps"] == [] and result["valid"]


def test_compute_does_not_change_the_answers_and_is_json(spec):
    answers = {"path": ["a3", "a1"]}
    result = scenario.compute(spec, answers)
    assert answers == {"path": ["a3", "a1"]}
    assert json.loads(json.dumps(result)) == result
    assert scenario.compute(spec, answers) == result


def test_a_step_reached_again_is_marked_as_the_same_choice_again(spec):
    result = scenario.compute(spec, {"path": ["a3", "a3", "a1"]})
    assert [entry["again"] for entry in result["steps"]] == [False, True, True]
    assert result["current"] == "b" and not result["current_again"]
    assert scenario.compute(spec, {"path": ["a3"]})["current_again"]
    assert result["counts"] == {"fits": 1, "risky": 0, "advised_against": 2}
