"""A live session's exports (issue 16): the trainer's report and table, and what
``workshop.live`` reads, equal what ``sleutelcursus groep`` and ``read_answers`` make of the
same answers as files; nicknames count as the trainees they are and stay text.
"""

from __future__ import annotations

import csv
import io
import re
from datetime import timezone
from zoneinfo import ZoneInfo

import pandas as pd
import pytest

from livegroup import FORMULA_NICKNAME, SCRIPT_NICKNAME, as_file_lines, trainee_payloads
from sleutelcursus.errors import format_error
from sleutelcursus.workshop import live as live_answers
from sleutelcursus.workshop import read_answers
from sleutelcursus.workshop.live import LiveSessionError
from sleutelcursus.workshop.report import group_report
from sleutelcursus.workshop.spreadsheet import HEADERS, LIVE_TIME_HEADER
from trainersession import LIVE_WORDS, as_files, base, client, live, login  # noqa: F401 (fixtures)

ESCAPED_SCRIPT = "&lt;script&gt;alert(1)&lt;/script&gt;"


def normalised_report(html: str) -> str:
    html = re.sub(r"Gemaakt op \d\d-\d\d-\d{4} om \d\d:\d\d", "Gemaakt op (tijd)", html)
    # The counts: of a session's answers and participants, or of a folder's files.
    html = re.sub(r"Gelezen: .*?</p>", "Gelezen: (aantallen)</p>", html)
    # Where the answers are kept differs: files the trainees downloaded, or the server.
    html = re.sub(r"<h2>Privacy</h2>\n<p>.*?</p>", "<h2>Privacy</h2>(waar de gegevens staan)", html, flags=re.S)
    for live, files in LIVE_WORDS.items():
        # A table's scroll box is named after its caption: the same words in an attribute.
        html = html.replace(f">{live}<", f">{files}<").replace(f'"{live}"', f'"{files}"')
    return html


def csv_rows(data: bytes) -> list[list[str]]:
    return list(csv.reader(io.StringIO(data.decode("utf-8-sig")), delimiter=";"))


def test_no_report_before_the_first_answer(live, client):
    login(client, live.token)
    assert client.get("/trainer/rapport.html").status_code == 404
    assert client.get("/trainer/groepsresultaten.csv").status_code == 404


@pytest.mark.parametrize("pseudonymise", [False, True])
def test_the_exports_are_the_files_groep_writes_for_the_same_answers(live, client, tmp_path, pseudonymise):
    login(client, live.token)
    live.fill(client)
    expected = group_report(as_files(live, tmp_path / "antwoorden"), tmp_path / "rapport", pseudonymise=pseudonymise)
    query = {"pseudoniem": "ja"} if pseudonymise else {}
    report = client.get("/trainer/rapport.html", params=query)
    table = client.get("/trainer/groepsresultaten.csv", params=query)

    # Saved under groep's names: the pseudonymised pair does not replace the named one.
    assert report.headers["content-disposition"] == f'attachment; filename="{expected.html.name}"'
    assert table.headers["content-disposition"] == f'attachment; filename="{expected.csv.name}"'
    assert ("pseudoniem" in expected.html.name) == ("pseudoniem" in expected.csv.name) == pseudonymise
    assert normalised_report(report.text) == normalised_report(expected.html.read_text(encoding="utf-8"))
    ours, theirs = csv_rows(table.content), csv_rows(expected.csv.read_bytes())
    # Found by a trainer's trial: the live CSV had an empty file-name column and called
    # the moment an answer was sent in a download.
    assert "Bestand" not in ours[0] and HEADERS["gedownload_op"] not in ours[0]
    if not pseudonymise:  # the files have names; the live answers none
        column = theirs[0].index("Bestand")
        theirs = [row[:column] + row[column + 1:] for row in theirs]
    theirs[0] = [LIVE_TIME_HEADER if name == HEADERS["gedownload_op"] else name for name in theirs[0]]
    assert ours == theirs


