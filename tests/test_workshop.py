"""Group results: reading answer files into pandas, summaries, charts, report and CLI."""

from __future__ import annotations

import csv
import io
import json
import math
import re
from pathlib import Path

import pandas as pd
import pytest

from answerfiles import answer_data, write_bad_files, write_json
from snapshots import snapshot
from sleutelcursus import exercise
from sleutelcursus.plugins.registry import registered_specs
from sleutelcursus.cli import main
from sleutelcursus.exercises import kind_module
from sleutelcursus.workshop import from_widgets, read_answers
from sleutelcursus.workshop.charts import BAR, bar_chart, number
from sleutelcursus.workshop.report import render_report, role_mix_chart
from sleutelcursus.workshop.spreadsheet import csv_frame
from sleutelcursus.workshop.summaries import (
    candidate_choices,
    composition_scores,
    group_network,
    role_mix,
    scenario_choices,
    self_scan_spread,
)

SCHEMA = {
    "deelnemer": "str",
    "bijnaam": "bool",
    "bestand": "str",
    "oefening": "str",
    "soort": "str",
    "spec_versie": "int64",
    "gedownload_op": "datetime64[ns, UTC]",
    "klaar": "bool",
    "sterkste": "str",
    "score": "Int64",
    "aantal_gekozen": "Int64",
    "pad": "str",
    "antwoorden": "object",
    "uitkomst": "object",
}
ALL_THREE = "r01 r02 r03 r04 r05 r06 r07 r08 r09 r10 r11 r12 r13 r14 r15 r16 r17 r18 r19 r20".split()


def compute(exercise_id: str, answers) -> dict:
    spec = registered_specs()[exercise_id]
    return kind_module(spec["type"]).compute(spec, answers)


@pytest.fixture
def group(tmp_path) -> Path:
    """Three trainees: Zwaluw (role scan, network), one without nickname (chair), Kwik (role scan)."""
    folder = tmp_path / "antwoorden"
    write_json(folder / "a-sam-rolscan.json", answer_data("rolscan", {"r01": 5}, "Zwaluw"))
    write_json(folder / "b-netwerk.json", answer_data("netwerk-samenstellen", {"selected": ["k01", "k02", "k03", "k04", "k05"]}, " zwaluw "))
    write_json(folder / "c-voorzitter.json", answer_data("voorzitter-kiezen", {"path": ["nieuw-extern", "volwassen-rouleren"]}))
    write_json(folder / "d-noor.json", answer_data("rolscan", {r: 3 for r in ALL_THREE}, "Kwik"))
    return folder


def test_table_has_one_row_per_file_in_the_documented_schema(group):
    df, problems = read_answers(group)
    assert problems == []
    assert {name: str(dtype) for name, dtype in df.dtypes.items()} == SCHEMA
    assert list(df["bestand"]) == ["a-sam-rolscan.json", "b-netwerk.json", "c-voorzitter.json", "d-noor.json"]
    assert list(df["deelnemer"]) == ["Zwaluw", "Zwaluw", "Zonder bijnaam 1", "Kwik"]
    assert list(df["bijnaam"]) == [True, True, False, True]
    assert list(df["oefening"]) == ["rolscan", "netwerk-samenstellen", "voorzitter-kiezen", "rolscan"]
    assert list(df["soort"]) == ["questionnaire", "composition", "scenario", "questionnaire"]
    assert list(df["spec_versie"]) == [1, 1, 1, 1]
    assert df["gedownload_op"].iloc[0] == pd.Timestamp("2025-03-04T10:00:00Z")
    assert df["antwoorden"].iloc[1] == {"selected": ["k01", "k02", "k03", "k04", "k05"]}
    assert df["uitkomst"].iloc[1] == compute("netwerk-samenstellen", df["antwoorden"].iloc[1])
    assert list(df["klaar"]) == [False, True, True, True]
    # Too few statements answered to name a strongest role (issue 12).
    assert pd.isna(df["sterkste"].iloc[0])
    assert df["sterkste"].iloc[3] == "alle onderdelen even hoog"
    assert df["score"].iloc[1] == compute("netwerk-samenstellen", df["antwoorden"].iloc[1])["score"]
    assert df["aantal_gekozen"].iloc[1] == 5 and pd.isna(df["score"].iloc[0])
    assert df["pad"].iloc[2] == "nieuw-extern > volwassen-rouleren" and pd.isna(df["pad"].iloc[0])


