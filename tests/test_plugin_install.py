"""End to end: plugins installed with pip change the built book, and only then.

Plugins are installed with ``pip install --no-deps --target`` into a folder of their own;
with that folder on ``PYTHONPATH`` this interpreter (sleutelcursus and its dependencies,
as installed for the tests) sees them exactly as an installed plugin: through its
entry point, in the build and in the notebook kernels the build starts. Nothing is
downloaded, except hatchling for pip's isolated build when it is not installed here.
The book is the mini book with the course's parts (three phases, "Naslag"), so a build
takes seconds.
"""

from __future__ import annotations

import html
import importlib.util
import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

import sleutelcursus
from plugintools import book_with_chapters_in_phase_2
from sleutelcursus.plugins.manager import DIR_ENV, LOAD_ENV
from sleutelcursus.plugins.scaffold import TEMPLATES

pytestmark = pytest.mark.slow

ROOT = Path(__file__).resolve().parent.parent
DUINSTAD = ROOT / "plugins" / "sleutelcursus-duinstad"
# Where this process imports sleutelcursus from (a checkout's src/ under test, or
# site-packages): the builds the tests start use the same code.
TOOLKIT = Path(sleutelcursus.__file__).resolve().parent.parent


def with_plugins(env: dict, target: Path) -> dict:
    """``env`` with the plugins installed in ``target`` importable."""
    return {**env, "PYTHONPATH": os.pathsep.join([str(target), str(TOOLKIT)])}


def run(args: list[str], cwd: Path, env: dict) -> subprocess.CompletedProcess:
    done = subprocess.run(args, cwd=cwd, env=env, capture_output=True, text=True)
    assert done.returncode == 0, done.stdout + done.stderr
    return done


def pip_install(source: Path, target: Path) -> None:
    # --no-deps: sleutelcursus and its dependencies are the ones of this environment.
    isolation = ["--no-build-isolation"] if importlib.util.find_spec("hatchling") else []
    run([sys.executable, "-m", "pip", "install", "-q", "--no-deps", "--target", str(target), *isolation, str(source)],
        cwd=target.parent, env=dict(os.environ))


@pytest.fixture(scope="module")
def setup(tmp_path_factory):
    """(book, folder for installed plugins, environment without installed plugins)."""
    base = tmp_path_factory.mktemp("installatie")
    # Phase 2 has its chapters: the new-plugin page links to one of them (werving).
    book = book_with_chapters_in_phase_2(base / "boek")
    env = {k: v for k, v in os.environ.items() if k not in (LOAD_ENV, DIR_ENV)}
    env["PYTHONPATH"] = str(TOOLKIT)
    env["SLEUTELCURSUS_BOOK"] = str(book)
    (base / "site-packages").mkdir()
    return base, base / "site-packages", env


def build(base: Path, name: str, env: dict) -> tuple[Path, str]:
    """Build the book in a work folder of its own; return the site and what the CLI printed."""
    work = base / name
    work.mkdir()
    done = run([sys.executable, "-m", "sleutelcursus.cli", "build", "--out", "site"], cwd=work, env=env)
    return work / "site", done.stdout + done.stderr


def nav_between(page: str, first: str, last: str) -> str:
    """The sidebar of a page from the caption ``first`` to the caption ``last``."""
    start = page.index(f'<span class="caption-text">{first}</span>')
    return page[start:page.index(f'<span class="caption-text">{last}</span>', start)]


def page_text(page: Path) -> str:
    """What a reader sees: without tags, entities resolved (Sphinx hides e-mail addresses in both)."""
    return html.unescape(re.sub(r"<[^>]+>", "", page.read_text(encoding="utf-8")))


def shows_exercise(page: Path, exercise_id: str) -> bool:
    # The widget state the notebook kernel embedded: it found the plugin's exercise.
    return re.search(rf'"exercise_id":\s*"{exercise_id}"', page.read_text(encoding="utf-8")) is not None


def test_without_plugins_the_book_has_no_local_module_and_the_national_title(setup):
    base, _, env = setup
    site, printed = build(base, "zonder", env)
    assert not (site / "course" / "lokaal").exists()
    assert "Duinstad" not in page_text(site / "course" / "contact.html")
    index = (site / "course" / "index.html").read_text(encoding="utf-8")
    assert "Cursus sleutelpersonennetwerk" in index and "Cursus sleutelpersonennetwerk Duinstad" not in index


