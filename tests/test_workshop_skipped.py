"""The report lists every skipped file and its reason (trainer trial: "de reden per bestand
staat in de uitvoer van het commando" was gone once the terminal was closed); a
pseudonymised report names no file, since a file's name can hold a trainee's name."""

from __future__ import annotations

import html
import re

from answerfiles import answer_data, write_bad_files, write_json
from sleutelcursus.cli import main


def folder_with_bad_files(tmp_path):
    folder = tmp_path / "antwoorden"
    good = write_json(folder / "Fatima-Yilmaz-rolscan.json", answer_data("rolscan", {"r01": 5}, "Fatima"))
    write_json(folder / "sub" / "Jan-de-Vries.json", answer_data("rolscan", {"r01": 4}, "Jan"))
    (folder / "sub" / "Jan-de-Vries-notities.txt").write_text("privé", encoding="utf-8")
    bad = write_bad_files(folder, good, good)
    return folder, bad


def page_text(path) -> str:
    return " ".join(html.unescape(re.sub(r"<[^>]+>", " ", path.read_text(encoding="utf-8"))).split())


def test_the_report_lists_each_skipped_file_with_its_reason(tmp_path, capsys):
    folder, bad = folder_with_bad_files(tmp_path)
    assert main(["groep", str(folder), "--uit", str(tmp_path / "uit")]) == 0
    printed = [line for line in capsys.readouterr().err.splitlines() if ": overgeslagen, " in line]
    text = page_text(tmp_path / "uit" / "groepsrapport.html")
    assert f"Overgeslagen: {len(bad) + 1} bestand(en); welke en waarom staat hieronder." in text
    assert "in de uitvoer van het commando" not in text
    listed = text.split("Overgeslagen bestanden", 1)[1].split("Privacy", 1)[0]
    # The command's lines, word for word, with the folder-relative name first.
    assert len(printed) == len(bad) + 1
    for line in printed:
        name, reason = line.split(": overgeslagen, ", 1)
        assert f"{name}: {reason}" in listed
    assert "sub/Jan-de-Vries-notities.txt: geen .json-bestand" in listed
    assert "zz-kopie.json: precies hetzelfde als Fatima-Yilmaz-rolscan.json; dat bestand telt." in listed
    assert "Dit zijn mijn aantekeningen" not in text  # a file's content is never shown


def test_a_pseudonymised_report_gives_the_reasons_and_counts_but_no_file_name(tmp_path):
    folder, bad = folder_with_bad_files(tmp_path)
    assert main(["groep", str(folder), "--uit", str(tmp_path / "uit"), "--pseudoniem"]) == 0
    page = (tmp_path / "uit" / "groepsrapport-pseudoniem.html").read_text(encoding="utf-8")
    text = page_text(tmp_path / "uit" / "groepsrapport-pseudoniem.html")
    for name in ("Fatima", "Yilmaz", "Jan-de-Vries", "zz-", ".txt", "notities"):
        assert name not in page
    listed = text.split("Overgeslagen bestanden", 1)[1].split("Privacy", 1)[0]
    assert "want een bestandsnaam kan een naam bevatten" in listed
    assert "1 bestand: precies hetzelfde als een ander bestand; dat andere telt." in listed
    assert "1 bestand: geen .json-bestand; alleen antwoordbestanden (.json) worden gelezen." in listed
    counts = [int(n) for n in re.findall(r"(\d+) bestand(?:en)?: ", listed)]
    assert sum(counts) == len(bad) + 1
