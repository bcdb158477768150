"""The static host keeps a trainee's answers: two tabs merge, damage is dropped, wiping asks first;
the file for the trainer has a name of its own and says how much is left."""

from __future__ import annotations

import json
import re
from datetime import date

import pytest
from playwright.sync_api import expect

from trainees import axe_violations, wait_dialog_gone
from webtools import serve_directory, watch_page, widget_page_html

from sleutelcursus.exercises import FRONTEND, kind_module
from sleutelcursus.hosting import PACKED, packed
from sleutelcursus.exercises.loader import DATA_DIR, load_spec_file
from sleutelcursus.workshop.answerfile import parse_answer_file
from sleutelcursus.workshop.answers import read_answers

KEY = "sleutelcursus:v1:"


@pytest.fixture(scope="module")
def specs() -> dict:
    names = {"questionnaire": "zelfscan-ambtenaar.yaml", "composition": "netwerk-samenstellen.yaml",
             "scenario": "kennischeck-fase-1.yaml"}
    return {kind: load_spec_file(DATA_DIR / name) for kind, name in names.items()}


@pytest.fixture
def book_context(browser, specs):
    """A browser context and a function that opens the test exercise page in a new tab."""
    html = widget_page_html([(spec, kind_module(spec["type"]).empty_answers(spec)) for spec in specs.values()])
    with serve_directory(FRONTEND) as base_url:
        context = browser.new_context(viewport={"width": 1280, "height": 900}, accept_downloads=True)
        watches = []

        def open_tab():
            page = context.new_page()
            watches.append(watch_page(page, base_url))
            page.route(base_url + "oefening.html", lambda route: route.fulfill(body=html, content_type="text/html"))
            page.goto(base_url + "oefening.html")
            page.wait_for_selector("html[data-sc-exercises=ready]")
            return page

        yield open_tab
        for watch in watches:
            assert not watch.outside and not watch.console_errors, (watch.outside, watch.console_errors)
        context.close()


def test_the_host_unpacks_the_specs_the_book_packs(book_context, specs):
    # A list of objects travels as its keys once and each object's values (hosting.packed).
    page = book_context()
    for spec in specs.values():
        small = packed(spec)
        assert len(json.dumps(small)) < len(json.dumps(spec)) and PACKED[0] in json.dumps(small)
        assert page.evaluate("(s) => import('./host.js').then((host) => host.unpacked(s))", small) == spec
    assert page.evaluate("() => import('./host.js').then((host) => host.unpacked({a: [1, {b: null}], c: 'x'}))") == {
        "a": [1, {"b": None}], "c": "x"}


def host(page, exercise_id: str):
    return page.locator(f".sc-host[data-exercise='{exercise_id}']")


def stored(page, exercise_id: str):
    raw = page.evaluate("(key) => window.localStorage.getItem(key)", KEY + exercise_id)
    return None if raw is None else json.loads(raw)["answers"]


def shown(page, specs) -> dict:
    """What each exercise shows as answered: radios, ticked candidates, steps taken."""
    q, c, s = specs["questionnaire"], specs["composition"], specs["scenario"]
    return {
        "questionnaire": page.evaluate(
            "(id) => Object.fromEntries([...document.querySelectorAll(`.sc-host[data-exercise='${id}'] input:checked`)]"
            ".map((i) => [i.dataset.statement, Number(i.value)]))", q["id"]),
        "composition": sorted(host(page, c["id"]).locator("input[type=checkbox]:checked").evaluate_all(
            "(boxes) => boxes.map((b) => b.value)")),
        "scenario": host(page, s["id"]).locator(".sc-scenario-taken").count(),
    }


def answer_scenario(page, spec, choice_index: int) -> None:
    section = host(page, spec["id"]).locator(".sc-scenario-current")
    section.locator("input[type=radio]").nth(choice_index).check()
    section.get_by_role("button", name="Kies").click()