def test_installed_duinstad_plugin_adds_its_chapter_exercises_contact_and_title(setup):
    base, target, env = setup
    pip_install(DUINSTAD, target)
    site, printed = build(base, "duinstad", with_plugins(env, target))
    assert "0 waarschuwing(en)" in printed, printed
    index = (site / "course" / "index.html").read_text(encoding="utf-8")
    assert "Cursus sleutelpersonennetwerk Duinstad" in index
    # Declared after="fase-2": in the part "Fase 2", after the phase's own page.
    phase_2 = nav_between(index, "Fase 2", "Fase 3")
    assert phase_2.index("fase-2/index.html") < phase_2.index("lokaal/duinstad/index.html")
    assert "Sleutelpersonen in Duinstad" in phase_2
    chapter = site / "course" / "lokaal" / "duinstad"
    assert "Zeven wijken en kernen" in (chapter / "index.html").read_text(encoding="utf-8")
    assert shows_exercise(chapter / "netwerk.html", "duinstad-netwerk")
    assert shows_exercise(chapter / "voorzitter.html", "duinstad-voorzitter")
    contact = page_text(site / "course" / "contact.html")
    assert "Team Samenleven, gemeente Duinstad" in contact and "samenleven@duinstad.example" in contact
    assert "Expertise-unit Sociale Stabiliteit" in contact


def test_new_plugin_installs_passes_its_own_tests_and_builds_into_the_book(setup):
    base, target, env = setup
    run([sys.executable, "-m", "sleutelcursus.cli", "new-plugin", "Testdorp"], cwd=base, env=env)
    package = base / "sleutelcursus-testdorp"
    pip_install(package, target)
    installed = with_plugins(env, target)
    tests = run([sys.executable, "-m", "pytest", "-q", "-p", "no:cacheprovider", "-p", "no:xdist"], cwd=package, env=installed)
    written = (TEMPLATES / "tests" / "test_plugin.py.tmpl").read_text(encoding="utf-8")
    assert re.search(rf"\b{len(re.findall(r'^def test_', written, re.M))} passed\b", tests.stdout), tests.stdout
    # Duinstad is installed too (previous test, or not): SLEUTELCURSUS_LOAD_PLUGINS picks Testdorp.
    site, printed = build(base, "testdorp", {**installed, LOAD_ENV: "testdorp"})
    assert "0 waarschuwing(en)" in printed, printed
    index = (site / "course" / "index.html").read_text(encoding="utf-8")
    assert "Cursus sleutelpersonennetwerk Testdorp" in index
    assert "lokaal/testdorp/index.html" in nav_between(index, "Fase 2", "Fase 3")
    assert not (site / "course" / "lokaal" / "duinstad").exists()
    assert "Sleutelpersonen in Testdorp" in (site / "course" / "lokaal" / "testdorp" / "index.html").read_text(encoding="utf-8")
    assert shows_exercise(site / "course" / "lokaal" / "testdorp" / "voorzitter.html", "testdorp-voorzitter")


def site_files(site: Path) -> set[str]:
    """Every file of a published site, as paths relative to it."""
    return {p.relative_to(site).as_posix() for p in site.rglob("*") if p.is_file()}


def test_uninstalled_plugin_leaves_no_file_in_either_output_and_not_in_the_search_index(setup):
    base, _, env = setup
    target = base / "alleen-duinstad"
    target.mkdir()
    pip_install(DUINSTAD, target)
    work = base / "verwijderd"
    work.mkdir()
    cli = [sys.executable, "-m", "sleutelcursus.cli", "build"]
    with_plugin = with_plugins(env, target)
    run(cli, cwd=work, env=with_plugin)
    run([*cli, "--out", "site"], cwd=work, env=with_plugin)
    assert (work / "_build" / "html" / "course" / "lokaal" / "duinstad" / "index.html").is_file()
    assert "duinstad" in (work / "site" / "searchindex.js").read_text(encoding="utf-8").lower()
    shutil.rmtree(target)  # pip uninstall of a --target install: the package is gone
    printed = run(cli, cwd=work, env=env).stdout
    run([*cli, "--out", "site"], cwd=work, env=env)
    fresh, _ = build(base, "nooit-geinstalleerd", env)
    for site in (work / "_build" / "html", work / "site"):
        assert site_files(site) == site_files(fresh), site
        # No page of the plugin in the index. (The accessibility statement may name the
        # plugin its last test run covered: that is the statement's text, not a page.)
        index = (site / "searchindex.js").read_text(encoding="utf-8")
        assert "lokaal/duinstad" not in index, site
    pages = sum(1 for p in fresh.rglob("*.html") if p.name not in ("search.html", "genindex.html") and "_static" not in p.parts)
    assert f"({pages} pagina's," in printed, printed
