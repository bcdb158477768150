"""The sleutelcursus command: building, checking, serving and bad input."""

from __future__ import annotations

import json
import shutil
import threading
import urllib.request
from pathlib import Path

import pytest

from snapshots import snapshot
from sleutelcursus import cli
from sleutelcursus.book import serve

MINI = Path(__file__).parent / "books" / "mini"


@pytest.fixture
def mini_book(tmp_path, monkeypatch):
    """A copy of the small test book, and a working directory to build in."""
    book = tmp_path / "boek"
    shutil.copytree(MINI, book)
    work = tmp_path / "werk"
    work.mkdir()
    monkeypatch.chdir(work)
    monkeypatch.setenv("SLEUTELCURSUS_BOOK", str(book))
    monkeypatch.setenv("SLEUTELCURSUS_TEST_TELLER", str(tmp_path / "teller.txt"))
    return book


def test_build_writes_a_dutch_site(mini_book, capfd):
    assert cli.main(["build", "--out", "site"]) == 0
    index = Path("site/index.html").read_text(encoding="utf-8")
    assert '<html lang="nl">' in index
    page = Path("site/course/index.html").read_text(encoding="utf-8")
    assert '<html lang="nl"' in page
    assert "dutch-stemmer.js" in Path("site/_static/language_data.js").read_text(encoding="utf-8") or Path(
        "site/_static/dutch-stemmer.js"
    ).is_file()
    assert "Zoeken" in page  # the theme's search label, translated
    printed = capfd.readouterr()  # at the file descriptors: the notebook kernel's output too
    assert "Boek gebouwd in site" in printed.out and printed.out.rstrip().endswith("Bekijk het met: sleutelcursus serve --dir site")
    assert printed.err == "", printed.err  # no "[IPKernelApp] WARNING | Kernel is running over TCP" line


def test_unchanged_notebook_is_not_executed_again(mini_book, tmp_path):
    assert cli.main(["build", "--out", "site"]) == 0
    assert cli.main(["build", "--out", "site"]) == 0
    assert (tmp_path / "teller.txt").read_text() == "x"
    assert "42" in Path("site/course/rekenen.html").read_text(encoding="utf-8")


def test_failed_build_keeps_previous_output(mini_book, capsys):
    assert cli.main(["build", "--out", "site"]) == 0
    before = snapshot(Path("site"))
    capsys.readouterr()
    (mini_book / "course" / "tweede.md").write_text("# Tweede\n\n```{notte}\nkapot\n```\n", encoding="utf-8")
    assert cli.main(["build", "--out", "site"]) == 1
    err = capsys.readouterr().err.strip().splitlines()
    assert len(err) == 1
    assert err[0].startswith("Fout in course/tweede.md, regel 3: bouwen mislukt: Unknown directive type")
    assert snapshot(Path("site")) == before


def test_a_national_notebook_page_that_raises_names_page_cell_and_exception(mini_book, capsys):
    assert cli.main(["build", "--out", "site"]) == 0
    before = snapshot(Path("site"))
    capsys.readouterr()
    notebook = mini_book / "course" / "rekenen.ipynb"
    data = json.loads(notebook.read_text(encoding="utf-8"))
    data["cells"][1]["source"] = ["print(6 * 7 / 0)"]
    notebook.write_text(json.dumps(data), encoding="utf-8")
    assert cli.main(["build", "--out", "site"]) == 1
    assert capsys.readouterr().err.strip().splitlines() == [
        "Fout in course/rekenen.ipynb: de pagina gaf een fout bij het uitvoeren van cel 2 "
        "(ZeroDivisionError: division by zero); de hele foutmelding staat in _build/.sleutelcursus/build.log."]
    assert "ZeroDivisionError" in Path("_build/.sleutelcursus/build.log").read_text(encoding="utf-8")
    assert snapshot(Path("site")) == before


def test_failure_repeats_until_the_page_is_fixed(mini_book, capsys):
    page = mini_book / "course" / "tweede.md"
    page.write_text("# Tweede\n\n```{notte}\nkapot\n```\n", encoding="utf-8")
    assert cli.main(["build", "--out", "site"]) == 1
    assert cli.main(["build", "--out", "site"]) == 1
    assert not Path("site").exists()
    page.write_text("# Tweede\n\nWeer heel.\n", encoding="utf-8")
    assert cli.main(["build", "--out", "site"]) == 0
    assert "Weer heel." in Path("site/course/tweede.html").read_text(encoding="utf-8")


def test_check_fails_on_a_warning_and_passes_when_clean(mini_book, capsys):
    assert cli.main(["check"]) == 0
    assert "0 waarschuwingen" in capsys.readouterr().out
    (mini_book / "course" / "tweede.md").write_text("# Tweede\n\nZie {doc}`bestaatniet`.\n", encoding="utf-8")
    assert cli.main(["build", "--out", "site"]) == 0  # a dangling link does not stop a build
    capsys.readouterr()
    assert cli.main(["check"]) == 1  # but check reports it, also when the page is unchanged
    err = capsys.readouterr().err
    assert "Waarschuwing in course/tweede.md (regel 3): verwijzing naar een onbekende pagina 'bestaatniet'" in err
    assert "Controle mislukt: 1 waarschuwing(en)." in err
    assert not Path("site/../_build/html").exists()


