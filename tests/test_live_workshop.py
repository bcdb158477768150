"""Acceptance 1 of issue 16: a live workshop of thirty trainees, end to end.

The real ``sleutelcursus live`` serves the built national course on loopback. Thirty
trainees, each in a Chromium context of their own, join by code, answer rolscan,
netwerk-samenstellen and voorzitter-kiezen in the book and download their answer files.
The trainer page then shows thirty participants and the same figures as
``sleutelcursus groep`` on the downloaded files.
"""

from __future__ import annotations

import time

import pytest
from bs4 import BeautifulSoup

from livegroup import answers_for
from liveserver import free_port, start_live
from livetrainees import (
    WORKSHOP_EXERCISES, answer_questionnaire, choose_path, exercise_pages, host, join, open_book_pages, outbox,
    tick_candidates, wait_for,
)

from sleutelcursus import cli
from sleutelcursus.live.storage import LiveStore
from sleutelcursus.plugins.registry import registered_specs
from sleutelcursus.workshop.report_folder import REPORT_NAME

pytestmark = pytest.mark.browser

TRAINEES = 30
SIDE_BY_SIDE = 5  # trainees whose pages load at the same time
NICKNAME = "Bijnaam (niet verplicht, alleen in je downloadbestand)"


def nickname(i: int) -> str:
    # One with markup: the trainer page must show it as text.
    return "<b>Vos</b>" if i == 7 else f"Deelnemer {i + 1:02d}"


def take_part(contexts, base: str, pages: dict[str, str], code: str, first: int, folder, arrived) -> None:
    """Trainees ``first``, ``first + 1``, ... (one per context), side by side: each sets the
    course nickname, joins by code, answers and downloads the three answer files.

    Returns once ``arrived(nickname)`` says the session holds each trainee's three answers.
    """
    specs = registered_specs()
    group = range(first, first + len(contexts))
    answers = {i: {eid: answers_for(i, specs[eid]) for eid in WORKSHOP_EXERCISES} for i in group}
    assert pages["netwerk-samenstellen"] == pages["rolscan"]
    tabs = dict(zip(group, open_book_pages(contexts, base + pages["rolscan"])))
    for i, page in tabs.items():
        field = host(page, "rolscan").get_by_label(NICKNAME)
        field.fill(nickname(i))
        field.press("Tab")  # the course nickname is kept on change; the join form starts from it
        join(page, code, None, "rolscan")
        answer_questionnaire(page, "rolscan", answers[i]["rolscan"])
        tick_candidates(page, "netwerk-samenstellen", answers[i]["netwerk-samenstellen"]["selected"])
    chairs = dict(zip(group, open_book_pages(contexts, base + pages["voorzitter-kiezen"])))
    for i, chair in chairs.items():
        choose_path(chair, "voorzitter-kiezen", answers[i]["voorzitter-kiezen"]["path"])
        for tab, exercise_id in ((tabs[i], "rolscan"), (tabs[i], "netwerk-samenstellen"), (chair, "voorzitter-kiezen")):
            with tab.expect_download() as info:
                host(tab, exercise_id).get_by_role("button", name="Download mijn antwoorden").click()
            info.value.save_as(folder / f"{i:02d}-{exercise_id}.json")
    for i, chair in chairs.items():
        wait_for(lambda: arrived(nickname(i)) == len(WORKSHOP_EXERCISES), message=f"deelnemer {i}: niet alles kwam aan")
        wait_for(lambda: not outbox(chair), message=f"deelnemer {i}: de outbox blijft vol")


def tables(html: str) -> dict[str, list[list[str]]]:
    """Every table with a caption: caption -> rows of cell texts."""
    soup = BeautifulSoup(html, "html.parser")
    found = {}
    for table in soup.find_all("table"):
        caption = table.find("caption")
        if caption is None:
            continue
        rows = [[" ".join(cell.get_text(" ", strip=True).split()) for cell in row.find_all(["th", "td"])]
                for row in table.find_all("tr")]
        found[" ".join(caption.get_text(" ", strip=True).split())] = rows
    return found


def test_thirty_trainees_join_answer_and_the_trainer_page_shows_what_groep_shows(browser, built_book, tmp_path):
    started = time.monotonic()
    db = f"sqlite:///{tmp_path / 'live.db'}"
    server = start_live(tmp_path, built_book, free_port(), "--db", db)
    files, report = tmp_path / "antwoorden", tmp_path / "rapport"
    files.mkdir()
    pages = exercise_pages(built_book)
    store = LiveStore(db)
    session = store.session_by_code(server.code)

    def arrived(name: str) -> int:
        return sum(payload["nickname"] == name for payload in store.payloads(session.id))

    try:
        for first in range(0, TRAINEES, SIDE_BY_SIDE):
            contexts = [browser.new_context(viewport={"width": 1024, "height": 800}, accept_downloads=True)
                        for _ in range(SIDE_BY_SIDE)]
            try:
                take_part(contexts, server.base + "/", pages, server.code, first, files, arrived)
            finally:
                for context in contexts:
                    context.close()
        trainees_done = time.monotonic() - started

        assert store.participant_count(session.id) == TRAINEES
        assert len(store.payloads(session.id)) == TRAINEES * len(WORKSHOP_EXERCISES)  # none doubled

        trainer = browser.new_page()
        trainer.goto(server.trainer_url)
        trainer.get_by_text(f"{TRAINEES} deelnemers doen mee.").wait_for()
        assert "<b>Vos</b>" in trainer.inner_text("body")  # markup in a nickname is text
        stand = trainer.evaluate("fetch('/trainer/stand').then((r) => r.text())")
        trainer.close()
    finally:
        server.stop()

    assert cli.main(["groep", str(files), "--uit", str(report)]) == 0
    from_files = tables((report / REPORT_NAME).read_text(encoding="utf-8"))
    live = tables(stand)
    figures = [caption for caption in from_files if caption != "Antwoordbestanden per oefening"]
    assert len(figures) >= len(WORKSHOP_EXERCISES)
    for caption in figures:
        assert live.get(caption) == from_files[caption], caption
    print(f"{TRAINEES} deelnemers in {trainees_done:.0f} s; hele test {time.monotonic() - started:.0f} s")
