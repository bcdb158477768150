"""Workshop exports: slides and handout as single offline HTML files, and the CLI's errors."""

from __future__ import annotations

import contextlib
import json
import re
from pathlib import Path

import nbformat
import pytest
from bs4 import BeautifulSoup
from nbformat.v4 import new_code_cell, new_markdown_cell, new_notebook

from sleutelcursus import cli
from sleutelcursus.workshop import export as exports
from sleutelcursus.hosting import HOST_MODULES, HOST_TRAITS
from sleutelcursus.plugins.registry import get_spec
from sleutelcursus.exercises import kind_module
from sleutelcursus.hosting import WIDGET_STATE
from trainees import axe_violations
from webtools import serve_directory, stored_answers, watch_page

EXERCISES = Path(__file__).resolve().parent.parent / "exercises"
# The workshop with one exercise of every type, so every browser module is exported.
WORKSHOP = EXERCISES / "workshop-fase-2.ipynb"
WORKSHOP_EXERCISES = ["rolscan", "netwerk-samenstellen", "kennischeck-fase-2"]
TRAINER_PHRASE = "Een lang reglement schrikt vrijwilligers af."


@pytest.fixture(scope="module")
def exported(tmp_path_factory):
    """The fase-2 workshop exported once with the real CLI: ``{kind: path}``."""
    out = tmp_path_factory.mktemp("export")
    before = WORKSHOP.read_bytes()
    assert cli.main(["export-workshop", str(WORKSHOP), "--uit", str(out)]) == 0
    assert WORKSHOP.read_bytes() == before, "het notebook zelf mag niet veranderen"
    return {"dia": out / "workshop-fase-2-dia.html", "hand-out": out / "workshop-fase-2-hand-out.html"}


def soup_of(path: Path) -> BeautifulSoup:
    return BeautifulSoup(path.read_text(encoding="utf-8"), "html.parser")


def tiny_notebook(path: Path, *code: str) -> Path:
    """A notebook with a heading and the given code cells."""
    nb = new_notebook(cells=[new_markdown_cell("# Kleine workshop"), *(new_code_cell(c) for c in code)])
    nb.metadata["kernelspec"] = {"name": "python3", "display_name": "Python 3", "language": "python"}
    nbformat.write(nb, path)
    return path


# ---- the files ------------------------------------------------------------------


def test_export_writes_exactly_one_file_per_kind(exported):
    folder = exported["dia"].parent
    assert sorted(p.name for p in folder.iterdir()) == ["workshop-fase-2-dia.html", "workshop-fase-2-hand-out.html"]


@pytest.mark.parametrize("kind", ["dia", "hand-out"])
def test_export_refers_to_nothing_outside_the_file(exported, kind):
    soup = soup_of(exported[kind])
    assert soup.html["lang"] == "nl"
    sources = [tag["src"] for tag in soup.find_all(src=True)]
    assert all(src.startswith("data:") for src in sources), sources
    assert not soup.find_all("link"), "stylesheets staan in het bestand zelf"
    styles = " ".join(style.get_text() for style in soup.find_all("style"))
    assert "@import" not in styles
    assert not re.search(r"url\(\s*['\"]?(?!data:)", styles)
    text = exported[kind].read_text(encoding="utf-8")
    for cdn in ("require.js", "unpkg.com", "cdnjs", "jsdelivr", "mathjax", "embed-amd", "fonts.googleapis"):
        assert cdn not in text.lower(), cdn


@pytest.mark.parametrize("kind", ["dia", "hand-out"])
def test_export_embeds_the_widget_state_without_module_or_stylesheet(exported, kind):
    soup = soup_of(exported[kind])
    state = json.loads(soup.find("script", type=WIDGET_STATE).get_text())["state"]
    ours = {m["state"]["exercise_id"]: m["state"] for m in state.values() if "exercise_id" in m.get("state", {})}
    assert sorted(ours) == sorted(WORKSHOP_EXERCISES)
    # Only what the static host reads: no module, stylesheet or layout model per exercise.
    assert not [m for m in state.values() if m.get("model_name") == "LayoutModel"]
    for inner in ours.values():
        assert set(inner) == set(HOST_TRAITS)
        # A fresh run: the exercises start empty, whatever was saved in the notebook.
        assert inner["answers"] == kind_module(inner["kind"]).empty_answers(inner["spec"])
    importmap = json.loads(soup.find("script", type="importmap").get_text())["imports"]
    host_modules = [f"./{name}.js" for name in HOST_MODULES]
    assert sorted(importmap) == sorted(["./composition.js", "./questionnaire.js", "./scenario.js", *host_modules])
    assert soup.find("script", type="module").get_text().strip().startswith("// Static host")