@pytest.mark.parametrize(
    "argv, expected",
    [
        (["bouw"], "onbekende keuze 'bouw'"),
        (["serve", "--port", "abc"], "'abc' is geen poortnummer"),
        (["serve", "--port", "70000"], "poort 70000 bestaat niet"),
        (["build", "--plugins-dir", "bestaat-niet"], "map bestaat-niet bestaat niet"),
        (["groep", "antwoord.json"], "antwoord.json is een bestand, geen map"),  # a trainer's slip
        (["build", "--onbekend"], "onbekende argumenten: --onbekend"),
        ([], "deze argumenten ontbreken: OPDRACHT"),
    ],
)
def test_bad_arguments_give_one_dutch_line_and_exit_2(argv, expected, capsys, tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    (tmp_path / "antwoord.json").write_text("{}", encoding="utf-8")
    with pytest.raises(SystemExit) as exit_info:
        cli.main(argv)
    assert exit_info.value.code == 2
    err = capsys.readouterr().err.strip().splitlines()
    assert len(err) == 1 and err[0].startswith("Fout: ") and expected in err[0]


def test_group_on_an_empty_folder_says_the_folder_holds_no_answer_files(tmp_path, capsys):
    # Found by a trainer's trial: it said no answer file "could be read", as if one was broken.
    (tmp_path / "leeg").mkdir()
    assert cli.main(["groep", str(tmp_path / "leeg"), "--uit", str(tmp_path / "rapport")]) == 1
    err = capsys.readouterr().err.strip().splitlines()
    assert err == ["Fout: er staan geen antwoordbestanden (.json) in deze map; er is geen rapport gemaakt."]


def test_build_refuses_to_replace_the_working_directory(mini_book, capsys):
    assert cli.main(["build", "--out", "."]) == 1
    assert "zou deze map zelf vervangen" in capsys.readouterr().err
    assert Path.cwd().is_dir()


def test_missing_book_files_give_a_clear_error(tmp_path, monkeypatch, capsys):
    monkeypatch.chdir(tmp_path)
    monkeypatch.setenv("SLEUTELCURSUS_BOOK", str(tmp_path / "leeg"))
    assert cli.main(["build"]) == 1
    assert "cursusbestanden (_config.yml, _toc.yml, course/) zijn niet gevonden" in capsys.readouterr().err


def test_serve_serves_the_built_book_on_localhost(tmp_path):
    (tmp_path / "index.html").write_text("<html lang='nl'>hallo</html>", encoding="utf-8")
    server = serve.make_server(tmp_path, 0)
    host, port = server.server_address
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        assert host == "127.0.0.1"
        with urllib.request.urlopen(f"http://127.0.0.1:{port}/index.html", timeout=5) as response:
            assert b"hallo" in response.read()
    finally:
        server.shutdown()
        server.server_close()


def test_serve_without_a_built_book_explains_what_to_do(tmp_path, monkeypatch, capsys):
    monkeypatch.chdir(tmp_path)
    assert cli.main(["serve", "--port", "8765"]) == 1
    assert "voer eerst 'sleutelcursus build' uit" in capsys.readouterr().err


def test_a_damaged_results_file_stops_the_build_with_one_line_and_keeps_the_site(mini_book, capsys, monkeypatch, tmp_path):
    from sleutelcursus.book import statement

    assert cli.main(["build", "--out", "site"]) == 0
    before = snapshot(Path("site"))
    capsys.readouterr()
    damaged = tmp_path / "toegankelijkheid.json"
    damaged.write_text('{"date": "2026-11-28"}', encoding="utf-8")
    monkeypatch.setattr(statement, "RESULTS_FILE", damaged)
    assert cli.main(["build", "--out", "site"]) != 0
    err = capsys.readouterr().err.strip().splitlines()
    assert err == [f"Fout in {damaged}, veld 'tools.axe-core': ontbreekt; draai de kwaliteitstest opnieuw "
                   "(pytest tests/test_site_quality.py) en daarna "
                   "python -m sleutelcursus.book.statement --update _build/toegankelijkheid.json."]
    assert snapshot(Path("site")) == before


def test_the_themes_labels_follow_their_catalog_and_a_broken_one_stops_the_build(mini_book, capsys, monkeypatch, tmp_path):
    from sleutelcursus.book import theme_labels

    catalog = tmp_path / "sleutelcursus.po"
    shutil.copy(theme_labels.CATALOG, catalog)
    monkeypatch.setattr(theme_labels, "CATALOG", catalog)
    assert cli.main(["build", "--out", "site"]) == 0
    assert "Naar de hoofdtekst" in Path("site/course/index.html").read_text(encoding="utf-8")
    # A changed label reaches every page on the next build, in the same process.
    text = catalog.read_text(encoding="utf-8").replace('"Naar de hoofdtekst"', '"Direct naar de tekst"')
    catalog.write_text(text, encoding="utf-8")
    assert cli.main(["build", "--out", "site"]) == 0
    page = Path("site/course/tweede.html").read_text(encoding="utf-8")
    assert "Direct naar de tekst" in page and "Naar de hoofdtekst" not in page
    before = snapshot(Path("site"))
    capsys.readouterr()
    catalog.write_text('msgid "Light"\nmsgstr "Li', encoding="utf-8")
    assert cli.main(["build", "--out", "site"]) == 1
    assert capsys.readouterr().err.strip().splitlines() == [f"Fout in {catalog}, regel 2: dit is geen geldig .po-bestand."]
    assert snapshot(Path("site")) == before
