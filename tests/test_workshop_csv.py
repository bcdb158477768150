"""The CSV has no column that is empty in every row (trainer trial: the live CSV had an
empty "bestand" column and a "gedownload_op" column for answers nobody downloaded)."""

from __future__ import annotations

from answerfiles import answer_data, write_json
from sleutelcursus import exercise
from sleutelcursus.workshop import from_widgets, read_answers
from sleutelcursus.workshop.spreadsheet import HEADERS, LIVE_TIME_HEADER, csv_frame

FILE_TIME = HEADERS["gedownload_op"]


def folder_of_two(tmp_path):
    folder = tmp_path / "antwoorden"
    write_json(folder / "a.json", answer_data("rolscan", {"r01": 5}, "Anna"))
    write_json(folder / "b.json", answer_data("voorzitter-kiezen", {"path": ["nieuw-extern"]}, "Bram"))
    return folder


def test_every_column_of_the_csv_has_a_value_in_some_row(tmp_path):
    frame, _ = read_answers(folder_of_two(tmp_path))
    flat = csv_frame(frame)
    # Neither a composition nor a questionnaire with a profile: no score, count or strongest.
    assert list(flat.columns) == ["Deelnemer", "Bestand", "Oefening", "Soort oefening", "Versie van de oefening",
                                  FILE_TIME, "Klaar", "Antwoorden", "Uitkomst"]
    assert all(flat[name].notna().any() for name in flat.columns)


def test_a_pseudonymised_csv_has_no_file_name_column(tmp_path):
    frame, _ = read_answers(folder_of_two(tmp_path), pseudonymise=True)
    flat = csv_frame(frame)
    assert "Bestand" not in flat.columns and list(flat["Deelnemer"]) == ["Deelnemer 1", "Deelnemer 2"]


def test_widgets_have_no_time_column():
    flat = csv_frame(from_widgets({"Anna": exercise("rolscan", {"r01": 5})}))
    assert FILE_TIME not in flat.columns and "Bestand" not in flat.columns


def test_a_live_session_names_its_time_column_for_what_it_is(tmp_path):
    frame, _ = read_answers(folder_of_two(tmp_path), pseudonymise=True)
    frame.attrs["live"] = True
    flat = csv_frame(frame)
    assert LIVE_TIME_HEADER in flat.columns and FILE_TIME not in flat.columns
    assert flat[LIVE_TIME_HEADER].notna().all()


def test_an_incomplete_scan_says_how_many_more_a_profile_needs_and_how_many_are_open(tmp_path):
    # Trainer trial: "nog 5 stelling(en) te beantwoorden" read as 5 left when 15 were.
    answers = {f"r{i:02d}": 4 for i in range(1, 6)}
    frame, _ = read_answers(folder_of_two(tmp_path))
    flat = csv_frame(frame)
    assert flat["Uitkomst"].iloc[0] == "nog geen profiel: beantwoord nog minstens 9 stellingen; 19 van 20 open"
    five = csv_frame(from_widgets({"Anna": exercise("rolscan", answers)}))
    assert five["Antwoorden"].iloc[0] == "5 van 20 stellingen beantwoord"
    assert five["Uitkomst"].iloc[0] == "nog geen profiel: beantwoord nog minstens 5 stellingen; 15 van 20 open"
    nine = csv_frame(from_widgets({"Anna": exercise("rolscan", {f"r{i:02d}": 4 for i in range(1, 10)})}))
    assert nine["Uitkomst"].iloc[0] == "nog geen profiel: beantwoord nog minstens 1 stelling; 11 van 20 open"
