"""Exercise performance in headless Chromium on the built book, and the Python engine.

Run from the repository root:  python benchmarks/exercises.py [--site DIR]

Without --site the national course is built first in a temporary folder. Prints:
- bytes of script and CSS the toolkit adds to each exercise page (target <= 150 KB),
- time from navigation to the first possible feedback (median of 5; target <= 300 ms),
  coming from the start page (the theme's files cached) and on a first visit,
- time to recompute the composition feedback for a 1,000-candidate pool after one
  click (median; target <= 16 ms),
- the Python composition engine on a 10,000-candidate pool (median; target <= 50 ms).
"""

from __future__ import annotations

import argparse
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "tests"))

from webtools import CHROMIUM_ARGS, serve_directory, widget_page_html  # noqa: E402

TOOLKIT = "/_static/sleutelcursus/"
STATE_TYPE = "application/vnd.jupyter.widget-state+json"


def build_site(tmp: Path) -> Path:
    subprocess.run(
        [sys.executable, "-m", "sleutelcursus.cli", "build", "--out", "site"],
        cwd=tmp, check=True, stdout=subprocess.DEVNULL,
    )
    return tmp / "site"


def exercise_pages(site: Path) -> list[str]:
    return sorted(
        p.relative_to(site).as_posix()
        for p in (site / "course").rglob("*.html")
        if "_static/sleutelcursus/host.js" in p.read_text(encoding="utf-8")
    )


def page_weight(browser, base_url: str, rel: str) -> tuple[int, int]:
    """(bytes of toolkit script+CSS files, bytes of the inline widget state)."""
    page = browser.new_page()
    sizes: dict[str, int] = {}
    page.on("response", lambda r: TOOLKIT in r.url and sizes.__setitem__(r.url, len(r.body())))
    page.goto(base_url + rel, wait_until="networkidle")
    page.wait_for_selector("html[data-sc-exercises=ready]")
    state = page.evaluate(f"document.querySelector('script[type=\"{STATE_TYPE}\"]').textContent.length")
    page.close()
    return sum(sizes.values()), state


def time_to_feedback(browser, base_url: str, rel: str, runs: int = 5, warm: bool = False) -> tuple[float, float, int, int]:
    """Median ms from navigation start to the host's 'ready' mark (fresh context each run),
    median ms until the HTML was parsed (every blocking script and stylesheet in), and
    how many files the page asked for meanwhile, and how many of those came over the network.

    ``warm``: the reader comes from the course's start page, so the theme's scripts,
    stylesheets and fonts (the same on every page) are in the browser's cache; that is
    how a trainee reaches an exercise. Otherwise the cache is empty (a first visit).
    """
    times, parsed, files, fetched = [], [], 0, 0
    for _ in range(runs):
        context = browser.new_context()
        page = context.new_page()
        if warm:
            page.goto(base_url + "course/index.html", wait_until="networkidle")
        page.goto(base_url + rel)
        page.wait_for_selector("html[data-sc-exercises=ready]")
        times.append(page.evaluate("performance.getEntriesByName('sleutelcursus:klaar')[0].startTime"))
        parsed.append(page.evaluate("performance.getEntriesByType('navigation')[0].domInteractive"))
        files, fetched = page.evaluate("""() => {
          const parsed = performance.getEntriesByType('navigation')[0].domInteractive;
          const early = performance.getEntriesByType('resource').filter((r) => r.startTime < parsed);
          return [early.length, early.filter((r) => r.transferSize > 0).length];
        }""")
        context.close()
    return statistics.median(times), statistics.median(parsed), files, fetched


def large_pool_spec(size: int) -> dict:
    """The national composition spec with its pool cloned to ``size`` candidates."""
    from sleutelcursus.plugins.registry import get_spec

    spec = dict(get_spec("netwerk-samenstellen"))
    base = spec["candidates"]
    spec["candidates"] = [
        {**base[i % len(base)], "id": f"k{i:05d}", "naam": f"{base[i % len(base)]['naam']} {i}"} for i in range(size)
    ]
    return spec


