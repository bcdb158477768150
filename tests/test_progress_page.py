"""'Mijn voortgang': progress from local storage, printable answers, certificate, wipe all."""

from __future__ import annotations

import io
import json
import re
import zlib
from datetime import date
from urllib.parse import parse_qs, urlsplit

import pytest
from playwright.sync_api import expect

from darkmode import dark_mode_violations, set_theme
from trainees import assert_clean, axe_violations, choose_scenario_option, focused, tab_until
from webtools import full_path, watch_page

from sleutelcursus.plugins.registry import get_spec

MONTHS = ["januari", "februari", "maart", "april", "mei", "juni", "juli", "augustus", "september", "oktober",
          "november", "december"]
PATH_KEY = "sleutelcursus:leerpad"
WORDS = {"fits": "Past goed", "risky": "Risicovol", "advised_against": "Afgeraden"}


@pytest.fixture
def trainee(browser, book_server):
    """A fresh browser context on the built book; ``open(rel)`` goes to a page of it.

    window.print is replaced by a counter: the print layout stays on, for page.pdf().
    """
    base_url, _ = book_server
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    context.add_init_script("window.print = () => { window.__printed = (window.__printed || 0) + 1; };")
    page = context.new_page()
    watch = watch_page(page, base_url)

    def open_page(rel: str):
        page.goto(base_url + rel)
        if rel.endswith("voortgang.html"):
            page.wait_for_selector("html[data-sc-voortgang=ready]")
        return page

    yield open_page, page, watch
    assert_clean(watch)
    context.close()


def pdf_text(page) -> str:
    from pypdf import PdfReader

    reader = PdfReader(io.BytesIO(page.pdf(format="A4")))
    return " ".join(" ".join((p.extract_text() or "").split()) for p in reader.pages)


def in_exercise(page, exercise_id: str) -> bool:
    return page.evaluate("(id) => document.activeElement.closest('.sc-host')?.dataset.exercise === id", exercise_id)


def finish_check_by_keyboard(page, exercise_id: str) -> None:
    """Walk a knowledge check to its end from the top of its page, with Tab, Space and
    Enter only, taking the first choice shown at every step."""
    page.wait_for_selector("html[data-sc-exercises=ready]")
    host = page.locator(f".sc-host[data-exercise='{exercise_id}']")
    for _ in range(600):
        page.keyboard.press("Tab")
        if focused(page)["type"] == "radio" and in_exercise(page, exercise_id):
            break
    else:
        raise AssertionError(f"Tab bereikte {exercise_id} niet")
    page.keyboard.press("Space")
    tab_until(page, lambda f: f["tag"] == "BUTTON" and f["text"] == "Kies")
    page.keyboard.press("Enter")
    for _ in range(len(get_spec(exercise_id)["steps"])):
        if not host.locator(".sc-scenario-current").count():
            break
        choose_scenario_option(page, 0)
    assert host.locator(".sc-scenario-current").count() == 0


def store(page, key: str, value) -> None:
    page.evaluate("([k, v]) => localStorage.setItem(k, v)", [key, value if isinstance(value, str) else json.dumps(value)])


def test_progress_shows_done_exercises_check_results_and_what_is_left(trainee):
    open_page, page, _ = trainee
    open_page("course/index.html")
    page.check("#sc-leerpad-sleutelpersoon")
    expect(page.locator("#sc-voortgang-kort")).to_contain_text("Je hebt 0 van de")
    open_page("course/fase-2/kennischeck.html")
    finish_check_by_keyboard(page, "kennischeck-fase-2-sleutelpersoon")

    open_page("course/voortgang.html")
    root = page.locator("#sc-voortgang")
    expect(root.get_by_role("heading", level=2).first).to_have_text("Leerpad sleutelpersoon")
    row = root.get_by_role("row").filter(has_text="Kennischeck fase 2 voor sleutelpersonen")
    assert "klaar" in row.inner_text() and "keer past goed" in row.inner_text()
    left = root.get_by_role("list").filter(has_text="Kennischeck fase 3 voor sleutelpersonen").first.inner_text()
    assert "Kennischeck fase 1 voor sleutelpersonen" in left and "Kennischeck fase 2" not in left
    # Only the key person's exercises count: the civil servant's check on the same page does not.
    assert "voor ambtenaren" not in root.inner_text()
    # The checks are among the path's exercises, and the sentence says so (not "8 oefeningen en 3 kennischecks").
    assert re.search(r"Je hebt 1 van de (\d+) oefeningen van het leerpad sleutelpersoon gedaan\. "
                     r"Van die \1 oefeningen zijn er 3 een kennischeck: daarvan heb je er 1 gedaan\.", root.inner_text())
    assert "Bewijs van deelname" not in [h.inner_text() for h in root.get_by_role("heading").all()]
    open_page("course/index.html")
    expect(page.locator("#sc-voortgang-kort")).to_contain_text("zijn er 3 een kennischeck: daarvan heb je er 1 gedaan.")
    assert axe_violations(page, "#sc-voortgang-kort") == []