def test_trainer_notes_are_speaker_notes_in_slides_and_absent_from_the_handout(exported):
    notes = " ".join(aside.get_text(" ") for aside in soup_of(exported["dia"]).select("aside.notes"))
    assert TRAINER_PHRASE in notes
    assert TRAINER_PHRASE not in exported["hand-out"].read_text(encoding="utf-8")


def test_exports_show_no_code_only_its_output(exported):
    for path in exported.values():
        soup = soup_of(path)
        assert "read_answers(MAP" not in soup.get_text()
        assert "Gelezen: 12 antwoordbestand(en) van 5 deelnemer(s) met een bijnaam." in soup.get_text()


@pytest.mark.parametrize(
    "text, element, refused",
    [
        ("const x = '</script>';", "script", True),
        ("// <!-- oud commentaar", "script", True),
        ("const css = '<style>a{}</style>';", "script", False),
        ("a::after { content: '</style>'; }", "style", True),
        ("a { color: #154273; }", "style", False),
    ],
)
def test_inline_guard_refuses_text_that_would_end_the_element_early(text, element, refused):
    if refused:
        with pytest.raises(exports.ExportError, match=f"<{element}>"):
            exports._inline(text, "bestand", element)
    else:
        assert exports._inline(text, "bestand", element) == text


# ---- the command and its errors -------------------------------------------------


def test_soort_dia_writes_only_the_slides(tmp_path, capsys):
    notebook = tiny_notebook(tmp_path / "klein.ipynb", "from sleutelcursus import exercise\nexercise('werving')")
    assert cli.main(["export-workshop", str(notebook), "--uit", str(tmp_path / "uit"), "--soort", "dia"]) == 0
    assert [p.name for p in (tmp_path / "uit").iterdir()] == ["klein-dia.html"]
    assert capsys.readouterr().out.strip() == f"Geschreven: {tmp_path / 'uit' / 'klein-dia.html'}"


@pytest.mark.parametrize(
    "make, expected",
    [
        (lambda d: d / "bestaat-niet.ipynb", "Fout in {path}: notebook bestaat niet."),
        (lambda d: d, "Fout in {path}: notebook bestaat niet."),
        (lambda d: _write(d / "notities.md", "# Geen notebook\n"), "Fout in {path}: geen Jupyter-notebook (.ipynb)."),
        (lambda d: _write(d / "kapot.ipynb", '{"cells": ['), "Fout in {path}: geen Jupyter-notebook (.ipynb)."),
        (lambda d: _write(d / "lijst.ipynb", "[1, 2]"), "Fout in {path}: geen Jupyter-notebook (.ipynb)."),
    ],
    ids=["ontbreekt", "map", "markdown", "afgebroken", "andere-json"],
)
def test_missing_or_non_notebook_gives_one_dutch_line_and_exit_2(tmp_path, capsys, make, expected):
    path = make(tmp_path)
    assert cli.main(["export-workshop", str(path), "--uit", str(tmp_path / "uit")]) == 2
    err = capsys.readouterr().err.strip().splitlines()
    assert err == [expected.format(path=path)]
    assert not (tmp_path / "uit").exists()


def _write(path: Path, text: str) -> Path:
    path.write_text(text, encoding="utf-8")
    return path


def test_unknown_format_is_refused_before_anything_runs(tmp_path):
    notebook = tiny_notebook(tmp_path / "workshop.ipynb", "open('uitgevoerd.txt', 'w').close()")
    with pytest.raises(exports.ExportError, match="onbekende soort 'pdf'") as error:
        exports.export_workshop(notebook, tmp_path / "uit", ["dia", "pdf"])
    assert error.value.exit_code == 2
    assert not (tmp_path / "uitgevoerd.txt").exists() and not (tmp_path / "uit").exists()


