"""Helpers of the plugin tests: inline plugins, fake installed plugins, test books."""

from __future__ import annotations

import shutil
import types
from pathlib import Path

import pytest
import yaml

from sleutelcursus import hookimpl
from sleutelcursus.errors import PluginError
from sleutelcursus.plugins.manager import DIR_ENV, LOAD_ENV
from sleutelcursus.plugins.registry import collect

HERE = Path(__file__).resolve().parent
CASES = HERE / "plugin_cases"
MINI = HERE / "books" / "mini"
BASE_CONFIG = yaml.safe_load((MINI / "_config.yml").read_text(encoding="utf-8"))


def plugin(**hooks) -> types.ModuleType:
    """A plugin module whose hooks are the given functions (named like the hooks).

    A function already marked (``hookimpl(wrapper=True)(f)``) keeps its marks."""
    module = types.ModuleType("proef")
    for name, function in hooks.items():
        setattr(module, name, function if hasattr(function, "sleutelcursus_impl") else hookimpl(function))
    return module


def failure(pm, **hooks) -> str:
    """The error of collecting with a plugin "proef" made of ``hooks``: one line naming it."""
    pm.register(plugin(**hooks), name="proef")
    with pytest.raises(PluginError) as info:
        collect(pm, BASE_CONFIG)
    message = str(info.value)
    assert "\n" not in message and message.startswith('Fout in plugin "proef"'), message
    return message


def book_with_parts(folder: Path) -> Path:
    """The mini book with the national course's parts: three phases and "Naslag"."""
    shutil.copytree(MINI, folder)
    toc = {"format": "jb-book", "root": "course/index", "parts": [{"caption": "Inleiding", "chapters": [{"file": "course/tweede"}]}]}
    for phase in (1, 2, 3):
        (folder / "course" / f"fase-{phase}").mkdir()
        (folder / "course" / f"fase-{phase}" / "index.md").write_text(f"# Fase {phase}\n", encoding="utf-8")
        toc["parts"].append({"caption": f"Fase {phase}", "chapters": [{"file": f"course/fase-{phase}/index"}]})
    (folder / "course" / "bronnen.md").write_text("# Bronnen\n", encoding="utf-8")
    toc["parts"].append({"caption": "Naslag", "chapters": [{"file": "course/bronnen"}]})
    (folder / "_toc.yml").write_text(yaml.safe_dump(toc, sort_keys=False), encoding="utf-8")
    return folder


class FakeEntryPoint:
    """An installed plugin as ``importlib.metadata.entry_points`` describes it."""

    def __init__(self, name: str, plugin=None, error: Exception | None = None, version: str = "1.2.3"):
        self.name, self.plugin, self.error = name, plugin, error
        self.dist = types.SimpleNamespace(version=version)

    def load(self):
        if self.error is not None:
            raise self.error
        return self.plugin


def book_with_chapters_in_phase_2(folder: Path) -> Path:
    """The book with parts, its phase 2 holding two chapters below its index page."""
    book = book_with_parts(folder)
    toc = yaml.safe_load((book / "_toc.yml").read_text(encoding="utf-8"))
    phase_2 = next(part for part in toc["parts"] if part["caption"] == "Fase 2")
    phase_2["chapters"][0]["sections"] = [{"file": "course/fase-2/werving"}, {"file": "course/fase-2/kennischeck"}]
    for name in ("werving", "kennischeck"):
        (book / "course" / "fase-2" / f"{name}.md").write_text(f"# {name}\n", encoding="utf-8")
    (book / "_toc.yml").write_text(yaml.safe_dump(toc, sort_keys=False), encoding="utf-8")
    return book


def contacts_plugin(name: str) -> types.ModuleType:
    """A plugin that registers one contact point named ``name``."""
    return plugin(register_contacts=lambda register: register(name, email=f"{name}@gemeente.example"))


def use_book(patch, base: Path) -> None:
    """Work in ``base/werk`` on the book ``base/boek``, with no installed plugins."""
    patch.chdir(base / "werk")
    patch.setenv("SLEUTELCURSUS_BOOK", str(base / "boek"))
    patch.setenv(LOAD_ENV, "")
    patch.delenv(DIR_ENV, raising=False)  # the build sets it; undone after the test
