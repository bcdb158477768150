"""The browser module's compute agrees with the Python engine on generated answers."""

from __future__ import annotations

import copy

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from composition_cases import SPECS
from sleutelcursus.exercises import composition
from webtools import normalise

pytestmark = pytest.mark.browser

def answers_for(spec: dict):
    ids = [c["id"] for c in spec["candidates"]]
    noise = st.one_of(
        st.text(max_size=5),
        st.integers(min_value=-1000, max_value=1000),
        st.none(),
        st.booleans(),
        st.lists(st.sampled_from(ids), max_size=2),
        st.dictionaries(st.sampled_from(ids), st.booleans(), max_size=1),
    )
    subsets = st.integers(min_value=0, max_value=len(ids)).flatmap(
        lambda k: st.permutations(ids).map(lambda order: list(order[:k]))
    )
    with_duplicates = st.lists(st.sampled_from(ids), max_size=len(ids) + 5)
    # A selection of any size, with stale or malformed entries spliced in.
    selected = st.builds(
        lambda chosen, junk, at: chosen[:at] + junk + chosen[at:],
        st.one_of(subsets, with_duplicates),
        st.lists(noise, max_size=3),
        st.integers(min_value=0, max_value=len(ids)),
    )
    return st.one_of(
        selected.map(lambda s: {"selected": s}),
        selected.map(lambda s: {"selected": s, "oud": {"versie": 0}}),
        st.just({}),
        st.none(),
        st.lists(st.sampled_from(ids), max_size=3),
        st.fixed_dictionaries({"selected": st.one_of(st.text(max_size=4), st.integers(0, 9), st.none(),
                                                     st.dictionaries(st.sampled_from(ids), st.booleans(), max_size=2))}),
    )


def check(js_compute, name: str, answers) -> None:
    spec = normalise(SPECS[name])
    expected = normalise(composition.compute(spec, answers))
    [actual] = js_compute("composition", spec, [answers])
    assert actual == expected, answers


SETTINGS = settings(max_examples=60, derandomize=True, deadline=None,
                    suppress_health_check=[HealthCheck.function_scoped_fixture])


@SETTINGS
@given(answers=answers_for(SPECS["netwerk-samenstellen"]))
def test_national_network_browser_and_python_agree(js_compute, answers):
    check(js_compute, "netwerk-samenstellen", answers)


@SETTINGS
@given(answers=answers_for(SPECS["dalburg-streng"]))
def test_strict_variant_with_core_groups_browser_and_python_agree(js_compute, answers):
    check(js_compute, "dalburg-streng", answers)


@SETTINGS
@given(answers=answers_for(SPECS["duinstad-netwerk"]))
def test_municipal_spec_browser_and_python_agree(js_compute, answers):
    check(js_compute, "duinstad-netwerk", answers)


@SETTINGS
@given(answers=answers_for(SPECS["proef"]))
def test_small_spec_with_extreme_targets_browser_and_python_agree(js_compute, answers):
    check(js_compute, "proef", answers)


def test_every_single_candidate_and_the_whole_pool_agree(js_compute):
    for name, spec in SPECS.items():
        ids = [c["id"] for c in spec["candidates"]]
        sets = [{"selected": [cid]} for cid in ids] + [{"selected": ids}, {"selected": ids[::-1][:15]}]
        expected = [normalise(composition.compute(spec, answers)) for answers in sets]
        assert js_compute("composition", normalise(spec), sets) == expected, name
        assert any(result["size"]["core_group"] for result in expected), name


def thousand(spec: dict) -> dict:
    big = copy.deepcopy(spec)
    big["candidates"] = [dict(spec["candidates"][i % len(spec["candidates"])], id=f"c{i:04d}") for i in range(1000)]
    return big


def test_large_pool_agrees(js_compute):
    big = thousand(SPECS["netwerk-samenstellen"])
    ids = [c["id"] for c in big["candidates"]]
    sets = [{"selected": ids[::2]}, {"selected": ids[::7]}, {"selected": ids}]
    assert js_compute("composition", big, sets) == [normalise(composition.compute(big, a)) for a in sets]

