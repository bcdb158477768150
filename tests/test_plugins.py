"""Plugins: each hook's behaviour and validation, loading, the CLI with broken plugins,
and the promises that every hook is tested here and documented in the book.

Small plugins are built inline with :func:`plugin` (their relative paths resolve against
this folder, so they point into ``plugin_cases/``); the broken plugins the CLI must
survive are modules in ``plugin_cases/kapot/``.
"""

from __future__ import annotations

import importlib.metadata
import inspect
import json
import re
import shutil
from pathlib import Path

import pytest
import yaml

from sleutelcursus import __version__, cli
from sleutelcursus.plugins import hookspecs
from sleutelcursus.book.staging import assemble
from sleutelcursus.errors import PluginError
from sleutelcursus.plugins.manager import DIR_ENV, LOAD_ENV, PROJECT, get_plugin_manager
from sleutelcursus.plugins.registry import collect
from plugintools import BASE_CONFIG, CASES, MINI, FakeEntryPoint, book_with_parts, contacts_plugin, failure, plugin, use_book
from snapshots import snapshot

ROOT = Path(__file__).resolve().parent.parent
CHAPTER = ROOT / "course" / "gemeenten" / "lokale-modules.md"
HOOKS = sorted(name for name, f in inspect.getmembers(hookspecs, inspect.isfunction) if hasattr(f, f"{PROJECT}_spec"))
NATIONAL_CONTACT = "Expertise-unit Sociale Stabiliteit (ESS)"

# The broken plugins of plugin_cases/kapot/ and a phrase of the one line each must give.
# The chapter for municipalities explains each phrase (test_chapter_explains_...).
BROKEN = {
    "importfout": "importeren mislukt (ModuleNotFoundError: No module named 'gemeentelijke_huisstijl')",
    "hookfout": "hook register_contacts gaf een fout (KeyError: 'zuid')",
    "specfout": "veld 'steps[0].choices[0].assessment': onbekende beoordeling 'goed'",
    "dubbel": "oefening-id 'voorzitter-kiezen' is al in gebruik door plugin \"sleutelcursus\"",
    "ontbreekt": "pages/haven.md bestaat niet",
    "tikfout": 'onbekende hook "register_module"; bedoel je register_modules?',
    "notebookfout": "pages/rekenfout.ipynb: de pagina gaf een fout bij het uitvoeren van cel 3 (KeyError: 'zuid')",
    "parameterfout": "hook register_modules kent de parameter reg niet; deze hook geeft alleen register",
}
DOC_PHRASES = {
    "importfout": "importeren mislukt", "hookfout": "gaf een fout", "specfout": "veld",
    "dubbel": "is al in gebruik", "ontbreekt": "bestaat niet", "tikfout": "onbekende hook",
    "notebookfout": "gaf een fout bij het uitvoeren", "parameterfout": "kent de parameter",
}


# --------------------------------------------------------------------- register_modules


def test_hook_register_modules_keeps_order_and_resolves_paths_from_the_module_folder(pm):
    pm.register(plugin(register_modules=lambda register: (
        register("eerste", "Eerste", "plugin_cases/pages/wijken.md", after="fase-1", pages=["plugin_cases/pages/wijkkaart.md"]),
        register("tweede", "Tweede", CASES / "pages" / "buurtpraat.md"),
    )), name="proef")
    modules = collect(pm).modules
    assert [(m.plugin, m.id, m.title, m.after) for m in modules] == [
        ("proef", "eerste", "Eerste", "fase-1"), ("proef", "tweede", "Tweede", None)]
    assert modules[0].page == CASES / "pages" / "wijken.md"
    assert modules[0].pages == [CASES / "pages" / "wijkkaart.md"]