def click_recompute(browser, spec: dict, clicks: int = 21) -> float:
    """Median ms of one click on a candidate: compute plus re-render, measured in the page."""
    half = [c["id"] for c in spec["candidates"][: len(spec["candidates"]) // 2]]
    html = widget_page_html([(spec, {"selected": half})])
    frontend = ROOT / "src" / "sleutelcursus" / "exercises" / "frontend"
    with serve_directory(frontend) as base_url:
        page = browser.new_page()
        page.route(base_url + "bench.html", lambda route: route.fulfill(body=html, content_type="text/html"))
        page.goto(base_url + "bench.html")
        page.wait_for_selector("html[data-sc-exercises=ready]")
        times = page.evaluate(
            """(n) => {
                const boxes = [...document.querySelectorAll('.sc-composition input[type=checkbox]')];
                const out = [];
                for (let i = 0; i < n; i++) {
                    const box = boxes[(i * 37) % boxes.length];
                    const t0 = performance.now();
                    box.click();
                    out.push(performance.now() - t0);
                }
                return out;
            }""",
            clicks,
        )
        page.close()
    return statistics.median(times)


def python_engine(size: int = 10_000, runs: int = 7) -> float:
    from sleutelcursus.exercises import composition

    spec = large_pool_spec(size)
    answers = {"selected": [c["id"] for c in spec["candidates"][::2]]}
    times = []
    for _ in range(runs):
        started = time.perf_counter()
        composition.compute(spec, answers)
        times.append((time.perf_counter() - started) * 1000)
    return statistics.median(times)


def report(name: str, value: float, unit: str, target: float) -> bool:
    ok = value <= target
    print(f"{name:<58} {value:9.1f} {unit:<3} (doel <= {target:g} {unit}) {'OK' if ok else 'TE HOOG'}")
    return ok


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--site", type=Path, help="an already built book (default: build one)")
    args = parser.parse_args()
    from playwright.sync_api import sync_playwright

    with tempfile.TemporaryDirectory(prefix="sleutelcursus-bench-") as tmp:
        site = args.site or build_site(Path(tmp))
        results = []
        with serve_directory(site) as base_url, sync_playwright() as playwright:
            browser = playwright.chromium.launch(executable_path="/usr/bin/chromium", args=CHROMIUM_ARGS)
            for rel in exercise_pages(site):
                files, state = page_weight(browser, base_url, rel)
                results.append(report(f"{rel}: script+CSS van de toolkit", files / 1024, "KB", 150))
                print(f"{'':<4}(plus {state / 1024:.1f} KB oefengegevens in de pagina zelf)")
                for warm, label in ((True, "vanaf de vorige pagina"), (False, "eerste bezoek")):
                    ready, parsed, files, fetched = time_to_feedback(browser, base_url, rel, warm=warm)
                    results.append(report(f"{rel}: tijd tot eerste feedback, {label}", ready, "ms", 300))
                    if ready > 300:
                        cached = f", {files - fetched} uit de cache" if fetched < files else ""
                        print(f"{'':<4}toelichting: de pagina was na {parsed:.0f} ms ingelezen, met {files} bestanden "
                              f"van het thema en de toolkit ({fetched} van de testserver, Python http.server{cached}); "
                              f"de oefeningen stonden {ready - parsed:.0f} ms later klaar")
            results.append(report("samenstellen, 1.000 kandidaten: herberekenen na 1 klik", click_recompute(browser, large_pool_spec(1000)), "ms", 16))
            browser.close()
    results.append(report("Python-engine samenstellen, 10.000 kandidaten", python_engine(), "ms", 50))
    print("ALLE DOELEN GEHAALD" if all(results) else "NIET ALLE DOELEN GEHAALD")
    return 0


if __name__ == "__main__":
    sys.exit(main())