def test_unknown_soort_gives_one_dutch_line_and_exit_2(tmp_path, capsys):
    with pytest.raises(SystemExit) as exit_info:
        cli.main(["export-workshop", "x.ipynb", "--soort", "pdf"])
    assert exit_info.value.code == 2
    err = capsys.readouterr().err.strip().splitlines()
    assert len(err) == 1 and err[0].startswith("Fout: argument --soort: onbekende keuze 'pdf'")


def test_failing_cell_is_named_and_earlier_exports_stay(tmp_path, capsys):
    out = tmp_path / "uit"
    notebook = tiny_notebook(tmp_path / "workshop.ipynb", "x = 1")
    assert cli.main(["export-workshop", str(notebook), "--uit", str(out)]) == 0
    before = {p.name: p.read_bytes() for p in out.iterdir()}
    capsys.readouterr()
    tiny_notebook(notebook, "x = 1", "raise ValueError('map van de groep ontbreekt')")
    assert cli.main(["export-workshop", str(notebook), "--uit", str(out)]) == 1
    err = capsys.readouterr().err.strip().splitlines()
    assert err == [f"Fout in {notebook}: cel 3 geeft een fout (ValueError: map van de groep ontbreekt); "
                   "verbeter de cel in Jupyter en exporteer opnieuw."]
    assert {p.name: p.read_bytes() for p in out.iterdir()} == before  # no temp folder left either


def test_notebook_runs_in_its_own_folder(tmp_path):
    (tmp_path / "groep").mkdir()
    (tmp_path / "groep" / "aantal.txt").write_text("7", encoding="utf-8")
    notebook = tiny_notebook(tmp_path / "workshop.ipynb", "print('deelnemers:', open('groep/aantal.txt').read())")
    [handout] = exports.export_workshop(notebook, tmp_path / "uit", ["hand-out"])
    assert "deelnemers: 7" in handout.read_text(encoding="utf-8")


def test_unwritable_output_gives_one_dutch_line(tmp_path, capsys):
    notebook = tiny_notebook(tmp_path / "workshop.ipynb", "x = 1")
    blocker = _write(tmp_path / "bestand", "geen map")
    assert cli.main(["export-workshop", str(notebook), "--uit", str(blocker / "uit")]) == 1
    err = capsys.readouterr().err.strip().splitlines()
    assert len(err) == 1 and err[0].startswith(f"Fout: kan niet schrijven naar {blocker / 'uit'}")


# ---- in the browser (ACCEPTANCE 3) ------------------------------------------------


def _open_offline(browser, url: str, base_url: str | None):
    """A page at ``url`` that may load nothing but itself (and data:/blob: URLs)."""
    page = browser.new_page(viewport={"width": 1280, "height": 800})
    if base_url:
        watch = watch_page(page, base_url)
    else:  # file://: every http(s) request leaves the file
        watch = watch_page(page, "file:///")
    page.goto(url)
    page.wait_for_selector("html[data-sc-exercises=ready]", timeout=20000)
    return page, watch


@pytest.mark.browser
@pytest.mark.parametrize("kind", ["dia", "hand-out"])
@pytest.mark.parametrize("where", ["server", "bestand"])
def test_export_opens_offline_with_every_exercise_rendered(browser, exported, kind, where):
    path = exported[kind]
    with serve_directory(path.parent) as base_url:
        if where == "server":
            page, watch = _open_offline(browser, base_url + path.name, base_url)
        else:
            page, watch = _open_offline(browser, path.as_uri(), None)
        try:
            for exercise_id in WORKSHOP_EXERCISES:
                title = page.locator(f'.sc-host[data-exercise="{exercise_id}"] h3').first
                assert title.text_content() == get_spec(exercise_id)["title"]
            assert watch.outside == []
            assert watch.console_errors == []
        finally:
            page.close()


def _slide_of(page, exercise_id: str) -> int:
    """The 1-based number of the slide that holds an exercise."""
    return page.evaluate(
        """(id) => {
            const slides = [...document.querySelectorAll(".sc-slides > .slides > section > section")];
            return 1 + slides.indexOf(document.querySelector(`.sc-host[data-exercise="${id}"]`).closest(".slides > section > section"));
        }""",
        exercise_id,
    )


