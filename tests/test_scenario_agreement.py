"""The browser module's compute agrees with the Python engine on generated answers."""

from __future__ import annotations

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from scenario_cases import complete_paths, raw_spec
from sleutelcursus.exercises import scenario
from sleutelcursus.exercises.loader import DATA_DIR, load_spec_file
from webtools import normalise

pytestmark = pytest.mark.browser

SPECS = {
    name: load_spec_file(DATA_DIR / f"{name}.yaml")
    for name in ("voorzitter-kiezen", "voorzitter-kiezen-sleutelpersoon", "rol-gemeente", "werving",
                 "kennischeck-fase-1", "kennischeck-fase-3-sleutelpersoon")
}
SPECS["proef"] = scenario.validate(raw_spec(), "proef", None)
SPECS["proef-geschud"] = scenario.validate({**raw_spec(), "shuffle": True}, "proef-geschud", None)


def walk(spec: dict, picks: list[int]) -> list[str]:
    """A valid path: at each step take choice ``pick % n``; stop early at an end."""
    steps = {step["id"]: step for step in spec["steps"]}
    current, path = spec["start"], []
    for pick in picks:
        if current is None:
            break
        options = steps[current]["choices"]
        chosen = options[pick % len(options)]
        path.append(chosen["id"])
        current = chosen["next"]
    return path


def answers_for(spec: dict):
    ids = [c["id"] for step in spec["steps"] for c in step["choices"]]
    noise = st.one_of(
        st.sampled_from(ids),  # a real id, usually of the wrong step
        st.text(max_size=6),
        st.integers(min_value=-1000, max_value=1000),
        st.none(),
        st.booleans(),
        st.lists(st.sampled_from(ids), max_size=2),
    )
    picks = st.lists(st.integers(min_value=0, max_value=9), max_size=10)
    # A valid walk (often partial), optionally with stale entries spliced in.
    path = st.builds(
        lambda ps, junk, at: (lambda p: p[:at] + junk + p[at:])(walk(spec, ps)),
        picks,
        st.lists(noise, max_size=3),
        st.integers(min_value=0, max_value=10),
    )
    seed = st.one_of(
        st.integers(min_value=0, max_value=2**32 - 1),
        st.sampled_from([-1, 2**32, 1.5, True, "7", None, 3.0]),
    )
    return st.one_of(
        path.map(lambda p: {"path": p}),
        st.builds(lambda p, s: {"path": p, "seed": s}, path, seed),
        path.map(lambda p: {"path": p, "oud": {"x": 1}}),
        st.just({}),
        st.none(),
        st.lists(st.sampled_from(ids), max_size=3),
        st.fixed_dictionaries({"path": st.one_of(st.text(max_size=4), st.integers(0, 9), st.none(),
                                                 st.dictionaries(st.text(max_size=3), st.integers(0, 9), max_size=2))}),
    )


def check(js_compute, name: str, answers) -> None:
    spec = normalise(SPECS[name])
    expected = normalise(scenario.compute(spec, answers))
    [actual] = js_compute("scenario", spec, [answers])
    assert actual == expected, answers


SETTINGS = settings(max_examples=60, derandomize=True, deadline=None,
                    suppress_health_check=[HealthCheck.function_scoped_fixture])


@SETTINGS
@given(answers=answers_for(SPECS["voorzitter-kiezen"]))
def test_chair_scenario_browser_and_python_agree(js_compute, answers):
    check(js_compute, "voorzitter-kiezen", answers)


@SETTINGS
@given(answers=answers_for(SPECS["rol-gemeente"]))
def test_role_scenario_browser_and_python_agree(js_compute, answers):
    check(js_compute, "rol-gemeente", answers)


@SETTINGS
@given(answers=answers_for(SPECS["werving"]))
def test_recruitment_scenario_browser_and_python_agree(js_compute, answers):
    check(js_compute, "werving", answers)


@SETTINGS
@given(answers=answers_for(SPECS["proef"]))
def test_loop_and_choice_reflections_agree(js_compute, answers):
    check(js_compute, "proef", answers)


@SETTINGS
@given(answers=answers_for(SPECS["proef-geschud"]))
def test_shuffled_order_agrees(js_compute, answers):
    check(js_compute, "proef-geschud", answers)


def test_every_complete_path_of_every_instance_agrees(js_compute):
    for name, spec in SPECS.items():
        sets = [{"path": path, "seed": 977 * index} for index, path in enumerate(complete_paths(spec))]
        expected = [normalise(scenario.compute(spec, answers)) for answers in sets]
        assert js_compute("scenario", normalise(spec), sets) == expected, name
        assert all(result["finished"] for result in expected)
