"""Timing exercise pages in the browser, for benchmarks/exercises.py (a helper, no benchmark).

One visit measures the time from navigation to the first feedback a trainee can get;
the side-by-side comparison puts each exercise page next to a bare copy of itself (the
theme's and Sphinx's stylesheets and scripts taken out, the toolkit's kept), served from
the same server in the same run; the click series times many real clicks on one
exercise, from the input event to the paint that shows its feedback.
"""

from __future__ import annotations

import contextlib
import re
import shutil
import socket
import statistics
import subprocess
import sys
import time
from dataclasses import dataclass
from pathlib import Path

from sleutelcursus.book.sphinxext import START_ATTRIBUTE, STATIC_SUBDIR
from sleutelcursus.hosting import WIDGET_STATE

VIEW_TYPE = "application/vnd.jupyter.widget-view+json"
BARE_SUFFIX = ".zonder-thema.html"

SHOWN = "sleutelcursus:getoond"
# Installed before any script of the page: marks when the mounted exercises were first
# painted (and says so on the console: the driver waits for that message rather than
# asking the page each frame, which would run the driver's own code in the page while
# it loads, on the same thread as the page's work), and for every click or key press the time from the input event to the next
# paint after its handlers ran (rAF runs just before that paint, the message right after),
# with the moments its handlers were done (the last click or change listener on window)
# and the frame began. Not PerformanceObserver 'event' entries: their durations are
# rounded to 8 ms and only inputs slower than 16 ms are reported, too coarse for a 16 ms target.
OBSERVER = """(() => {
  const afterPaint = (done) => requestAnimationFrame(() => {
    const frame = performance.now();
    const channel = new MessageChannel();
    channel.port1.onmessage = () => done(performance.now(), frame);
    channel.port2.postMessage(0);
  });
  window.__scInputs = [];
  new MutationObserver((changes, observer) => {
    if (document.documentElement.dataset.scExercises !== "ready") return;
    observer.disconnect();
    afterPaint((now) => { window.__scShown = now; console.debug(SHOWN); });
  }).observe(document, { attributes: true, subtree: true, attributeFilter: ["data-sc-exercises"] });
  let current = null;
  for (const type of ["click", "keydown"]) {
    document.addEventListener(type, (event) => {
      const entry = { type, at: event.timeStamp };
      current = entry;
      afterPaint((now, frame) => window.__scInputs.push({ ...entry, frame, painted: now }));
    }, true);
  }
  for (const type of ["click", "keydown", "change"]) {
    window.addEventListener(type, () => { if (current) current.handled = performance.now(); });
  }
})();""".replace("SHOWN", f'"{SHOWN}"')

# Per exercise type: the part of the exercise whose text is the feedback, and the
# trainee's first answer (controls clicked in order; the last click gives the feedback).
FEEDBACK = {
    "questionnaire": ".sc-questionnaire-feedback",
    "composition": ".sc-comp-feedback",
    "scenario": ".sc-scenario-body",
}
FIRST_ANSWER = {
    "questionnaire": ["input[type=radio]"],
    "composition": [".sc-comp-list input[type=checkbox]"],
    "scenario": ["input[type=radio]", "button:text-is('Kies')"],
}
CLICKS = "window.__scInputs.filter((e) => e.type === 'click')"
TWO_FRAMES = "() => new Promise((done) => requestAnimationFrame(() => requestAnimationFrame(done)))"


def _clicked(page, count: int) -> list[dict]:
    """The click entries once there are ``count``, each with its paint."""
    page.wait_for_function(f"(n) => {CLICKS}.length >= n", arg=count)
    return page.evaluate(CLICKS)


def answer_first_exercise(page) -> tuple[str, float]:
    """Give the first exercise on the page its first answer, as a trainee would (real
    clicks); return its id and the ms from that click to the paint showing the feedback."""
    host = page.locator(".sc-host").first
    kind = next(k for k in FIRST_ANSWER if host.locator(f".sc-{k}").count())
    region = host.locator(FEEDBACK[kind])
    before = region.inner_text()
    for selector in FIRST_ANSWER[kind]:
        host.locator(selector).first.click()
    last = _clicked(page, len(FIRST_ANSWER[kind]))[-1]
    if not region.is_visible() or region.inner_text() == before:
        raise SystemExit(f"{page.url}: na het eerste antwoord verscheen geen feedback in {FEEDBACK[kind]}")
    return host.get_attribute("data-exercise"), last["painted"] - last["at"]