def test_uitkomst_is_recomputed_even_when_the_file_says_otherwise(tmp_path):
    wrong = answer_data("rolscan", {"r01": 5}, result={"profile": [], "strongest": ["luis"]})
    write_json(tmp_path / "a.json", wrong)
    df, _ = read_answers(tmp_path)
    assert df["uitkomst"].iloc[0] == compute("rolscan", {"r01": 5})
    # Too few statements answered to name a strongest role (issue 12).
    assert pd.isna(df["sterkste"].iloc[0])


def test_a_network_is_done_once_the_smallest_network_is_chosen_as_the_book_counts_it(tmp_path):
    # Trainer trial: one candidate ticked was "Klaar: ja" in the CSV and the report, while
    # the file's own progress (and the exercise) said four more were needed.
    spec = registered_specs()["netwerk-samenstellen"]
    ids = [c["id"] for c in spec["candidates"]]
    smallest = spec["size"]["min"]
    for count in (1, smallest - 1, smallest, smallest + 2):
        picked = {"selected": ids[:count]}
        progress = {"done": count >= smallest, "answered": count, "remaining": max(smallest - count, 0)}
        write_json(tmp_path / f"{count:02d}.json", answer_data("netwerk-samenstellen", picked, progress=progress))
    df, problems = read_answers(tmp_path)
    assert problems == []
    assert dict(zip(df["aantal_gekozen"], df["klaar"])) == {1: False, smallest - 1: False, smallest: True, smallest + 2: True}


def test_a_file_of_another_spec_version_loads_is_rescored_and_noted(tmp_path):
    old = answer_data("rolscan", {"r01": 4, "oude-stelling": 5})
    old["spec_version"] = 0
    write_json(tmp_path / "oud.json", old)
    df, problems = read_answers(tmp_path)
    assert problems == [] and df["spec_versie"].tolist() == [0]
    assert df["uitkomst"].iloc[0] == compute("rolscan", {"r01": 4})
    assert "1 bestand(en) zijn gemaakt met een andere versie" in render_report(df, 0, pseudonymised=False)


def test_subfolders_are_read_and_hidden_folders_skipped(tmp_path):
    write_json(tmp_path / "groep-1" / "x.json", answer_data("rolscan", {"r01": 2}))
    write_json(tmp_path / ".ipynb_checkpoints" / "x-checkpoint.json", answer_data("rolscan", {"r01": 3}))
    (tmp_path / ".DS_Store").write_text("systeembestand", encoding="utf-8")
    df, problems = read_answers(tmp_path)
    assert list(df["bestand"]) == ["groep-1/x.json"] and problems == []


def test_json_in_any_case_is_read_and_every_other_file_is_listed(tmp_path):
    write_json(tmp_path / "GROOT.JSON", answer_data("rolscan", {"r01": 2}, "Ada"))
    write_json(tmp_path / "gemengd.Json", answer_data("rolscan", {"r01": 3}, "Bo"))
    write_json(tmp_path / "mail.json.txt", answer_data("rolscan", {"r01": 4}, "Cas"))
    (tmp_path / "notities.txt").write_text("geen json", encoding="utf-8")
    df, problems = read_answers(tmp_path)
    assert list(df["bestand"]) == ["GROOT.JSON", "gemengd.Json"]
    assert problems == [
        "mail.json.txt: overgeslagen, geen .json-bestand; alleen antwoordbestanden (.json) worden gelezen.",
        "notities.txt: overgeslagen, geen .json-bestand; alleen antwoordbestanden (.json) worden gelezen.",
    ]