@pytest.mark.parametrize("args, kwargs, expected", [
    (("", "T", "plugin_cases/pages/wijken.md"), {}, "module-id moet een tekst zijn die niet leeg is."),
    (("Onze Wijken", "T", "plugin_cases/pages/wijken.md"), {}, "mag alleen kleine letters, cijfers"),
    (("wijken", "", "plugin_cases/pages/wijken.md"), {}, "titel moet een tekst zijn die niet leeg is."),
    (("wijken", "T", "plugin_cases/pages/wijken.md"), {"after": "fase-4"}, "after='fase-4'; kies een fase (fase-1, fase-2, fase-3), een hoofdstuk van een fase"),
    (("wijken", "T", "plugin_cases/pages/wijken.md"), {"before": "fase-2/Kennischeck"}, "before='fase-2/Kennischeck'; kies een fase"),
    (("wijken", "T", "plugin_cases/pages/wijken.md"), {"after": "fase-1", "before": "fase-2"}, "geef after of before, niet allebei."),
    (("wijken", "T", None), {}, "pagina moet een bestandspad zijn, niet None."),
    (("wijken", "T", "plugin_cases/pages/weg.md"), {}, "plugin_cases/pages/weg.md bestaat niet."),
    (("wijken", "T", "plugin_cases/data/wijk-voorzitter.yaml"), {}, "wijk-voorzitter.yaml is geen .md- of .ipynb-pagina."),
    (("wijken", "T", "plugin_cases/pages/wijken.md"), {"pages": ["plugin_cases/pages/weg.md"]}, "weg.md bestaat niet."),
])
def test_hook_register_modules_refuses_a_bad_module_naming_the_plugin(pm, args, kwargs, expected):
    assert expected in failure(pm, register_modules=lambda register: register(*args, **kwargs))


def test_hook_register_modules_puts_a_module_on_both_learning_paths_unless_it_says_which(pm):
    page = "plugin_cases/pages/wijken.md"
    pm.register(plugin(register_modules=lambda register: (
        register("beide", "Beide", page),
        register("sleutel", "Sleutel", page, learning_paths=["sleutelpersoon"]),
        register("ambt", "Ambt", page, learning_paths=("ambtenaar",)),
    )), name="proef")
    assert [m.learning_paths for m in collect(pm).modules] == [
        ("ambtenaar", "sleutelpersoon"), ("sleutelpersoon",), ("ambtenaar",)]


@pytest.mark.parametrize("paths", [["burger"], [], ["ambtenaar", "wethouder"]])
def test_hook_register_modules_refuses_an_unknown_learning_path(pm, paths):
    message = failure(pm, register_modules=lambda register: register(
        "wijken", "W", "plugin_cases/pages/wijken.md", learning_paths=paths))
    assert f"module 'wijken': learning_paths={paths!r}; kies uit ambtenaar, sleutelpersoon." in message


def test_hook_register_modules_refuses_an_id_another_plugin_took(pm):
    page = "plugin_cases/pages/wijken.md"
    pm.register(plugin(register_modules=lambda register: register("wijken", "Wijken", page)), name="eerste")
    message = failure(pm, register_modules=lambda register: register("wijken", "Ook wijken", page))
    assert "module-id 'wijken' is al in gebruik door plugin \"eerste\"." in message


def test_hook_register_modules_refuses_two_pages_with_one_name(pm, tmp_path):
    pages = ["plugin_cases/pages/wijkkaart.md", "plugin_cases/pages/wijkkaart.md"]
    pm.register(plugin(register_modules=lambda register: register("wijken", "W", "plugin_cases/pages/wijken.md", pages=pages)), name="proef")
    with pytest.raises(PluginError, match="^Fout in plugin \"proef\": module 'wijken' heeft twee pagina's met de naam wijkkaart.md"):
        assemble(book_with_parts(tmp_path / "boek"), collect(pm))


def test_hook_register_modules_places_a_module_after_its_phase_or_in_lokaal(tmp_path, monkeypatch):
    monkeypatch.setenv(LOAD_ENV, "")
    registry = collect(get_plugin_manager(CASES))
    staged = assemble(book_with_parts(tmp_path / "boek"), registry)
    parts = {part["caption"]: part["chapters"] for part in yaml.safe_load(staged["_toc.yml"])["parts"]}
    assert list(parts) == ["Inleiding", "Fase 1", "Fase 2", "Fase 3", "Lokaal", "Naslag"]
    assert parts["Fase 2"] == [
        {"file": "course/fase-2/index"},
        {"file": "course/lokaal/onze-wijken/index", "title": "Onze wijken", "sections": [{"file": "course/lokaal/onze-wijken/wijkkaart"}]},
    ]
    assert parts["Lokaal"] == [{"file": "course/lokaal/buurtpraat/index", "title": "Buurtpraat"}]
    assert parts["Naslag"] == [{"file": "course/bronnen"}, {"file": "course/contact"}, {"file": "course/toegankelijkheid"}]
    assert staged["course/lokaal/onze-wijken/index.md"] == CASES / "pages" / "wijken.md"
    assert staged["course/lokaal/onze-wijken/wijkkaart.md"] == CASES / "pages" / "wijkkaart.md"


