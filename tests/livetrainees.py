"""Trainees in a live workshop: the built book in Chromium against ``sleutelcursus live``.

Shared by tests/test_live_join.py and tests/test_live_workshop.py. The answering helpers
click the exercises' own controls inside the page (one ``evaluate`` per exercise), so
thirty trainees answer in seconds; tests/trainees.py does the same by keyboard.
"""

from __future__ import annotations

import re
import time
from pathlib import Path

from sites import site_pages

WORKSHOP_EXERCISES = ("rolscan", "netwerk-samenstellen", "voorzitter-kiezen")
# localStorage keys of the live session and its outbox (frontend/livesession.js).
SESSION_KEY = "sleutelcursus:workshop"
OUTBOX_PREFIX = "sleutelcursus:workshop-uit:"
BAR_TEXT = re.compile(r"Je antwoorden gaan nu naar de workshop van je trainer \(code (\w{4}-\w{4})\)")


def exercise_pages(site: Path, ids=WORKSHOP_EXERCISES) -> dict[str, str]:
    """The page (relative to the site) that holds each exercise."""
    found = {}
    for rel in site_pages(site):
        text = (site / rel).read_text(encoding="utf-8")
        for exercise_id in ids:
            if re.search(rf'"exercise_id": ?"{re.escape(exercise_id)}"', text):
                found.setdefault(exercise_id, rel)
    assert set(found) == set(ids), found
    return found


def open_book_page(context, url: str):
    """A new tab at ``url``, once its exercises are mounted (if it has any)."""
    page = context.new_page()
    page.goto(url)
    if page.locator("script[data-sleutelcursus-start]").count():
        page.wait_for_selector("html[data-sc-exercises=ready]")
    return page


def open_book_pages(contexts, url: str) -> list:
    """A new tab at ``url`` in each context, loading side by side; once all are ready."""
    pages = [context.new_page() for context in contexts]
    for page in pages:
        page.goto(url, wait_until="commit")  # on to the next while this one loads
    for page in pages:
        page.wait_for_load_state("domcontentloaded")
        if page.locator("script[data-sleutelcursus-start]").count():
            page.wait_for_selector("html[data-sc-exercises=ready]")
    return pages


def host(page, exercise_id: str):
    """The exercise's frame (exercise and toolbar) on the page."""
    return page.locator(f".sc-host[data-exercise='{exercise_id}']")


def join(page, code: str, nickname: str | None, exercise_id: str | None = None) -> None:
    """Join through "Doe mee met de workshop" in a toolbar (the first, or ``exercise_id``'s)."""
    scope = host(page, exercise_id) if exercise_id else page
    scope.get_by_role("button", name="Doe mee met de workshop").first.click()
    submit_form(page, code, nickname)


def submit_form(page, code: str | None, nickname: str | None) -> None:
    """Fill the open join form (``None`` keeps a field as it is) and press "Doe mee"; wait for the bar."""
    form = page.locator("dialog.sc-live-form")
    if code is not None:
        form.get_by_label("Code van de workshop").fill(code)
    if nickname is not None:
        form.get_by_label("Bijnaam (niet verplicht)").fill(nickname)
    form.get_by_role("button", name="Doe mee", exact=True).click()
    page.get_by_role("region", name="Workshop").wait_for()


def stop_sharing(page) -> None:
    """Press "Stop met delen" and confirm it in the dialog that asks first."""
    page.get_by_role("button", name="Stop met delen").click()
    page.get_by_role("dialog", name="Stoppen met delen?").get_by_role("button", name="Ja, stop met delen").click()


def answer_questionnaire(page, exercise_id: str, answers: dict[str, int]) -> None:
    """Tick each statement's value, as clicks on the radio buttons."""
    page.evaluate(
        """([id, answers]) => {
            const host = document.querySelector(`.sc-host[data-exercise='${id}']`);
            for (const [statement, value] of Object.entries(answers))
              host.querySelector(`input[data-statement='${statement}'][value='${value}']`).click();
        }""",
        [exercise_id, answers],
    )


def tick_candidates(page, exercise_id: str, ids: list[str]) -> None:
    """Click the candidates' checkboxes (a ticked one is unticked)."""
    page.evaluate(
        """([id, ids]) => {
            const host = document.querySelector(`.sc-host[data-exercise='${id}']`);
            for (const value of ids) host.querySelector(`input[type=checkbox][value='${value}']`).click();
        }""",
        [exercise_id, ids],
    )


def choose_path(page, exercise_id: str, choices: list) -> None:
    """Scenario: per step, pick a choice (its index in the list shown, or its id) and press "Kies"."""
    page.evaluate(
        """([id, choices]) => {
            for (const wanted of choices) {
              const current = document.querySelector(`.sc-host[data-exercise='${id}'] .sc-scenario-current`);
              const radios = [...current.querySelectorAll('input[type=radio]')];
              (typeof wanted === 'number' ? radios[wanted] : radios.find((r) => r.value === wanted)).click();
              [...current.querySelectorAll('button')].find((b) => b.textContent === 'Kies').click();
            }
        }""",
        [exercise_id, choices],
    )


def stored_session(page):
    """The live session this browser keeps, or None."""
    return page.evaluate("(key) => JSON.parse(localStorage.getItem(key))", SESSION_KEY)


def outbox(page) -> list[str]:
    """The exercises whose answers wait to be sent."""
    return page.evaluate(
        """(prefix) => Object.keys(localStorage).filter((k) => k.startsWith(prefix)).map((k) => k.slice(prefix.length))""",
        OUTBOX_PREFIX,
    )


def wait_for(check, timeout: float = 15, message: str = "") -> object:
    """Poll ``check()`` until it returns something truthy; return that."""
    deadline = time.monotonic() + timeout
    while True:
        value = check()
        if value:
            return value
        if time.monotonic() > deadline:
            raise AssertionError(message or f"wacht te lang op {check}")
        time.sleep(0.1)