def test_a_list_of_files_reads_just_those(group):
    df, problems = read_answers([group / "d-noor.json", group / "a-sam-rolscan.json"])
    assert list(df["deelnemer"]) == ["Zwaluw", "Kwik"] and problems == []


def test_every_kind_of_bad_file_gives_one_line_and_the_rest_still_load(group):
    bad = write_bad_files(group, good=group / "c-voorzitter.json", older_duplicate_of=group / "a-sam-rolscan.json")
    df, problems = read_answers(group)
    assert len(df) == 4 and set(df["bestand"]) == {"a-sam-rolscan.json", "b-netwerk.json", "c-voorzitter.json", "d-noor.json"}
    assert len(problems) == len(bad) == 10
    expected = {
        "zz-notities.json": "geen geldig JSON",
        "zz-leeg.json": "leeg",
        "zz-afgebroken.json": "geen geldig JSON",
        "zz-afgebroken-kort.json": "geen geldig JSON",
        "zz-package.json": "geen antwoordbestand",
        "zz-schemaversie-2.json": "schemaversie 2",
        "zz-onbekende-oefening.json": "'bestaat-niet' bestaat niet",
        "zz-verkeerd-type.json": "is van type 'scenario'",
        "zz-kopie.json": "precies hetzelfde als c-voorzitter.json",
        "zz-ouder.json": "dezelfde bijnaam en oefening als a-sam-rolscan.json",
    }
    for name, reason in expected.items():
        lines = [line for line in problems if line.startswith(name + ":")]
        assert len(lines) == 1, (name, problems)
        assert reason in lines[0] and "\n" not in lines[0]


def test_the_newest_file_of_a_nickname_counts_even_when_it_sorts_last(tmp_path):
    write_json(tmp_path / "1.json", answer_data("rolscan", {"r01": 1}, "Ada", "2025-03-04T09:00:00Z"))
    write_json(tmp_path / "2.json", answer_data("rolscan", {"r01": 5}, "ADA  ", "2025-03-04T11:00:00Z"))
    write_json(tmp_path / "3.json", answer_data("rolscan", {"r01": 4}, "ada", "2025-03-04T10:00:00Z"))
    write_json(tmp_path / "4.json", answer_data("netwerk-samenstellen", {"selected": ["k01"]}, "Ada"))
    df, problems = read_answers(tmp_path)
    assert list(df["bestand"]) == ["2.json", "4.json"]
    assert [line.split(":")[0] for line in problems] == ["1.json", "3.json"]
    assert list(df["deelnemer"]) == ["ADA", "ADA"]


def test_reading_leaves_every_file_as_it_was(group, tmp_path):
    write_bad_files(group, good=group / "c-voorzitter.json", older_duplicate_of=group / "a-sam-rolscan.json")
    before = snapshot(group)
    read_answers(group)
    read_answers(group, pseudonymise=True)
    assert main(["groep", str(group), "--uit", str(tmp_path / "rapport")]) == 0
    assert snapshot(group) == before


def test_pseudonymise_numbers_everyone_by_file_name_and_hides_names(group, tmp_path):
    df, _ = read_answers(group, pseudonymise=True)
    assert list(df["deelnemer"]) == ["Deelnemer 1", "Deelnemer 1", "Zonder bijnaam 1", "Deelnemer 2"]
    assert df["bestand"].isna().all()
    flat = csv_frame(df).to_csv(sep=";", index=False)
    report = render_report(df, 0, pseudonymised=True)
    for text in (flat, report):
        assert "zwaluw" not in text.lower() and "kwik" not in text.lower()


def test_the_csv_says_ja_and_nee_where_pandas_would_write_true_and_false(group):
    # Found by a trainer's trial: "bijnaam" and "klaar" held True/False in a Dutch file.
    df, _ = read_answers(group)
    flat = csv_frame(df)
    assert list(flat["Klaar"]) == ["ja" if done else "nee" for done in df["klaar"]]
    assert set(flat["Klaar"]) == {"ja", "nee"}
    assert "True" not in flat.to_csv(sep=";", index=False) and "False" not in flat.to_csv(sep=";", index=False)


