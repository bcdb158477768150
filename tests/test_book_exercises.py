"""The exercises in the built book, as a trainee meets them: no kernel, no network.

A scripted trainee works through each exercise type by keyboard alone, reloads,
downloads and clears. The Python engines say what the book must show.
"""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest

from sleutelcursus.workshop.answerfile import parse_answer_file
from sleutelcursus.plugins.registry import registered_specs
from sleutelcursus.exercises import kind_module
from trainees import (
    answer_statements,
    assert_clean,
    axe_violations,
    choose_scenario_option,
    focused,
    pick_candidates,
    tab_until,
)
from sites import site_pages
from webtools import normalise, store_answers, stored_answers, wait_for_theme_scripts, watch_page

pytestmark = [pytest.mark.browser, pytest.mark.slow]

VIEW = re.compile(r'<script type="application/vnd.jupyter.widget-view\+json">')


def exercise_pages(site: Path) -> dict[str, int]:
    """Page -> number of exercises on it, read from the built HTML."""
    counts = {rel: len(VIEW.findall((site / rel).read_text(encoding="utf-8"))) for rel in site_pages(site)}
    return {rel: n for rel, n in counts.items() if n}


@pytest.fixture
def open_page(browser, book_server):
    """Open a book page in a fresh browser context (own localStorage, downloads on)."""
    base_url, _ = book_server
    contexts = []

    def open_(rel: str):
        context = browser.new_context(accept_downloads=True)
        contexts.append(context)
        page = context.new_page()
        watch = watch_page(page, base_url)
        page.goto(base_url + rel)
        page.wait_for_selector("html[data-sc-exercises=ready]")
        # The theme's scripts come after the first paint; one of them makes scrolling code
        # blocks reachable by Tab (tabindex), which axe checks (scrollable-region-focusable).
        wait_for_theme_scripts(page)
        return page, watch

    yield open_
    for context in contexts:
        context.close()


def in_exercise(exercise_id: str):
    """A focus check: the focused element lies inside the given exercise's frame."""
    def check(page):
        return page.evaluate(
            f"document.activeElement.closest('.sc-host')?.dataset.exercise === {json.dumps(exercise_id)}"
        )
    return check


def host_button(page, exercise_id: str, label: str) -> None:
    """Tab to a toolbar button of one exercise and press Enter on it."""
    for _ in range(600):
        page.keyboard.press("Tab")
        if focused(page)["text"] == label and in_exercise(exercise_id)(page):
            page.keyboard.press("Enter")
            return
    raise AssertionError(f"knop {label!r} van {exercise_id} niet bereikt met Tab")


def test_every_national_exercise_renders_on_its_page_without_errors(open_page, book_server):
    _, site = book_server
    pages = exercise_pages(site)
    seen: set[str] = set()
    for rel, count in pages.items():
        page, watch = open_page(rel)
        ids = page.evaluate("[...document.querySelectorAll('.sc-host')].map((host) => host.dataset.exercise)")
        assert len(ids) == count == page.locator(".sc-host .sc-exercise").count(), rel
        for exercise_id in ids:
            title = registered_specs()[exercise_id]["title"]
            assert title in page.text_content(f".sc-host[data-exercise='{exercise_id}'] h3"), rel
        assert_clean(watch)
        seen.update(ids)
    assert seen == set(registered_specs())


def test_exercise_pages_have_no_axe_violations(open_page, book_server):
    _, site = book_server
    found = {}
    for rel in exercise_pages(site):
        page, _ = open_page(rel)
        violations = axe_violations(page)
        if violations:
            found[rel] = sorted({v["id"] for v in violations})
    assert found == {}


def complete_by_keyboard(page, exercise_id: str) -> object:
    """Work through one exercise by keyboard; return the answers the trainee gave."""
    spec = registered_specs()[exercise_id]
    tab_until(page, lambda f: in_exercise(exercise_id)(page), limit=600)
    page.keyboard.press("Shift+Tab")  # step back: the helpers tab into the first control
    if spec["type"] == "questionnaire":
        values = [1 + (i * 2) % 5 for i in range(len(spec["statements"]))]
        answer_statements(page, values)
        return {s["id"]: v for s, v in zip(spec["statements"], values)}
    if spec["type"] == "scenario":
        for _ in range(2):
            choose_scenario_option(page, 1)
        return stored_answers(page, exercise_id)
    chosen = [c["id"] for c in spec["candidates"][:6]]
    pick_candidates(page, chosen)
    return {"selected": chosen}


