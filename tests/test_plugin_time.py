"""A module's pages say how long they take (``time=``), as national pages do in
``course/leerpaden.yml``: the start page's table shows it; a page without one shows
"eigen tempo"."""

from __future__ import annotations

import pytest
import yaml

from plugintools import CASES, failure, plugin
from sleutelcursus.book.paths import TABLE_FILE
from sleutelcursus.book.source import book_source
from sleutelcursus.book.staging import assemble
from sleutelcursus.plugins.registry import collect

PAGES = CASES / "pages"


def staged(pm, **module) -> dict:
    """The national book staged with the module "wijken" (wijken.md, then wijkkaart.md)."""
    pm.register(plugin(register_modules=lambda register: register(
        "wijken", "Onze wijken", PAGES / "wijken.md", after="fase-2", pages=[PAGES / "wijkkaart.md"], **module,
    )), name="proef")
    source = book_source()
    return assemble(source, collect(pm, yaml.safe_load((source / "_config.yml").read_text(encoding="utf-8"))))


def time_column(files: dict) -> dict[str, str]:
    """Page -> the start page table's "Tijd" of every module page."""
    rows = [line.split("|") for line in files[TABLE_FILE].decode("utf-8").splitlines()[2:]]
    return {row[1].strip(): row[-2].strip() for row in rows if "lokaal/" in row[1]}


def test_a_module_page_shows_the_time_its_plugin_gave_and_the_others_eigen_tempo(pm):
    files = staged(pm, time={PAGES / "wijken.md": "20 minuten, met één oefening"})
    assert time_column(files) == {"{doc}`lokaal/wijken/index`": "20 minuten, met één oefening",
                                  "{doc}`lokaal/wijken/wijkkaart`": "eigen tempo"}


@pytest.mark.parametrize("time, expected", [
    ("15 minuten", "time='15 minuten' is geen dict"),
    ({PAGES / "buurtpraat.md": "5 minuten"}, "geen pagina van deze module"),
    ({PAGES / "wijken.md": ""}, "time van"),
    ({PAGES / "wijken.md": 15}, "time van"),
])
def test_a_bad_time_is_refused_naming_the_plugin_and_module(pm, time, expected):
    message = failure(pm, register_modules=lambda register: register(
        "wijken", "Onze wijken", PAGES / "wijken.md", pages=[PAGES / "wijkkaart.md"], time=time))
    assert "module 'wijken'" in message and expected in message, message
