"""``sleutelcursus new-plugin``: names, refusals, and a package that loads and validates.

Installing the package, running its own tests and building it into the book are in
``test_plugin_install.py`` (slow).
"""

from __future__ import annotations

import json
import re
import sys
from pathlib import Path

import pytest
import yaml

from sleutelcursus import cli
from sleutelcursus.errors import SleutelcursusError
from sleutelcursus.plugins import get_plugin_manager
from sleutelcursus.plugins.registry import collect
from sleutelcursus.plugins.scaffold import TEMPLATES, new_plugin, plugin_values
from snapshots import snapshot

if sys.version_info >= (3, 11):
    import tomllib
else:  # Python 3.10 is supported; the test extra brings tomli there
    import tomli as tomllib

MINI_CONFIG = Path(__file__).resolve().parent / "books" / "mini" / "_config.yml"


@pytest.mark.parametrize("name, slug, module", [
    ("Duinstad", "duinstad", "sleutelcursus_duinstad"),
    ("Bergen op Zoom", "bergen-op-zoom", "sleutelcursus_bergen_op_zoom"),
    ("'s-Hertogenbosch", "s-hertogenbosch", "sleutelcursus_s_hertogenbosch"),
    ("  Súdwest-Fryslân ", "sudwest-fryslan", "sleutelcursus_sudwest_fryslan"),
])
def test_name_gives_slug_and_module(name, slug, module):
    values = plugin_values(name)
    assert (values["slug"], values["module"], values["name"]) == (slug, module, name.strip())


@pytest.mark.parametrize("name", ["", '"Duinstad"', "Duin\\stad", "---", "Duin$tad"])
def test_unusable_name_is_refused(name):
    with pytest.raises(SleutelcursusError, match="^Fout: ") as info:
        plugin_values(name)
    assert "\n" not in str(info.value)


@pytest.fixture(scope="module")
def package(tmp_path_factory) -> Path:
    return new_plugin("Duinstad", tmp_path_factory.mktemp("nieuw") / "sleutelcursus-duinstad")


def test_package_has_every_template_filled_in(package):
    # __pycache__: another test of this module may have loaded the package already.
    names = sorted(p.relative_to(package).as_posix() for p in package.rglob("*") if p.is_file() and "__pycache__" not in p.parts)
    assert names == [
        ".gitignore", "README.md", "pyproject.toml",
        "src/sleutelcursus_duinstad/__init__.py", "src/sleutelcursus_duinstad/data/voorzitter.yaml",
        "src/sleutelcursus_duinstad/pages/onze-gemeente.md", "src/sleutelcursus_duinstad/pages/voorzitter.ipynb",
        "tests/test_plugin.py",
    ]
    assert len(names) == len(list(TEMPLATES.rglob("*.tmpl")))
    assert not [name for name in names if "$" in (package / name).read_text(encoding="utf-8")]
    json.loads((package / "src/sleutelcursus_duinstad/pages/voorzitter.ipynb").read_text(encoding="utf-8"))


def test_package_declares_its_entry_point(package):
    project = tomllib.loads((package / "pyproject.toml").read_text(encoding="utf-8"))
    assert project["project"]["name"] == "sleutelcursus-duinstad"
    assert project["project"]["entry-points"]["sleutelcursus"] == {"duinstad": "sleutelcursus_duinstad"}
    assert project["tool"]["hatch"]["build"]["targets"]["wheel"]["packages"] == ["src/sleutelcursus_duinstad"]


def test_package_registers_a_module_after_phase_2_and_a_valid_chair_scenario(package):
    pm = get_plugin_manager(package / "src", entry_points=False)
    registry = collect(pm, yaml.safe_load(MINI_CONFIG.read_text(encoding="utf-8")))
    [module] = [m for m in registry.modules if m.plugin == "sleutelcursus_duinstad"]
    assert (module.id, module.title, module.after) == ("duinstad", "Sleutelpersonen in Duinstad", "fase-2")
    assert "*Bron: Handreiking sleutelpersonennetwerk" in module.page.read_text(encoding="utf-8")
    spec = registry.exercises["duinstad-voorzitter"]
    assert spec["type"] == "scenario" and len(spec["steps"]) == 2
    assert registry.config["title"] == "Cursus sleutelpersonennetwerk Duinstad"


def test_cli_writes_the_package_in_the_working_directory(tmp_path, monkeypatch, capsys):
    monkeypatch.chdir(tmp_path)
    assert cli.main(["new-plugin", "Zeedorp"]) == 0
    assert (tmp_path / "sleutelcursus-zeedorp" / "src" / "sleutelcursus_zeedorp" / "__init__.py").is_file()
    # With the test extra, so the plugin's own tests can run (a municipality's trial).
    assert 'cd sleutelcursus-zeedorp && pip install -e ".[test]"' in capsys.readouterr().out


def test_cli_refuses_an_existing_folder_and_leaves_it_alone(package, capsys):
    before = snapshot(package)
    assert cli.main(["new-plugin", "Duinstad", "--map", str(package)]) == 1
    err = capsys.readouterr().err.strip().splitlines()
    assert len(err) == 1 and err[0].startswith(f"Fout: map {package} bestaat al")
    assert snapshot(package) == before
    assert not list(package.parent.glob(".*nieuw"))


def test_the_chapter_links_to_course_pages_that_exist_with_the_absolute_form(package):
    page = (package / "src/sleutelcursus_duinstad/pages/onze-gemeente.md").read_text(encoding="utf-8")
    targets = re.findall(r"\{doc\}`([^`]+)`", page)
    root = Path(__file__).resolve().parent.parent
    assert targets and all(target.startswith("/course/") for target in targets), targets
    assert [t for t in targets if not any((root / f"{t[1:]}{suffix}").is_file() for suffix in (".md", ".ipynb"))] == []
