"""The questionnaire in a browser: keyboard use, feedback, outside changes, a11y, small screens."""

from __future__ import annotations

import pytest

from sleutelcursus.exercises import questionnaire
from sleutelcursus.exercises.loader import DATA_DIR, load_spec_file

from trainees import axe_violations, wait_dialog_gone

pytestmark = pytest.mark.browser

ROOT = "#exercise .sc-questionnaire"


@pytest.fixture(scope="module")
def rolscan() -> dict:
    return load_spec_file(DATA_DIR / "rolscan.yaml")


@pytest.fixture(scope="module")
def zelfscan() -> dict:
    return load_spec_file(DATA_DIR / "zelfscan-ambtenaar.yaml")


def checked_answers(page) -> dict:
    """The answers the radio buttons show."""
    return page.evaluate(
        """() => Object.fromEntries([...document.querySelectorAll('.sc-questionnaire input:checked')]
                 .map((input) => [input.dataset.statement, Number(input.value)]))"""
    )


def shown_feedback(page) -> dict:
    """What the feedback region says, as plain figures and texts."""
    return page.evaluate(
        """() => {
            const root = document.querySelector('#exercise .sc-questionnaire');
            const visible = (node) => node.offsetParent !== null;
            return {
                progress: root.querySelector('.sc-questionnaire-progress').textContent,
                rows: [...root.querySelectorAll('.sc-questionnaire-profile tbody tr')].map((row) =>
                    [row.querySelector('th').textContent, row.querySelector('.sc-questionnaire-percent').textContent]),
                strongest: [...root.querySelectorAll('.sc-questionnaire-strongest .sc-questionnaire-strong')]
                    .filter(visible).map((node) => node.textContent),
                grow: [...root.querySelectorAll('.sc-questionnaire-grow .sc-questionnaire-strong')]
                    .filter(visible).map((node) => node.textContent),
                waiting: visible(root.querySelector('.sc-questionnaire-waiting'))
                    ? root.querySelector('.sc-questionnaire-waiting').textContent : null,
                allLowest: visible(root.querySelector('.sc-questionnaire-all-lowest')),
                others: [...root.querySelectorAll('.sc-questionnaire-others summary')].filter(visible)
                    .map((node) => node.textContent),
                resultVisible: visible(root.querySelector('.sc-questionnaire-result')),
                live: root.querySelector('.sc-feedback').getAttribute('aria-live'),
            };
        }"""
    )


def expected_feedback(spec: dict, answers) -> dict:
    result = questionnaire.compute(spec, answers)
    text = {p["id"]: "nog geen antwoord" if p["percent"] is None else f"{p['percent']}%" for p in result["profile"]}
    labels = {d["id"]: d["label"] for d in spec["dimensions"]}
    explanations = {d["id"]: d["explanation"] + (f"Tip: {d['tip']}" if d["tip"] else "") for d in spec["dimensions"]}
    shown = result["answered"] > 0  # before the first answer only a hint shows
    even = result["ready"] and not result["grow"]
    cards = set() if even else set(result["strongest"]) | set(result["grow"])
    remaining = result["remaining"]
    left = "nog 1 stelling" if remaining == 1 else f"nog {remaining} stellingen"
    return {
        "progress": f"{result['answered']} van {result['total']} beantwoord",
        "rows": [[labels[i], text[i]] for i in labels],
        "strongest": [] if even else [f"{labels[i]} ({text[i]}){explanations[i]}" for i in result["strongest"]],
        "grow": [f"{labels[i]} ({text[i]}){explanations[i]}" for i in result["grow"]],
        "waiting": (f"Beantwoord {left}. Dan zie je waar je het sterkst bent en waarin je kunt groeien."
                    if shown and remaining else None),
        "allLowest": shown and result["all_lowest"] and not remaining,
        # Until the scan is ready the explanations carry no percentage.
        "others": [f"{labels[i]} ({text[i]})" if result["ready"] else labels[i] for i in labels if shown and i not in cards],
        "resultVisible": shown,
        "live": "polite",
    }


