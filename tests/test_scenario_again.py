"""A choice that leads back to a step already passed: the same choice again, never a new situation.

Found in a trainee's trial: "Facilitator/stimulator" at the start of rol-gemeente leads
back to the start; picked again and again it showed "Stap 2: De start", "Stap 3: De
start", ... and the status said "Lees de volgende situatie."
"""

from __future__ import annotations

import base64
import json

import pytest

from sleutelcursus.exercises import scenario
from sleutelcursus.exercises.loader import DATA_DIR, load_spec_file
from sleutelcursus.exercises.single_module import local_imports, single_module

from trainees import assert_clean, axe_violations, choose_scenario_option, focused

pytestmark = pytest.mark.browser

LOOPING = 2  # "Facilitator/stimulator ...", next: startfase
GOING_ON = 0  # "Regisseur ...", next: meer-eigenaarschap
STATUS = "#exercise [role=status]"


def rol_gemeente() -> dict:
    return load_spec_file(DATA_DIR / "rol-gemeente.yaml")


def headings(page) -> list[str]:
    return page.eval_on_selector_all("#exercise h4", "hs => hs.map(h => h.textContent.trim())")


def test_the_looping_choice_three_times_shows_the_same_choice_again(mounted_exercise):
    spec = rol_gemeente()
    page, watch = mounted_exercise(spec)
    assert spec["steps"][0]["choices"][LOOPING]["next"] == spec["start"]
    assert not page.is_visible(".sc-scenario-again")

    for times in (1, 2, 3):
        choose_scenario_option(page, LOOPING)
        assert page.evaluate("window.__model.get('answers')") == {"path": ["start-facilitator"] * times}
        # Focus on the step to choose at, headed as a repeat; every earlier pass, too.
        heading = focused(page)
        assert heading["tag"] == "H4" and heading["text"] == f"Stap {times + 1}: De start (opnieuw)"
        assert headings(page) == ["Stap 1: De start"] + [f"Stap {n}: De start (opnieuw)" for n in range(2, times + 2)]
        status = page.text_content(STATUS)
        assert "Risicovol" in status and "Je staat weer voor dezelfde keuze" in status
        assert "volgende situatie" not in status
        assert page.text_content(".sc-scenario-current .sc-scenario-again").startswith("Je keuze bracht je terug")
        # The earlier passes say they were the same choice instead of repeating the situation.
        assert page.locator(".sc-scenario-taken .sc-scenario-again").count() == times - 1

    choose_scenario_option(page, GOING_ON)
    assert focused(page)["text"] == "Stap 5: Het netwerk wil meer zelf doen"
    assert page.text_content(STATUS).endswith("Lees de volgende situatie.")
    assert not page.is_visible(".sc-scenario-current .sc-scenario-again")
    result = scenario.compute(spec, page.evaluate("window.__model.get('answers')"))
    assert [entry["again"] for entry in result["steps"]] == [False, True, True, True]
    assert result["counts"] == {"fits": 1, "risky": 3, "advised_against": 0}
    assert axe_violations(page, "#exercise") == []
    assert_clean(watch)


def test_stored_answers_with_a_loop_open_as_repeats(mounted_exercise):
    # Answers saved before this change are the same plain path: they load as they were.
    page, watch = mounted_exercise(rol_gemeente(), answers={"path": ["start-facilitator", "start-facilitator"]})
    assert headings(page) == ["Stap 1: De start", "Stap 2: De start (opnieuw)", "Stap 3: De start (opnieuw)"]
    assert_clean(watch)


def test_jupyter_gets_the_scenario_as_one_module_that_walks_as_python_does(mounted_exercise):
    # anywidget runs the widget's module from a blob: URL, the workshop export from a
    # data: URL: neither has a folder for "./scenariowalk.js", so it comes inline.
    assert local_imports("scenario") == ["scenariowalk"]
    text = single_module("scenario")
    assert "./scenariowalk.js" not in text
    spec = rol_gemeente()
    answers = {"path": ["start-facilitator", "start-facilitator", "start-regisseur"]}
    page, watch = mounted_exercise(spec)
    url = "data:text/javascript;base64," + base64.b64encode(text.encode("utf-8")).decode("ascii")
    shown = page.evaluate(
        """async ([url, spec, answers]) => {
             const module = await import(url);
             const el = document.createElement("div");
             document.body.append(el);
             const model = { get: (k) => ({ exercise_id: "jupyter", spec, answers })[k], set() {}, save_changes() {},
                             on() {}, off() {} };
             module.default.render({ model, el });
             return { result: module.compute(spec, answers), headings: [...el.querySelectorAll("h4")].map((h) => h.textContent) };
           }""",
        [url, spec, answers],
    )
    assert json.loads(json.dumps(shown["result"])) == scenario.compute(spec, answers)
    assert shown["headings"] == [
        "Stap 1: De start", "Stap 2: De start (opnieuw)", "Stap 3: De start (opnieuw)", "Stap 4: Het netwerk wil meer zelf doen",
    ]
    assert_clean(watch)
