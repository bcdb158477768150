"""The example group's answer files carry the names the book's download gives them
(trainer trial: they were still called "antwoorden-rolscan (1).json")."""

from __future__ import annotations

import json

from webtools import serve_directory, watch_page

from sleutelcursus.exercises import FRONTEND
from sleutelcursus.workshop.examples import PHASES, example_answers

# A file a trainee might send by mistake: the notebooks show it being skipped.
NOT_AN_ANSWER = "bladwijzers.json"


def test_every_example_answer_file_has_the_name_of_the_books_download(browser):
    files = [path for phase in PHASES for path in sorted(example_answers(phase).glob("*.json"))
             if path.name != NOT_AN_ANSWER]
    answers = [json.loads(path.read_text(encoding="utf-8")) for path in files]
    # The download names a file by the trainee's clock; the example group is Dutch.
    context = browser.new_context(timezone_id="Europe/Amsterdam")
    try:
        page = context.new_page()
        with serve_directory(FRONTEND) as base_url:
            watch = watch_page(page, base_url)
            page.goto(base_url + "exercise.css")
            names = page.evaluate(
                """([url, items]) => import(url).then((host) => items.map(
                    ([id, nickname, moment]) => host.answerFileName(id, nickname, new Date(moment))))""",
                [base_url + "host.js", [[a["exercise_id"], a["nickname"], a["exported_at"]] for a in answers]],
            )
            assert not watch.console_errors, watch.console_errors
    finally:
        context.close()
    assert len(files) > 30
    assert [path.name for path in files] == names
