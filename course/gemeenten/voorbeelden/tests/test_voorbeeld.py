"""Tests van de voorbeeldplugin uit het hoofdstuk "Lokale modules toevoegen"."""

from pathlib import Path

import pytest
import yaml

from sleutelcursus.book.source import book_source
from sleutelcursus.book.staging import assemble
from sleutelcursus.plugins import get_plugin_manager
from sleutelcursus.plugins.registry import collect

SRC = Path(__file__).resolve().parent.parent / "src"
PLUGIN = "sleutelcursus_voorbeeld"  # een plugin uit een map heet zoals zijn map


@pytest.fixture
def registry():
    # Elke test een nieuwe plugin manager: de landelijke cursus plus deze plugin.
    pm = get_plugin_manager(SRC, entry_points=False)
    config = yaml.safe_load((book_source() / "_config.yml").read_text(encoding="utf-8"))
    return collect(pm, config)


def test_module_comes_in_phase_2_before_the_knowledge_check(registry):
    [module] = [m for m in registry.modules if m.plugin == PLUGIN]
    assert (module.id, module.title, module.before) == ("onze-wijken", "Onze wijken", "fase-2/kennischeck")
    assert module.page.read_text(encoding="utf-8").startswith("# Onze wijken")
    # In de inhoudsopgave van het boek: direct voor de kennischeck van fase 2.
    toc = yaml.safe_load(assemble(book_source(), registry)["_toc.yml"])
    files = [entry.get("file") for part in toc["parts"] for chapter in part["chapters"]
             for entry in [chapter, *chapter.get("sections", [])]]
    assert files.index("course/lokaal/onze-wijken/index") + 1 == files.index("course/fase-2/kennischeck")


def test_scenario_is_registered(registry):
    spec = registry.exercises["voorbeeld-voorzitter-wijkraad"]
    assert spec["type"] == "scenario"
    assert registry.exercise_plugins["voorbeeld-voorzitter-wijkraad"] == PLUGIN
    # Zoals het hoofdstuk aanraadt: de naam van de gemeente vooraan in elke oefening-id.
    assert all(eid.startswith("voorbeeld-") for eid, plugin in registry.exercise_plugins.items() if plugin == PLUGIN)


def test_contact_point_is_registered(registry):
    [contact] = [c for c in registry.contacts if c.plugin == PLUGIN]
    assert contact.email == "samenleven@voorbeeld.example"
    assert not contact.replaces_national


def test_book_title_names_the_municipality(registry):
    assert registry.config["title"] == "Cursus sleutelpersonennetwerk Voorbeeld"


def test_entry_point_names_the_package_module():
    tomllib = pytest.importorskip("tomllib")  # Python 3.11 en nieuwer
    project = tomllib.loads((SRC.parent / "pyproject.toml").read_text(encoding="utf-8"))
    assert project["project"]["entry-points"]["sleutelcursus"] == {"voorbeeld": PLUGIN}
    assert (SRC / PLUGIN / "__init__.py").is_file()