def test_two_tabs_of_one_page_merge_their_answers_and_keep_them_after_reload(book_context, specs):
    q, c, s = specs["questionnaire"], specs["composition"], specs["scenario"]
    first, second = book_context(), book_context()  # both open before anything is answered
    statements = [st["id"] for st in q["statements"]]
    candidates = [cand["id"] for cand in c["candidates"]]

    first.check(f"input[data-statement='{statements[0]}'][value='4']")
    second.check(f"input[data-statement='{statements[1]}'][value='2']")
    host(first, c["id"]).locator(f"input[value='{candidates[0]}']").check()
    host(second, c["id"]).locator(f"input[value='{candidates[1]}']").check()
    answer_scenario(first, s, 0)
    # The second tab saw the first step arrive (storage event) and goes on from there.
    host(second, s["id"]).locator(".sc-scenario-taken").wait_for()
    answer_scenario(second, s, 1)

    expected = {"questionnaire": {statements[0]: 4, statements[1]: 2},
                "composition": sorted(candidates[:2]), "scenario": 2}
    for page in (first, second):
        page.reload()
        page.wait_for_selector("html[data-sc-exercises=ready]")
        assert shown(page, specs) == expected
    assert stored(first, q["id"]) == {statements[0]: 4, statements[1]: 2}
    assert sorted(stored(first, c["id"])["selected"]) == sorted(candidates[:2])
    assert len(stored(first, s["id"])["path"]) == 2


def test_the_latest_change_of_one_answer_wins_across_tabs(book_context, specs):
    q = specs["questionnaire"]
    statement = q["statements"][0]["id"]
    first, second = book_context(), book_context()
    first.check(f"input[data-statement='{statement}'][value='1']")
    second.check(f"input[data-statement='{statement}'][value='5']")
    first.wait_for_function(
        "(s) => document.querySelector(`input[data-statement='${s}'][value='5']`).checked", arg=statement)
    first.reload()
    first.wait_for_selector("html[data-sc-exercises=ready]")
    assert shown(first, specs)["questionnaire"] == {statement: 5}


def test_damaged_stored_answers_are_dropped_said_once_and_never_downloaded(book_context, specs, tmp_path):
    q, s = specs["questionnaire"], specs["scenario"]
    good, *rest = [st["id"] for st in q["statements"]]
    page = book_context()
    damaged = {good: 3, rest[0]: 99, rest[1]: "veel", "onbekend": 2}
    page.evaluate(
        """([key, answers, scenarioKey]) => {
            localStorage.setItem(key, JSON.stringify({answers, saved: new Date().toISOString()}));
            localStorage.setItem(scenarioKey, '{"answers": {"path": [');
        }""",
        [KEY + q["id"], damaged, KEY + s["id"]],
    )
    page.reload()
    page.wait_for_selector("html[data-sc-exercises=ready]")
    message = "Een deel van je bewaarde antwoorden was beschadigd. Dat deel is weggelaten."
    for exercise_id in (q["id"], s["id"]):
        # Said just after mounting (a live region announces changes, not its first text): wait for it.
        expect(host(page, exercise_id).get_by_role("status").filter(has_text=message)).to_have_count(1)
    assert shown(page, specs)["questionnaire"] == {good: 3}
    assert stored(page, q["id"]) == {good: 3}

    with page.expect_download() as info:
        host(page, q["id"]).get_by_role("button", name="Download mijn antwoorden").click()
    target = tmp_path / "antwoorden.json"
    info.value.save_as(target)
    assert parse_answer_file(target.read_bytes(), str(target))["answers"] == {good: 3}

    page.reload()
    page.wait_for_selector("html[data-sc-exercises=ready]")
    page.wait_for_timeout(200)
    assert message not in host(page, q["id"]).inner_text()  # said once: the damage is gone