def test_trainee_completes_and_changes_the_scan_by_keyboard(mounted_exercise, rolscan):
    page, watch = mounted_exercise(rolscan)
    assert shown_feedback(page) == expected_feedback(rolscan, {})
    page.keyboard.press("Tab")
    first = rolscan["statements"][0]["id"]
    assert page.evaluate("document.activeElement.dataset.statement") == first

    wanted = {}
    for index, statement in enumerate(rolscan["statements"]):
        value = 1 + (index * 3) % 5
        page.keyboard.press("Space")  # checks the first step of the focused group
        for _ in range(value - 1):
            page.keyboard.press("ArrowRight")
        wanted[statement["id"]] = value
        assert page.evaluate("window.__model.get('answers')") == wanted
        page.keyboard.press("Tab")  # on to the next statement (or past the last)

    assert checked_answers(page) == wanted
    assert shown_feedback(page) == expected_feedback(rolscan, wanted)

    # Go back to the last statement and change the answer.
    page.keyboard.press("Shift+Tab")
    page.keyboard.press("ArrowLeft")
    last = rolscan["statements"][-1]["id"]
    wanted[last] -= 1
    assert page.evaluate("window.__model.get('answers')") == wanted
    assert shown_feedback(page) == expected_feedback(rolscan, wanted)
    assert not watch.console_errors and not watch.outside


def test_explanation_of_another_dimension_opens_by_keyboard(mounted_exercise, rolscan):
    answers = {"r01": 5, "r05": 5}  # too few answers for a conclusion: every dimension is collapsed
    page, _ = mounted_exercise(rolscan, answers)
    summary = page.locator(f"{ROOT} .sc-questionnaire-others summary").nth(1)
    summary.focus()
    page.keyboard.press("Enter")
    details = page.locator(f"{ROOT} .sc-questionnaire-others details").nth(1)
    assert details.evaluate("(node) => node.open")
    assert details.locator("p").first.is_visible()
    assert details.locator("p").last.text_content().startswith("Tip: ")


def test_answers_set_from_outside_rerender_controls_and_feedback(mounted_exercise, zelfscan):
    page, watch = mounted_exercise(zelfscan)
    outside = {"z01": 5, "z02": 1, "z11": 2, "oud": 3, "z03": 9}
    page.evaluate("(answers) => window.__model.set('answers', answers)", outside)
    assert checked_answers(page) == {"z01": 5, "z02": 1, "z11": 2}
    assert shown_feedback(page) == expected_feedback(zelfscan, outside)

    page.evaluate("window.__model.set('answers', {})")
    assert checked_answers(page) == {}
    assert shown_feedback(page) == expected_feedback(zelfscan, {})
    assert not watch.console_errors


def test_saved_answers_return_after_reload_and_the_clear_button_empties_them(mounted_exercise, zelfscan):
    page, _ = mounted_exercise(zelfscan)
    saved = {"z04": 4, "z20": 2}
    page.evaluate("(answers) => { window.__model.set('answers', answers); window.__model.save_changes(); }", saved)
    page.reload()
    page.wait_for_selector("html[data-sc-exercises=ready]")
    assert checked_answers(page) == saved
    assert shown_feedback(page) == expected_feedback(zelfscan, saved)
    page.get_by_role("button", name="Wis mijn antwoorden").focus()
    page.keyboard.press("Enter")
    page.get_by_role("dialog").get_by_role("button", name="Ja, wis deze oefening").press("Enter")
    wait_dialog_gone(page)
    assert checked_answers(page) == {}
    assert shown_feedback(page) == expected_feedback(zelfscan, {})


def test_one_answer_waits_and_all_lowest_gets_its_own_message(mounted_exercise, rolscan):
    first = rolscan["statements"][0]["id"]
    page, watch = mounted_exercise(rolscan, {first: 1})
    shown = shown_feedback(page)
    assert shown == expected_feedback(rolscan, {first: 1})
    assert shown["strongest"] == [] and shown["waiting"].startswith("Beantwoord nog 9 stellingen")
    lowest = {s["id"]: 1 for s in rolscan["statements"]}
    page, watch = mounted_exercise(rolscan, lowest)
    shown = shown_feedback(page)
    assert shown == expected_feedback(rolscan, lowest)
    assert shown["allLowest"] and shown["strongest"] == [] and shown["grow"] == []
    # Found by a trainee's trial: "Verbinder 100%" after one answer read as a result.
    assert not profile_visible(page)
    page, watch = mounted_exercise(rolscan, {first: 1})
    assert not profile_visible(page)
    page, watch = mounted_exercise(rolscan, {s["id"]: 1 + i % 5 for i, s in enumerate(rolscan["statements"])})
    assert profile_visible(page)


def profile_visible(page) -> bool:
    return page.eval_on_selector("#exercise .sc-questionnaire-profile", "t => t.offsetParent !== null")


def test_ties_are_named_as_ties(mounted_exercise, rolscan):
    # Agree fully with every statement on verbinder or luis, neutral on the rest.
    answers = {}
    for statement in rolscan["statements"]:
        agree = bool({"verbinder", "luis"} & set(statement["weights"]))
        answers[statement["id"]] = (1 if statement["reverse"] else 5) if agree else 3
    result = questionnaire.compute(rolscan, answers)
    assert result["strongest"] == ["verbinder", "luis"]
    page, watch = mounted_exercise(rolscan, answers)
    heading = page.text_content(".sc-questionnaire-strongest >> xpath=preceding-sibling::h4[1]")
    assert heading.startswith("Hier ben je even sterk: Verbinder en Luis in de pels")
    assert shown_feedback(page) == expected_feedback(rolscan, answers)


