"""Browser-test plumbing: a local static server and a Chromium that stays offline.

Debian's chromium is driven by Playwright's Python package; Playwright never downloads
a browser here. Every request to a host other than the local server is aborted and
counted, so a test can assert that a page needs nothing from outside.
"""

from __future__ import annotations

import contextlib
import functools
import http.server
import json
import os
import shutil
import threading
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import urlparse

import pytest

from sleutelcursus.book.sphinxext import START_ATTRIBUTE
from sleutelcursus.hosting import packed
from sleutelcursus.plugins.registry import get_spec

CHROMIUM_ARGS = [
    "--headless=new",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]


def chromium_executable() -> str:
    """Path of Debian's chromium; skip the test when absent, but fail under CI."""
    path = os.environ.get("SLEUTELCURSUS_CHROMIUM") or shutil.which("chromium") or "/usr/bin/chromium"
    if Path(path).exists():
        return path
    message = "Debian's chromium ontbreekt (apt-get install chromium)"
    if os.environ.get("CI", "").lower() == "true":
        pytest.fail(message + ": in CI moeten de browsertests draaien.")
    pytest.skip(message)


class _QuietHandler(http.server.SimpleHTTPRequestHandler):
    def log_message(self, *args):  # keep test output readable
        pass


@contextlib.contextmanager
def serving(server: http.server.HTTPServer):
    """Run ``server`` (bound to 127.0.0.1) in a thread; yields its base URL, then stops it."""
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}/"
    finally:
        server.shutdown()
        server.server_close()


@contextlib.contextmanager
def serve_directory(directory: Path):
    """Serve ``directory`` on 127.0.0.1 on a free port; yields the base URL."""
    handler = functools.partial(_QuietHandler, directory=str(directory))
    with serving(http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)) as base_url:
        yield base_url


@dataclass
class PageWatch:
    """What a page did: requests blocked for leaving the site, console errors."""

    outside: list[str] = field(default_factory=list)
    console_errors: list[str] = field(default_factory=list)


def watch_page(page, base_url: str) -> PageWatch:
    """Abort and record every request that does not go to ``base_url``'s host."""
    allowed = urlparse(base_url).netloc
    watch = PageWatch()

    def route(route_obj):
        url = route_obj.request.url
        parsed = urlparse(url)
        if parsed.scheme in ("data", "blob") or parsed.netloc == allowed:
            route_obj.continue_()
        else:
            watch.outside.append(url)
            route_obj.abort()

    page.route("**/*", route)
    page.on("console", lambda msg: msg.type == "error" and watch.console_errors.append(msg.text))
    page.on("pageerror", lambda exc: watch.console_errors.append(str(exc)))
    # A missing file (a 404 for /favicon.ico) counts as an error even where the browser
    # logs nothing of it to the console.
    page.on("response", lambda r: r.status >= 400 and watch.console_errors.append(f"HTTP {r.status}: {r.url}"))
    return watch


# The phone of the trainees' trial (issue 11): the ``phone`` fixture's window.
PHONE = {"width": 360, "height": 740}


def wait_for_theme_scripts(page) -> None:
    """After the window's load: wait until the theme's scripts have run. The book adds
    them just after the first paint (book/script_loading.py), which can be after load;
    it marks <html> "pending" meanwhile. A page that keeps them in its head has no mark."""
    page.wait_for_function("document.documentElement.dataset.scThemeScripts !== 'pending'")


# The static host keeps an exercise's answers in localStorage under this prefix
# (``STORAGE_PREFIX`` in frontend/host.js), as ``{"answers": ..., "saved": ...}``.
STORAGE_PREFIX = "sleutelcursus:v1:"
# A test page starts the host itself, as the book's start script does, and keeps
# the models ``mountAll`` resolves to: the production host exposes none.
TEST_START = 'import { mountAll } from "./host.js"; window.__models = await mountAll();'


