"""The composition module in a browser: keyboard use, feedback, outside changes, a11y, small screens."""

from __future__ import annotations

import copy

import pytest

from sleutelcursus.exercises import composition
from sleutelcursus.exercises.loader import DATA_DIR, load_spec_file
from composition_cases import small

from trainees import assert_clean, axe_violations, focused, tab_until

pytestmark = pytest.mark.browser

RISKY_MIX = ["k03", "k09", "k15", "k17", "k22", "k24", "k29", "k31", "k35", "k38", "k40", "k41", "k07",
             "k10", "k12", "k18", "k27", "k33"]


@pytest.fixture(scope="module")
def spec():
    return load_spec_file(DATA_DIR / "netwerk-samenstellen.yaml")


def answers(page):
    return page.evaluate("window.__model.get('answers')")


def texts(page, selector: str) -> list[str]:
    return page.eval_on_selector_all(selector, "es => es.map(e => e.textContent.trim())")


def visible_candidates(page) -> list[str]:
    return page.eval_on_selector_all(".sc-comp-list > li:not([hidden]) input", "is => is.map(i => i.value)")


def checked(page) -> list[str]:
    return page.eval_on_selector_all(".sc-comp-list input:checked", "is => is.map(i => i.value)")


def assert_shows(page, spec: dict, selected: list[str]) -> dict:
    """The panel shows what the Python engine computes for ``selected``."""
    result = composition.compute(spec, {"selected": selected})
    assert page.text_content(".sc-comp-score").strip() == f"Score: {result['score']} van 100."
    # The bar shows it at once; the live region says it later (tests/test_composition_summary.py).
    assert page.text_content(".sc-comp-headline") == result["headline"]
    assert texts(page, ".sc-comp-advice li") == result["advice"]
    assert texts(page, ".sc-comp-explanation li") == result["explanation"]
    for pair_spec, shown, pair in zip(spec["pairs"], texts(page, ".sc-comp-pair"), result["pairs"]):
        one, two = pair_spec["sides"]
        assert f"{one['label']}: {pair['counts'][0]}, {two['label']}: {pair['counts'][1]}." in shown
        assert f"Doel: {pair['target']}%" in shown
    assert sorted(checked(page)) == sorted(selected)
    return result


def test_composing_by_keyboard_with_filters_shows_the_engines_feedback(mounted_exercise, spec):
    page, watch = mounted_exercise(spec)
    assert page.eval_on_selector("#exercise .sc-exercise.sc-composition > :first-child", "e => e.tagName") == "H3"
    assert len(visible_candidates(page)) == 42

    tab_until(page, lambda f: f["tag"] == "SELECT" and f["id"].endswith("-wijk"))
    page.keyboard.press("End")
    assert focused(page)["value"] == "Kerkdorp"
    assert visible_candidates(page) == ["k40", "k41", "k42"]
    for expected in ["k40", "k41", "k42"]:
        assert tab_until(page, lambda f: f["type"] == "checkbox")["value"] == expected
        page.keyboard.press("Space")
    assert answers(page) == {"selected": ["k40", "k41", "k42"]}
    result = assert_shows(page, spec, ["k40", "k41", "k42"])
    assert result["size"]["band"] == "te klein"
    assert "Pieter-Jan Wolters" in page.text_content(".sc-comp-feedback")

    tab_until(page, lambda f: f["tag"] == "SELECT" and f["id"].endswith("-wijk"), key="Shift+Tab")
    page.keyboard.press("Home")
    page.keyboard.press("Tab")
    assert focused(page)["id"].endswith("-rol")
    for _ in range(4):
        page.keyboard.press("ArrowDown")
    assert focused(page)["value"] == "luis"
    luizen = [c["id"] for c in spec["candidates"] if "luis" in c["rollen"]]
    assert visible_candidates(page) == luizen
    tab_until(page, lambda f: f["type"] == "checkbox")
    page.keyboard.press("Space")
    page.keyboard.press("Tab")
    page.keyboard.press("Space")
    page.keyboard.press("Space")  # toggled off again
    assert answers(page) == {"selected": [luizen[0], "k40", "k41", "k42"]}
    assert_shows(page, spec, [luizen[0], "k40", "k41", "k42"])
    assert "4 gekozen" in page.text_content(".sc-comp-count")
    assert_clean(watch)