def test_role_mix_by_hand(tmp_path):
    # A: only r01=5. B: r01=1, r02=5. Both answered too few statements for a profile
    # (issue 12), so their page shows none and neither counts in the group's figures.
    # C: everything 3 -> 50 everywhere, all four tied strongest.
    write_json(tmp_path / "a.json", answer_data("rolscan", {"r01": 5}))
    write_json(tmp_path / "b.json", answer_data("rolscan", {"r01": 1, "r02": 5}))
    write_json(tmp_path / "c.json", answer_data("rolscan", {r: 3 for r in ALL_THREE}))
    write_json(tmp_path / "d.json", answer_data("voorzitter-kiezen", {"path": []}))
    df, _ = read_answers(tmp_path)
    mix = role_mix(df)
    assert list(mix["id"]) == ["verbinder", "vertegenwoordiger", "doener", "luis"]
    assert list(mix["gemiddeld"]) == [50.0, 50.0, 50.0, 50.0]
    # C has no clear strongest role: counted once, apart (tests/test_workshop_ties.py)
    assert list(mix["sterkste_bij"]) == [0, 0, 0, 0] and mix.attrs["geen_duidelijke_sterkste"] == 1
    assert list(mix["deelnemers"]) == [1, 1, 1, 1]
    assert mix.attrs["basis"] == {"antwoorden": 3, "meegeteld": 1, "te_weinig": 2, "alles_laagst": 0}


def test_self_scan_spread_by_hand(tmp_path):
    # z01..z10 weigh on every quality, each statement plainly: the same answer v on all
    # ten gives 25·(v-1) everywhere. v = 2..5 gives 25, 50, 75, 100; linear quartiles:
    # q1 at position 0.75 -> 43.75, median 62.5, q3 at position 2.25 -> 81.25.
    half = [f"z{i:02d}" for i in range(1, 11)]
    for value in range(1, 6):
        write_json(tmp_path / f"{value}.json", answer_data("zelfscan-ambtenaar", dict.fromkeys(half, value)))
    write_json(tmp_path / "6.json", answer_data("zelfscan-ambtenaar", {"z03": 4}))
    df, _ = read_answers(tmp_path)
    spread = self_scan_spread(df).set_index("id")
    # Only the four with a profile count: all answers lowest (1.json) and one answer (6.json) do not.
    assert spread.attrs["basis"] == {"antwoorden": 6, "meegeteld": 4, "te_weinig": 1, "alles_laagst": 1}
    for quality in ("flexibel", "cultuursensitief", "open"):
        assert spread.loc[quality, ["deelnemers", "minimum", "q1", "mediaan", "q3", "maximum", "gemiddeld"]].tolist() == [4, 25, 43.75, 62.5, 81.25, 100, 62.5]
    nobody = self_scan_spread(df[df["uitkomst"].map(lambda result: not result["ready"])]).set_index("id")
    assert nobody.loc["open", "deelnemers"] == 0 and math.isnan(nobody.loc["open", "gemiddeld"])


def test_scenario_choices_by_hand(tmp_path):
    paths = [["nieuw-extern", "volwassen-rouleren"], ["nieuw-extern"],
             ["nieuw-ambtenaar", "conflict-extern", "volwassen-netwerk-kiest"], ["nieuw-extern", "niet-bestaand"]]
    for i, path in enumerate(paths):
        write_json(tmp_path / f"{i}.json", answer_data("voorzitter-kiezen", {"path": path}))
    df, _ = read_answers(tmp_path)
    table = scenario_choices(df, "voorzitter-kiezen").set_index("keuze")
    assert table.loc["nieuw-extern", "deelnemers"] == 3 and table.loc["nieuw-ambtenaar", "deelnemers"] == 1
    assert table.loc["nieuw-extern", "procent"] == 75.0
    assert table.loc["nieuw-extern", "beoordeling"] == "Past goed"
    assert table.loc["nieuw-ambtenaar", "beoordeling"] == "Afgeraden"
    assert table.loc["volwassen-rouleren", "deelnemers"] == 1 and table.loc["volwassen-netwerk-kiest", "procent"] == 50.0
    assert table.loc["conflict-extern", "procent"] == 100.0 and table.loc["conflict-ambtenaar", "deelnemers"] == 0
    assert table["deelnemers"].sum() == 7
    assert len(table) == sum(len(step["choices"]) for step in registered_specs()["voorzitter-kiezen"]["steps"])