def shown_text(page, exercise_id: str) -> str:
    return page.text_content(f".sc-host[data-exercise='{exercise_id}'] .sc-exercise")


@pytest.mark.parametrize(
    "rel, exercise_id",
    [
        ("course/fase-2/diversiteit.html", "rolscan"),
        ("course/fase-2/diversiteit.html", "netwerk-samenstellen"),
        ("course/fase-3/vertrouwen.html", "voorzitter-kiezen"),
    ],
)
def test_trainee_completes_by_keyboard_reloads_downloads_and_clears(open_page, rel, exercise_id, tmp_path):
    spec = registered_specs()[exercise_id]
    engine = kind_module(spec["type"])
    page, watch = open_page(rel)
    untouched = shown_text(page, exercise_id)

    answers = complete_by_keyboard(page, exercise_id)
    assert stored_answers(page, exercise_id) == answers
    result = engine.compute(spec, answers)
    assert_shows_result(spec, result, shown_text(page, exercise_id))

    page.reload()
    page.wait_for_selector("html[data-sc-exercises=ready]")
    assert_shows_result(spec, result, shown_text(page, exercise_id))

    page.fill(f"#sc-bijnaam-{exercise_id}", "Tester")
    page.keyboard.press("Tab")  # leaving the field keeps the nickname
    with page.expect_download() as download_info:
        host_button(page, exercise_id, "Download mijn antwoorden voor de trainer")
    target = tmp_path / "antwoorden.json"
    download_info.value.save_as(target)
    data = parse_answer_file(target.read_bytes(), str(target))
    assert data["exercise_id"] == exercise_id and data["kind"] == spec["type"]
    assert data["nickname"] == "Tester"
    assert data["answers"] == answers
    assert data["result"] == normalise(result)

    host_button(page, exercise_id, "Wis mijn antwoorden")
    page.keyboard.press("Tab")  # from "Nee, bewaar ze" (the safe default) to the yes
    page.keyboard.press("Enter")
    page.wait_for_selector("dialog.sc-host-confirm", state="detached")
    assert stored_answers(page, exercise_id) is None
    assert "Je antwoorden zijn gewist." in page.text_content(f".sc-host[data-exercise='{exercise_id}']")
    page.reload()
    page.wait_for_selector("html[data-sc-exercises=ready]")
    assert stored_answers(page, exercise_id) is None and shown_text(page, exercise_id) == untouched
    assert_clean(watch)


def assert_shows_result(spec: dict, result: dict, text: str) -> None:
    """The exercise's text shows what the Python engine computed."""
    if spec["type"] == "questionnaire":
        for row in result["profile"]:
            assert f"{row['percent']}%" in text
    elif spec["type"] == "scenario":
        assert len(result["steps"]) == 2
        for step in result["steps"]:
            assert spec_choice(spec, step["choice"])["label"] in text
    else:
        assert f"Score: {result['score']} van 100." in text
        assert result["advice"][0] in text


def spec_choice(spec: dict, choice_id: str) -> dict:
    return next(c for step in spec["steps"] for c in step["choices"] if c["id"] == choice_id)


def test_answers_stay_apart_per_exercise(open_page):
    page, _ = open_page("course/fase-2/diversiteit.html")
    store_answers(page, {"rolscan": {"r01": 5}})
    checked = page.locator(".sc-host[data-exercise='rolscan'] input[type=radio]:checked")
    assert checked.count() == 1 and checked.get_attribute("value") == "5"
    assert checked.get_attribute("name").endswith("-r01")
    assert page.locator(".sc-host[data-exercise='netwerk-samenstellen'] input:checked").count() == 0
    assert stored_answers(page, "netwerk-samenstellen") is None
