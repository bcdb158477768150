"""The tests ``sleutelcursus new-plugin`` writes: they say they check the example
content, and their "Leerpad" test follows the module's ``learning_paths``.

The generated test functions are called here with a registry of the package loaded
from its folder (installing it is ``test_plugin_install.py``, slow).
"""

from __future__ import annotations

import importlib.util
import types
from pathlib import Path

import pytest
import yaml

from sleutelcursus.plugins import get_plugin_manager
from sleutelcursus.plugins.registry import collect
from sleutelcursus.plugins.scaffold import new_plugin

ROOT = Path(__file__).resolve().parent.parent
MINI_CONFIG = ROOT / "tests" / "books" / "mini" / "_config.yml"
CHAPTER = ROOT / "course" / "gemeenten" / "lokale-modules.md"


def generated(name: str, folder: Path) -> tuple[Path, types.ModuleType]:
    """A new plugin package for ``name`` and its generated test module, made to find
    the plugin under the name loading it from its folder gives."""
    package = new_plugin(name, folder / f"sleutelcursus-{name.lower()}")
    spec = importlib.util.spec_from_file_location(f"gegenereerd_{name.lower()}", package / "tests" / "test_plugin.py")
    tests = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(tests)
    tests.PLUGIN = f"sleutelcursus_{name.lower()}"
    return package, tests


def registry_of(package: Path):
    pm = get_plugin_manager(package / "src", entry_points=False)
    return collect(pm, yaml.safe_load(MINI_CONFIG.read_text(encoding="utf-8")))


def test_generated_leerpad_test_passes_for_the_package_as_generated(tmp_path):
    package, tests = generated("Zandhoven", tmp_path)
    tests.test_leerpad_block_names_the_learning_paths_of_the_module(registry_of(package))


def test_generated_leerpad_test_fails_when_the_paths_change_and_the_box_does_not(tmp_path):
    package, tests = generated("Heidorp", tmp_path)
    hooks = package / "src" / "sleutelcursus_heidorp" / "__init__.py"
    text = hooks.read_text(encoding="utf-8")
    assert 'learning_paths=("ambtenaar", "sleutelpersoon")' in text
    hooks.write_text(text.replace('learning_paths=("ambtenaar", "sleutelpersoon")', 'learning_paths=("ambtenaar",)'), encoding="utf-8")
    with pytest.raises(AssertionError):
        tests.test_leerpad_block_names_the_learning_paths_of_the_module(registry_of(package))
    page = package / "src" / "sleutelcursus_heidorp" / "pages" / "onze-gemeente.md"
    page.write_text(page.read_text(encoding="utf-8").replace("Voor: ambtenaren en sleutelpersonen", "Voor: ambtenaren"), encoding="utf-8")
    tests.test_leerpad_block_names_the_learning_paths_of_the_module(registry_of(package))


def test_generated_tests_and_the_chapter_say_the_example_tests_need_adapting(tmp_path):
    package, tests = generated("Kwelder", tmp_path)
    assert "pas dan ook deze tests aan" in tests.__doc__
    chapter = CHAPTER.read_text(encoding="utf-8")
    section = chapter[chapter.index("## Een nieuwe plugin maken"):chapter.index("## Stap voor stap")]
    assert "voorbeeldinhoud" in section and "pas dan ook de tests" in section, section