def test_scenario_choices_count_people_not_tries(tmp_path):
    # rol-gemeente leads "start-facilitator" back to its own step: Anna tried it three
    # times before moving on, Bram once; each is one person who chose it.
    loop = ["start-facilitator"] * 3
    write_json(tmp_path / "anna.json", answer_data("rol-gemeente", {"path": [*loop, "start-participant"]}, "Anna"))
    write_json(tmp_path / "bram.json", answer_data("rol-gemeente", {"path": ["start-facilitator"]}, "Bram"))
    df, _ = read_answers(tmp_path)
    table = scenario_choices(df, "rol-gemeente").set_index("keuze")
    assert table.loc["start-facilitator", "deelnemers"] == 2 and table.loc["start-participant", "deelnemers"] == 1
    assert table.loc["start-facilitator", "procent"] == 100.0 and table.loc["start-participant", "procent"] == 50.0
    assert table.attrs["bereikt"]["startfase"] == 2
    # The same person as widgets (one name, two tries) counts once as well.
    tries = [exercise("rol-gemeente", {"path": path}) for path in (loop, ["start-facilitator"])]
    widgets = scenario_choices(from_widgets({"Anna": tries}), "rol-gemeente").set_index("keuze")
    assert widgets.loc["start-facilitator", "deelnemers"] == 1
    html = render_report(df, 0, False)
    assert "2 deelnemers maakten hier een keuze" in html and "keer gekozen" not in html


def test_group_network_takes_the_most_chosen_candidates_up_to_the_median_size(tmp_path):
    selections = {"a": ["k01", "k02", "k03", "k04", "k05"], "b": ["k01", "k02", "k03", "k06", "k07"],
                  "c": ["k01", "k02", "k08", "k09", "k10", "k11", "k12"], "d": []}
    for name, chosen in selections.items():
        write_json(tmp_path / f"{name}.json", answer_data("netwerk-samenstellen", {"selected": chosen}, name.upper()))
    df, _ = read_answers(tmp_path)
    balance = group_network(df)
    # counts: k01 3, k02 3, k03 2, then nine ones for the last two places of the median
    # size of 5, 5, 7: the engine chooses those two (tests/test_workshop_ties.py)
    assert balance.attrs["leden"][:3] == ["k01", "k02", "k03"]
    assert balance.attrs["gelijk"]["plaatsen"] == 2 and len(balance.attrs["gelijk"]["kandidaten"]) == 9
    assert balance.attrs["netwerken"] == 3
    expected = compute("netwerk-samenstellen", {"selected": balance.attrs["leden"]})
    assert balance.attrs["uitkomst"] == expected
    assert balance.set_index("onderdeel").loc["Totaal", "score"] == expected["score"]
    assert list(balance["onderdeel"])[-3:] == ["Wijken", "Rollen", "Totaal"]
    chosen = candidate_choices(df)
    assert list(chosen["kandidaat"][:4]) == ["k01", "k02", "k03", "k04"]
    assert list(chosen["gekozen"][:3]) == [3, 3, 2] and chosen.set_index("kandidaat").loc["k13", "gekozen"] == 0
    assert chosen.set_index("kandidaat").loc["k03", "procent"] == pytest.approx(200 / 3)
    assert chosen["in_groepsnetwerk"].sum() == 5
    scores = composition_scores(df)
    assert list(scores["deelnemer"]) == ["A", "B", "C", "D"]
    assert list(scores["score"]) == [compute("netwerk-samenstellen", {"selected": s})["score"] for s in selections.values()]
    assert list(scores["aantal_gekozen"]) == [5, 5, 7, 0]


