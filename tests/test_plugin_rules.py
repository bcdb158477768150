"""Plugins, the rules around the hooks: where a module goes, two plugins changing one
setting, hooks called through pluggy, and a plugin's notebook page that raises.

The hooks themselves are tested in ``test_plugins.py``; this file reuses its fixtures.
"""

from __future__ import annotations

import json
import os
import re
import shutil
from pathlib import Path

import pytest
import yaml

from sleutelcursus import cli, hookimpl
from sleutelcursus.book.staging import assemble
from sleutelcursus.errors import PluginError
from sleutelcursus.plugins.manager import DIR_ENV, LOAD_ENV, PROJECT
from sleutelcursus.plugins.registry import collect
from plugintools import BASE_CONFIG, CASES, book_with_chapters_in_phase_2, book_with_parts, contacts_plugin, failure, plugin, use_book


# ------------------------------------------------------------------ placement


@pytest.mark.parametrize("place, expected", [
    ({"before": "fase-2/kennischeck"}, ["course/fase-2/werving", "course/lokaal/wijken/index", "course/fase-2/kennischeck"]),
    ({"after": "fase-2/werving"}, ["course/fase-2/werving", "course/lokaal/wijken/index", "course/fase-2/kennischeck"]),
    ({"after": "fase-2/kennischeck"}, ["course/fase-2/werving", "course/fase-2/kennischeck", "course/lokaal/wijken/index"]),
])
def test_hook_register_modules_places_a_module_before_or_after_a_chapter_of_a_phase(pm, tmp_path, place, expected):
    pm.register(plugin(register_modules=lambda register: register("wijken", "Wijken", "plugin_cases/pages/wijken.md", **place)), name="proef")
    toc = yaml.safe_load(assemble(book_with_chapters_in_phase_2(tmp_path / "boek"), collect(pm))["_toc.yml"])
    phase_2 = next(part for part in toc["parts"] if part["caption"] == "Fase 2")
    assert [entry["file"] for entry in phase_2["chapters"][0]["sections"]] == expected


def test_hook_register_modules_before_a_phase_puts_it_first_in_that_part(pm, tmp_path):
    pm.register(plugin(register_modules=lambda register: register("wijken", "Wijken", "plugin_cases/pages/wijken.md", before="fase-3")), name="proef")
    toc = yaml.safe_load(assemble(book_with_parts(tmp_path / "boek"), collect(pm))["_toc.yml"])
    phase_3 = next(part for part in toc["parts"] if part["caption"] == "Fase 3")
    assert [entry["file"] for entry in phase_3["chapters"]] == ["course/lokaal/wijken/index", "course/fase-3/index"]


def test_hook_register_modules_refuses_a_chapter_the_phase_does_not_have(pm, tmp_path):
    pm.register(plugin(register_modules=lambda register: register("wijken", "Wijken", "plugin_cases/pages/wijken.md", before="fase-2/kennistest")), name="proef")
    with pytest.raises(PluginError) as info:
        assemble(book_with_chapters_in_phase_2(tmp_path / "boek"), collect(pm))
    assert str(info.value) == ('Fout in plugin "proef": module \'wijken\': before=\'fase-2/kennistest\': dat hoofdstuk '
                               'bestaat niet; kies uit fase-2/index, fase-2/werving, fase-2/kennischeck.')


# ------------------------------------------------------ one setting, two plugins


def title_plugin(title: str, override: bool = False):
    """A plugin that sets the book's title (with ``config.override`` when asked)."""
    def update(config):
        if override:
            config.override("title", title)
        else:
            config["title"] = title
            config["logo"] = "plugin_cases/pages/logo.svg"
    return plugin(update_book_config=update)


def test_hook_update_book_config_refuses_a_setting_two_plugins_change_naming_both(pm):
    pm.register(title_plugin("Cursus Wijkstad"), name="wijkstad")
    message = failure(pm, update_book_config=lambda config: config.update(title="Cursus Zeedorp"))
    assert message.startswith('Fout in plugin "proef", veld \'title\': deze instelling is al gezet door plugin "wijkstad".')
    assert 'config.override("title", ...)' in message


def test_hook_update_book_config_lets_a_plugin_override_on_purpose_and_lists_the_changes(pm):
    pm.register(title_plugin("Cursus Wijkstad"), name="wijkstad")
    pm.register(title_plugin("Cursus Zeedorp", override=True), name="zeedorp")
    registry = collect(pm, BASE_CONFIG)
    assert registry.config["title"] == "Cursus Zeedorp"
    assert registry.config_changes == {"wijkstad": ["logo", "title"], "zeedorp": ["title"]}
    assert registry.by_plugin()["zeedorp"] == {"config": ["title"]}


def test_plugins_command_lists_what_a_config_only_plugin_changes(monkeypatch, capsys, tmp_path):
    monkeypatch.setenv(LOAD_ENV, "")
    monkeypatch.delenv(DIR_ENV, raising=False)
    (tmp_path / "huisstijl.py").write_text(
        "from sleutelcursus import hookimpl\n\n\n@hookimpl\ndef update_book_config(config):\n"
        "    config['author'] = 'Gemeente Wijkstad'\n    config['launch_buttons']['jupyterhub_url'] = 'https://hub.wijkstad.example'\n"
        "    config['repository'] = {'url': 'https://git.wijkstad.example/gemeente/cursus', 'branch': 'main', 'path_to_book': ''}\n",
        encoding="utf-8")
    assert cli.main(["plugins", "--plugins-dir", str(tmp_path)]) == 0
    listed = json.loads(capsys.readouterr().out)[-1]
    assert listed["name"] == "huisstijl"
    assert listed["registered"] == {"config": ["author", "launch_buttons.jupyterhub_url", "repository.branch",
                                               "repository.path_to_book", "repository.url"]}


