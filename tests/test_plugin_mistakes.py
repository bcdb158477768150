"""Plugins, the mistakes a municipality developer makes first: a hook with the wrong
parameters, one learning path given as a string, a page linking to a page that is not
there, and a YAML file that does not parse. Each gives one Dutch line naming the plugin.
"""

from __future__ import annotations

import importlib.metadata

import pytest

from sleutelcursus import cli
from sleutelcursus.book.source import load_yaml
from sleutelcursus.errors import BuildError, PluginError, SpecError
from sleutelcursus.exercises.loader import load_spec_file
from sleutelcursus.plugins.manager import DIR_ENV, LOAD_ENV, PROJECT, get_plugin_manager
from sleutelcursus.plugins.registry import collect
from plugintools import FakeEntryPoint, book_with_chapters_in_phase_2, failure, plugin, use_book

def local_plugin(folder, name: str, body: str):
    """A plugins folder holding one module ``name`` with the hook code ``body``."""
    folder.mkdir(exist_ok=True)
    (folder / f"{name}.py").write_text(f"from sleutelcursus import hookimpl\n\n\n@hookimpl\n{body}", encoding="utf-8")
    return folder


def test_an_installed_plugin_whose_hook_has_other_parameters_is_named_with_the_hooks_own(monkeypatch):
    def register_modules(register, extra):
        pass

    def entry_points(group):
        assert group == PROJECT
        return [FakeEntryPoint("zeewolde", plugin(register_modules=register_modules))]

    monkeypatch.setattr(importlib.metadata, "entry_points", entry_points)
    monkeypatch.delenv(LOAD_ENV, raising=False)
    with pytest.raises(PluginError) as info:
        get_plugin_manager()
    assert str(info.value) == ('Fout in plugin "zeewolde": hook register_modules kent de parameter extra niet; '
                               'deze hook geeft alleen register (schrijf: def register_modules(register):).')


def test_the_plugins_command_names_a_hook_with_other_parameters_in_one_line(monkeypatch, capsys, tmp_path):
    monkeypatch.setenv(LOAD_ENV, "")
    monkeypatch.delenv(DIR_ENV, raising=False)
    folder = local_plugin(tmp_path / "plugins", "zeewolde", "def update_book_config(cfg, extra):\n    pass\n")
    assert cli.main(["plugins", "--plugins-dir", str(folder)]) == 2
    err = capsys.readouterr().err.strip().splitlines()
    assert err == ['Fout in plugin "zeewolde": hook update_book_config kent de parameters cfg, extra niet; '
                   'deze hook geeft alleen config (schrijf: def update_book_config(config):).']


@pytest.mark.parametrize("paths, example", [
    ("ambtenaar", "ambtenaar"), ("sleutelpersoon", "sleutelpersoon"), (None, "ambtenaar"), ({"ambtenaar"}, "ambtenaar")])
def test_one_learning_path_without_its_comma_is_refused_with_the_fix(pm, paths, example):
    message = failure(pm, register_modules=lambda register: register(
        "onze-gemeente", "Onze gemeente", "plugin_cases/pages/wijken.md", learning_paths=paths))
    assert message == (f"Fout in plugin \"proef\": module 'onze-gemeente': learning_paths={paths!r} is geen lijst; "
                       f'schrijf learning_paths=("{example}",) met de komma, of learning_paths=["{example}"].')


PAGE_WITH_LINKS = """# Onze gemeente

Goed: {doc}`/course/fase-2/werving`, {doc}`../../fase-2/werving` en [werving](/course/fase-2/werving.md).

Lees eerst de {doc}`kennischeck <../../fase-2/kenischeck>`
van fase 2.

Zie {ref}`bestaat-niet`, [de kaart](kaart.md) en [het kopje](#geen-kopje).
"""


def book_with_a_plugin_page(base, monkeypatch, text: str):
    """The book with a local plugin "zeewolde" whose one page is ``text``: its plugins folder."""
    book_with_chapters_in_phase_2(base / "boek")
    (base / "werk").mkdir()
    folder = local_plugin(base / "plugins", "zeewolde", "def register_modules(register):\n"
                          '    register("onze-gemeente", "Onze gemeente", "pages/onze-gemeente.md", after="fase-2")\n')
    (folder / "pages").mkdir()
    (folder / "pages" / "onze-gemeente.md").write_text(text, encoding="utf-8")
    use_book(monkeypatch, base)
    return folder


