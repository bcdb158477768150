"""First-visit weight of every page of the built book, measured in headless Chromium.

Run from the repository root:  python benchmarks/page_weight.py [--site DIR]

Without --site the national course is built first in a temporary folder. Each page is
opened in a fresh browser context (an empty cache: a first visit) and every response
the page loads until the network is idle is counted with its uncompressed body. The
search page is counted without its search index (the index is the search itself, not
the page). Prints one line per page, the heaviest first, then the figure for
benchmarks/run_all.py: the largest page's weight (target <= 400 KB).
"""

from __future__ import annotations

import argparse
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "tests"))
sys.path.insert(0, str(ROOT / "benchmarks"))

from exercises import build_site  # noqa: E402  (the national course, built with the real CLI)
from webtools import CHROMIUM_ARGS, serve_directory  # noqa: E402

TARGET_KB = 400
# Loaded on top of the search page only: the index it searches in.
SEARCH_INDEX = "searchindex.js"


def site_pages(site: Path) -> list[str]:
    """Every HTML page a reader can open (not Sphinx's redirecting site root)."""
    pages = []
    for path in sorted(site.rglob("*.html")):
        rel = path.relative_to(site)
        if {"_static", "_sources", "_images"}.intersection(rel.parts):
            continue
        if 'http-equiv="refresh"' in path.read_text(encoding="utf-8"):
            continue
        pages.append(rel.as_posix())
    return pages


def first_visit_bytes(browser, base_url: str, rel: str) -> dict[str, int]:
    """URL -> uncompressed bytes of everything ``rel`` loads on a first visit."""
    context = browser.new_context()
    page = context.new_page()
    sizes: dict[str, int] = {}

    def record(response) -> None:
        if response.ok and not response.url.endswith(SEARCH_INDEX) and response.url.startswith(base_url):
            try:
                sizes[response.url] = len(response.body())
            except Exception:  # a response the page dropped (a redirect, an aborted preload)
                pass

    page.on("response", record)
    # The theme's scripts are added when the page is read (book/script_loading.py), before
    # the window's load: on a busy machine the network could be idle for half a second
    # before that, and they went uncounted. So: the load first, then the network idle.
    page.goto(base_url + rel, wait_until="load")
    page.wait_for_load_state("networkidle")
    context.close()
    return sizes


def measure(site: Path) -> dict[str, dict[str, int]]:
    """Page -> its first-visit responses, for every page of ``site``."""
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright, serve_directory(site) as base_url:
        browser = playwright.chromium.launch(executable_path="/usr/bin/chromium", args=CHROMIUM_ARGS)
        try:
            return {rel: first_visit_bytes(browser, base_url, rel) for rel in site_pages(site)}
        finally:
            browser.close()


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--site", type=Path, help="een gebouwde site (standaard: eerst bouwen)")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        site = args.site or build_site(Path(tmp))
        weights = measure(site)
    totals = sorted(((sum(sizes.values()), rel) for rel, sizes in weights.items()), reverse=True)
    for total, rel in totals:
        print(f"  {rel}: {total / 1024:.0f} KB in {len(weights[rel])} verzoeken")
    largest, rel = totals[0]
    print(f"zwaarste pagina bij eerste bezoek ({rel}): {largest / 1024:.0f} KB "
          f"({len(totals)} pagina's; doel <= {TARGET_KB} KB)")
    if largest > TARGET_KB * 1024:
        own = max((size for url, size in weights[rel].items() if url.split("?")[0].endswith(rel)), default=0)
        heavy = sum(1 for total, _ in totals if total > TARGET_KB * 1024)
        print(f"    toelichting: {heavy} pagina('s) boven het doel; de HTML van {rel} zelf is {own / 1024:.0f} KB "
              f"(de oefeningen en uitvoer van het notebook), de rest {(largest - own) / 1024:.0f} KB")
    return 0


if __name__ == "__main__":
    sys.exit(main())
