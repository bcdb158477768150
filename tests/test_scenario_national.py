"""Scenario: the national instances (chair, role of the municipality, recruitment)."""

from __future__ import annotations

import pytest

from guidecopy import copied_from_guide
from prose import reading_ease
from scenario_cases import complete_paths
from sleutelcursus.exercises import scenario
from sleutelcursus.exercises.loader import DATA_DIR, load_spec_file

NATIONAL = ["voorzitter-kiezen", "voorzitter-kiezen-sleutelpersoon", "rol-gemeente", "werving"]


@pytest.fixture(params=NATIONAL)
def national(request) -> dict:
    return load_spec_file(DATA_DIR / f"{request.param}.yaml")


def test_national_scenario_every_path_ends_with_a_reflection(national):
    paths = complete_paths(national)
    assert len(paths) >= 5
    for path in paths:
        result = scenario.compute(national, {"path": path})
        assert result["finished"] and result["valid"], path
        assert result["reflection"] and len(result["reflection"]) > 80
        assert sum(result["counts"].values()) == len(path)


def test_national_scenario_has_two_or_three_situations_with_a_good_choice_each(national):
    assert 2 <= len(national["steps"]) <= 3
    for step in national["steps"]:
        assessments = [c["assessment"] for c in step["choices"]]
        assert "fits" in assessments and len(set(assessments)) >= 2, step["id"]
        assert all(len(c["reasons"]) >= 2 for c in step["choices"]), step["id"]
    assert national["source"].startswith("Handreiking sleutelpersonennetwerk, fase ")


def test_national_scenario_branches_from_the_first_situation(national):
    first = national["steps"][0]
    assert len({c["next"] for c in first["choices"]}) >= 2


def national_texts(spec: dict) -> list[str]:
    texts = [spec["title"], spec["intro"], spec["reflection"]]
    for step in spec["steps"]:
        texts += [step["title"], step["situation"], step["question"]]
        for option in step["choices"]:
            texts += [option["label"], option["consequence"], *option["reasons"]]
            texts += [option["reflection"]] if option["reflection"] else []
    return texts


def test_national_scenario_is_written_in_own_words(national):
    assert copied_from_guide(national_texts(national)) == []


def test_national_scenario_reads_easily(national):
    # Flesch-Douma: the course aims at a median of 60 or more per page.
    assert reading_ease(national_texts(national)) >= 65


CHAIRS = ("ambtenaar", "netwerk-kiest", "aangewezen", "extern", "rouleren")


def test_chair_scenario_offers_the_five_options_and_the_best_fit_differs_per_situation():
    spec = load_spec_file(DATA_DIR / "voorzitter-kiezen.yaml")
    fitting = {}
    for step in spec["steps"]:
        kinds = {c["id"].split("-", 1)[1]: c["assessment"] for c in step["choices"]}
        assert set(kinds) == set(CHAIRS), step["id"]
        fitting[step["id"]] = {kind for kind, assessment in kinds.items() if assessment == "fits"}
    assert fitting["nieuw-netwerk"] == {"extern"}
    assert fitting["na-conflict"] == {"extern"}
    assert fitting["volwassen-netwerk"] == {"netwerk-kiest", "rouleren"}


def test_chair_scenario_a_poor_first_choice_leads_to_the_conflict():
    spec = load_spec_file(DATA_DIR / "voorzitter-kiezen.yaml")
    poor = scenario.compute(spec, {"path": ["nieuw-ambtenaar"]})
    good = scenario.compute(spec, {"path": ["nieuw-extern"]})
    assert poor["current"] == "na-conflict" and good["current"] == "volwassen-netwerk"
    recovered = scenario.compute(spec, {"path": ["nieuw-ambtenaar", "conflict-extern", "volwassen-rouleren"]})
    assert recovered["finished"] and recovered["counts"] == {"fits": 2, "risky": 0, "advised_against": 1}


def test_role_scenario_names_the_three_roles_and_lets_a_weak_start_loop_back():
    spec = load_spec_file(DATA_DIR / "rol-gemeente.yaml")
    labels = " ".join(c["label"] for step in spec["steps"] for c in step["choices"])
    for role in ("Regisseur", "Facilitator/stimulator", "Participant"):
        assert role in labels
    result = scenario.compute(spec, {"path": ["start-facilitator", "start-facilitator", "start-regisseur"]})
    assert result["current"] == "meer-eigenaarschap" and result["counts"]["risky"] == 2


def test_recruitment_scenario_weighs_own_recruitment_against_an_external_organisation():
    spec = load_spec_file(DATA_DIR / "werving.yaml")
    by_id = {c["id"]: c for step in spec["steps"] for c in step["choices"]}
    assert by_id["vertrouwen-partners"]["assessment"] == "fits"
    assert by_id["ervaring-extern-gesprekken"]["assessment"] == "fits"
    assert by_id["partners-extern"]["assessment"] == "advised_against"
    # An external bureau brings experience, so that path skips the 'no experience' step.
    assert by_id["vertrouwen-extern"]["next"] == "sterke-partners"


@pytest.mark.parametrize("path", sorted(DATA_DIR.glob("kennischeck-fase-*.yaml")), ids=lambda p: p.name)
def test_knowledge_checks_in_scenario_format_validate(path):
    spec = load_spec_file(path)
    assert spec["type"] == "scenario"
    assert complete_paths(spec), "geen enkel pad bereikt een einde"
