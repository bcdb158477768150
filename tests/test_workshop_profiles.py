"""A questionnaire's group figures rest only on scans that show a profile (trainer's issue).

A trainee's page shows a profile only when the questionnaire engine says the scan is
``ready``; the group report, the notebook chart and the live trainer page count the same
scans, say how many that are and why the others are left out, and draw nothing from
scans without a profile. The CSV keeps every trainee.
"""

from __future__ import annotations

import csv
import io
import re

import pytest

from answerfiles import answer_data, write_json
from sleutelcursus.cli import main
from sleutelcursus.live.view import stand_context, stand_html
from sleutelcursus.workshop import read_answers, read_payloads
from sleutelcursus.workshop.report import basis_sentence, self_scan_chart

SCAN = "zelfscan-ambtenaar"
STATEMENTS = [f"z{i:02d}" for i in range(1, 21)]
SIX = dict.fromkeys(STATEMENTS[:6], 4)  # 6 of 20: the page asks for 4 more before a profile
ALL = {statement: 2 + i % 4 for i, statement in enumerate(STATEMENTS)}
NICKNAMES = ["Anna", "Bram", "Cem", "Dewi"]
ONE_SHORT = "Gebaseerd op 3 van de 4 deelnemers; 1 beantwoordde te weinig stellingen voor een profiel."
NONE = "Gebaseerd op 0 van de 4 deelnemers; 4 beantwoordden te weinig stellingen voor een profiel."


def scans(answers: list[dict]) -> list[dict]:
    return [answer_data(SCAN, given, nickname) for nickname, given in zip(NICKNAMES, answers)]


def report(tmp_path, answers: list[dict]) -> tuple[str, list[dict]]:
    folder = tmp_path / "antwoorden"
    for data in scans(answers):
        write_json(folder / f"{data['nickname']}.json", data)
    assert main(["groep", str(folder), "--uit", str(tmp_path / "uit")]) == 0
    html = (tmp_path / "uit" / "groepsrapport.html").read_text(encoding="utf-8")
    rows = list(csv.DictReader(io.StringIO((tmp_path / "uit" / "groepsresultaten.csv").read_text(encoding="utf-8-sig")),
                               delimiter=";"))
    return html, rows


def section(html: str) -> str:
    return html.split("<h2>Zelfscan", 1)[1].split("<h2>", 1)[0]


def test_no_group_profile_from_scans_nobody_got_a_profile_of(tmp_path):
    html, rows = report(tmp_path, [SIX] * 4)
    part = section(html)
    assert f'<p class="sc-basis">{NONE}</p>' in part
    assert "<svg" not in part and "<table" not in part and "%" not in part
    assert [row["Deelnemer"] for row in rows] == NICKNAMES  # the CSV keeps every trainee


def test_the_profile_counts_the_finished_scans_and_says_who_is_left_out(tmp_path):
    html, rows = report(tmp_path, [ALL, ALL, ALL, SIX])
    part = section(html)
    assert f'<p class="sc-basis">{ONE_SHORT}</p>' in part
    df, _ = read_answers(tmp_path / "antwoorden")
    finished = df["uitkomst"].iloc[0]["profile"]
    # The three equal finished scans alone make the mean: the short one would pull it off.
    means = re.findall(r"<tr><th scope=\"row\">([^<]+)</th><td class=\"sc-getal\">3</td>(?:<td[^>]*>[^<]*</td>){5}"
                       r"<td class=\"sc-getal\">([^<]+)</td></tr>", part)
    assert means == [(item["label"], str(item["percent"])) for item in finished]
    assert len(rows) == 4


def test_the_live_trainer_page_shows_the_same_sentence_and_no_chart_without_a_profile():
    payloads = [{**data, "deelnemer": number} for number, data in enumerate(scans([SIX] * 4), 1)]
    frame, problems = read_payloads(payloads)
    page = str(stand_html(stand_context(4, frame, problems), "/trainer", "open"))
    assert NONE in page and "Spreiding per kwaliteit" not in page
    payloads[0]["answers"] = ALL
    frame, problems = read_payloads(payloads)
    page = str(stand_html(stand_context(4, frame, problems), "/trainer", "open"))
    assert "Gebaseerd op 1 van de 4 deelnemers; 3 beantwoordden te weinig stellingen voor een profiel." in page
    assert "Spreiding per kwaliteit" in page


def test_the_notebook_chart_says_what_it_rests_on(tmp_path):
    for data in scans([ALL, SIX]):
        write_json(tmp_path / f"{data['nickname']}.json", data)
    df, _ = read_answers(tmp_path)
    assert "Gebaseerd op 1 van de 2 deelnemers; 1 beantwoordde te weinig" in self_scan_chart(df).data


@pytest.mark.parametrize("basis, people, expected", [
    ({"antwoorden": 4, "meegeteld": 4, "te_weinig": 0, "alles_laagst": 0}, True, "Gebaseerd op alle 4 deelnemers."),
    ({"antwoorden": 1, "meegeteld": 1, "te_weinig": 0, "alles_laagst": 0}, True, "Gebaseerd op 1 deelnemer."),
    ({"antwoorden": 1, "meegeteld": 0, "te_weinig": 1, "alles_laagst": 0}, True,
     "Gebaseerd op 0 van 1 deelnemer; 1 beantwoordde te weinig stellingen voor een profiel."),
    ({"antwoorden": 5, "meegeteld": 2, "te_weinig": 1, "alles_laagst": 2}, True,
     "Gebaseerd op 2 van de 5 deelnemers; 1 beantwoordde te weinig stellingen voor een profiel; "
     "2 kozen bij elke stelling het laagste antwoord, en dan geeft de scan geen profiel."),
    # Files without a nickname may be one person's: they are counted as files.
    ({"antwoorden": 3, "meegeteld": 1, "te_weinig": 2, "alles_laagst": 0}, False,
     "Gebaseerd op 1 van de 3 antwoordbestanden; 2 hebben te weinig beantwoorde stellingen voor een profiel."),
])
def test_the_basis_sentence_in_plain_dutch(basis, people, expected):
    assert basis_sentence(basis, people) == expected


def test_files_without_a_nickname_are_counted_as_files(tmp_path):
    write_json(tmp_path / "a.json", answer_data(SCAN, ALL, "Anna"))
    write_json(tmp_path / "b.json", answer_data(SCAN, SIX))
    df, _ = read_answers(tmp_path)
    assert ("Gebaseerd op 1 van de 2 antwoordbestanden; 1 heeft te weinig beantwoorde stellingen voor een profiel."
            in self_scan_chart(df).data)