def test_hook_register_modules_in_a_book_without_parts_appends_chapters(tmp_path, monkeypatch):
    monkeypatch.setenv(LOAD_ENV, "")
    shutil.copytree(MINI, tmp_path / "boek")
    staged = assemble(tmp_path / "boek", collect(get_plugin_manager(CASES)))
    files = [chapter["file"] for chapter in yaml.safe_load(staged["_toc.yml"])["chapters"]]
    assert files == ["course/tweede", "course/rekenen", "course/lokaal/onze-wijken/index", "course/lokaal/buurtpraat/index", "course/contact", "course/toegankelijkheid"]


# ------------------------------------------------------------------- register_exercises


def test_hook_register_exercises_adds_specs_from_yaml_files_and_dicts(pm):
    spec = yaml.safe_load((CASES / "data" / "wijk-voorzitter.yaml").read_text(encoding="utf-8"))
    pm.register(plugin(register_exercises=lambda register: (
        register("plugin_cases/data/wijk-voorzitter.yaml"), register({**spec, "id": "wijk-voorzitter-2"}),
    )), name="proef")
    registry = collect(pm)
    assert registry.exercise_plugins["wijk-voorzitter"] == registry.exercise_plugins["wijk-voorzitter-2"] == "proef"
    assert registry.exercise_plugins["voorzitter-kiezen"] == PROJECT
    assert registry.exercises["wijk-voorzitter"]["steps"][0]["choices"][0]["assessment"] == "fits"


@pytest.mark.parametrize("spec, expected", [
    ("plugin_cases/data/weg.yaml", "plugin_cases/data/weg.yaml bestaat niet."),
    (42, "oefening moet een bestandspad zijn, niet 42."),
    ("plugin_cases/data/kapot-scenario.yaml", "kapot-scenario.yaml, veld 'steps[0].choices[0].assessment': onbekende beoordeling 'goed'"),
    ({"id": "x", "type": "quiz"}, "oefening 'x', veld 'type': onbekend type 'quiz'"),
    ({"id": "rolscan", "type": "scenario"}, "veld 'title': ontbreekt."),
])
def test_hook_register_exercises_refuses_a_bad_spec_naming_the_plugin(pm, spec, expected):
    assert expected in failure(pm, register_exercises=lambda register: register(spec))


def test_hook_register_exercises_refuses_an_id_the_course_uses(pm):
    spec = yaml.safe_load((CASES / "data" / "wijk-voorzitter.yaml").read_text(encoding="utf-8"))
    message = failure(pm, register_exercises=lambda register: register({**spec, "id": "rolscan"}))
    assert message.endswith("oefening-id 'rolscan' is al in gebruik door plugin \"sleutelcursus\".")


# --------------------------------------------------------------------- register_contacts


def contact_page_of(pm, tmp_path) -> str:
    shutil.copytree(MINI, tmp_path / "boek")
    return assemble(tmp_path / "boek", collect(pm))["course/contact.md"].decode("utf-8")


def test_hook_register_contacts_puts_local_contacts_above_the_national_one(pm, tmp_path):
    pm.register(plugin(register_contacts=lambda register: register(
        "Team Samenleven", "Vragen over het netwerk.", email="samenleven@wijkstad.example", phone="14 0123",
        hours="op werkdagen")), name="proef")
    page = contact_page_of(pm, tmp_path)
    assert page.index("## In je eigen gemeente") < page.index("### Team Samenleven") < page.index("## Landelijk adviespunt")
    assert "- E-mail: [samenleven@wijkstad.example](mailto:samenleven@wijkstad.example)" in page and "- Telefoon: 14 0123 (op werkdagen)" in page
    assert NATIONAL_CONTACT in page


def test_hook_register_contacts_can_replace_the_national_desk(pm, tmp_path):
    pm.register(plugin(register_contacts=lambda register: register(
        "Adviespunt Wijkstad", website="https://wijkstad.example/advies", replaces_national=True)), name="proef")
    page = contact_page_of(pm, tmp_path)
    assert "- Website: <https://wijkstad.example/advies>" in page
    assert NATIONAL_CONTACT not in page and "Landelijk adviespunt" not in page