def widget_page_html(specs_and_answers: list[tuple[dict, object]]) -> str:
    """A page shaped like a built book page: widget state (its specs packed, as the book
    packs them) + one view per exercise.

    The page's start script leaves the models in ``window.__models`` (exercise id -> model).
    """
    state, views = {}, []
    for index, (spec, answers) in enumerate(specs_and_answers):
        model_id = f"model-{index}"
        state[model_id] = {
            "model_name": "AnyModel",
            "model_module": "anywidget",
            "state": {"kind": spec["type"], "exercise_id": spec["id"], "spec": packed(spec), "answers": answers},
        }
        view = json.dumps({"version_major": 2, "version_minor": 0, "model_id": model_id})
        views.append(f'<script type="application/vnd.jupyter.widget-view+json">{view}</script>')
    kinds = sorted({spec["type"] for spec, _ in specs_and_answers})
    links = "".join(
        f'<link rel="stylesheet" href="{name}.css">' for name in ["exercise", "host", *kinds]
    )
    state_json = json.dumps({"version_major": 2, "version_minor": 0, "state": state}).replace("</", "<\\/")
    return (
        f'<!doctype html><html lang="nl"><head><meta charset="utf-8"><title>Oefening</title>'
        f'<meta name="viewport" content="width=device-width, initial-scale=1">{links}'
        f'<script type="application/vnd.jupyter.widget-state+json">{state_json}</script></head>'
        f'<body><main id="exercise"><h1>Testpagina</h1><h2>Oefening</h2>{"".join(views)}</main>'
        f'<script type="module" {START_ATTRIBUTE}>{TEST_START}</script></body></html>'
    )


# Each exercise's spec (exercise id -> spec) as the host reads it from the page's
# widget state: unpacked by the page's own host.js (the book packs lists of objects,
# hosting.packed), at the address the page loads it from.
PAGE_SPECS = """async () => {
  // A book page preloads its host; a test page (widget_page_html) keeps it beside itself.
  const link = document.querySelector('link[rel="modulepreload"][href*="/host.js"]');
  const started = document.querySelector('script[data-sleutelcursus-start]');
  if (!link && !started) return {};  // no exercises on this page
  const { unpacked } = await import(link ? link.href : new URL("host.js", location.href).href);
  const specs = {};
  for (const script of document.querySelectorAll('script[type="application/vnd.jupyter.widget-state+json"]'))
    for (const model of Object.values(JSON.parse(script.textContent).state || {}))
      if (model.state && model.state.kind) specs[model.state.exercise_id] = unpacked(model.state.spec);
  return specs;
}"""


def page_specs(page) -> dict:
    """Exercise id -> spec, of the exercises on a book page (:data:`PAGE_SPECS`)."""
    return page.evaluate(PAGE_SPECS)


def full_path(exercise_id: str) -> list[str]:
    """A scenario's choices from its first step to its end, taking the first choice each time."""
    spec = get_spec(exercise_id)
    steps = {step["id"]: step for step in spec["steps"]}
    path, current = [], spec["start"]
    while current:
        choice = steps[current]["choices"][0]
        path.append(choice["id"])
        current = choice.get("next")
    return path


def stored_answers(page, exercise_id: str):
    """The answers the static host saved for an exercise in this browser, or None."""
    return page.evaluate(
        "(key) => { const raw = localStorage.getItem(key); return raw === null ? null : JSON.parse(raw).answers; }",
        STORAGE_PREFIX + exercise_id,
    )


def store_answers(page, answers: dict) -> None:
    """Save answers (exercise id -> answers) as the static host does, and reload the page.

    The exercises then open with those answers, as for a trainee who comes back.
    """
    page.evaluate(
        """([prefix, answers]) => { for (const [id, value] of Object.entries(answers))
             localStorage.setItem(prefix + id, JSON.stringify({ answers: value, saved: new Date().toISOString() })); }""",
        [STORAGE_PREFIX, answers],
    )
    page.reload()
    page.wait_for_selector("html[data-sc-exercises=ready]")


def normalise(value):
    """JSON round trip, so Python and browser results compare like for like."""
    return json.loads(json.dumps(value))