def test_wiping_one_exercise_asks_first_and_no_keeps_the_answers(book_context, specs):
    q = specs["questionnaire"]
    statement = q["statements"][0]["id"]
    page = book_context()
    page.check(f"input[data-statement='{statement}'][value='4']")
    clear = host(page, q["id"]).get_by_role("button", name="Wis mijn antwoorden")
    clear.focus()
    page.keyboard.press("Enter")
    dialog = page.get_by_role("dialog", name="Je antwoorden op deze oefening wissen?")
    dialog.wait_for()
    assert axe_violations(page) == []
    # The safe answer has the focus: Enter keeps everything.
    page.keyboard.press("Enter")
    wait_dialog_gone(page)
    assert stored(page, q["id"]) == {statement: 4}
    expect(host(page, q["id"]).get_by_role("status")).to_have_text("Er is niets gewist.")

    clear.focus()
    page.keyboard.press("Enter")
    page.keyboard.press("Tab")
    assert page.evaluate("document.activeElement.textContent") == "Ja, wis deze oefening"
    page.keyboard.press("Enter")
    wait_dialog_gone(page)
    assert stored(page, q["id"]) is None
    assert shown(page, specs)["questionnaire"] == {}
    expect(host(page, q["id"]).get_by_role("status")).to_have_text("Je antwoorden zijn gewist.")
    assert page.evaluate("document.activeElement.textContent") == "Wis mijn antwoorden"

    page.keyboard.press("Enter")
    page.keyboard.press("Escape")  # Escape cancels as well
    wait_dialog_gone(page)


def test_wipe_all_removes_every_answer_and_the_nickname_here_and_in_other_tabs(book_context, specs):
    q, c = specs["questionnaire"], specs["composition"]
    statement = q["statements"][0]["id"]
    first, second = book_context(), book_context()
    first.check(f"input[data-statement='{statement}'][value='4']")
    host(first, c["id"]).locator("input[type=checkbox]").first.check()
    first.fill(f"#sc-bijnaam-{q['id']}", "Vos")
    first.keyboard.press("Tab")
    first.evaluate("localStorage.setItem('ander-programma', 'blijft')")
    second.wait_for_function(
        "(s) => document.querySelector(`input[data-statement='${s}'][value='4']`).checked", arg=statement)

    button = host(first, q["id"]).get_by_role("button", name="Wis alles van deze cursus")
    button.focus()
    first.keyboard.press("Enter")
    first.get_by_role("dialog", name="Alles van deze cursus wissen?").wait_for()
    first.keyboard.press("Tab")
    first.keyboard.press("Enter")
    status = host(first, q["id"]).get_by_role("status")
    expect(status).to_have_text("Alles van deze cursus is uit deze browser gewist.")
    keys = first.evaluate("Object.keys(localStorage)")
    assert keys == ["ander-programma"]
    for page in (first, second):
        page.wait_for_function("() => !document.querySelector('.sc-host input:checked')")
        assert page.input_value(f"#sc-bijnaam-{q['id']}") == ""


def test_a_nickname_typed_in_one_exercise_reaches_every_exercise_on_the_page_and_its_download(book_context, specs):
    # Found by a trainer's trial: the second exercise on a page downloaded without the nickname.
    q, c = specs["questionnaire"], specs["composition"]
    page = book_context()
    page.fill(f"#sc-bijnaam-{q['id']}", "Ilse")
    page.keyboard.press("Tab")
    assert page.input_value(f"#sc-bijnaam-{c['id']}") == "Ilse"
    host(page, c["id"]).locator("input[type=checkbox]").first.check()
    with page.expect_download() as info:
        host(page, c["id"]).get_by_role("button", name="Download mijn antwoorden voor de trainer").click()
    data = parse_answer_file(open(info.value.path(), "rb").read())
    assert data["nickname"] == "Ilse" and data["exercise_id"] == c["id"]


