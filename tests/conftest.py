"""Shared fixtures: a headless Chromium and the browser side of the exercise engines.

The run's own settings (two xdist workers by default, a check that a run leaves the
git checkout as it found it) are hooks in ``runsettings.py``, imported here.
"""

from __future__ import annotations

import json
import os
import time
from pathlib import Path

import pytest

from runsettings import pytest_cmdline_main, pytest_sessionfinish, pytest_sessionstart  # noqa: F401 (hooks)
from sites import DUINSTAD_PACKAGE, EXTRA_PAGE_ENV, build_site, local_plugins_only, shared_build
from webtools import CHROMIUM_ARGS, PHONE, chromium_executable, serve_directory, watch_page, widget_page_html

from sleutelcursus.exercises import FRONTEND


@pytest.fixture(scope="session")
def browser():
    """One headless Debian chromium per test process."""
    executable = chromium_executable()
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        instance = playwright.chromium.launch(executable_path=executable, args=CHROMIUM_ARGS)
        yield instance
        instance.close()


@pytest.fixture(scope="session")
def frontend_page(browser):
    """A blank page served next to the browser modules, for importing them."""
    with serve_directory(FRONTEND) as base_url:
        page = browser.new_page()
        watch = watch_page(page, base_url)
        page.set_content("<!doctype html><title>engine</title>")
        page.goto(base_url + "exercise.css")
        yield page, base_url, watch
        page.close()


@pytest.fixture
def js_compute(frontend_page):
    """Run ``compute(spec, answers)`` of ``frontend/<kind>.js`` in Chromium.

    ``js_compute(kind, spec, [answers, ...])`` returns the list of results, after a
    JSON round trip, ready to compare with the Python engine's results.
    """
    page, base_url, watch = frontend_page

    def run(kind: str, spec: dict, answer_sets: list) -> list:
        results = page.evaluate(
            """async ([url, spec, sets]) => {
                const mod = await import(url);
                return JSON.stringify(sets.map((answers) => mod.compute(spec, answers)));
            }""",
            [f"{base_url}{kind}.js", spec, answer_sets],
        )
        assert not watch.console_errors, watch.console_errors
        return json.loads(results)

    return run


@pytest.fixture
def mounted_exercise(browser):
    """Mount exercises through the static host on a test page in a fresh browser context.

    ``mounted_exercise(spec, answers=None, viewport=None) -> (page, watch)``; the first
    exercise's model is ``window.__model``.
    """
    from sleutelcursus.exercises import kind_module

    contexts = []
    with serve_directory(FRONTEND) as base_url:

        def mount(spec: dict, answers=None, viewport: dict | None = None, more: list | None = None):
            if answers is None:
                answers = kind_module(spec["type"]).empty_answers(spec)
            pairs = [(spec, answers)] + [
                (other, kind_module(other["type"]).empty_answers(other)) for other in (more or [])
            ]
            context = browser.new_context(viewport=viewport or {"width": 1280, "height": 900})
            contexts.append(context)
            page = context.new_page()
            watch = watch_page(page, base_url)
            html = widget_page_html(pairs)
            page.route(base_url + "oefening.html", lambda route: route.fulfill(body=html, content_type="text/html"))
            page.goto(base_url + "oefening.html")
            page.wait_for_function("() => window.__models !== undefined")
            page.evaluate(f"window.__model = window.__models[{json.dumps(spec['id'])}]")
            return page, watch

        yield mount
        for context in contexts:
            context.close()


# Test books are built by the tests themselves, not collected by nbval; the plugin
# page that raises on purpose is executed by the build test of a broken plugin.
collect_ignore_glob = ["books/*", "plugin_cases/pages/rekenfout.ipynb"]


@pytest.fixture(scope="session")
def built_book(pytestconfig, tmp_path_factory):
    """The national course, built once per test run with the real CLI."""
    return shared_build(pytestconfig, tmp_path_factory, "nationaal-boek", build_site)


@pytest.fixture(scope="session")
def book_server(built_book):
    """The built book on a local server: ``(base_url, site_folder)``."""
    with serve_directory(built_book) as base_url:
        yield base_url, built_book


@pytest.fixture
def phone(browser, book_server):
    """A fresh 360 px browser context on the built book: ``(page, base_url)``."""
    base_url, _ = book_server
    context = browser.new_context(viewport=PHONE)
    yield context.new_page(), base_url
    context.close()


@pytest.fixture(scope="session")
def built_book_with_plugin(pytestconfig, tmp_path_factory):
    """The national course with the example municipality Duinstad, built once per run.

    Duinstad's package is linked into a local plugins folder (``--plugins-dir``); the
    build hands that folder to the notebook kernels ($SLEUTELCURSUS_PLUGINS_DIR), and
    installed plugins stay off, so the book is the same on every machine. Pages named
    in $SLEUTELCURSUS_EXTRA_PAGE (separated by ``:``) join the book as one more local
    module: that is how the quality gate is shown to fail (``tests/quality_cases/``).
    The results file the build read is kept next to the site, for the statement's test.
    Under pytest-xdist the workers share one build, as for ``built_book``.
    """
    import hashlib
    import os
    import shutil

    from sitequality import BUILT_RESULTS, write_page_plugin
    from sleutelcursus.book.statement import RESULTS_FILE

    extra = [Path(p).resolve() for p in os.environ.get(EXTRA_PAGE_ENV, "").split(os.pathsep) if p]
    suffix = "-" + hashlib.sha256(str(extra).encode()).hexdigest()[:8] if extra else ""

    def build(work: Path) -> None:
        plugins = work / "plugins"
        shutil.rmtree(plugins, ignore_errors=True)
        plugins.mkdir()
        (plugins / DUINSTAD_PACKAGE.name).symlink_to(DUINSTAD_PACKAGE, target_is_directory=True)
        if extra:
            write_page_plugin(plugins, extra)
        (work / BUILT_RESULTS).unlink(missing_ok=True)
        if RESULTS_FILE.is_file():
            shutil.copyfile(RESULTS_FILE, work / BUILT_RESULTS)
        build_site(work, "--plugins-dir", str(plugins), env=local_plugins_only())

    return shared_build(pytestconfig, tmp_path_factory, f"duinstad-boek{suffix}", build)


@pytest.fixture
def machine_in_tokyo(monkeypatch):
    """The machine's own clock in a zone that is never Amsterdam's offset."""
    monkeypatch.setenv("TZ", "Asia/Tokyo")
    time.tzset()
    yield
    monkeypatch.undo()
    time.tzset()


@pytest.fixture
def pm(monkeypatch):
    """A fresh plugin manager with only the national course: no installed plugins, no folder."""
    from sleutelcursus.plugins.manager import DIR_ENV, LOAD_ENV, get_plugin_manager

    monkeypatch.setenv(LOAD_ENV, "")
    monkeypatch.delenv(DIR_ENV, raising=False)
    return get_plugin_manager()


@pytest.fixture(scope="module")
def built_once(tmp_path_factory):
    """A mini book built once with the valid local plugin: book, plugins, werk/site."""
    import shutil

    from plugintools import CASES, MINI, use_book
    from sleutelcursus import cli

    base = tmp_path_factory.mktemp("gebouwd")
    shutil.copytree(MINI, base / "boek")
    shutil.copytree(CASES, base / "plugins", ignore=shutil.ignore_patterns("kapot", "__pycache__"))
    (base / "werk").mkdir()
    with pytest.MonkeyPatch.context() as patch:
        use_book(patch, base)
        assert cli.main(["build", "--out", "site", "--plugins-dir", str(base / "plugins")]) == 0
    return base
