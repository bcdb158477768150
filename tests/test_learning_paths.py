"""Learning paths: the start page's table, the path picker, "Volgende in jouw leerpad"."""

from __future__ import annotations

import json
import re
from urllib.parse import urljoin

import pytest
import yaml

from plugintools import CASES, plugin
from trainees import assert_clean, axe_violations, focused, tab_until
from webtools import watch_page

from sleutelcursus.book.paths import EXERCISE_TABLE_FILE, PATHS_FILE, TABLE_FILE, exercises_on, load_path_file
from sleutelcursus.book.source import book_source
from sleutelcursus.book.sphinxext import path_data
from sleutelcursus.book.staging import assemble
from sleutelcursus.plugins.manager import DIR_ENV, LOAD_ENV, get_plugin_manager
from sleutelcursus.plugins.registry import LEARNING_PATHS, collect

NEXT = re.compile(r"^Volgende in jouw leerpad")


@pytest.fixture
def staged_with_module(monkeypatch):
    """The national book staged with one local module for key persons only, after phase 2."""
    monkeypatch.setenv(LOAD_ENV, "")
    monkeypatch.delenv(DIR_ENV, raising=False)
    pm = get_plugin_manager()
    pm.register(plugin(register_modules=lambda register: register(
        "wijken", "Onze wijken", CASES / "pages" / "wijken.md", after="fase-2", learning_paths=["sleutelpersoon"],
    )), name="proef")
    source = book_source()
    config = yaml.safe_load((source / "_config.yml").read_text(encoding="utf-8"))
    return assemble(source, collect(pm, config))


def test_every_page_in_the_path_file_is_in_the_book_in_book_order(staged_with_module):
    titles, pages = load_path_file(book_source() / PATHS_FILE)
    assert list(titles) == list(LEARNING_PATHS)
    cmap = yaml.safe_load(staged_with_module["_config.yml"])["sphinx"]["config"]["sleutelcursus_leerpaden"]
    docs = [page["doc"] for page in cmap["pages"]]
    assert [doc for doc in docs if doc in pages] == list(pages)


def test_the_table_lists_phase_pages_and_a_module_on_the_path_it_declared(staged_with_module):
    table = staged_with_module[TABLE_FILE].decode("utf-8").splitlines()
    assert table[0] == "| Pagina | Leerpad ambtenaar | Leerpad sleutelpersoon | Tijd |"
    rows = {line.split("|")[1].strip(): [cell.strip() for cell in line.split("|")[2:5]] for line in table[2:]}
    assert rows["{doc}`fase-2/index`"] == ["ja", "ja", "5 minuten"]
    assert rows["{doc}`fase-1/draagvlak`"] == ["ja", "nee", "10 minuten"]
    assert rows["{doc}`lokaal/wijken/index`"] == ["nee", "ja", "eigen tempo"]
    order = [line.split("|")[1].strip() for line in table[2:]]
    assert order.index("{doc}`lokaal/wijken/index`") == order.index("{doc}`fase-2/kennischeck`") + 1


def test_the_progress_data_knows_each_page_s_exercises_and_knowledge_checks(staged_with_module):
    cmap = yaml.safe_load(staged_with_module["_config.yml"])["sphinx"]["config"]["sleutelcursus_leerpaden"]
    pages = {page["doc"]: page for page in cmap["pages"]}
    assert pages["course/fase-2/diversiteit"]["exercises"] == exercises_on(book_source() / "course/fase-2/diversiteit.ipynb")
    assert pages["course/fase-2/diversiteit"]["exercises"] and not pages["course/fase-2/diversiteit"]["check"]
    assert set(pages["course/fase-3/kennischeck"]["exercises"]) == {"kennischeck-fase-3", "kennischeck-fase-3-sleutelpersoon"}
    assert pages["course/fase-3/kennischeck"]["check"]
    assert set(cmap["specs"]) == {i for page in cmap["pages"] for i in page["exercises"]}
    assert "file: course/voortgang" in staged_with_module["_toc.yml"].decode("utf-8")


def _cmap(staged: dict) -> dict:
    return yaml.safe_load(staged["_config.yml"])["sphinx"]["config"]["sleutelcursus_leerpaden"]


def _path_exercises(cmap: dict) -> dict[str, set[str]]:
    """Per path, the exercises the progress page counts (the data every page gets)."""
    data = path_data(cmap, "course/voortgang", lambda doc, *a: doc, lambda doc: doc)
    return {path["id"]: {i for page in path["pages"] for i in page["exercises"]} for path in data["paths"]}


def test_the_network_exercise_counts_on_the_civil_servant_s_path_only(staged_with_module):
    # The key person's progress page listed it as "nog niet gedaan", while the start page
    # and the exercise itself said it is for civil servants.
    counted = _path_exercises(_cmap(staged_with_module))
    assert "netwerk-samenstellen" in counted["ambtenaar"]
    assert "netwerk-samenstellen" not in counted["sleutelpersoon"]
    assert "rolscan" in counted["sleutelpersoon"] and "rolscan" not in counted["ambtenaar"]


