"""A plugin's notebook in the build's work folder: staged valid, forgotten when the plugin goes.

One mini book, built in-process with a local plugins folder: first with a plugin whose
hand-written notebook has no cell ids, then without it (the plugin uninstalled) while
another plugin breaks the build, then without either.
"""

from __future__ import annotations

import shutil
import warnings
from pathlib import Path

import nbformat
import pytest
from jupyter_cache import get_cache

from plugintools import CASES, MINI, use_book
from sleutelcursus import cli
from sleutelcursus.book.staging import assemble
from sleutelcursus.errors import BuildError
from sleutelcursus.plugins.registry import Module, Registry

WORK = Path("_build") / ".sleutelcursus"
PLUGIN = '''from sleutelcursus import hookimpl


@hookimpl
def register_modules(register):
    register("zonder-id", "Zonder id", "pages/zonder-id.ipynb")
'''
# As a hand-written notebook often is: format 4.5, no cell ids.
NOTEBOOK = """{"cells": [{"cell_type": "markdown", "metadata": {}, "source": ["# Zonder id\\n"]},
 {"cell_type": "code", "execution_count": null, "metadata": {}, "outputs": [], "source": ["print(6 * 7)"]}],
 "metadata": {"kernelspec": {"display_name": "Python 3", "language": "python", "name": "python3"}},
 "nbformat": 4, "nbformat_minor": 5}
"""


def build(plugins: Path) -> tuple[int, list[warnings.WarningMessage]]:
    """Build into ``site``; the exit code and every warning Python raised meanwhile."""
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        code = cli.main(["build", "--out", "site", "--plugins-dir", str(plugins)])
    return code, caught


def executed() -> set[str]:
    """What the work folder keeps of executed notebooks: myst-nb's copies and the cache's entries."""
    copies = {p.relative_to(WORK).as_posix() for p in (WORK / "jupyter_execute").rglob("*.ipynb")}
    cache = get_cache(WORK / "jupyter_cache")
    uris = {Path(r.uri).relative_to((WORK / "src").resolve()).as_posix() for r in cache.list_cache_records()}
    projects = {Path(r.uri).relative_to((WORK / "src").resolve()).as_posix() for r in cache.list_project_records()}
    return copies | {f"cache:{uri}" for uri in uris} | {f"project:{uri}" for uri in projects}


def site_files(site: Path) -> dict[str, bytes]:
    return {p.relative_to(site).as_posix(): p.read_bytes() for p in site.rglob("*") if p.is_file()}


@pytest.fixture(scope="module")
def first_build(tmp_path_factory):
    """The mini book built once with the plugin "zonder-id": (base, warnings of that build)."""
    base = tmp_path_factory.mktemp("werkmap")
    shutil.copytree(MINI, base / "boek")
    (base / "plugins" / "pages").mkdir(parents=True)
    (base / "plugins" / "zonderid.py").write_text(PLUGIN, encoding="utf-8")
    (base / "plugins" / "pages" / "zonder-id.ipynb").write_text(NOTEBOOK, encoding="utf-8")
    (base / "werk").mkdir()
    with pytest.MonkeyPatch.context() as patch:
        use_book(patch, base)
        code, caught = build(base / "plugins")
    assert code == 0
    return base, caught


def test_a_notebook_without_cell_ids_builds_without_nbformats_warning(first_build):
    base, caught = first_build
    assert not [w for w in caught if w.category is nbformat.warnings.MissingIDFieldWarning], [str(w.message) for w in caught]
    staged = base / "werk" / WORK / "src" / "course" / "lokaal" / "zonder-id" / "index.ipynb"
    notebook = nbformat.reads(staged.read_text(encoding="utf-8"), as_version=4)
    ids = [cell.get("id") for cell in notebook.cells]
    assert all(ids) and len(set(ids)) == len(ids), ids
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        nbformat.validate(notebook)
    # The plugin's own file stays as its author wrote it.
    assert (base / "plugins" / "pages" / "zonder-id.ipynb").read_text(encoding="utf-8") == NOTEBOOK
    assert "42" in (base / "werk" / "site" / "course" / "lokaal" / "zonder-id" / "index.html").read_text(encoding="utf-8")


def test_an_uninstalled_plugins_notebooks_leave_the_work_folder_after_the_next_good_build(first_build, monkeypatch):
    # The cache names notebooks by absolute path: this test goes on in the first build's
    # folder (and so comes last).
    base = first_build[0]
    use_book(monkeypatch, base)
    mine = {"jupyter_execute/course/lokaal/zonder-id/index.ipynb", "cache:course/lokaal/zonder-id/index.ipynb",
            "project:course/lokaal/zonder-id/index.ipynb"}
    assert mine <= executed()
    published = site_files(Path("site"))
    # Uninstalled, while another plugin's notebook fails: the build stops and leaves
    # the published site and the work folder's executed notebooks as they were.
    (base / "plugins" / "zonderid.py").unlink()
    shutil.copy(CASES / "kapot" / "notebookfout.py", base / "plugins")
    shutil.copy(CASES / "pages" / "rekenfout.ipynb", base / "plugins" / "pages")
    assert build(base / "plugins")[0] == 2
    assert site_files(Path("site")) == published
    assert {f"cache:{doc}" for doc in ("course/rekenen.ipynb", "course/lokaal/zonder-id/index.ipynb")} <= executed()
    (base / "plugins" / "notebookfout.py").unlink()
    assert build(base / "plugins")[0] == 0
    kept = executed()
    assert not any("lokaal" in entry for entry in kept), kept
    assert {"jupyter_execute/course/rekenen.ipynb", "cache:course/rekenen.ipynb"} <= kept


def test_a_notebook_nbformat_cannot_read_is_one_line_naming_it(tmp_path):
    page = tmp_path / "kapot.ipynb"
    page.write_text('{"cells": [', encoding="utf-8")
    registry = Registry(modules=[Module("proef", "kapot", "Kapot", page, None)])
    with pytest.raises(BuildError) as info:
        assemble(MINI, registry)
    assert str(info.value) == f"Fout in {page}: geen geldig notebook: open en bewaar het opnieuw in Jupyter."
