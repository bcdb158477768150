"""The scenario module asks before "Opnieuw beginnen" and keeps the verdict of a choice in view.

Found by a trainee's trial: restarting wiped a finished knowledge check at once, and on
a phone the verdict of the choice just made lay above the screen after "Kies".
"""

from __future__ import annotations

import pytest

from darkmode import dark_mode_violations
from sleutelcursus.exercises.loader import DATA_DIR, load_spec_file

from trainees import assert_clean, axe_violations, choose_scenario_option, focused, tab_until
from webtools import stored_answers

pytestmark = pytest.mark.browser

CHECK = "kennischeck-fase-2-sleutelpersoon"
QUESTION = "Opnieuw beginnen? Je keuzes in deze oefening worden gewist."
PHONE = {"width": 360, "height": 740}
# Where the last step taken shows its verdict, and where the focused element is, on the screen.
PLACES = """() => { const vs = document.querySelectorAll('.sc-scenario-taken .sc-scenario-verdict');
  const v = vs[vs.length - 1].getBoundingClientRect(), f = document.activeElement.getBoundingClientRect();
  return { verdict: [v.top, v.bottom], focus: [f.top, f.bottom], height: innerHeight, scroll: scrollY }; }"""


def national(name: str) -> dict:
    return load_spec_file(DATA_DIR / f"{name}.yaml")


def to_restart(page) -> None:
    tab_until(page, lambda f: f["tag"] == "BUTTON" and f["text"] == "Opnieuw beginnen", key="Shift+Tab")
    page.keyboard.press("Enter")


def answered_check(mounted_exercise, viewport=None):
    """The knowledge check answered to its end by keyboard; the host has stored the path."""
    spec = national(CHECK)
    page, watch = mounted_exercise(spec, viewport=viewport)
    steps = 0
    while not page.is_visible(".sc-scenario-end"):
        choose_scenario_option(page, 0)
        steps += 1
    stored = stored_answers(page, CHECK)
    assert len(stored["path"]) == steps and isinstance(stored["seed"], int)
    return page, watch, stored


def test_restart_asks_first_and_no_or_escape_keep_every_choice(mounted_exercise):
    page, watch, stored = answered_check(mounted_exercise)
    for leave in ["Enter", "Escape"]:
        to_restart(page)
        assert page.text_content(".sc-scenario-confirm p") == QUESTION
        assert page.get_attribute(".sc-scenario-confirm", "role") == "group"
        assert focused(page) == {"tag": "BUTTON", "type": "button", "id": "", "value": None, "text": "Nee, ga terug"}
        # The question is said once, as the label of the group the focus moves into; the
        # live region stays empty (it said it a second time).
        assert page.get_by_role("group", name=QUESTION).count() == 1
        assert page.text_content("#exercise [role=status]") == ""
        assert stored_answers(page, CHECK) == stored  # asking wipes nothing yet
        page.keyboard.press(leave)
        assert focused(page)["text"] == "Opnieuw beginnen"
        assert not page.is_visible(".sc-scenario-confirm")
        assert page.is_visible(".sc-scenario-end") and page.is_enabled("text=Stap terug")
        assert page.text_content("#exercise [role=status]") == "Je keuzes blijven staan."
        assert stored_answers(page, CHECK) == stored
    assert_clean(watch)


def test_yes_restarts_and_empties_the_stored_path(mounted_exercise):
    page, watch, stored = answered_check(mounted_exercise)
    to_restart(page)
    tab_until(page, lambda f: f["text"] == "Ja, begin opnieuw")
    page.keyboard.press("Enter")
    assert stored_answers(page, CHECK) == {"path": [], "seed": stored["seed"]}
    assert focused(page)["text"].startswith("Stap 1")
    assert page.text_content("#exercise [role=status]") == "Je begint opnieuw bij de eerste situatie."
    # With nothing chosen there is nothing to restart: the button cannot be pressed.
    assert page.is_disabled("text=Opnieuw beginnen")
    assert_clean(watch)


def test_the_question_has_no_axe_violations_in_light_and_dark_mode(mounted_exercise):
    page, watch, _ = answered_check(mounted_exercise, viewport=PHONE)
    to_restart(page)
    assert page.is_visible(".sc-scenario-confirm")
    assert axe_violations(page) == [] and dark_mode_violations(page) == {}
    assert page.evaluate("document.documentElement.scrollWidth") <= PHONE["width"]
    assert_clean(watch)


def test_on_a_phone_the_verdict_of_a_choice_stays_in_view_while_focus_goes_to_the_next_step(mounted_exercise):
    page, watch = mounted_exercise(national("voorzitter-kiezen"), viewport=PHONE)
    for index, heading in [(3, "Stap 2: Twee jaar later: een zelfstandig netwerk"), (0, "Einde van dit pad")]:
        choose_scenario_option(page, index)
        assert focused(page)["text"] == heading
        places = page.evaluate(PLACES)
        assert 0 <= places["verdict"][0] and places["verdict"][1] <= places["height"], places
    # Keyboard flow goes on from the heading: the next Tab reaches the controls below it.
    tab_until(page, lambda f: f["text"] == "Stap terug", limit=3)
    assert_clean(watch)


def test_on_a_wide_screen_the_verdict_and_the_next_heading_are_both_in_view(mounted_exercise):
    page, watch = mounted_exercise(national("voorzitter-kiezen"))
    choose_scenario_option(page, 3)
    places = page.evaluate(PLACES)
    assert 0 <= places["verdict"][0] and places["focus"][1] <= places["height"], places
    assert_clean(watch)