@contextlib.contextmanager
def open_slides(browser, exported):
    """The exported slides, served offline: (page, watch, the shown slide's number)."""
    path = exported["dia"]
    with serve_directory(path.parent) as base_url:
        page, watch = _open_offline(browser, base_url + path.name, base_url)
        try:
            yield page, watch, lambda: int(page.get_attribute(".sc-slides", "data-dia"))
        finally:
            page.close()


@pytest.mark.browser
def test_slides_move_with_the_keyboard_but_not_while_answering(browser, exported):
    with open_slides(browser, exported) as (page, watch, number):
        assert page.get_attribute("nav.sc-dia-knoppen", "aria-label") == "Dia's"
        total = int(page.inner_text(".sc-dia-teller").split("/")[1])
        for key, expected in [("ArrowRight", 2), ("PageDown", 3), ("PageUp", 2), ("End", total), ("Home", 1)]:
            page.keyboard.press(key)
            assert number() == expected, key
        assert page.inner_text(".sc-dia-status") == "Dia 1 van %d: Workshop fase 2: de opbouw" % total
        # A slide taller than the screen scrolls first, then moves on.
        page.evaluate(f"location.hash = '#{_slide_of(page, 'netwerk-samenstellen')}'")
        at = number()
        page.keyboard.press("ArrowDown")
        assert number() == at
        assert page.evaluate("document.querySelector('.sc-slides > .slides > section > section:not([hidden])').scrollTop") > 0
        # Space on a button inside an exercise presses the button; the slide stays.
        page.evaluate(f"location.hash = '#{_slide_of(page, 'kennischeck-fase-2')}'")
        at = number()
        host = page.locator('.sc-host[data-exercise="kennischeck-fase-2"]')
        host.locator("input[type=radio]").first.check()
        host.get_by_role("button", name="Kies").focus()
        page.keyboard.press("Space")
        assert number() == at
        assert len(stored_answers(page, "kennischeck-fase-2")["path"]) == 1
        # "s" opens the speaker notes of this slide: the trainer's cell.
        page.evaluate("document.activeElement.blur()")
        with page.expect_popup() as popup:
            page.keyboard.press("s")
        assert "Bespreek vooral de keuzes" in popup.value.inner_text("main")
        assert watch.outside == [] and watch.console_errors == []


@pytest.mark.browser
def test_page_down_turns_the_slide_with_focus_in_an_exercise_and_arrows_stay_with_it(browser, exported):
    # Found by a trainer's trial: after clicking an answer, a clicker's Page Down did nothing.
    with open_slides(browser, exported) as (page, watch, number):
        page.evaluate(f"location.hash = '#{_slide_of(page, 'kennischeck-fase-2')}'")
        at = number()
        radio = page.locator('.sc-host[data-exercise="kennischeck-fase-2"] input[type=radio]').first
        radio.check()
        radio.focus()
        page.keyboard.press("ArrowDown")
        assert number() == at  # the arrow moved the choice, not the slide
        page.keyboard.press("PageDown")
        assert number() == at + 1
        page.keyboard.press("PageUp")
        assert number() == at
        assert watch.outside == [] and watch.console_errors == []


@pytest.mark.browser
def test_escape_in_the_restart_question_keeps_the_choice_and_the_slide(browser, exported):
    # The scenario asks before "Opnieuw beginnen"; its Escape must not open the overview.
    with open_slides(browser, exported) as (page, watch, number):
        page.evaluate(f"location.hash = '#{_slide_of(page, 'kennischeck-fase-2')}'")
        at = number()
        host = page.locator('.sc-host[data-exercise="kennischeck-fase-2"]')
        host.locator("input[type=radio]").first.check()
        host.get_by_role("button", name="Kies").click()
        stored = stored_answers(page, "kennischeck-fase-2")
        host.get_by_role("button", name="Opnieuw beginnen").focus()
        page.keyboard.press("Enter")
        assert page.evaluate("document.activeElement.textContent") == "Nee, ga terug"
        page.keyboard.press("Escape")
        assert not page.locator("nav.sc-dia-overzicht").is_visible() and number() == at
        assert page.evaluate("document.activeElement.textContent") == "Opnieuw beginnen"
        assert stored_answers(page, "kennischeck-fase-2") == stored and len(stored["path"]) == 1
        assert watch.outside == [] and watch.console_errors == []