def test_a_partly_done_exercise_downloads_under_its_own_name_and_says_what_is_left(book_context, specs, tmp_path):
    # Found in a user trial: every file was called antwoorden-<id>.json (a trainer's
    # folder filled with "(1)", "(2)"...), and a scan answered past half said
    # "remaining": 0, which reads as finished.
    q, c, s = specs["questionnaire"], specs["composition"], specs["scenario"]
    page = book_context()
    page.fill(f"#sc-bijnaam-{q['id']}", "Anné van Dijk/2")
    page.keyboard.press("Tab")
    statements = [st["id"] for st in q["statements"]]
    for statement in statements[:-1]:
        page.check(f"input[data-statement='{statement}'][value='4']")
    host(page, c["id"]).locator("input[type=checkbox]").first.check()
    answer_scenario(page, s, 0)
    folder = tmp_path / "map-van-de-trainer"
    folder.mkdir()
    files = {}
    for spec in (q, c, s):
        with page.expect_download() as info:
            host(page, spec["id"]).get_by_role("button", name="Download mijn antwoorden voor de trainer").click()
        name = info.value.suggested_filename
        files[spec["id"]] = name
        info.value.save_as(folder / name)
        expect(host(page, spec["id"]).locator(".sc-host-status")).to_contain_text(name)
    today = date.today().isoformat()  # the browser's local date: same machine, same zone
    stamp = re.escape(today) + r"-\d{4}\.json"
    assert re.fullmatch(f"{q['id']}-anne-van-dijk-2-{stamp}", files[q["id"]]), files
    assert re.fullmatch(f"{c['id']}-anne-van-dijk-2-{stamp}", files[c["id"]]), files
    assert len(set(files.values())) == 3

    data = {spec_id: parse_answer_file((folder / name).read_bytes(), name) for spec_id, name in files.items()}
    # The scan has enough answers to speak (its own "remaining"), yet one statement is open.
    assert data[q["id"]]["result"]["remaining"] == 0
    assert data[q["id"]]["progress"] == {"done": False, "answered": len(statements) - 1, "remaining": 1}
    assert data[c["id"]]["progress"] == {"done": False, "answered": 1, "remaining": c["size"]["min"] - 1}
    walked = data[s["id"]]["progress"]
    assert walked["done"] is False and walked["answered"] == 1 and walked["remaining"] >= 1
    # `sleutelcursus groep` reads the folder whatever the files are called.
    frame, problems = read_answers(folder)
    assert problems == [] and sorted(frame["oefening"].unique()) == sorted(files)


def test_progress_counts_what_finishes_each_exercise_type(book_context, specs):
    q, c, s = specs["questionnaire"], specs["composition"], specs["scenario"]
    page = book_context()
    steps = {step["id"]: step for step in s["steps"]}
    shortest, current = [], s["start"]
    while current is not None:  # the first choice at every step: one walk to an end
        choice = steps[current]["choices"][0]
        shortest.append(choice["id"])
        current = choice["next"]
    progress = """([kind, spec, answers]) => Promise.all([import('./answerstore.js'), import(`./${kind}.js`)])
        .then(([store, type]) => store.progressOf(kind, spec, answers, type.compute(spec, answers)))"""
    everything = {st["id"]: 3 for st in q["statements"]}
    assert page.evaluate(progress, ["questionnaire", q, everything])["done"] is True
    assert page.evaluate(progress, ["questionnaire", q, {}]) == {
        "done": False, "answered": 0, "remaining": len(q["statements"])}
    network = [cand["id"] for cand in c["candidates"][: c["size"]["min"]]]
    assert page.evaluate(progress, ["composition", c, {"selected": network}]) == {
        "done": True, "answered": len(network), "remaining": 0}
    assert page.evaluate(progress, ["scenario", s, {"path": shortest}]) == {
        "done": True, "answered": len(shortest), "remaining": 0}
    for taken in range(len(shortest)):
        left = page.evaluate(progress, ["scenario", s, {"path": shortest[:taken]}])
        assert not left["done"] and 1 <= left["remaining"] <= len(shortest) - taken


def test_the_file_name_is_safe_and_sorts_by_exercise_nickname_and_time(book_context):
    page = book_context()
    name = """([id, nickname]) => import('./host.js')
        .then((host) => host.answerFileName(id, nickname, new Date(2026, 10, 29, 9, 5)))"""
    assert page.evaluate(name, ["rolscan", "  Zoë Ĳsbrand / O'Brien  "]) == "rolscan-zoe-ijsbrand-o-brien-2026-11-29-0905.json"
    assert page.evaluate(name, ["rolscan", ""]) == "rolscan-2026-11-29-0905.json"
    assert page.evaluate(name, ["rolscan", "../..\\:*?"]) == "rolscan-2026-11-29-0905.json"
    assert page.evaluate(name, ["rolscan", "x" * 99]) == f"rolscan-{'x' * 40}-2026-11-29-0905.json"