def test_from_widgets_gives_the_same_schema_and_recomputes(group):
    role = exercise("rolscan", {"r01": 5})
    chair = exercise("voorzitter-kiezen", {"path": ["nieuw-extern"]})
    df = from_widgets({"Zwaluw": [role, chair], "Kwik": exercise("rolscan")})
    assert {name: str(dtype) for name, dtype in df.dtypes.items()} == SCHEMA
    assert list(df["deelnemer"]) == ["Zwaluw", "Zwaluw", "Kwik"]
    assert df["uitkomst"].iloc[0] == role.result and df["pad"].iloc[1] == "nieuw-extern"
    assert df["gedownload_op"].isna().all() and df["bestand"].isna().all()
    role.answers = {"r02": 5}
    assert df["antwoorden"].iloc[0] == {"r01": 5}  # a copy, not the live answers
    assert list(from_widgets([role, chair])["deelnemer"]) == ["Deelnemer 1", "Deelnemer 2"]


def test_csv_has_one_row_per_file_in_dutch_time_and_words(group, tmp_path):
    # A July download is in summer time: the spreadsheet shows the clock of that day.
    write_json(group / "e-zomer.json", answer_data("rolscan", {"r01": 4}, "Zomer", exported_at="2025-07-01T12:30:00.000Z"))
    assert main(["groep", str(group), "--uit", str(tmp_path / "uit")]) == 0
    text = (tmp_path / "uit" / "groepsresultaten.csv").read_text(encoding="utf-8-sig")
    rows = list(csv.DictReader(io.StringIO(text), delimiter=";"))
    # Found by a trainer's trial: technical headers (spec_versie, aantal_gekozen), English
    # kinds, and a "bijnaam" column of ja/nee beside the nickname itself.
    zone = "Gedownload op (Nederlandse tijd)"
    assert list(rows[0]) == ["Deelnemer", "Bestand", "Oefening", "Soort oefening", "Versie van de oefening", zone,
                             "Klaar", "Het sterkst in (vragenlijst)", "Score van 100 (netwerk samenstellen)",
                             "Aantal gekozen kandidaten", "Antwoorden", "Uitkomst"]
    assert [row["Bestand"] for row in rows] == ["a-sam-rolscan.json", "b-netwerk.json", "c-voorzitter.json", "d-noor.json", "e-zomer.json"]
    assert [row["Soort oefening"] for row in rows] == ["vragenlijst", "netwerk samenstellen", "scenario", "vragenlijst", "vragenlijst"]
    assert [row["Deelnemer"] for row in rows][2] == "Zonder bijnaam 1"
    assert [row[zone] for row in (rows[0], rows[4])] == ["2025-03-04 11:00", "2025-07-01 14:30"]
    assert rows[0]["Score van 100 (netwerk samenstellen)"] == ""
    # The nested answers and results as Dutch text, not JSON.
    assert rows[0]["Antwoorden"] == "1 van 20 stellingen beantwoord"
    assert rows[0]["Uitkomst"].startswith("nog geen profiel: beantwoord nog minstens ")
    network = registered_specs()["netwerk-samenstellen"]["candidates"]
    assert rows[1]["Antwoorden"].split(", ")[0] == f"{network[0]['naam']} ({network[0]['wijk']})"
    assert rows[1]["Uitkomst"].startswith(f"score {rows[1]['Score van 100 (netwerk samenstellen)']} van 100; wijken ")
    assert rows[2]["Antwoorden"].startswith("Een neutrale voorzitter van buiten") and " > " in rows[2]["Antwoorden"]
    assert rows[2]["Uitkomst"].startswith("einde bereikt: 2 × Past goed")
    assert rows[3]["Uitkomst"].endswith("; sterkste: alle onderdelen even hoog")
    for row in rows:
        for name in ("Antwoorden", "Uitkomst"):
            with pytest.raises(json.JSONDecodeError):
                json.loads(row[name])