@pytest.mark.browser
def test_escape_shows_every_slide_and_a_choice_goes_there(browser, exported):
    with open_slides(browser, exported) as (page, watch, number):
        overview = page.locator("nav.sc-dia-overzicht")
        total = int(page.inner_text(".sc-dia-teller").split("/")[1])
        page.keyboard.press("ArrowRight")
        page.keyboard.press("Escape")
        assert overview.is_visible() and page.locator(".slides section:visible").count() == 0
        buttons = overview.get_by_role("button")
        assert buttons.count() == total
        assert buttons.nth(0).inner_text() == "1. Workshop fase 2: de opbouw"
        assert page.evaluate("document.activeElement.getAttribute('aria-current')") == "true"
        assert page.evaluate("document.activeElement.textContent").startswith("2. ")
        assert page.get_attribute(".sc-dia-overzicht-knop", "aria-expanded") == "true"
        # Esc again: back on the slide it came from.
        page.keyboard.press("Escape")
        assert not overview.is_visible() and number() == 2
        # Choose a slide with the keyboard: Tab to it, Enter.
        page.keyboard.press("Escape")
        page.keyboard.press("Tab")
        page.keyboard.press("Tab")
        assert page.evaluate("document.activeElement.textContent").startswith("4. ")
        page.keyboard.press("Enter")
        assert not overview.is_visible() and number() == 4
        assert page.inner_text(".sc-dia-status").startswith("Dia 4 van %d" % total)
        # The button does the same for a mouse.
        page.click(".sc-dia-overzicht-knop")
        overview.get_by_role("button").nth(total - 1).click()
        assert number() == total
        assert watch.outside == [] and watch.console_errors == []


@pytest.mark.browser
@pytest.mark.parametrize("kind", ["dia", "hand-out"])
def test_export_has_no_wcag_violations(browser, exported, kind):
    path = exported[kind]
    with serve_directory(path.parent) as base_url:
        page, watch = _open_offline(browser, base_url + path.name, base_url)
        try:
            assert axe_violations(page) == []
            if kind == "dia":  # every slide at once, each in its screen-sized box
                page.evaluate("document.querySelectorAll('.sc-slides > .slides > section > section')"
                              ".forEach((slide) => { slide.hidden = false; })")
                assert axe_violations(page, ".sc-slides") == []
            assert watch.outside == []
        finally:
            page.close()


@pytest.mark.browser
def test_fragments_appear_one_by_one_before_the_next_slide(browser, tmp_path):
    nb = new_notebook(cells=[
        new_markdown_cell("# Eerste dia", metadata={"slideshow": {"slide_type": "slide"}}),
        new_markdown_cell("Eerste punt", metadata={"slideshow": {"slide_type": "fragment"}}),
        new_markdown_cell("Tweede punt", metadata={"slideshow": {"slide_type": "fragment"}}),
        new_markdown_cell("# Tweede dia", metadata={"slideshow": {"slide_type": "slide"}}),
    ])
    nbformat.write(nb, tmp_path / "punten.ipynb")
    [slides] = exports.export_workshop(tmp_path / "punten.ipynb", tmp_path / "uit", ["dia"])
    page = browser.new_page()
    try:
        watch = watch_page(page, "file:///")
        page.goto(slides.as_uri())
        shown = lambda: page.evaluate(  # noqa: E731
            "[...document.querySelectorAll('.fragment')].map((f) => getComputedStyle(f).visibility)")
        assert page.inner_text(".sc-dia-teller") == "1 / 2" and shown() == ["hidden", "hidden"]
        page.keyboard.press("ArrowRight")
        assert page.inner_text(".sc-dia-teller") == "1 / 2" and shown() == ["visible", "hidden"]
        page.keyboard.press("ArrowRight")
        assert shown() == ["visible", "visible"]
        page.keyboard.press("ArrowRight")
        assert page.inner_text(".sc-dia-teller") == "2 / 2"
        page.keyboard.press("ArrowLeft")  # back: the slide whole, as it was left
        assert page.inner_text(".sc-dia-teller") == "1 / 2" and shown() == ["visible", "visible"]
        assert watch.outside == [] and watch.console_errors == []
    finally:
        page.close()