def test_the_live_report_says_where_its_data_is_and_when_it_is_wiped(live, client, tmp_path, machine_in_tokyo):
    # Found by a trainer's trial: the live report spoke of answer files trainees downloaded.
    login(client, live.token)
    live.fill(client)
    privacy = re.compile(r"<h2>Privacy</h2>\n<p>(.*?)</p>", re.S)
    files = privacy.search(group_report(as_files(live, tmp_path / "antwoorden"), tmp_path / "rapport").html.read_text(encoding="utf-8"))[1]
    assert files.startswith("Een antwoordbestand bevat geen naam")
    open_text = privacy.search(client.get("/trainer/rapport.html").text)[1]
    assert "antwoordbestand" not in open_text and "--pseudoniem" not in open_text
    assert "uit een live sessie" in open_text and "database van de workshopserver" in open_text
    assert "vanzelf een uur nadat de sessie is gesloten of verlopen;" in open_text
    live.store.close(live.session.id)
    # Dutch local time, also on a machine set to another zone (trainer trial).
    moment = live.store.session(live.session.id).wiped_at
    wiped = f"{moment.replace(tzinfo=moment.tzinfo or timezone.utc).astimezone(ZoneInfo('Europe/Amsterdam')):%d-%m-%Y om %H:%M}"
    closed_text = privacy.search(client.get("/trainer/rapport.html").text)[1]
    assert f"gesloten of verlopen (bij deze sessie op {wiped});" in closed_text
    hidden = privacy.search(client.get("/trainer/rapport.html", params={"pseudoniem": "ja"}).text)[1]
    assert "Dit rapport is gepseudonimiseerd" in hidden


def test_workshop_live_reads_the_session_as_read_answers_reads_its_files(live, client, base, tmp_path):
    live.fill(client)
    frame, problems = live_answers(base, live.token)
    payloads = live.store.payloads(live.session.id)
    expected, expected_problems = read_answers(as_files(live, tmp_path / "antwoorden"))
    pd.testing.assert_frame_equal(frame.drop(columns="bestand"), expected.drop(columns="bestand"))
    assert frame["bestand"].isna().all()
    assert as_file_lines(problems, payloads) == expected_problems == []


def test_workshop_live_says_a_wiped_session_no_longer_exists(live, client, base):
    # Found by a trainer's trial: a wiped session's answers were "token refused" in Jupyter.
    live.fill(client, trainees=1)
    live.store.close(live.session.id)
    assert len(live_answers(base, live.token)[0]) == 3  # closed, not yet wiped: still there
    with pytest.raises(LiveSessionError, match="de server weigert het token"):
        live_answers(base, "niet-het-token")
    live.store.wipe(live.session.code)
    with pytest.raises(LiveSessionError) as caught:
        live_answers(base, live.token)
    line = format_error(caught.value)
    assert line.startswith("Fout: deze sessie bestaat niet meer: de server wist een sessie met alle bijnamen en antwoorden een uur")
    assert "token" not in line and "\n" not in line


def test_trainees_who_share_a_nickname_or_have_none_are_each_one_participant(live, client, base):
    # Found by the trainer's trial: the nickname rule of answer files merged two "Anna"s
    # into one and split a trainee without a nickname into one "person" per exercise.
    for name in ["Anna", "anna ", None, "Vos"]:
        participant = live.join(client, name)
        for payload in trainee_payloads(2):
            assert live.answer(client, participant, payload).status_code == 204
    frame, problems = live_answers(base, live.token)
    assert problems == [] and len(frame) == 4 * 3
    assert list(dict.fromkeys(frame["deelnemer"])) == ["Anna", "anna (2)", "Zonder bijnaam 1", "Vos"]
    assert frame.groupby("deelnemer", sort=False).size().tolist() == [3, 3, 3, 3]
    hidden, _ = live_answers(base, live.token, pseudonymise=True)
    assert list(dict.fromkeys(hidden["deelnemer"])) == [f"Deelnemer {n}" for n in range(1, 5)]
    login(client, live.token)
    stand = client.get("/trainer/stand").text
    assert "Binnen: 12 antwoord(en) van 4 deelnemer(s)." in stand
    assert "antwoordbestand" not in stand and "Bestanden" not in stand


# ----------------------------------------------------------------- escaped nicknames


def test_a_nickname_with_markup_is_text_in_page_fragment_and_report_and_safe_in_csv(live, client):
    login(client, live.token)
    live.fill(client, trainees=5)  # nickname 1 is a script tag, nickname 4 a spreadsheet formula
    for path in ("/trainer", "/trainer/stand", "/trainer/rapport.html"):
        text = client.get(path).text
        assert SCRIPT_NICKNAME not in text, path
        assert ESCAPED_SCRIPT in text, path
    rows = csv_rows(client.get("/trainer/groepsresultaten.csv").content)
    names = {row[0] for row in rows[1:]}
    assert "'" + FORMULA_NICKNAME in names and FORMULA_NICKNAME not in names