@dataclass
class Sample:
    """One visit, in ms since navigation start."""

    feedback: float  # shown + answer: the first feedback the trainee can get
    parsed: float  # HTML parsed (every blocking script and stylesheet in)
    mounted: float  # the host's 'ready' mark: every exercise mounted
    shown: float  # the first paint after mounting: the trainee can answer
    answer: float  # from the answering click to the paint that shows its feedback
    exercise: str
    files: int  # files requested before the HTML was parsed
    fetched: int  # of which from the server, not the cache


def visit(browser, url: str, start: str | None = None) -> Sample:
    """Open ``url`` in a new browser context (an empty cache) and give the first answer.

    The first feedback is the time until the mounted exercises were first painted (the
    earliest a trainee can answer) plus the time from the answering click to the paint
    that shows its feedback. The test driver's own delay between the two is left out:
    a trainee reads before answering, and that time is not the page's. With ``start``
    that page is opened first, so what it shares with ``url`` is in the cache.
    """
    context = browser.new_context()
    try:
        context.add_init_script(OBSERVER)
        page = context.new_page()
        if start:
            page.goto(start, wait_until="networkidle")
        # Nothing of the driver runs in the page until the exercises are shown.
        with page.expect_console_message(lambda message: message.text == SHOWN):
            page.goto(url, wait_until="commit")
        exercise, answer = answer_first_exercise(page)
        parsed, mounted, shown, files, fetched = page.evaluate("""() => {
          const parsed = performance.getEntriesByType('navigation')[0].domInteractive;
          const early = performance.getEntriesByType('resource').filter((r) => r.startTime < parsed);
          return [parsed, performance.getEntriesByName('sleutelcursus:klaar')[0].startTime, window.__scShown,
                  early.length, early.filter((r) => r.transferSize > 0).length];
        }""")
    finally:
        context.close()
    return Sample(shown + answer, parsed, mounted, shown, answer, exercise, files, fetched)


def median_sample(samples: list[Sample]) -> Sample:
    """Per timing the median over the samples; the counts of the last one."""
    last = samples[-1]
    timings = [statistics.median(getattr(s, name) for s in samples) for name in ("feedback", "parsed", "mounted", "shown", "answer")]
    return Sample(*timings, last.exercise, last.files, last.fetched)


# The bare copy keeps what the toolkit puts in a page: its stylesheets and modules (all
# under _static/sleutelcursus/), its inline start module, its import map (the modules'
# addresses with their checksums) and its data (widget state and views, the learning
# paths). Every other stylesheet and script goes: the theme's, Sphinx's, and the
# extensions' that Jupyter Book adds.
_TAG = re.compile(r"<script\b(?P<script>[^>]*)>.*?</script>[ \t]*\n?|<link\b(?P<link>[^>]*)>[ \t]*\n?", re.S)
_KEPT_TYPES = (WIDGET_STATE, VIEW_TYPE, "application/json", "importmap")


def _attribute(attributes: str, name: str) -> str:
    found = re.search(rf'\b{name}="([^"]*)"', attributes)
    return found[1] if found else ""


def _is_theirs(tag: re.Match) -> bool:
    if tag["link"] is not None:
        attributes = tag["link"]
        rel = _attribute(attributes, "rel")
        return rel == "stylesheet" and f"/{STATIC_SUBDIR}/" not in _attribute(attributes, "href") or rel == "preload"
    attributes = tag["script"]
    src = _attribute(attributes, "src")
    if src:
        return f"/{STATIC_SUBDIR}/" not in src
    return START_ATTRIBUTE not in attributes and _attribute(attributes, "type") not in _KEPT_TYPES


def bare_html(text: str) -> str:
    """The page without the theme's and Sphinx's stylesheets and scripts (see above)."""
    bare = _TAG.sub(lambda tag: "" if _is_theirs(tag) else tag[0], text)
    if START_ATTRIBUTE not in bare or WIDGET_STATE not in bare:
        raise SystemExit("de kale kopie van een oefenpagina mist het startscript of de oefengegevens")
    return bare


def bare_name(rel: str) -> str:
    """Where the bare copy of page ``rel`` is served: beside it, so every relative address holds."""
    return rel.removesuffix(".html") + BARE_SUFFIX


def site_with_bare_pages(site: Path, pages: list[str], folder: Path) -> Path:
    """A copy of ``site`` in ``folder`` with a bare copy beside each of ``pages``."""
    served = folder / "met-kale-kopieen"
    shutil.copytree(site, served)
    for rel in pages:
        (served / bare_name(rel)).write_text(bare_html((site / rel).read_text(encoding="utf-8")), encoding="utf-8")
    return served