def test_the_start_page_s_exercise_table_says_what_the_progress_page_counts(staged_with_module):
    cmap = _cmap(staged_with_module)
    counted = _path_exercises(cmap)
    table = staged_with_module[EXERCISE_TABLE_FILE].decode("utf-8").splitlines()
    assert table[0] == "| Oefening | Hoofdstuk | Leerpad ambtenaar | Leerpad sleutelpersoon |"
    rows = [[cell.strip() for cell in line.split("|")[1:-1]] for line in table[2:]]
    titles = {spec["title"]: exercise_id for exercise_id, spec in cmap["specs"].items()}
    assert ["Stel een evenwichtig netwerk samen", "{doc}`fase-2/diversiteit`", "ja", "nee"] in rows
    assert len(rows) == len(cmap["specs"])
    for title, _, civil, key in rows:
        exercise_id = titles[title]
        assert (civil == "ja", key == "ja") == (exercise_id in counted["ambtenaar"], exercise_id in counted["sleutelpersoon"])
    assert "{include} _oefeningen-tabel.md" in (book_source() / "course/index.md").read_text(encoding="utf-8")


def test_every_exercise_that_names_its_path_in_the_text_counts_on_that_path_only(staged_with_module):
    """"Deze oefening hoort bij het leerpad X" above an exercise agrees with its spec."""
    counted = _path_exercises(_cmap(staged_with_module))
    said = re.compile(r"Deze oefening hoort bij het leerpad (\w+)")
    checked = []
    for notebook in sorted((book_source() / "course").rglob("*.ipynb")):
        named = None
        for cell in json.loads(notebook.read_text(encoding="utf-8"))["cells"]:
            text = "".join(cell["source"])
            if cell["cell_type"] == "markdown" and said.search(text):
                named = said.findall(text)[-1]
            for exercise_id in exercises_on(json.dumps({"cells": [cell]}).encode()):
                if named:
                    assert {p for p, ids in counted.items() if exercise_id in ids} == {named}, exercise_id
                    checked.append(exercise_id)
                named = None
    assert "netwerk-samenstellen" in checked and "voorzitter-kiezen-sleutelpersoon" in checked


@pytest.fixture
def start_page(browser, book_server):
    base_url, _ = book_server
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    page = context.new_page()
    watch = watch_page(page, base_url)
    page.goto(base_url + "course/index.html")
    page.locator("#sc-leerpad-kiezen fieldset").wait_for()
    yield page, watch
    context.close()


def table_order(page, column: int) -> list[str]:
    """The pages the start page's table marks "ja" in ``column``, as absolute addresses."""
    table = page.locator("table").filter(has=page.get_by_role("columnheader", name="Pagina", exact=True))
    assert table.count() == 1
    rows = table.locator("tbody tr")
    found = []
    for index in range(rows.count()):
        cells = rows.nth(index).locator("td")
        if cells.nth(column).inner_text().strip() == "ja":
            found.append(urljoin(page.url, cells.nth(0).locator("a").get_attribute("href")))
    return found


@pytest.mark.parametrize("column, path_id", [(1, "ambtenaar"), (2, "sleutelpersoon")])
def test_volgende_in_jouw_leerpad_walks_the_path_in_the_table_s_order_and_nowhere_else(start_page, column, path_id):
    page, watch = start_page
    expected = table_order(page, column)
    assert len(expected) >= 8
    # Picked by keyboard: Tab into the group, arrows to the path.
    page.locator("#sc-leerpad-kiezen input").first.focus()
    if path_id != "ambtenaar":
        page.keyboard.press("ArrowDown")
    else:
        page.keyboard.press("Space")
    assert focused(page)["id"] == f"sc-leerpad-{path_id}"
    assert "Deze browser onthoudt dat." in page.locator(".sc-leerpad-status").inner_text()

    visited = []
    while page.get_by_role("link", name=NEXT).count():
        page.get_by_role("link", name=NEXT).click()
        page.wait_for_load_state()
        visited.append(page.url.split("#")[0])
        nav = page.get_by_role("navigation", name="Jouw leerpad")
        assert f"pagina {len(visited)} van {len(expected)}." in nav.inner_text()
        if len(visited) > 1:
            assert nav.get_by_role("link", name=re.compile("^Vorige in jouw leerpad")).count() == 1
        assert page.locator(".prev-next-area").count() == 1  # the theme's own links stay
        assert len(visited) <= len(expected)
    assert visited == expected
    assert page.get_by_role("link", name=re.compile("Bekijk je voortgang")).count() == 1
    assert_clean(watch)


def test_pages_outside_the_chosen_path_show_no_path_links(start_page, book_server):
    page, _ = start_page
    page.check("#sc-leerpad-sleutelpersoon")
    page.goto(book_server[0] + "course/fase-1/draagvlak.html")
    assert page.get_by_role("navigation", name="Jouw leerpad").count() == 0
    page.goto(book_server[0] + "course/fase-2/werving.html")
    assert page.get_by_role("navigation", name="Jouw leerpad").count() == 1


def test_the_start_page_with_picker_and_path_links_passes_axe(start_page):
    page, watch = start_page
    page.check("#sc-leerpad-ambtenaar")
    page.get_by_role("navigation", name="Jouw leerpad").wait_for()
    page.locator("#sc-voortgang-kort").filter(has_text="Jouw voortgang").wait_for()
    assert axe_violations(page) == []
    tab_until(page, lambda f: f["text"].startswith("Volgende in jouw leerpad"), limit=200)
    assert_clean(watch)
