"""The quality gate over a whole built book: axe, offline, console, keyboard, zoom.

:func:`check_site` opens every HTML page of a built site in Chromium and records what
the gate judges; :class:`SiteReport` says what fails (``failures``) and turns the run
into the results the accessibility statement is generated from (``results``).

Keyboard reachability is measured with the keyboard itself: on every page Tab is
pressed until focus wraps around, and each focused element (``document.activeElement``)
is recorded once. A closed ``<summary>`` (a collapsed part of the sidebar) is opened
with Enter, as a keyboard user would. A page counts as reachable when a chain of links
that Tab reached leads to it from the start page; following a focused link is Enter.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import urldefrag, urljoin

import summaryview
from sites import site_pages
from sleutelcursus.book.statement import count
from trainees import WCAG_TAGS, axe_run
from webtools import PAGE_SPECS, serve_directory, store_answers, wait_for_theme_scripts, watch_page

# 200% zoom of a 1280 x 900 window: the browser then lays the page out in 640 x 450 CSS
# pixels with two device pixels per CSS pixel. Emulating exactly that viewport and
# scale gives the same media queries and the same layout as the zoomed window, which
# CSS `zoom` on the body does not (media queries would still see 1280 px).
VIEWS = {
    "zoom-200": {"viewport": {"width": 640, "height": 450}, "device_scale_factor": 2},
    "smal-360": {"viewport": {"width": 360, "height": 740}, "device_scale_factor": 1},
}
VIEW_NAMES = {
    "zoom-200": "200% zoom (640 × 450 CSS-pixels, schaalfactor 2)",
    "smal-360": "smal scherm (360 CSS-pixels breed)",
}
MAX_TAB_PRESSES = 3000
# Next to a built site: the results file as it was when that site was built.
BUILT_RESULTS = "toegankelijkheid-bij-bouw.json"
# Where a run of the whole gate leaves its results; the statement takes them over only
# on request (``python -m sleutelcursus.book.statement --update``), so a test run never
# changes a committed file.
GATE_RESULTS = Path(__file__).resolve().parent.parent / "_build" / "toegankelijkheid.json"
# Sphinx's own site root: a bare page that sends the browser on to the start page.
REDIRECT = re.compile(r'<meta http-equiv="refresh" content="0; url=([^"]+)"')

# Runs in the page before the walk: how a control is named (one name per radio group,
# since Tab enters a group once and arrows move inside it) and which controls of the
# exercises a keyboard user must be able to reach.
_SETUP = """() => {
  const path = (e) => { const parts = [];
    for (let n = e; n && n.nodeType === 1 && n !== document.body; n = n.parentElement)
      parts.unshift(`${n.tagName.toLowerCase()}:${[...n.parentElement.children].indexOf(n)}`);
    return parts.join('/'); };
  window.__scKey = (e) => {
    const host = e.closest('.sc-host');
    const where = host ? host.dataset.exercise || '?' : '';
    if (e.type === 'radio' && e.name) return `${where}: radiogroep ${e.name}`;
    return `${where}: ${e.tagName.toLowerCase()}${e.id ? '#' + e.id : ' ' + path(e)}`;
  };
  window.__scSeen = new Map();
  const controls = [...document.querySelectorAll('.sc-host :is(input, select, textarea, button)')]
    .filter((e) => !e.disabled && e.type !== 'hidden' && e.getClientRects().length);
  return { controls: [...new Set(controls.map(window.__scKey))],
           links: [...document.querySelectorAll('a[href]')].map((a) => a.href),
           nav: [...document.querySelectorAll('nav.bd-docs-nav a[href]')].map((a) => a.href) };
}"""

_FOCUSED = """() => {
  const e = document.activeElement;
  if (!e || e === document.body || e === document.documentElement) return { body: true };
  const seen = window.__scSeen;
  const index = seen.has(e) ? seen.get(e) : null;
  if (index === null) seen.set(e, seen.size);
  return { repeat: index !== null, first: index === 0, href: e.tagName === 'A' ? e.href : null,
           nav: !!e.closest('nav.bd-docs-nav'),
           control: e.closest('.sc-host') ? window.__scKey(e) : null,
           closedSummary: e.tagName === 'SUMMARY' && !e.parentElement.open };
}"""

# The answers that fill every exercise on the page (exercise id -> answers), read from
# its widget state, so the feedback (bars, tables, advice) is on screen when the layout
# is measured. The page then reopens with them, as for a trainee who comes back.
_FILL = """async () => {
  const filled = {};
  const specs = document.querySelector('script[type="application/vnd.jupyter.widget-state+json"]')
    ? await (""" + PAGE_SPECS + """)() : {};
  for (const [id, spec] of Object.entries(specs)) {
    let answers;
    if (spec.type === 'questionnaire') {
      answers = Object.fromEntries(spec.statements.map((s, i) =>
        [s.id, spec.scale.min + (i % (spec.scale.max - spec.scale.min + 1))]));
    } else if (spec.type === 'composition') {
      answers = { selected: spec.candidates.slice(0, 12).map((c) => c.id) };
    } else {
      const steps = Object.fromEntries(spec.steps.map((s) => [s.id, s]));
      const path = [];
      for (let step = steps[spec.start], seen = new Set(); step && !seen.has(step.id); ) {
        seen.add(step.id);
        const choice = step.choices.find((c) => c.next && !seen.has(c.next)) || step.choices[0];
        path.push(choice.id);
        step = steps[choice.next];
      }
      answers = { path };
    }
    filled[id] = answers;
  }
  return filled;
}"""

_LAYOUT = """() => {
  const out = [];
  const describe = (e) => e.tagName.toLowerCase() + (e.className && typeof e.className === 'string'
    ? '.' + e.className.trim().split(/\\s+/).join('.') : '');
  const doc = document.documentElement;
  if (doc.scrollWidth > doc.clientWidth)
    out.push(`de pagina scrolt horizontaal (${doc.scrollWidth} px inhoud in ${doc.clientWidth} px)`);
  // A wide table inside the theme's scroll box keeps the page still, but hides columns.
  for (const table of document.querySelectorAll('article table')) {
    const room = table.parentElement.clientWidth;
    if (table.scrollWidth > room + 1)
      out.push(`tabel breder dan de pagina (${table.scrollWidth} px in ${room} px)`);
  }
  for (const host of document.querySelectorAll('.sc-host')) {
    const id = host.dataset.exercise;
    if (host.scrollWidth > host.clientWidth)
      out.push(`${id}: oefening breder dan haar ruimte (${host.scrollWidth} px in ${host.clientWidth} px)`);
    const box = host.getBoundingClientRect();
    for (const e of host.querySelectorAll('*')) {
      if (e.closest('.sc-visually-hidden')) continue;
      const r = e.getBoundingClientRect();
      if (!r.width && !r.height) continue;
      if (r.left < box.left - 1 || r.right > box.right + 1)
        out.push(`${id}: ${describe(e)} steekt buiten de oefening`);
      const overflow = getComputedStyle(e).overflowX;
      if (overflow !== 'visible' && e.scrollWidth > e.clientWidth + 1)
        out.push(`${id}: ${describe(e)} knipt tekst af of scrolt horizontaal`);
    }
  }
  return [...new Set(out)];
}"""


@dataclass
class PageReport:
    """What one page did under test."""

    page: str
    redirect: str | None = None  # the page a 0-second redirect sends the reader to
    violations: dict[str, int] = field(default_factory=dict)  # axe rule -> elements
    dark_violations: dict[str, int] = field(default_factory=dict)  # the same in the theme's dark mode
    outside: list[str] = field(default_factory=list)
    console_errors: list[str] = field(default_factory=list)
    tab_stops: int = 0
    trapped: bool = False
    keyboard_links: set[str] = field(default_factory=set)
    all_links: set[str] = field(default_factory=set)
    nav_links: int = 0  # pages the sidebar menu links to
    nav_missing: list[str] = field(default_factory=list)
    controls: int = 0
    controls_missing: list[str] = field(default_factory=list)
    exercises: int = 0
    layout: dict[str, list[str]] = field(default_factory=dict)  # view -> problems
    summary: dict[int, list[str]] = field(default_factory=dict)  # width -> composition summary problems


@dataclass(repr=False)
class SiteReport:
    """The run over a whole site."""

    start: str
    pages: dict[str, PageReport]
    rules: dict[str, dict]  # every axe rule that ran -> its description and WCAG criteria
    axe_version: str
    browser_version: str

    def __repr__(self) -> str:  # pytest shows it with every failed assertion
        return f"SiteReport({len(self.pages)} pagina's vanaf {self.start})"

    def reachable(self, attribute: str) -> set[str]:
        """Pages reached from the start page over the links in ``attribute``."""
        seen, todo = {self.start}, [self.start]
        while todo:
            for target in getattr(self.pages[todo.pop()], attribute):
                if target not in seen and target in self.pages:
                    seen.add(target)
                    todo.append(target)
        return seen

    def unreachable_by_keyboard(self) -> list[str]:
        """Pages a mouse user reaches by links from the start page and Tab does not."""
        return sorted(self.reachable("all_links") - self.reachable("keyboard_links"))

    def exercise_pages(self) -> list[str]:
        return sorted(rel for rel, page in self.pages.items() if page.exercises)

    def unlinked(self) -> list[str]:
        """Pages no link leads to from the start page (search results, Sphinx's index)."""
        return sorted(set(self.pages) - self.reachable("all_links") - {r for r, p in self.pages.items() if p.redirect})

    def failures(self, aspect: str) -> list[str]:
        """One line per failure for ``aspect``: axe, outside, console, keyboard, layout or summary."""
        lines = []
        for rel, page in sorted(self.pages.items()):
            if aspect == "axe":
                lines += [f"{rel}: {rule} ({count(n, 'element', 'elementen')})" for rule, n in sorted(page.violations.items())]
                lines += [f"{rel} in donkere modus: {rule} ({count(n, 'element', 'elementen')})"
                          for rule, n in sorted(page.dark_violations.items())]
            elif aspect == "outside":
                lines += [f"{rel}: verzoek buiten de site naar {url}" for url in page.outside]
                if page.redirect is not None and page.redirect not in self.pages:
                    lines.append(f"{rel}: stuurt door naar {page.redirect}, geen pagina van de site")
            elif aspect == "console":
                lines += [f"{rel}: consolefout {text}" for text in page.console_errors]
            elif aspect == "keyboard":
                lines += [f"{rel}: Tab blijft rondgaan na {page.tab_stops} tabstops"] if page.trapped else []
                lines += [f"{rel}: menu-link naar {link} niet bereikt met Tab" for link in page.nav_missing]
                lines += [f"{rel}: bediening {key} niet bereikt met Tab" for key in page.controls_missing]
            elif aspect == "summary":
                lines += [f"{rel} bij {width} px: {p}" for width, problems in sorted(page.summary.items()) for p in problems]
            elif aspect == "layout":
                lines += [f"{rel} bij {view}: {p}" for view, problems in sorted(page.layout.items()) for p in problems]
            else:
                raise ValueError(aspect)
        if aspect == "keyboard":
            lines += [f"{rel}: niet te bereiken met het toetsenbord vanaf {self.start}" for rel in self.unreachable_by_keyboard()]
        return lines

    def results(self, tools: dict[str, str], date: str, plugins: list[str]) -> dict:
        """The run as JSON data for the accessibility statement (deterministic apart from ``date``).

        ``tools`` are the versions of the programs that tested (axe-core and Chromium are
        added here), ``plugins`` the plugins in the tested book.
        """
        rules: dict[str, dict] = {}
        for rel, page in sorted(self.pages.items()):
            for rule, elements in page.violations.items():
                entry = rules.setdefault(rule, {**self.rules[rule], "pages": [], "elements": 0})
                entry["pages"].append(rel)
                entry["elements"] += elements
        return {
            "date": date,
            "tools": dict(sorted({**tools, "axe-core": self.axe_version, "chromium": self.browser_version}.items())),
            "plugins": sorted(plugins),
            "standard": "WCAG 2.1, niveau A en AA",
            "axe_tags": list(WCAG_TAGS),
            "axe_rules": len(self.rules),
            "pages": sorted(self.pages),
            "redirects": {rel: p.redirect for rel, p in sorted(self.pages.items()) if p.redirect},
            "violations": dict(sorted(rules.items())),
            "outside_requests": {rel: p.outside for rel, p in sorted(self.pages.items()) if p.outside},
            "console_errors": {rel: p.console_errors for rel, p in sorted(self.pages.items()) if p.console_errors},
            "keyboard": {
                "start": self.start,
                "tab_stops": sum(p.tab_stops for p in self.pages.values()),
                "pages_reached": len(self.reachable("keyboard_links")),
                "pages_without_link": self.unlinked(),
                "exercise_controls": sum(p.controls for p in self.pages.values()),
                "failures": self.failures("keyboard"),
            },
            "layout": {
                "views": {name: VIEW_NAMES[name] for name in VIEWS},
                "pages": len([p for p in self.pages.values() if p.layout]),
                "exercise_pages": self.exercise_pages(),
                "failures": self.failures("layout"),
            },
        }


def _site_path(url: str, base_url: str) -> str | None:
    """``course/x.html`` for a link to a page of the site; None for anything else."""
    url = urldefrag(url)[0].split("?")[0]
    if not url.startswith(base_url):
        return None
    rel = url[len(base_url):]
    if rel == "" or rel.endswith("/"):
        rel += "index.html"
    return rel if rel.endswith(".html") else None


def _local(text: str, base_url: str) -> str:
    # Console messages may name the test server; its port changes every run.
    return text.replace(base_url, "/")


def tab_walk(page, report: PageReport, base_url: str) -> None:
    """Tab through the page until focus wraps around; record what Tab reached."""
    setup = page.evaluate(_SETUP)
    reached_nav, reached_controls, outside_page = set(), set(), 0
    for _ in range(MAX_TAB_PRESSES):
        page.keyboard.press("Tab")
        now = page.evaluate(_FOCUSED)
        if now.get("body"):
            outside_page += 1
            if report.tab_stops or outside_page > 2:
                break  # focus left the page after its last element: the walk is complete
            continue
        if now["repeat"]:
            # Back at the first element is a full round; anywhere else, Tab is caught in a loop.
            report.trapped = not now["first"]
            break
        report.tab_stops += 1
        if now["closedSummary"]:
            page.keyboard.press("Enter")  # open the collapsed part; its links come next
        target = _site_path(now["href"], base_url) if now["href"] else None
        if target:
            report.keyboard_links.add(target)
            if now["nav"]:
                reached_nav.add(target)
        if now["control"]:
            reached_controls.add(now["control"])
    else:
        report.trapped = True
    report.all_links = {t for t in (_site_path(u, base_url) for u in setup["links"]) if t}
    nav = {t for t in (_site_path(u, base_url) for u in setup["nav"]) if t}
    report.nav_links = len(nav)
    report.nav_missing = sorted(nav - reached_nav)
    report.controls = len(setup["controls"])
    report.controls_missing = sorted(set(setup["controls"]) - reached_controls)


def open_page(context, base_url: str, rel: str, wait_until: str = "networkidle"):
    """Open a page of the site in ``context``, offline; wait for its exercises."""
    page = context.new_page()
    watch = watch_page(page, base_url)
    page.goto(base_url + rel, wait_until=wait_until)
    wait_for_theme_scripts(page)
    # The book's exercise pages start their exercises from an inline module; other
    # pages (a test page, a hand-out) link the host itself.
    if page.locator("script[data-sleutelcursus-start], script[src*='sleutelcursus/host.js']").count():
        page.wait_for_selector("html[data-sc-exercises=ready]")
    return page, watch


def check_layout(views: dict, base_url: str, rel: str, report: PageReport) -> None:
    """Fill the page's exercises, if any, and measure the page in every narrow view (name -> context)."""
    for name, context in views.items():
        # Outside requests were already watched for until the network was idle.
        page, watch = open_page(context, base_url, rel, wait_until="load")
        filled = page.evaluate(_FILL)
        if filled:
            store_answers(page, filled)
        page.evaluate("() => new Promise((done) => requestAnimationFrame(() => requestAnimationFrame(done)))")
        report.layout[name] = page.evaluate(_LAYOUT)
        # Each problem once per page, however many views showed it.
        report.outside += [url for url in watch.outside if url not in report.outside]
        errors = [_local(text, base_url) for text in watch.console_errors]
        report.console_errors += [text for text in errors if text not in report.console_errors]
        page.close()


def _criteria(tags: list[str]) -> list[str]:
    """WCAG success criteria from axe's tags: ``wcag412`` -> ``4.1.2``."""
    return sorted(".".join([t[4], t[5], t[6:]]) for t in tags if re.fullmatch(r"wcag\d{3,4}", t))


# The theme's own switch sets these two attributes; "auto" then follows the system.
# The theme animates colours when the mode changes (CSS transitions): axe must judge the
# colours after those transitions end, not halfway (it then measured #c4c7ca, #a1a5ab, ...).
_THEME = """async (mode) => { const root = document.documentElement;
  root.dataset.mode = mode; root.dataset.theme = mode === 'auto' ? 'light' : mode;
  await new Promise((done) => requestAnimationFrame(() => requestAnimationFrame(done)));
  const ends = document.getAnimations().map((a) => a.finished.catch(() => null));
  await Promise.race([Promise.all(ends), new Promise((done) => setTimeout(done, 2000))]); }"""


def set_theme(page, mode: str) -> None:
    """Put ``page`` in the theme's ``mode`` (light, dark, auto), as its switch does."""
    page.evaluate(_THEME, mode)


def dark_mode_violations(page) -> dict[str, int]:
    """axe's violations on ``page`` in the theme's dark mode (the page is light again after)."""
    set_theme(page, "dark")
    try:
        return {v["id"]: len(v["nodes"]) for v in axe_run(page)["violations"]}
    finally:
        set_theme(page, "light")


def check_page(browser, views: dict, base_url: str, rel: str, rules: dict[str, dict]) -> tuple[PageReport, str]:
    """Every check on one page; also collects the axe rules that ran. Returns (report, axe version)."""
    report = PageReport(rel)
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    page, watch = open_page(context, base_url, rel)
    axe = axe_run(page)
    report.violations = {v["id"]: len(v["nodes"]) for v in axe["violations"]}
    for kind in ("violations", "passes", "incomplete", "inapplicable"):
        rules.update({rule["id"]: {"description": rule["help"], "criteria": _criteria(rule["tags"])} for rule in axe[kind]})
    report.dark_violations = dark_mode_violations(page)
    tab_walk(page, report, base_url)
    report.exercises = page.locator(".sc-host").count()
    compositions = page.locator(".sc-composition").count()
    report.outside = list(watch.outside)
    report.console_errors = [_local(t, base_url) for t in watch.console_errors]
    context.close()
    check_layout(views, base_url, rel, report)
    report.summary = summaryview.check_built_page(browser, base_url, rel) if compositions else {}
    return report, axe["testEngine"]["version"]


def check_site(browser, site: Path, start: str = "course/index.html") -> SiteReport:
    """Run the whole gate over every page of the built ``site``.

    A page that only redirects (at once, as Sphinx's site root does) is recorded as
    such and not opened: a reader never sees it, the browser shows its target.
    """
    rules: dict[str, dict] = {}
    pages, version = {}, ""
    views = {name: browser.new_context(**options) for name, options in VIEWS.items()}
    try:
        with serve_directory(site) as base_url:
            for rel in site_pages(site):
                redirect = REDIRECT.search((site / rel).read_text(encoding="utf-8"))
                if redirect:
                    target = urljoin(base_url + rel, redirect.group(1))
                    pages[rel] = PageReport(rel, redirect=_site_path(target, base_url) or target)
                    continue
                pages[rel], version = check_page(browser, views, base_url, rel, rules)
    finally:
        for context in views.values():
            context.close()
    return SiteReport(start, pages, dict(sorted(rules.items())), version, browser.version)


def write_page_plugin(folder: Path, pages: list[Path], module_id: str = "testpagina") -> None:
    """A local plugin in ``folder`` that adds ``pages`` to the book as one module."""
    paths = [str(Path(p).resolve()) for p in pages]
    folder.mkdir(parents=True, exist_ok=True)
    (folder / "extra_paginas.py").write_text(
        '"""Adds test pages to the book (tests/sitequality.py)."""\n\n'
        "from sleutelcursus import hookimpl\n\n\n"
        "@hookimpl\ndef register_modules(register):\n"
        f"    register({module_id!r}, 'Testpagina', {paths[0]!r}, pages={paths[1:]!r})\n",
        encoding="utf-8",
    )