def test_element_ids_are_unique_with_two_scans_on_a_page(mounted_exercise, rolscan, zelfscan):
    page, _ = mounted_exercise(rolscan, more=[zelfscan])
    ids = page.evaluate("[...document.querySelectorAll('[id]')].map((node) => node.id)")
    assert len(ids) == len(set(ids))
    names = page.evaluate(
        "[...new Set([...document.querySelectorAll('input[type=radio]')].map((node) => node.name))]"
    )
    assert len(names) == len(rolscan["statements"]) + len(zelfscan["statements"])


@pytest.mark.parametrize("answers", [{}, {"r01": 5, "r02": 2, "r11": 4, "r20": 1}], ids=["empty", "answered"])
def test_scan_passes_axe_wcag_checks(mounted_exercise, rolscan, answers):
    page, _ = mounted_exercise(rolscan, answers)
    page.evaluate("document.querySelectorAll('.sc-questionnaire details').forEach((d) => { d.open = true; })")
    assert axe_violations(page, context={"include": [["#exercise"]]}) == []


def option_boxes(page) -> list[dict]:
    return page.evaluate(
        """() => [...document.querySelector('#exercise .sc-questionnaire-scale').children]
                 .map((node) => { const r = node.getBoundingClientRect(); return { x: r.x, y: r.y }; })"""
    )


def test_scale_stacks_on_a_phone_without_horizontal_scrolling(mounted_exercise, zelfscan):
    answers = {s["id"]: 4 for s in zelfscan["statements"][:6]}
    page, _ = mounted_exercise(zelfscan, answers, viewport={"width": 360, "height": 740})
    page.evaluate("document.querySelectorAll('.sc-questionnaire details').forEach((d) => { d.open = true; })")
    assert page.evaluate("document.documentElement.scrollWidth") <= 360
    boxes = option_boxes(page)
    assert len({box["x"] for box in boxes}) == 1  # one under the other
    assert len({box["y"] for box in boxes}) == len(boxes)


def test_scale_is_one_row_with_labels_on_a_wide_screen(mounted_exercise, zelfscan):
    page, _ = mounted_exercise(zelfscan, viewport={"width": 1280, "height": 900})
    boxes = option_boxes(page)
    assert len({box["y"] for box in boxes}) == 1  # side by side
    labels = page.locator(f"{ROOT} .sc-questionnaire-scale").first.locator("label")
    assert labels.all_inner_texts() == zelfscan["scale"]["labels"]
    assert all(label.is_visible() for label in labels.all())


def test_scale_reflows_at_200_percent_zoom(mounted_exercise, rolscan):
    # 200% zoom on a 1280 px window leaves a 640 px wide layout.
    page, _ = mounted_exercise(rolscan, {"r01": 3}, viewport={"width": 640, "height": 450})
    assert page.evaluate("document.documentElement.scrollWidth") <= 640


@pytest.mark.parametrize("width", [360, 640, 1280])
def test_focus_rings_fit_inside_the_scale_that_clips_its_painting(mounted_exercise, zelfscan, width):
    # Each scale contains its own painting (a click repaints less), so nothing of it may
    # stick out: a radio's focus ring (3 px outline, 2 px offset) stays inside the scale.
    page, _ = mounted_exercise(zelfscan, viewport={"width": width, "height": 800})
    assert page.evaluate(f"getComputedStyle(document.querySelector('{ROOT} .sc-questionnaire-scale')).contain") == "paint"
    page.locator(f"{ROOT} input[type=radio]").first.focus()
    ring = page.evaluate(f"""() => {{
        const style = getComputedStyle(document.querySelector('{ROOT} input[type=radio]:focus-visible'));
        return parseFloat(style.outlineWidth) + parseFloat(style.outlineOffset); }}""")
    assert ring == 5
    outside = page.evaluate(f"""(ring) => [...document.querySelectorAll('{ROOT} .sc-questionnaire-scale')].flatMap((scale) => {{
        const box = scale.getBoundingClientRect();
        return [...scale.querySelectorAll('input')].map((input) => input.getBoundingClientRect())
          .filter((r) => r.left - ring < box.left || r.right + ring > box.right || r.top - ring < box.top || r.bottom + ring > box.bottom)
          .map((r) => [Math.round(r.left), Math.round(r.top)]); }})""", ring)
    assert outside == []
