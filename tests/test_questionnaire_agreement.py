"""The browser's questionnaire engine returns exactly what the Python engine returns."""

from __future__ import annotations

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from sleutelcursus.exercises import questionnaire
from sleutelcursus.exercises.loader import DATA_DIR, load_spec_file
from webtools import normalise

pytestmark = pytest.mark.browser

SETTINGS = settings(
    max_examples=60,
    derandomize=True,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture],
)
STALE_IDS = ["oud-1", "r99", "z00", "constructor", "toString"]


def answer_sets(spec: dict):
    """Answers as a browser may hold them: partial, complete, stale or damaged."""
    low, high = spec["scale"]["min"], spec["scale"]["max"]
    ids = [s["id"] for s in spec["statements"]]
    on_scale = st.integers(low, high)
    junk = st.one_of(
        st.integers(low - 3, high + 3),
        st.sampled_from([float(low), float(high), low + 0.5, -0.0]),
        st.floats(allow_nan=False, allow_infinity=False, width=32),
        st.text(max_size=3),
        st.booleans(),
        st.none(),
    )
    partial = st.dictionaries(st.sampled_from(ids), on_scale)
    # The edge cases of issue 12: everything at the lowest step, or at one step (ties).
    lowest = st.just({i: low for i in ids})
    flat = on_scale.map(lambda v: {i: v for i in ids})
    complete = st.fixed_dictionaries({i: on_scale for i in ids})
    stale = st.dictionaries(st.sampled_from(ids + STALE_IDS), st.one_of(on_scale, junk))
    return st.one_of(partial, complete, stale, lowest, flat, st.sampled_from([None, [], "kapot", 3]))


def assert_agree(js_compute, spec: dict, answers) -> None:
    [browser] = js_compute("questionnaire", spec, [answers])
    assert browser == normalise(questionnaire.compute(spec, answers))


@pytest.fixture(scope="module", params=["rolscan", "zelfscan-ambtenaar"])
def national(request) -> dict:
    return load_spec_file(DATA_DIR / f"{request.param}.yaml")


@SETTINGS
@given(data=st.data())
def test_browser_and_python_agree_on_national_scans(js_compute, national, data):
    assert_agree(js_compute, national, data.draw(answer_sets(national)))


@st.composite
def specs(draw) -> dict:
    """Small valid specs with odd scales and fractional weights: the float paths."""
    low = draw(st.integers(-3, 3))
    high = low + draw(st.integers(1, 6))
    dims = [f"d{i}" for i in range(draw(st.integers(1, 4)))]
    weight = st.one_of(st.integers(1, 5), st.floats(0.01, 10, allow_nan=False).map(lambda w: round(w, 3)))
    statements = []
    for index in range(draw(st.integers(len(dims), 8))):
        # The first statements cover every dimension once, so the spec is valid.
        chosen = draw(st.sets(st.sampled_from(dims), min_size=1, max_size=len(dims)))
        if index < len(dims):
            chosen = chosen | {dims[index]}
        statements.append({
            "id": f"s{index}",
            "text": f"Stelling {index}",
            "weights": {d: draw(weight) for d in sorted(chosen)},
            "reverse": draw(st.booleans()),
        })
    raw = {
        "id": "proef",
        "title": "Proef",
        "scale": {"min": low, "max": high, "labels": [f"Stap {v}" for v in range(low, high + 1)]},
        "dimensions": [{"id": d, "label": d.upper(), "explanation": "Uitleg."} for d in dims],
        "statements": statements,
    }
    return questionnaire.validate(raw, "<hypothesis>", None)


@SETTINGS
@given(data=st.data())
def test_browser_and_python_agree_on_generated_specs(js_compute, data):
    spec = data.draw(specs())
    assert_agree(js_compute, spec, data.draw(answer_sets(spec)))


def test_issue_12_cases_agree_on_both_national_scans(js_compute, national):
    """One answer, all lowest, all equal (a tie) and a complete set, named one by one."""
    low, high = national["scale"]["min"], national["scale"]["max"]
    ids = [s["id"] for s in national["statements"]]
    cases = [
        {ids[0]: low},
        {i: low for i in ids},
        {i: 3 for i in ids},
        {i: (high if n % 3 else low) for n, i in enumerate(ids)},
    ]
    browser = js_compute("questionnaire", national, cases)
    assert browser == [normalise(questionnaire.compute(national, answers)) for answers in cases]
    one, lowest, tie, full = browser
    assert one["strongest"] == [] and one["remaining"] > 0
    assert lowest["all_lowest"] and lowest["strongest"] == []
    assert len(tie["strongest"]) == len(national["dimensions"]) and tie["grow"] == []
    assert full["ready"] and full["strongest"] and full["grow"]