def test_report_is_one_offline_dutch_page(group, tmp_path):
    assert main(["groep", str(group), "--uit", str(tmp_path / "uit")]) == 0
    html = (tmp_path / "uit" / "groepsrapport.html").read_text(encoding="utf-8")
    assert html.startswith("<!doctype html>") and '<html lang="nl">' in html
    for forbidden in ("<script", "http", "src=", "href=", "url(", "@import", "<link"):
        assert forbidden not in html.lower()
    assert len(re.findall(r"<table[ >]", html)) == html.count("<caption>") > 3
    assert html.count("<svg") == len(re.findall(r"<svg[^>]*><title>[^<]+</title>", html)) >= 4
    assert all('role="img" aria-label="' in svg for svg in re.findall(r"<svg[^>]*>", html))
    assert re.findall(r"<h(\d)", html)[0] == "1"
    assert "Een antwoordbestand bevat geen naam" in html
    for title in ("Welke rol past bij jou?", "Stel een evenwichtig netwerk samen"):
        assert f"<h2>{title}</h2>" in html


def test_cli_exit_codes_and_one_line_per_skipped_file(group, tmp_path, capsys):
    write_bad_files(group, good=group / "c-voorzitter.json", older_duplicate_of=group / "a-sam-rolscan.json")
    assert main(["groep", str(group)]) == 0
    out, err = capsys.readouterr()
    assert len(err.strip().splitlines()) == 10
    assert "4 antwoordbestand(en) van 2 deelnemer(s) met een bijnaam en 1 bestand(en) zonder bijnaam" in out
    assert (group.parent / "groepsrapport-antwoorden" / "groepsrapport.html").is_file()
    only_bad = tmp_path / "alleen-fout"
    only_bad.mkdir()
    (only_bad / "x.json").write_text("{", encoding="utf-8")
    assert main(["groep", str(only_bad), "--uit", str(tmp_path / "r")]) == 1
    out, err = capsys.readouterr()
    assert err.splitlines()[0].startswith("x.json: overgeslagen") and "geen rapport" in err
    assert not (tmp_path / "r").exists()
    with pytest.raises(SystemExit) as missing:
        main(["groep", str(tmp_path / "bestaat-niet")])
    assert missing.value.code == 2
    assert main(["groep", str(group), "--uit", str(group / "rapport")]) == 2
    assert "ligt in de map met antwoorden" in capsys.readouterr().err
    assert not (group / "rapport").exists()


def test_a_chart_shows_in_a_notebook_as_styled_html(group):
    df, _ = read_answers(group)
    shown = role_mix_chart(df)._repr_html_()
    assert shown.startswith("<style>") and shown.count("<svg") == 1 and "<caption>Rolmix van de groep</caption>" in shown
    assert "<script" not in shown


def test_numbers_are_written_the_dutch_way():
    assert [number(62.25), number(50.0), number(7), number(math.nan), number(None), number(True)] == ["62,2", "50", "7", "–", "–", "ja"]


def test_bar_length_follows_the_value_and_labels_are_escaped():
    svg = bar_chart("Titel <x>", [("half <b>", 50), ("vol", 100), ("geen", None)], 100, "%")
    widths = [float(w) for w in re.findall(r'<rect[^>]*width="([\d.]+)"', svg)]
    assert len(widths) == 2 and widths[1] == pytest.approx(2 * widths[0])
    assert "half &lt;b&gt;" in svg and "<b>" not in svg and "<title>Titel &lt;x&gt;" in svg
    assert ">–</text>" in svg and "50%" in svg
    # Drawn lean (issue 11, light pages): the bars' colour and the texts' alignment are
    # said once, and a whole coordinate has no ".0".
    assert svg.count(BAR) == 1 and svg.count("dominant-baseline") == 1 and "text-anchor" not in svg
    assert ".0\"" not in svg and 'height="120"' in svg
    # Each label stands above its bar (readable on a phone, test_report_narrow.py).
    label_y = [float(y) for y in re.findall(r'<text x="2" y="([\d.]+)">', svg)]
    bar_y = [float(y) for y in re.findall(r'<rect[^>]*y="([\d.]+)"', svg)]
    assert len(label_y) == 3 and all(label < bar < next_label for label, bar, next_label in zip(label_y, bar_y, label_y[1:]))