def test_a_broken_link_on_a_plugin_page_is_a_dutch_warning_naming_the_plugin_and_its_file(monkeypatch, capsys, tmp_path):
    folder = book_with_a_plugin_page(tmp_path, monkeypatch, PAGE_WITH_LINKS)
    assert cli.main(["build", "--out", "site", "--plugins-dir", str(folder)]) == 0
    where = 'Waarschuwing in plugin "zeewolde", pages/onze-gemeente.md'
    assert sorted(capsys.readouterr().err.strip().splitlines()) == [
        f"{where} (regel 5): verwijzing naar een onbekende pagina '../../fase-2/kenischeck'",
        f"{where} (regel 8): link naar een pagina of kopje dat niet bestaat: 'geen-kopje'",
        f"{where} (regel 8): link naar een pagina of kopje dat niet bestaat: 'kaart.md'",
        f"{where} (regel 8): verwijzing naar een onbekend label 'bestaat-niet'",
    ]
    # The three good links, the absolute ones too, reach the national page.
    html = (tmp_path / "werk" / "site" / "course" / "lokaal" / "onze-gemeente" / "index.html").read_text(encoding="utf-8")
    assert html.count('href="../../fase-2/werving.html"><span') == 3


def test_a_page_breaking_mistake_on_a_plugin_page_stops_the_build_naming_the_plugin_and_its_file(monkeypatch, capsys, tmp_path):
    folder = book_with_a_plugin_page(tmp_path, monkeypatch, "# Onze gemeente\n\n```{notte}\nkapot\n```\n")
    assert cli.main(["build", "--out", "site", "--plugins-dir", str(folder)]) == 2
    err = capsys.readouterr().err.strip().splitlines()
    assert len(err) == 1 and err[0].startswith('Fout in plugin "zeewolde", pages/onze-gemeente.md, regel 3: bouwen mislukt: '), err
    assert not (tmp_path / "werk" / "site").exists()


BROKEN_YAML = {  # text, the line the mistake starts on, the reason
    "quote": ('id: feest\ntitle: "Polderfeest\ntype: scenario\nsteps:\n  - a: b\n', 2, "een aanhalingsteken wordt niet gesloten"),
    "tab": ("id: feest\nsteps:\n\t- a\n", 3, "een tab-teken; spring in met spaties, niet met tabs"),
    "indent": ("id: feest\nsteps:\n  - a: b\n   c: d\n", 4, "het inspringen klopt niet"),
    "colon": ("id: feest\ntitle: Let op: dit\n", 2, "een ':' op een plek waar die niet mag"),
    "key": ("id: feest\ntitle Polderfeest\ntype: scenario\n", 2, "een regel zonder ':' achter de naam van het veld"),
    "bracket": ("id: feest\ntags: [a, b\ntype: scenario\n", 2, "een lijst met '[' wordt niet gesloten met ']'"),
    "twice": ("id: feest\ntitle: a\nsteps:\n  - x: 1\n    x: 2\n", 5, "het veld 'x' staat er twee keer in"),
}


@pytest.mark.parametrize("case", BROKEN_YAML)
def test_a_broken_yaml_file_says_why_in_dutch_and_where_the_mistake_starts(case, tmp_path):
    text, line, reason = BROKEN_YAML[case]
    path = tmp_path / "zeewolde-polderfeest.yaml"
    path.write_text(text, encoding="utf-8")
    for load, error in ((load_spec_file, SpecError), (load_yaml, BuildError)):
        if case == "twice" and load is load_yaml:
            continue  # a repeated key is refused in exercise specs only
        with pytest.raises(error) as info:
            load(path)
        assert str(info.value).startswith(f"Fout in {path}, regel {line}: geen geldige YAML: {reason}"), str(info.value)


def test_a_plugins_broken_yaml_file_names_the_plugin_file_line_and_reason(monkeypatch, tmp_path):
    folder = local_plugin(tmp_path, "zeewolde", 'def register_exercises(register):\n    register("feest.yaml")\n')
    (folder / "feest.yaml").write_text(BROKEN_YAML["quote"][0], encoding="utf-8")
    monkeypatch.setenv(LOAD_ENV, "")
    with pytest.raises(PluginError) as info:
        collect(get_plugin_manager(folder))
    assert str(info.value) == (f'Fout in plugin "zeewolde", {folder / "feest.yaml"}, regel 2: '
                               "geen geldige YAML: een aanhalingsteken wordt niet gesloten.")