def test_printed_answers_hold_the_questions_answers_and_feedback_in_plain_dutch(trainee):
    open_page, page, _ = trainee
    open_page("course/index.html")
    scan, check = get_spec("rolscan"), get_spec("kennischeck-fase-2-sleutelpersoon")
    first = next(step for step in check["steps"] if step["id"] == check["start"])["choices"][0]
    store(page, PATH_KEY, "sleutelpersoon")
    store(page, "sleutelcursus:v1:rolscan", {"answers": {scan["statements"][0]["id"]: 5}, "saved": "2026-11-29T10:00:00Z"})
    store(page, "sleutelcursus:v1:kennischeck-fase-2-sleutelpersoon",
          {"answers": {"path": [first["id"]]}, "saved": "2026-11-29T10:00:00Z"})
    open_page("course/voortgang.html")
    assert axe_violations(page) == []
    page.get_by_role("button", name="Print mijn antwoorden").click()
    assert page.evaluate("window.__printed") == 1
    text = pdf_text(page)
    assert "Mijn antwoorden" in text
    assert " ".join(scan["statements"][0]["text"].split()) in text
    assert "Jouw antwoord: Klopt helemaal" in text
    assert " ".join(first["label"].split())[:60] in text
    assert f"Feedback: {WORDS[first['assessment']]}." in text
    assert "Wat er gebeurt:" in text
    # Only the answers go on paper, not the page around them.
    assert "Wat je nog kunt doen" not in text and "Oefeningen van je leerpad" not in text


def test_printed_answers_of_an_unfinished_scan_give_no_percentages(trainee):
    # Found by a trainee's trial: 7 of 20 statements printed as "Cultuursensitief 0%, ...",
    # while the scan itself said it needed 3 more answers before it could show a result.
    open_page, page, _ = trainee
    open_page("course/index.html")
    scan = get_spec("zelfscan-ambtenaar")
    store(page, PATH_KEY, "ambtenaar")
    few = {statement["id"]: 4 for statement in scan["statements"][:3]}
    store(page, "sleutelcursus:v1:zelfscan-ambtenaar", {"answers": few, "saved": "2026-11-29T10:00:00Z"})
    open_page("course/voortgang.html")
    page.get_by_role("button", name="Print mijn antwoorden").click()
    text = " ".join(pdf_text(page).split())
    section = text[text.index(scan["title"]):]
    assert f"Beantwoord: 3 van de {len(scan['statements'])} stellingen" in section
    assert re.search(r"Feedback: nog geen uitkomst\. Beantwoord nog \d+ stellingen", section)
    assert not re.search(r"\d+%", section.split("Feedback:")[1][:300])


def test_printed_answers_join_labels_and_sentences_with_the_right_spaces_and_stops(trainee):
    """A step title that is a question ends its sentence itself ("Waar begin je?", not "?."),
    and every label keeps the space after its colon, in the served (minified) modules too."""
    open_page, page, _ = trainee
    open_page("course/index.html")
    store(page, PATH_KEY, "ambtenaar")
    firsts = {}
    for exercise in ("werving", "kennischeck-fase-1"):
        spec = get_spec(exercise)
        step = next(step for step in spec["steps"] if step["id"] == spec["start"])
        firsts[exercise] = step
        store(page, f"sleutelcursus:v1:{exercise}",
              {"answers": {"path": [step["choices"][0]["id"]]}, "saved": "2026-11-29T10:00:00Z"})
    open_page("course/voortgang.html")
    page.get_by_role("button", name="Print mijn antwoorden").click()
    text = pdf_text(page)
    question = firsts["kennischeck-fase-1"]["title"]
    assert question.endswith("?")
    assert f"Situatie 1: {question} {' '.join(firsts['kennischeck-fase-1']['situation'].split())[:40]}" in text
    statement = firsts["werving"]
    assert f"Situatie 1: {statement['title']}. {' '.join(statement['situation'].split())[:40]}" in text
    assert re.findall(r"[?!]\.", text) == []
    assert re.findall(r"\w:[^\s\d]", text) == []