@dataclass
class SideBySide:
    """Every visit of one page with the theme and of its bare copy, taken in turns."""

    theme: list[Sample]
    bare: list[Sample]

    @property
    def ratio(self) -> float:
        return statistics.median(s.feedback for s in self.theme) / statistics.median(s.feedback for s in self.bare)


def side_by_side(browser, base_url: str, rel: str, runs: int = 9) -> SideBySide:
    """First visits (empty cache), in turns: the page, its bare copy, the page, ..."""
    result = SideBySide([], [])
    for _ in range(runs):
        result.theme.append(visit(browser, base_url + rel))
        result.bare.append(visit(browser, base_url + bare_name(rel)))
    return result


def _scenario_step(host, index: int) -> list:
    """The clicks of one scenario step: a choice (varied), then 'Kies', which gives the feedback;
    at the end of a path 'Opnieuw beginnen' first."""
    if not host.locator(".sc-scenario-current").count():
        host.locator("button:text-is('Opnieuw beginnen')").click()
        host.locator("button:text-is('Ja, begin opnieuw')").click()  # it asks first
    radios = host.locator(".sc-scenario-current input[type=radio]")
    return [radios.nth(index % radios.count()), host.locator("button:text-is('Kies')")]


def _next_clicks(host, kind: str, index: int) -> list:
    """The controls to click for the ``index``-th answer; the last click changes the feedback."""
    if kind == "scenario":
        return _scenario_step(host, index)
    if kind == "questionnaire":
        # Statement by statement, a new value each round, so every click changes an answer.
        items = host.locator(".sc-questionnaire-item")
        radios = items.nth(index % items.count()).locator("input[type=radio]")
        return [radios.nth((index // items.count()) % radios.count())]
    boxes = host.locator(".sc-comp-list input[type=checkbox]")
    return [boxes.nth(index % boxes.count())]


@dataclass
class Click:
    """One click, in ms from its input event: its handlers done, the next frame begun, that frame painted."""

    handled: float
    frame: float
    painted: float


def click_series(browser, url: str, kind: str, clicks: int = 36) -> tuple[str, list[Click]]:
    """On a loaded page, ``clicks`` real clicks that each change the feedback of its first
    ``kind`` exercise; each timed in the page from its input event to the paint after it.
    Each control is scrolled into view, and two frames painted, before it is clicked."""
    context = browser.new_context()
    try:
        context.add_init_script(OBSERVER)
        page = context.new_page()
        page.goto(url, wait_until="networkidle")
        page.wait_for_function("window.__scShown !== undefined")
        host = page.locator(f".sc-host:has(.sc-{kind})").first
        region = host.locator(FEEDBACK[kind])
        times = []
        for index in range(clicks):
            *before, last = _next_clicks(host, kind, index)
            for control in before:
                control.click()
            # As a trainee scrolls to a statement before clicking it: Playwright's own scroll
            # into view would land in the same frame as the click, and that frame's paint
            # would be the scroll's as much as the feedback's (every other questionnaire click).
            last.scroll_into_view_if_needed()
            page.evaluate(TWO_FRAMES)
            shown = region.inner_text()
            count = len(page.evaluate(CLICKS))
            last.click()
            entry = _clicked(page, count + 1)[count]
            if region.inner_text() == shown:
                raise SystemExit(f"{url}: klik {index + 1} veranderde de feedback in {FEEDBACK[kind]} niet")
            times.append(Click(*(entry[name] - entry["at"] for name in ("handled", "frame", "painted"))))
        return host.get_attribute("data-exercise"), times
    finally:
        context.close()


@contextlib.contextmanager
def serve_in_own_process(directory: Path):
    """Serve ``directory`` on 127.0.0.1 from Python's http.server in a process of its own; yields the base URL.

    In the benchmark's own process the server threads would wait for the interpreter
    while Playwright's client runs: every request of a page would pay for that, and a
    page with three times as many requests (the theme's) three times as much.
    """
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    server = subprocess.Popen(
        [sys.executable, "-m", "http.server", "--bind", "127.0.0.1", "--directory", str(directory), str(port)],
        stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
    )
    try:
        for _ in range(200):
            try:
                socket.create_connection(("127.0.0.1", port), timeout=0.1).close()
                break
            except OSError:
                time.sleep(0.05)
        yield f"http://127.0.0.1:{port}/"
    finally:
        server.terminate()
        server.wait()
