"""Packaging: every package the code imports is declared, and the version is written once."""

from __future__ import annotations

import ast
import functools
import importlib.metadata
import re
import sys
from pathlib import Path

import pytest
from hatchling.metadata.core import ProjectMetadata
from hatchling.plugin.manager import PluginManager

import sleutelcursus

ROOT = Path(__file__).resolve().parent.parent
PROJECT = "sleutelcursus"
# Plugins broken on purpose for the loader's tests; one imports a package that does not exist.
BROKEN_PLUGINS = ROOT / "tests" / "plugin_cases" / "kapot"


def project_metadata() -> ProjectMetadata:
    """pyproject.toml as the build backend reads it."""
    return ProjectMetadata(str(ROOT), PluginManager())


def distribution_name(requirement: str) -> str:
    """``"jupyter_client>=8"`` -> ``"jupyter-client"`` (the normalised name, PEP 503)."""
    name = re.match(r"[A-Za-z0-9][A-Za-z0-9._-]*", requirement).group()
    return re.sub(r"[-_.]+", "-", name).lower()


def top_level_imports(folder: Path, skip: Path | None = None) -> dict[str, set[str]]:
    """Each top-level module imported anywhere in ``folder``'s Python files (inside
    functions too), with the files that import it. Relative imports are the package's own."""
    found: dict[str, set[str]] = {}
    for path in sorted(folder.rglob("*.py")):
        if "_build" in path.parts or (skip is not None and path.is_relative_to(skip)):
            continue
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"), filename=str(path))):
            if isinstance(node, ast.Import):
                names = [alias.name for alias in node.names]
            elif isinstance(node, ast.ImportFrom) and node.level == 0:
                names = [node.module]
            else:
                continue
            for name in names:
                found.setdefault(name.partition(".")[0], set()).add(path.relative_to(folder).as_posix())
    return found


def local_modules(*folders: Path) -> set[str]:
    """Modules that sit in ``folders`` themselves (pytest and the benchmarks put those on sys.path)."""
    return {p.stem for folder in folders for p in folder.iterdir() if p.suffix == ".py" or (p / "__init__.py").is_file()}


@functools.cache
def providers() -> dict[str, list[str]]:
    """Import name -> the installed distributions that provide it (reading them all takes a while)."""
    return importlib.metadata.packages_distributions()


def undeclared(imports: dict[str, set[str]], requirements: list[str], local: set[str] = frozenset()) -> dict[str, list[str]]:
    """The imported third-party modules that no requirement provides, with their files.

    A module is provided when one of the distributions installing it (by
    ``importlib.metadata.packages_distributions``) is among ``requirements``. A module
    no installed distribution provides is undeclared, unless a requirement has its very
    name (a backport needed on another Python only, such as tomli).
    """
    declared = {distribution_name(r) for r in requirements}
    return {
        module: sorted(files)
        for module, files in sorted(imports.items())
        if module not in sys.stdlib_module_names and module != PROJECT and module not in local
        and not declared & {distribution_name(d) for d in providers().get(module, [distribution_name(module)])}
    }


def test_every_package_the_toolkit_imports_is_a_dependency():
    imports = top_level_imports(ROOT / "src" / PROJECT)
    assert {"sphinx", "bs4", "markupsafe", "IPython", "nbformat", "babel"} <= imports.keys()  # the walk sees them
    assert undeclared(imports, project_metadata().core.dependencies) == {}


def test_every_package_the_tests_and_benchmarks_import_is_declared():
    core = project_metadata().core
    folders = (ROOT / "tests", ROOT / "benchmarks")
    imports: dict[str, set[str]] = {}
    for folder in folders:
        for module, files in top_level_imports(folder, skip=BROKEN_PLUGINS).items():
            imports.setdefault(module, set()).update(f"{folder.name}/{f}" for f in files)
    requirements = core.dependencies + core.optional_dependencies["test"]
    assert undeclared(imports, requirements, local=local_modules(*folders)) == {}


def test_an_undeclared_import_is_found_even_inside_a_function(tmp_path):
    (tmp_path / "helpers.py").write_text("HELP = 1\n", encoding="utf-8")
    (tmp_path / "module.py").write_text(
        "import os.path\nimport yaml\nfrom . import sibling\nimport helpers\n\n"
        "def later():\n    from bs4.element import Tag\n    import gemeentelijke_huisstijl\n",
        encoding="utf-8",
    )
    imports = top_level_imports(tmp_path)
    assert set(imports) == {"os", "yaml", "helpers", "bs4", "gemeentelijke_huisstijl"}
    found = undeclared(imports, ["PyYAML>=6"], local=local_modules(tmp_path))
    assert found == {"bs4": ["module.py"], "gemeentelijke_huisstijl": ["module.py"]}
    assert undeclared(imports, ["pyyaml", "beautifulsoup4"], local={"helpers", "gemeentelijke_huisstijl"}) == {}
    # Not installed here, but declared under its own name for another Python.
    assert undeclared(imports, ["pyyaml", "beautifulsoup4", "gemeentelijke-huisstijl; python_version < '3.11'"],
                      local={"helpers"}) == {}


def test_the_version_is_written_once_and_the_build_reads_it_from_the_package():
    metadata = project_metadata()
    assert "version" not in metadata.core.config and "version" in metadata.core.config["dynamic"]
    assert metadata.hatch.version.config == {"path": f"src/{PROJECT}/__init__.py"}
    assert metadata.version == sleutelcursus.__version__
    literal = re.compile(rf"""['"]{re.escape(sleutelcursus.__version__)}['"]""")
    written = [p.relative_to(ROOT).as_posix() for p in (ROOT / "src").rglob("*.py") if literal.search(p.read_text(encoding="utf-8"))]
    assert written == [f"src/{PROJECT}/__init__.py"]


def test_cli_scaffold_and_sphinx_extension_report_the_package_version(capsys, monkeypatch):
    from unittest.mock import MagicMock

    from sleutelcursus.book.sphinxext import setup
    from sleutelcursus.cli import main
    from sleutelcursus.plugins.scaffold import plugin_values

    with pytest.raises(SystemExit):
        main(["--version"])
    assert capsys.readouterr().out.strip() == f"sleutelcursus {sleutelcursus.__version__}"
    assert plugin_values("Duinstad")["version"] == sleutelcursus.__version__
    app = MagicMock()
    app.config.language = "en"  # no Dutch catalog to compile here
    assert setup(app)["version"] == sleutelcursus.__version__


def test_the_wheel_carries_the_label_catalog_but_no_compiled_one():
    from hatchling.builders.wheel import WheelBuilder

    from sleutelcursus.book.theme_labels import CATALOG

    files = {f.distribution_path for f in WheelBuilder(str(ROOT)).recurse_included_files()}
    assert CATALOG.relative_to(ROOT / "src").as_posix() in files
    assert not [name for name in files if name.endswith(".mo")]