def test_the_download_says_it_is_for_the_trainer_and_where_to_read_the_answers(trainee):
    open_page, page, _ = trainee
    open_page("course/fase-3/vertrouwen.html")
    page.wait_for_selector("html[data-sc-exercises=ready]")
    button = page.get_by_role("button", name="Download mijn antwoorden voor de trainer").first
    described = page.evaluate("(b) => document.getElementById(b.getAttribute('aria-describedby')).textContent",
                              button.element_handle())
    assert "voor je trainer, om in de workshop in te lezen" in described
    assert "Je antwoorden lezen of printen doe je op de pagina Mijn voortgang." in described
    page.get_by_role("link", name="Mijn voortgang").first.click()
    page.wait_for_selector("html[data-sc-voortgang=ready]")
    assert page.url.endswith("course/voortgang.html")


def test_certificate_after_every_check_of_a_path_by_keyboard_only(trainee):
    open_page, page, _ = trainee
    open_page("course/index.html")
    page.locator("#sc-leerpad-kiezen input").first.focus()
    page.keyboard.press("ArrowDown")
    assert focused(page)["id"] == "sc-leerpad-sleutelpersoon"
    for phase in (1, 2, 3):
        open_page(f"course/fase-{phase}/kennischeck.html")
        finish_check_by_keyboard(page, f"kennischeck-fase-{phase}-sleutelpersoon")

    open_page("course/voortgang.html")
    page.get_by_role("heading", name="Bewijs van deelname").wait_for()
    tab_until(page, lambda f: f["id"] == "sc-bewijs-naam", limit=200)
    tab_until(page, lambda f: f["text"] == "Print bewijs van deelname")
    page.keyboard.press("Enter")  # no name yet: asked for, nothing printed
    assert focused(page)["id"] == "sc-bewijs-naam"
    assert page.evaluate("window.__printed") is None
    page.keyboard.type("Amina de Vries")
    tab_until(page, lambda f: f["text"] == "Print bewijs van deelname")
    page.keyboard.press("Enter")
    assert page.evaluate("window.__printed") == 1
    text = pdf_text(page)
    today = date.today()
    for expected in ("Cursus sleutelpersonennetwerk", "Bewijs van deelname", "Amina de Vries",
                     "heeft het leerpad sleutelpersoon gevolgd en alle kennischecks gedaan.",
                     f"Datum: {today.day} {MONTHS[today.month - 1]} {today.year}"):
        assert expected in text
    assert "Mijn antwoorden" not in text
    assert page.evaluate("Object.keys(localStorage).some((k) => localStorage.getItem(k).includes('Amina'))") is False


def test_wipe_all_on_the_progress_page_asks_first_then_removes_everything(trainee):
    open_page, page, _ = trainee
    open_page("course/index.html")
    store(page, PATH_KEY, "ambtenaar")
    store(page, "sleutelcursus:bijnaam", "Vos")
    store(page, "sleutelcursus:v1:rolscan", {"answers": {"r01": 4}, "saved": "2026-11-29T10:00:00Z"})
    open_page("course/voortgang.html")
    button = page.locator("#sc-voortgang").get_by_role("button", name="Wis alles van deze cursus")
    button.focus()
    page.keyboard.press("Enter")
    page.get_by_role("dialog", name="Alles van deze cursus wissen?").wait_for()
    page.keyboard.press("Enter")  # the focused answer is "Nee, bewaar ze"
    expect(page.locator(".sc-voortgang-status")).to_have_text("Er is niets gewist.")
    course_keys = "Object.keys(localStorage).filter((k) => k.startsWith('sleutelcursus:')).sort()"
    assert page.evaluate(course_keys) == ["sleutelcursus:bijnaam", PATH_KEY, "sleutelcursus:v1:rolscan"]
    button.focus()
    page.keyboard.press("Enter")
    page.keyboard.press("Tab")
    page.keyboard.press("Enter")
    expect(page.locator(".sc-voortgang-status")).to_have_text("Alles van deze cursus is uit deze browser gewist.")
    assert page.evaluate(course_keys) == []
    expect(page.locator("#sc-voortgang h2").first).to_have_text("Kies eerst een leerpad")