@pytest.mark.parametrize("kwargs, expected", [
    ({"name": " ", "email": "a@b.example"}, "contact: naam moet een tekst zijn die niet leeg is."),
    ({"name": "Team"}, "contact 'Team': geef minstens een e-mailadres, telefoonnummer of website."),
    ({"name": "Team", "email": "team-at-wijkstad"}, "contact 'Team': 'team-at-wijkstad' is geen e-mailadres."),
    ({"name": "Team", "email": 'x@y.example"><img src=x onerror=alert(1)>'}, "is geen e-mailadres."),
    ({"name": "Team", "email": "a@b?subject=x"}, "contact 'Team': 'a@b?subject=x' is geen e-mailadres."),
    ({"name": "Team", "email": "team@wijkstad"}, "contact 'Team': 'team@wijkstad' is geen e-mailadres."),
    ({"name": "Team", "website": "www.wijkstad.example"}, "contact 'Team': website moet met https:// beginnen."),
    ({"name": "Team", "email": "a@b.example", "hours": ""}, "contact 'Team': hours moet een tekst zijn die niet leeg is."),
])
def test_hook_register_contacts_refuses_a_bad_contact_naming_the_plugin(pm, kwargs, expected):
    assert failure(pm, register_contacts=lambda register: register(**kwargs)).endswith(expected)


# -------------------------------------------------------------------- update_book_config


def test_hook_update_book_config_sets_the_title_and_copies_the_logo(pm, tmp_path):
    def update(config):
        config["title"] = "Cursus Wijkstad"
        config["logo"] = "plugin_cases/pages/logo.svg"

    pm.register(plugin(update_book_config=update), name="proef")
    registry = collect(pm, BASE_CONFIG)
    assert registry.config_plugins == ["proef"] and BASE_CONFIG["title"] != "Cursus Wijkstad"
    shutil.copytree(MINI, tmp_path / "boek")
    staged = assemble(tmp_path / "boek", registry)
    config = yaml.safe_load(staged["_config.yml"])
    assert config["title"] == "Cursus Wijkstad" and config["logo"] == "_logo/logo.svg"
    assert staged["_logo/logo.svg"] == CASES / "pages" / "logo.svg"


@pytest.mark.parametrize("change, expected", [
    (lambda c: c.update(title=""), "veld 'title': deze instelling moet een tekst zijn die niet leeg is."),
    (lambda c: c["sphinx"]["config"].update(language="en"), "veld 'sphinx.config.language': deze instelling moet 'nl' blijven"),
    (lambda c: c["sphinx"].update(extra_extensions=[]), "moet sleutelcursus.book.sphinxext blijven bevatten."),
    (lambda c: c["launch_buttons"].update(thebe=True), "veld 'launch_buttons.thebe': deze instelling moet uit blijven"),
    (lambda c: c["launch_buttons"].update(jupyterhub_url="hub.wijkstad.example"), "moet leeg zijn of met https:// beginnen."),
    (lambda c: c.update(logo="plugin_cases/pages/weg.svg"), "veld 'logo': het bestand"),
    (lambda c: c.update(logo="plugin_cases/pages/wijken.md"), "wijken.md is geen afbeelding"),
])
def test_hook_update_book_config_refuses_a_broken_setting_naming_the_plugin(pm, change, expected):
    assert expected in failure(pm, update_book_config=lambda config: change(config))


# ----------------------------------------------------------------------------- loading


@pytest.fixture
def installed(monkeypatch):
    """The list of fake installed plugins that ``get_plugin_manager`` will find."""
    plugins: list[FakeEntryPoint] = []

    def entry_points(group):
        assert group == PROJECT
        return list(plugins)

    monkeypatch.setattr(importlib.metadata, "entry_points", entry_points)
    monkeypatch.delenv(LOAD_ENV, raising=False)
    monkeypatch.delenv(DIR_ENV, raising=False)
    return plugins