def test_the_score_is_explained_under_a_heading_with_the_source_of_the_targets(mounted_exercise, spec):
    page, watch = mounted_exercise(spec, answers={"selected": RISKY_MIX})
    heading = page.locator("h5", has_text="Hoe komt je score tot stand?")
    assert heading.count() == 1
    section = page.locator(".sc-comp-section", has=heading)
    assert section.count() == 1
    score = composition.compute(spec, {"selected": RISKY_MIX})["score"]
    assert section.locator(".sc-comp-explanation li").last.text_content() == f"Je score: {score} van 100."
    assert section.locator(".sc-comp-note").text_content() == spec["messages"]["targets_note"]
    # The headline changes in the live region, after a quiet second, when the most serious problem changes.
    page.clock.install()
    page.evaluate("window.__model.set('answers', { selected: ['k02', 'k08', 'k13', 'k21', 'k23', 'k26', 'k27', "
                  "'k33', 'k39', 'k41'] })")
    page.clock.run_for(1100)
    live = page.text_content("[aria-live=polite]")
    assert "Score: 100 van 100." in live and "in balans" in live
    assert_clean(watch)


def test_risk_notes_are_marked_in_words(mounted_exercise, spec):
    page, watch = mounted_exercise(spec)
    notes = texts(page, ".sc-comp-risk")
    assert len(notes) == sum(1 for c in spec["candidates"] for k in spec["risk_kinds"] if c[k["column"]])
    assert all(note.startswith("Let op: ") for note in notes)
    described = page.eval_on_selector(
        "#exercise input[value=k34]", "i => document.getElementById(i.getAttribute('aria-describedby')).textContent")
    assert "zorginstelling" in described and described.count("Let op:") == 2
    assert_clean(watch)


def test_answers_set_from_outside_are_rendered(mounted_exercise, spec):
    page, watch = mounted_exercise(spec)
    page.evaluate("(selected) => window.__model.set('answers', { selected, oud: 1 })", RISKY_MIX + ["weg"])
    result = assert_shows(page, spec, RISKY_MIX)
    core = result["size"]["core_group"]
    names = {c["id"]: c["naam"] for c in spec["candidates"]}
    assert core and texts(page, ".sc-comp-section:has(> h5:text-matches('Grootte')) li") == [names[i] for i in core["members"]]
    assert len(texts(page, ".sc-comp-section:has(> h5:text-is('Mogelijke stoorzenders')) li")) == len(result["risks"])

    page.evaluate("window.__model.set('answers', { selected: [] })")
    assert checked(page) == []
    assert texts(page, ".sc-comp-advice li") == [spec["messages"]["empty"]]
    assert_clean(watch)


def test_stored_answers_are_shown_when_the_exercise_opens(mounted_exercise, spec):
    page, watch = mounted_exercise(spec, answers={"selected": ["k09", "k02", "k09", 3]})
    assert_shows(page, spec, ["k02", "k09"])
    assert_clean(watch)


def test_no_axe_violations_empty_filtered_and_full(mounted_exercise, spec):
    page, watch = mounted_exercise(spec)
    assert axe_violations(page) == []
    page.select_option("select[id$=-rol]", "doener")
    page.evaluate("(selected) => window.__model.set('answers', { selected })", RISKY_MIX)
    assert axe_violations(page) == []
    page.evaluate("(selected) => window.__model.set('answers', { selected })", [c["id"] for c in spec["candidates"]])
    assert axe_violations(page) == []
    assert_clean(watch)


@pytest.mark.parametrize("selected", [[], RISKY_MIX])
def test_fits_a_360_pixel_wide_screen(mounted_exercise, spec, selected):
    page, watch = mounted_exercise(spec, answers={"selected": selected}, viewport={"width": 360, "height": 740})
    assert page.evaluate("document.documentElement.scrollWidth") <= 360
    # Stacked: the feedback comes below the list, not beside it.
    pool, feedback = (page.eval_on_selector(s, "e => e.getBoundingClientRect().toJSON()")
                      for s in (".sc-comp-pool", ".sc-comp-feedback"))
    assert feedback["top"] >= pool["bottom"] - 1
    assert_clean(watch)