def _requests(page) -> list[str]:
    urls: list[str] = []
    page.on("request", lambda request: urls.append(urlsplit(request.url).path))
    return urls


def test_exercise_specs_load_only_once_a_path_is_chosen_and_only_for_exercises_with_answers(trainee):
    # The start and progress pages loaded every spec (138 KB) on a first visit.
    open_page, page, _ = trainee
    requested = _requests(page)
    open_page("course/index.html")
    page.wait_for_load_state("networkidle")
    open_page("course/voortgang.html")
    assert not [url for url in requested if "/oefeningen" in url]
    open_page("course/index.html")
    page.check("#sc-leerpad-sleutelpersoon")
    expect(page.locator("#sc-voortgang-kort")).to_contain_text("Je hebt 0 van de")
    assert [url for url in requested if "/oefeningen" in url] == ["/_static/sleutelcursus/oefeningen.json"]
    store(page, "sleutelcursus:v1:rolscan", {"answers": {get_spec("rolscan")["statements"][0]["id"]: 4},
                                             "saved": "2026-11-29T10:00:00Z"})
    requested.clear()
    open_page("course/voortgang.html")
    assert sorted(url for url in requested if "/oefeningen" in url) == [
        "/_static/sleutelcursus/oefeningen.json", "/_static/sleutelcursus/oefeningen/rolscan.json"]
    row = page.locator("#sc-voortgang").get_by_role("row").filter(has_text=get_spec("rolscan")["title"])
    assert "begonnen" in row.inner_text() and "1 van de" in row.inner_text()


def test_every_toolkit_module_is_asked_for_with_the_checksum_of_the_served_file(trainee, book_server):
    # Imports between modules had no checksum: after an update a browser could run a
    # new host.js with an old answerstore.js from its cache.
    open_page, page, _ = trainee
    _, site = book_server
    modules: list[str] = []
    page.on("request", lambda request: "/_static/sleutelcursus/" in request.url
            and urlsplit(request.url).path.endswith(".js") and modules.append(request.url))
    open_page("course/index.html")
    store(page, PATH_KEY, "sleutelpersoon")
    store(page, "sleutelcursus:v1:rolscan", {"answers": {get_spec("rolscan")["statements"][0]["id"]: 4},
                                             "saved": "2026-11-29T10:00:00Z"})
    open_page("course/voortgang.html")
    open_page("course/fase-2/diversiteit.html")
    page.wait_for_selector("html[data-sc-exercises=ready]")
    names = set()
    for url in modules:
        parts = urlsplit(url)
        served = (site / parts.path.lstrip("/")).read_bytes()
        assert parse_qs(parts.query).get("v") == [f"{zlib.crc32(served):08x}"], url
        names.add(parts.path.rsplit("/", 1)[-1])
    # Loaded by another module, not by the page: answersview and the type modules by
    # progress.js, answerstore by leerpad.js and host.js, wipe by host.js.
    assert {"answerstore.js", "answersview.js", "wipe.js", "questionnaire.js", "composition.js", "host.js"} <= names


def test_without_a_path_the_answers_show_and_print_by_keyboard(trainee):
    # Without a chosen path the page said only "Kies eerst een leerpad": the answers the
    # start page promises were not there to read or print.
    open_page, page, _ = trainee
    open_page("course/index.html")
    scan = get_spec("rolscan")
    store(page, "sleutelcursus:v1:rolscan", {"answers": {scan["statements"][0]["id"]: 5}, "saved": "2026-11-29T10:00:00Z"})
    open_page("course/voortgang.html")
    root = page.locator("#sc-voortgang")
    expect(root.get_by_role("heading", level=2).first).to_have_text("Kies eerst een leerpad")
    expect(root.get_by_role("heading", name="Mijn antwoorden")).to_be_visible()
    assert " ".join(scan["statements"][0]["text"].split()) in " ".join(root.inner_text().split())
    assert root.get_by_role("table").count() == 0  # the path's overview still waits for a path
    assert axe_violations(page) == []
    tab_until(page, lambda f: f["text"] == "Print mijn antwoorden", limit=200)
    page.keyboard.press("Enter")
    assert page.evaluate("window.__printed") == 1
    text = pdf_text(page)
    assert "Mijn antwoorden" in text and "Jouw antwoord: Klopt helemaal" in text
    assert " ".join(scan["statements"][0]["text"].split()) in text
    assert "Kies eerst een leerpad" not in text