def test_installed_plugins_load_after_the_course_with_their_versions(installed):
    installed += [FakeEntryPoint("duinstad", contacts_plugin("duinstad")), FakeEntryPoint("zeedorp", contacts_plugin("zeedorp"), version="2.0")]
    pm = get_plugin_manager()
    assert [name for name, _ in pm.list_name_plugin()] == [PROJECT, "duinstad", "zeedorp"]
    assert pm.sleutelcursus_versions["zeedorp"] == "2.0"
    assert [c.plugin for c in collect(pm).contacts] == [PROJECT, "duinstad", "zeedorp"]


@pytest.mark.parametrize("value, loaded", [
    (None, ["duinstad", "zeedorp"]), ("zeedorp", ["zeedorp"]), (" duinstad , zeedorp ", ["duinstad", "zeedorp"]), ("", []),
])
def test_load_plugins_variable_limits_the_installed_plugins(installed, monkeypatch, value, loaded):
    installed += [FakeEntryPoint("duinstad", contacts_plugin("duinstad")), FakeEntryPoint("zeedorp", contacts_plugin("zeedorp"))]
    if value is not None:
        monkeypatch.setenv(LOAD_ENV, value)
    assert [name for name, _ in get_plugin_manager().list_name_plugin()] == [PROJECT, *loaded]


def test_installed_plugin_that_fails_to_import_is_named(installed):
    installed.append(FakeEntryPoint("duinstad", error=ImportError("cannot import name 'hookimpl'")))
    with pytest.raises(PluginError) as info:
        get_plugin_manager()
    assert str(info.value) == 'Fout in plugin "duinstad": importeren mislukt (ImportError: cannot import name \'hookimpl\').'


def test_misspelt_hook_is_refused_by_check_pending_with_a_suggestion(installed, tmp_path):
    shutil.copy(CASES / "kapot" / "tikfout.py", tmp_path)
    with pytest.raises(PluginError) as info:
        get_plugin_manager(tmp_path)
    assert str(info.value) == f'Fout in plugin "tikfout": {BROKEN["tikfout"]}'


def test_plugins_folder_loads_modules_and_packages_after_installed_plugins(installed, tmp_path):
    installed.append(FakeEntryPoint("duinstad", contacts_plugin("duinstad")))
    (tmp_path / "zeedorp.py").write_text("", encoding="utf-8")
    (tmp_path / "_hulp.py").write_text("raise RuntimeError('private modules are not plugins')", encoding="utf-8")
    (tmp_path / "haven").mkdir()
    (tmp_path / "haven" / "__init__.py").write_text("", encoding="utf-8")
    (tmp_path / "notities").mkdir()  # no __init__.py: not a plugin
    pm = get_plugin_manager(tmp_path)
    assert [name for name, _ in pm.list_name_plugin()] == [PROJECT, "duinstad", "zeedorp", "haven"]
    assert pm.sleutelcursus_versions["haven"] == "lokaal"


# -------------------------------------------------------------------------------- CLI


def test_build_with_a_local_plugin_has_its_modules_contact_and_title(built_once):
    site = built_once / "werk" / "site"
    assert "Onze wijken" in (site / "course" / "lokaal" / "onze-wijken" / "index.html").read_text(encoding="utf-8")
    assert (site / "course" / "lokaal" / "onze-wijken" / "wijkkaart.html").is_file()
    contact = (site / "course" / "contact.html").read_text(encoding="utf-8")
    assert "Wijkteam Noord" in contact and NATIONAL_CONTACT in contact
    assert "Cursus sleutelpersonennetwerk Wijkstad" in (site / "course" / "index.html").read_text(encoding="utf-8")


@pytest.mark.parametrize("case", BROKEN)
def test_broken_plugin_stops_the_build_with_one_line_and_keeps_the_site(case, built_once, tmp_path, monkeypatch, capsys):
    shutil.copytree(built_once, tmp_path, dirs_exist_ok=True)
    use_book(monkeypatch, tmp_path)
    before = snapshot(Path("site"))
    shutil.copy(CASES / "kapot" / f"{case}.py", tmp_path / "plugins")
    assert cli.main(["build", "--out", "site", "--plugins-dir", str(tmp_path / "plugins")]) == 2
    err = capsys.readouterr().err.strip().splitlines()
    assert len(err) == 1 and err[0].startswith(f'Fout in plugin "{case}"') and BROKEN[case] in err[0], err
    assert snapshot(Path("site")) == before


