"""The composition's summary bar counts the warnings the trainee can read, no more, no less."""

from __future__ import annotations

import re

import pytest

from sleutelcursus.exercises import composition
from sleutelcursus.exercises.loader import DATA_DIR, load_spec_file
from trainees import assert_clean, axe_violations

pytestmark = pytest.mark.browser

BALANCED = ["k02", "k08", "k13", "k21", "k23", "k26", "k27", "k33", "k39", "k41"]
RISKY_MIX = ["k03", "k09", "k15", "k17", "k22", "k24", "k29", "k31", "k35", "k38", "k40", "k41", "k07"]
WARNINGS = ".sc-comp-section:has(> h5:text-matches('^Waarschuwingen')) li"


@pytest.fixture(scope="module")
def spec():
    return load_spec_file(DATA_DIR / "netwerk-samenstellen.yaml")


def bar_count(page) -> int:
    text = page.text_content(".sc-comp-bar .sc-comp-warnings")
    if text == "Geen waarschuwingen.":
        return 0
    found = re.fullmatch(r"(\d+) waarschuwing(?:en)?\.", text)
    assert found, text
    return int(found.group(1))


@pytest.mark.parametrize("selected", [[], ["k03"], RISKY_MIX[:5], RISKY_MIX, BALANCED], ids=["leeg", "een", "vijf", "risico", "balans"])
def test_every_warning_the_bar_counts_is_listed_in_words(mounted_exercise, spec, selected):
    page, watch = mounted_exercise(spec, answers={"selected": selected})
    result = composition.compute(spec, {"selected": selected})
    shown = [line.strip() for line in page.locator(WARNINGS).all_text_contents()]
    assert bar_count(page) == len(result["warnings"]) == len(shown)
    heading = page.locator(".sc-comp-section h5").filter(has_text="Waarschuwingen").text_content()
    assert heading == f"Waarschuwingen ({len(shown)})"
    section = page.locator(".sc-comp-section", has=page.locator(f"h5:text-is('{heading}')")).inner_text()
    if shown:
        assert all(line.startswith("! ") and line.endswith(".") for line in shown)
        # Nothing in the exercise says there are none while the bar counts some.
        assert "Geen waarschuwingen" not in page.text_content(".sc-composition")
    else:
        assert "Geen waarschuwingen." in section
    if "risks" in result["warnings"]:
        names = {c["id"]: c["naam"] for c in spec["candidates"]}
        risky = {names[r["candidate"]] for r in result["risks"]}
        assert all(name in shown[0] for name in risky)
    assert axe_violations(page, ".sc-composition") == []
    assert_clean(watch)


def test_the_list_follows_the_ticks(mounted_exercise, spec):
    page, watch = mounted_exercise(spec, answers={"selected": BALANCED})
    assert bar_count(page) == 0
    page.locator(".sc-comp-list input[value=k03]").check()
    result = composition.compute(spec, {"selected": sorted(BALANCED + ["k03"], key=[c["id"] for c in spec["candidates"]].index)})
    assert bar_count(page) == len(result["warnings"]) == page.locator(WARNINGS).count() >= 1
    assert_clean(watch)