@pytest.mark.parametrize("path_id, listed", [("ambtenaar", True), ("sleutelpersoon", False)])
def test_the_network_exercise_is_on_the_civil_servant_s_progress_only(trainee, path_id, listed):
    open_page, page, _ = trainee
    open_page("course/index.html")
    store(page, PATH_KEY, path_id)
    open_page("course/voortgang.html")
    overview = page.locator("#sc-voortgang").get_by_role("table")
    expect(overview).to_contain_text(get_spec("zelfscan-ambtenaar" if listed else "rolscan")["title"])
    assert (get_spec("netwerk-samenstellen")["title"] in overview.inner_text()) is listed


def test_the_start_page_sends_a_trainee_without_a_path_down_to_the_chooser(trainee):
    open_page, page, _ = trainee
    open_page("course/index.html")
    short = page.locator("#sc-voortgang-kort")
    expect(short).to_contain_text("Kies verderop op deze pagina een leerpad")
    assert "hierboven" not in short.inner_text()
    # The chooser really is further down than the block that points to it.
    assert page.evaluate("""() => Boolean(document.getElementById('sc-voortgang-kort')
        .compareDocumentPosition(document.getElementById('sc-leerpad-kiezen')) & Node.DOCUMENT_POSITION_FOLLOWING)""")
    tab_until(page, lambda f: f["text"] == "Twee leerpaden", limit=200)
    page.keyboard.press("Enter")
    page.wait_for_function("location.hash === '#sc-leerpad-kiezen'")
    short.get_by_role("link", name="Bekijk je antwoorden").click()
    page.wait_for_selector("html[data-sc-voortgang=ready]")
    assert page.url.endswith("course/voortgang.html")
    assert axe_violations(page) == []


def test_a_plain_print_of_the_page_holds_progress_and_answers_without_controls(trainee):
    # Ctrl+P (or the theme's print button) put the name field, the buttons and the page's
    # navigation on paper.
    open_page, page, _ = trainee
    open_page("course/index.html")
    store(page, PATH_KEY, "sleutelpersoon")
    for phase in (1, 2, 3):
        check = f"kennischeck-fase-{phase}-sleutelpersoon"
        store(page, f"sleutelcursus:v1:{check}", {"answers": {"path": full_path(check)}, "saved": "2026-11-29T10:00:00Z"})
    open_page("course/voortgang.html")
    page.get_by_label("Je naam op het bewijs").wait_for()
    text = pdf_text(page)
    for kept in ("Leerpad sleutelpersoon", "Oefeningen van je leerpad", "Mijn antwoorden", "Kennischeck fase 2 voor sleutelpersonen"):
        assert kept in text
    for control in ("Je naam op het bewijs", "Print bewijs van deelname", "Print mijn antwoorden", "Wis alles",
                    "Naar de hoofdtekst", "Vorige", "Volgende", "Download mijn antwoorden"):
        assert control not in text
    # A page name printed with hyphenation breaks ("Toe gan ke lijk heids ...") would show here.
    assert "Toe gan" not in text and "ver kla ring" not in text


def test_in_dark_mode_the_progress_page_and_its_dialog_have_no_white_boxes(trainee):
    # Found by trainees' trials: "Wis alles van deze cursus" was a white box on the dark page,
    # and so was the dialog that asks before it wipes.
    open_page, page, _ = trainee
    open_page("course/index.html")
    store(page, PATH_KEY, "ambtenaar")
    open_page("course/voortgang.html")
    set_theme(page, "dark")
    colours = page.eval_on_selector_all("#sc-voortgang :is(button, input[type=text])",
                                        "(all) => all.map((e) => [e.textContent, getComputedStyle(e).backgroundColor])")
    assert colours and all(background != "rgb(255, 255, 255)" for _, background in colours), colours
    assert dark_mode_violations(page) == {}
    set_theme(page, "dark")
    page.locator("#sc-voortgang").get_by_role("button", name="Wis alles van deze cursus").click()
    dialog = page.get_by_role("dialog", name="Alles van deze cursus wissen?")
    dialog.wait_for()
    colours = dialog.evaluate("""(d) => [d, ...d.querySelectorAll('h2, button')].map((e) => {
        const style = getComputedStyle(e); return [e.tagName, style.backgroundColor, style.color]; })""")
    assert all(background != "rgb(255, 255, 255)" for _, background, _ in colours), colours
    assert colours[0][1:] == ["rgb(34, 38, 46)", "rgb(236, 236, 236)"]
    assert dark_mode_violations(page) == {}