def test_plugins_command_lists_the_course_and_a_local_plugin(monkeypatch, capsys):
    monkeypatch.setenv(LOAD_ENV, "")
    monkeypatch.delenv(DIR_ENV, raising=False)
    assert cli.main(["plugins", "--plugins-dir", str(CASES)]) == 0
    course, local = json.loads(capsys.readouterr().out)
    assert (course["name"], course["version"]) == (PROJECT, __version__)
    assert course["hooks"] == ["register_contacts", "register_exercises"]
    assert "voorzitter-kiezen" in course["registered"]["exercises"] and course["registered"]["contacts"] == [NATIONAL_CONTACT]
    assert local == {
        "name": "wijken", "version": "lokaal", "hooks": HOOKS,
        "registered": {"modules": ["onze-wijken", "buurtpraat"], "exercises": ["wijk-voorzitter"], "contacts": ["Wijkteam Noord"],
                       "config": ["title"]},
    }


# ------------------------------------------------------------------------ every hook


@pytest.mark.parametrize("hook", HOOKS)
def test_a_hook_that_raises_is_reported_as_the_plugins_error(pm, hook):
    def raising(*_):  # *args: pluggy sees no parameter names, so it fits every hook
        raise KeyError("zuid")

    assert failure(pm, **{hook: raising}).endswith(f"hook {hook} gaf een fout (KeyError: 'zuid').")


def test_every_hook_has_a_test_in_this_file():
    names = [name for name in globals() if name.startswith("test_hook_")]
    untested = [hook for hook in HOOKS if not any(name.startswith(f"test_hook_{hook}_") for name in names)]
    assert HOOKS and not untested, f"hooks zonder test: {untested}"


def chapter_sections() -> dict[str, str]:
    """The chapter's level-2 sections: heading -> text."""
    parts = re.split(r"^## (.+)$", CHAPTER.read_text(encoding="utf-8"), flags=re.M)
    return dict(zip(parts[1::2], parts[2::2]))


def test_every_hook_has_a_section_with_a_tested_example_in_the_chapter():
    sections = chapter_sections()
    for hook in HOOKS:
        [body] = [text for heading, text in sections.items() if f"`{hook}`" in heading] or [None]
        assert body is not None, f"geen kopje met `{hook}` in {CHAPTER.name}"
        includes = re.findall(r"```\{literalinclude\} (\S+)\n(?::language: \w+\n)?(?::pyobject: (\w+)\n)?", body)
        assert (includes and includes[0][1] == hook), f"{hook}: geen literalinclude met :pyobject: {hook}"
        source = (CHAPTER.parent / includes[0][0]).read_text(encoding="utf-8")
        assert re.search(rf"^@hookimpl\ndef {hook}\(", source, re.M)


def test_chapter_explains_every_error_of_a_broken_plugin():
    errors = chapter_sections()["Foutmeldingen en wat je doet"]
    quoted = re.findall(r"`([^`]+)`", errors)
    assert [case for case, phrase in DOC_PHRASES.items() if not any(phrase in q for q in quoted)] == []
    assert all(DOC_PHRASES[case] in BROKEN[case] for case in BROKEN)


def test_chapter_builds_without_warnings(tmp_path, monkeypatch, capsys):
    book = tmp_path / "boek"
    shutil.copytree(CHAPTER.parent, book / "course" / "gemeenten", ignore=shutil.ignore_patterns("__pycache__"))
    shutil.copy(ROOT / "_config.yml", book / "_config.yml")
    (book / "course" / "index.md").write_text("# Cursus\n\nZie {doc}`gemeenten/lokale-modules`.\n", encoding="utf-8")
    # The chapter links to the trainers' JupyterHub page; this book tests the chapter,
    # so that target is a page with the same name and a title only.
    (book / "exercises").mkdir()
    assert (ROOT / "exercises" / "jupyterhub.md").is_file()
    (book / "exercises" / "jupyterhub.md").write_text("# JupyterHub\n", encoding="utf-8")
    toc = {"format": "jb-book", "root": "course/index",
           "chapters": [{"file": "course/gemeenten/lokale-modules"}, {"file": "exercises/jupyterhub"}]}
    (book / "_toc.yml").write_text(yaml.safe_dump(toc), encoding="utf-8")
    monkeypatch.setenv("SLEUTELCURSUS_BOOK", str(book))
    monkeypatch.chdir(tmp_path)
    assert cli.main(["check"]) == 0, capsys.readouterr().err