def test_two_exercises_on_one_page_keep_their_ids_apart(mounted_exercise, spec):
    other = small(id="proef-twee")
    page, watch = mounted_exercise(spec, more=[other])
    ids = page.eval_on_selector_all("[id]", "es => es.map(e => e.id)")
    assert len(ids) == len(set(ids))
    assert page.eval_on_selector_all(".sc-composition label", "ls => ls.every(l => l.control)")
    assert page.eval_on_selector_all(".sc-composition [aria-describedby]",
                                     "es => es.every(e => document.getElementById(e.getAttribute('aria-describedby')))")
    assert_clean(watch)


def test_repeated_clicks_on_a_thousand_candidate_pool_keep_the_answers_right(mounted_exercise, spec):
    # Speed is measured by benchmarks/exercises.py, not asserted here.
    big = copy.deepcopy(spec)
    big["candidates"] = [dict(spec["candidates"][i % 42], id=f"c{i:04d}") for i in range(1000)]
    half = [c["id"] for c in big["candidates"]][::2]
    page, watch = mounted_exercise(big, answers={"selected": half})
    page.evaluate(
        """() => {
            const box = document.querySelector('#exercise input[value=c0001]');
            for (let run = 0; run < 12; run++) box.click();
        }"""
    )
    assert len(answers(page)["selected"]) == 500
    assert_clean(watch)


def test_a_tick_changes_only_the_parts_of_the_panel_it_changes(mounted_exercise, spec):
    # Rebuilding the whole panel on each tick cost a frame's worth of style and layout
    # work (benchmarks/exercises.py, click to feedback): unchanged parts keep their nodes.
    page, watch = mounted_exercise(spec, answers={"selected": ["k02", "k09"]})
    page.evaluate("""() => { for (const h5 of document.querySelectorAll('.sc-comp-section > h5')) h5.__kept = h5.textContent;
                             document.querySelector('.sc-comp-note').__kept = true; }""")
    page.locator("#exercise input[value=k03]").check()
    assert_shows(page, spec, ["k02", "k03", "k09"])
    kept = page.evaluate("""() => [...document.querySelectorAll('.sc-comp-section > h5')].map((h5) => [h5.textContent, h5.__kept])
                            .concat([['noot', document.querySelector('.sc-comp-note').__kept]])""")
    # Headings are the same nodes as before (a section whose parts changed in number is new);
    # one whose count changed shows its new words in the kept node.
    assert ["Verhoudingen", "Verhoudingen"] in kept and ["noot", True] in kept
    assert ["Grootte: 3 mensen (te klein)", "Grootte: 2 mensen (te klein)"] in kept
    assert_clean(watch)


def test_a_list_that_grows_keeps_its_first_items(mounted_exercise, spec):
    # A tick that adds advice or explanation lines appends them: the lines already shown stay
    # the same nodes (replacing a whole list made the browser lay out and repaint all of it).
    before, after = ["k02", "k09"], ["k02", "k03", "k09"]
    grown = [key for key in ("advice", "explanation")
             if len(composition.compute(spec, {"selected": before})[key]) < len(composition.compute(spec, {"selected": after})[key])]
    assert grown == ["advice", "explanation"]
    page, watch = mounted_exercise(spec, answers={"selected": before})
    mark = "(sel) => [...document.querySelectorAll(sel)].map((li, i) => (li.__mark = `oud ${i}`))"
    old = {key: page.evaluate(mark, f".sc-comp-{key} li") for key in grown}
    page.locator("#exercise input[value=k03]").check()
    assert_shows(page, spec, after)
    for key in grown:
        now = page.evaluate("(sel) => [...document.querySelectorAll(sel)].map((li) => li.__mark ?? null)", f".sc-comp-{key} li")
        assert now == old[key] + [None] * (len(now) - len(old[key])) and len(now) > len(old[key])
    assert_clean(watch)
