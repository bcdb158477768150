"""The quality gate over a whole built book: axe, offline, console, keyboard, zoom.

:func:`check_site` opens every HTML page of a built site in Chromium and records what
the gate judges in a :class:`sitereport.SiteReport`. The keyboard walk is in
``keyboardwalk.py``, the layout check in narrow views in ``pagelayout.py``, axe in dark
mode in ``darkmode.py``.
"""

from __future__ import annotations

import re
from pathlib import Path
from urllib.parse import urljoin

import summaryview
from darkmode import dark_mode_violations
from keyboardwalk import site_path, tab_walk
from pagelayout import check_layout, local_text, open_page
from sitereport import VIEWS, PageReport, SiteReport
from sites import site_pages
from trainees import axe_run
from webtools import serve_directory

# Next to a built site: the results file as it was when that site was built.
BUILT_RESULTS = "toegankelijkheid-bij-bouw.json"
# Where a run of the whole gate leaves its results; the statement takes them over only
# on request (``python -m sleutelcursus.book.statement --update``), so a test run never
# changes a committed file.
GATE_RESULTS = Path(__file__).resolve().parent.parent / "_build" / "toegankelijkheid.json"
# Sphinx's own site root: a bare page that sends the browser on to the start page.
REDIRECT = re.compile(r'<meta http-equiv="refresh" content="0; url=([^"]+)"')


def _criteria(tags: list[str]) -> list[str]:
    """WCAG success criteria from axe's tags: ``wcag412`` -> ``4.1.2``."""
    return sorted(".".join([t[4], t[5], t[6:]]) for t in tags if re.fullmatch(r"wcag\d{3,4}", t))


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
    report.console_errors = [local_text(t, base_url) for t in watch.console_errors]
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
                    pages[rel] = PageReport(rel, redirect=site_path(target, base_url) or target)
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