# ------------------------------------------------------------------- pluggy


def test_hooks_are_called_through_pluggy_so_wrappers_and_tracing_see_every_plugin(pm):
    wrapped = []

    @hookimpl(wrapper=True)
    def register_contacts(register):
        before = len(wrapped)
        result = yield  # the one plugin this call is for runs here
        wrapped.append(before)
        return result

    pm.register(contacts_plugin("wijkstad"), name="wijkstad")
    pm.register(plugin(register_contacts=register_contacts), name="spion")
    traced = []
    pm.trace.root.setwriter(traced.append)
    undo = pm.enable_tracing()
    try:
        contacts = collect(pm).contacts
    finally:
        undo()
    # One call per implementing plugin, each inside the wrapper; items keep their plugin.
    assert [c.plugin for c in contacts] == [PROJECT, "wijkstad"] and wrapped == [0, 1]
    assert sum("register_contacts" in line and "finish" not in line for line in traced) == 2, traced


# ------------------------------------------------------- a page that raises


def test_a_plugin_page_that_raises_leaves_its_traceback_in_the_build_log(built_once, tmp_path, monkeypatch, capsys):
    shutil.copytree(built_once, tmp_path, dirs_exist_ok=True)
    use_book(monkeypatch, tmp_path)
    shutil.copy(CASES / "kapot" / "notebookfout.py", tmp_path / "plugins")
    assert cli.main(["build", "--out", "site", "--plugins-dir", str(tmp_path / "plugins")]) == 2
    assert capsys.readouterr().err.strip().endswith("de hele foutmelding staat in _build/.sleutelcursus/build.log.")
    log = Path("_build/.sleutelcursus/build.log").read_text(encoding="utf-8")
    assert "Traceback (most recent call last)" in log and "----> 1 wijken['zuid']" in log


# ------------------------------------------------------- a plugin taken away


def test_a_removed_plugins_logo_and_pages_leave_the_published_site(built_once, tmp_path, monkeypatch):
    shutil.copytree(built_once, tmp_path, dirs_exist_ok=True)
    use_book(monkeypatch, tmp_path)
    plugins = tmp_path / "plugins"
    (plugins / "huisstijl.py").write_text(
        "from sleutelcursus import hookimpl\n\n\n@hookimpl\ndef update_book_config(config):\n"
        "    config['logo'] = 'pages/logo.svg'\n", encoding="utf-8")
    assert cli.main(["build", "--out", "site", "--plugins-dir", str(plugins)]) == 0
    assert [p.name for p in Path("site").rglob("logo.svg")] == ["logo.svg"]
    (plugins / "huisstijl.py").unlink()
    (plugins / "wijken.py").unlink()
    assert cli.main(["build", "--out", "site", "--plugins-dir", str(plugins)]) == 0
    left = [p.relative_to("site").as_posix() for p in Path("site").rglob("*") if p.name == "logo.svg" or "lokaal" in p.parts]
    assert left == []
    assert "wijken" not in Path("site/searchindex.js").read_text(encoding="utf-8").lower()


def test_the_chapter_names_exactly_the_chapters_of_phase_2_a_module_can_go_next_to():
    chapter = (Path(__file__).resolve().parent.parent / "course" / "gemeenten" / "lokale-modules.md").read_text(encoding="utf-8")
    named = re.search(r"voor fase 2 zijn dat (.*?)\.\s", chapter, re.S).group(1)
    toc = yaml.safe_load((Path(__file__).resolve().parent.parent / "_toc.yml").read_text(encoding="utf-8"))
    phase_2 = next(part for part in toc["parts"] if part["caption"].startswith("Fase 2"))
    files = [entry["file"] for chapter in phase_2["chapters"] for entry in [chapter, *chapter.get("sections", [])]]
    assert re.findall(r"`([^`]+)`", named) == [f.removeprefix("course/") for f in files]


# ------------------------------------------------------- the kernels of a build


def test_the_build_hands_its_validated_specs_to_the_notebook_kernels(pm, tmp_path, monkeypatch):
    from sleutelcursus.book.build import Prepared
    from sleutelcursus.plugins import registry as registry_module

    registry = collect(pm)
    with Prepared({}, registry).kernel_environment(tmp_path):
        handed = Path(os.environ[registry_module.REGISTRY_ENV])
        assert json.loads(handed.read_text(encoding="utf-8")) == registry.exercises
        # A kernel reads that file and loads no plugin at all.
        monkeypatch.setattr("sleutelcursus.plugins.manager.get_plugin_manager", lambda *a, **k: pytest.fail("plugins geladen"))
        registry_module.registered_specs.cache_clear()
        try:
            assert registry_module.registered_specs() == registry.exercises
        finally:
            registry_module.registered_specs.cache_clear()
    assert registry_module.REGISTRY_ENV not in os.environ
