"""Where ``sleutelcursus groep`` writes (trainer trial): each answer folder gets its own
report folder, and a report made from another answer folder is never replaced."""

from __future__ import annotations

from pathlib import Path

import pytest

from answerfiles import answer_data, write_json
from sleutelcursus.cli import main

FULL = {f"r{j:02d}": 1 + j % 5 for j in range(1, 21)}


def _group(parent: Path, name: str, nickname: str) -> Path:
    folder = parent / name
    write_json(folder / f"{nickname}.json", answer_data("rolscan", FULL, nickname))
    return folder


def _csv(report: Path) -> str:
    return (report / "groepsresultaten.csv").read_text(encoding="utf-8-sig")


def _run(capsys, *args: str) -> tuple[int, str, str]:
    code = main(["groep", *args])
    out, err = capsys.readouterr()
    return code, out, err


def test_two_groups_in_one_parent_folder_each_keep_their_own_report(tmp_path, capsys):
    group_a, group_b = _group(tmp_path, "groep-a", "Anna"), _group(tmp_path, "groep-b", "Bram")
    assert _run(capsys, str(group_a))[0] == 0
    assert _run(capsys, str(group_b))[0] == 0
    csv_a, csv_b = (_csv(tmp_path / f"groepsrapport-{name}") for name in ("groep-a", "groep-b"))
    assert "Anna" in csv_a and "Bram" not in csv_a
    assert "Bram" in csv_b and "Anna" not in csv_b
    assert (tmp_path / "groepsrapport-groep-a" / "groepsrapport.html").is_file()


def test_a_report_of_another_answer_folder_is_never_replaced(tmp_path, capsys):
    group_a, group_b = _group(tmp_path, "groep-a", "Anna"), _group(tmp_path, "groep-b", "Bram")
    shared = tmp_path / "rapport"
    assert _run(capsys, str(group_a), "--uit", str(shared))[0] == 0
    before = {p.name: p.read_bytes() for p in shared.iterdir()}
    code, out, err = _run(capsys, str(group_b), "--uit", str(shared))
    assert code == 2 and out == ""
    assert len(err.splitlines()) == 1 and "Traceback" not in err
    assert str(group_a.resolve()) in err and str(group_b.resolve()) in err and "--uit" in err
    assert "wordt niet vervangen" in err
    assert {p.name: p.read_bytes() for p in shared.iterdir()} == before


def test_a_report_folder_of_unknown_origin_is_not_replaced(tmp_path, capsys):
    group_a = _group(tmp_path, "groep-a", "Anna")
    old = tmp_path / "groepsrapport-groep-a"
    old.mkdir()
    (old / "groepsrapport.html").write_text("ouder rapport", encoding="utf-8")
    code, _, err = _run(capsys, str(group_a))
    assert code == 2 and "niet bekend" in err and "--uit" in err
    assert (old / "groepsrapport.html").read_text(encoding="utf-8") == "ouder rapport"


def test_a_rerun_for_the_same_answer_folder_replaces_its_own_report_and_says_so(tmp_path, capsys):
    group_a = _group(tmp_path, "groep-a", "Anna")
    code, out, _ = _run(capsys, str(group_a))
    assert code == 0 and "Groepsrapport gemaakt" in out and "vervangen" not in out
    write_json(group_a / "cor.json", answer_data("rolscan", FULL, "Cor"))
    code, out, _ = _run(capsys, str(group_a))
    assert code == 0 and "vervangen" in out
    assert "Cor" in _csv(tmp_path / "groepsrapport-groep-a")


@pytest.mark.parametrize("through", ["default", "--uit"])
def test_passing_the_report_folder_as_map_is_named_as_that_mistake(tmp_path, capsys, through):
    group_a = _group(tmp_path, "groep-a", "Anna")
    assert _run(capsys, str(group_a))[0] == 0
    report = tmp_path / "groepsrapport-groep-a"
    before = {p.name: p.read_bytes() for p in report.iterdir()}
    extra = [] if through == "default" else ["--uit", str(report)]
    code, _, err = _run(capsys, str(report), *extra)
    assert code == 2 and len(err.splitlines()) == 1
    assert "dit lijkt een rapportmap, geen map met antwoordbestanden" in err
    assert {p.name: p.read_bytes() for p in report.iterdir()} == before


def test_the_output_folder_may_still_not_lie_inside_the_answer_folder(tmp_path, capsys):
    group_a = _group(tmp_path, "groep-a", "Anna")
    code, _, err = _run(capsys, str(group_a), "--uit", str(group_a / "rapport"))
    assert code == 2 and "ligt in de map met antwoorden" in err
    assert not (group_a / "rapport").exists()


def test_the_pseudonymised_report_sits_next_to_the_named_one_and_the_output_says_which_files(tmp_path, capsys):
    """Trainer trial: a trainer made the report with nicknames for themselves, then the
    pseudonymised one to share; the second replaced the first. Now each has its own names."""
    group_a = _group(tmp_path, "groep-a", "Anna")
    report = tmp_path / "groepsrapport-groep-a"
    assert _run(capsys, str(group_a))[0] == 0
    named = {name: (report / name).read_bytes() for name in ("groepsrapport.html", "groepsresultaten.csv")}
    code, out, _ = _run(capsys, str(group_a), "--pseudoniem")
    shared = (report / "groepsrapport-pseudoniem.html", report / "groepsresultaten-pseudoniem.csv")
    assert code == 0 and "vervangen" not in out
    assert out.startswith(f"Gepseudonimiseerd groepsrapport gemaakt: {shared[0]} en {shared[1]} (")
    assert "Niet veranderd (het rapport met bijnamen): groepsrapport.html en groepsresultaten.csv." in out
    assert {name: (report / name).read_bytes() for name in named} == named
    assert "Anna" in named["groepsresultaten.csv"].decode("utf-8-sig")
    assert "Anna" not in shared[1].read_text(encoding="utf-8-sig") and "Deelnemer 1" in shared[1].read_text(encoding="utf-8-sig")
    assert "Anna" not in shared[0].read_text(encoding="utf-8")
    # Each kind replaces only itself, and a folder with just the shared pair is still a report folder.
    code, out, _ = _run(capsys, str(group_a), "--pseudoniem")
    assert code == 0 and out.startswith("Gepseudonimiseerd groepsrapport vervangen (zelfde map met antwoorden)")
    for name in named:
        (report / name).unlink()
    code, _, err = _run(capsys, str(report))
    assert code == 2 and "dit lijkt een rapportmap" in err
