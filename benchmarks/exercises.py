"""Exercise performance in headless Chromium on the built book, and the Python engine.

Run from the repository root:  python benchmarks/exercises.py [--site DIR]

Without --site the national course is built first in a temporary folder. Prints:
- bytes of script and CSS the toolkit adds to each exercise page (target <= 150 KB),
- time from navigation to the feedback shown after the trainee's first answer in the
  page's first exercise (median of 5; target <= 300 ms), coming from the start page
  (the theme's files cached) and on a first visit; with its parts (HTML parsed,
  exercises mounted and painted, answer to visible feedback),
- time to recompute the composition feedback for a 1,000-candidate pool after one
  click (median; target <= 16 ms),
- the Python composition engine on a 10,000-candidate pool, loaded from YAML + CSV:
  the first call on a freshly loaded spec in a fresh process (median of 7 processes)
  and repeated calls on the same spec (median), both against 50 ms.
"""

from __future__ import annotations

import argparse
import statistics
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass
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


# Installed before any script of the page: marks when the mounted exercises were first
# painted, and for every click or key press the time from the input event to the next
# paint after its handlers ran (rAF runs just before that paint, the message right after).
OBSERVER = """(() => {
  const afterPaint = (done) => requestAnimationFrame(() => {
    const channel = new MessageChannel();
    channel.port1.onmessage = () => done(performance.now());
    channel.port2.postMessage(0);
  });
  window.__scInputs = [];
  new MutationObserver((changes, observer) => {
    if (document.documentElement.dataset.scExercises !== "ready") return;
    observer.disconnect();
    afterPaint((now) => { window.__scShown = now; });
  }).observe(document, { attributes: true, subtree: true, attributeFilter: ["data-sc-exercises"] });
  for (const type of ["click", "keydown"]) {
    document.addEventListener(type, (event) => {
      const at = event.timeStamp;
      afterPaint((now) => window.__scInputs.push({ type, at, painted: now }));
    }, true);
  }
})();"""

# Per exercise type: the trainee's first answer (controls clicked in order; the last
# click gives the feedback) and the part of the exercise whose text is the feedback.
FIRST_ANSWER = {
    "questionnaire": (["input[type=radio]"], ".sc-questionnaire-feedback"),
    "composition": ([".sc-comp-list input[type=checkbox]"], ".sc-comp-summary"),
    "scenario": (["input[type=radio]", "button:text-is('Kies')"], ".sc-scenario-body"),
}


@dataclass
class Feedback:
    """Medians over the runs, in ms since navigation start, of one page."""

    feedback: float  # controls painted + first answer until its feedback was painted
    parsed: float  # HTML parsed (every blocking script and stylesheet in)
    mounted: float  # the host's 'ready' mark: every exercise mounted
    shown: float  # the first paint after mounting: the trainee can answer
    answer: float  # from the answering click to the paint that shows its feedback
    exercise: str
    files: int
    fetched: int


def answer_first_exercise(page) -> tuple[str, float]:
    """Give the first exercise on the page its first answer, as a trainee would (real
    clicks); return its id and the ms from that click to the paint showing the feedback."""
    host = page.locator(".sc-host").first
    kind = next(k for k in FIRST_ANSWER if host.locator(f".sc-{k}").count())
    clicks, region = FIRST_ANSWER[kind]
    before = host.locator(region).inner_text()
    for selector in clicks:
        host.locator(selector).first.click()
    page.wait_for_function("(n) => window.__scInputs.filter((e) => e.type === 'click').length >= n", arg=len(clicks))
    feedback = host.locator(region)
    if not feedback.is_visible() or feedback.inner_text() == before:
        raise SystemExit(f"{page.url}: na het eerste antwoord verscheen geen feedback in {region}")
    last = page.evaluate("window.__scInputs.filter((e) => e.type === 'click').at(-1)")
    return host.get_attribute("data-exercise"), last["painted"] - last["at"]


def time_to_feedback(browser, base_url: str, rel: str, runs: int = 5, warm: bool = False) -> Feedback:
    """Navigation to the feedback shown after the trainee's first answer (fresh context each run).

    The figure is the time until the mounted exercises were first painted (the earliest
    a trainee can answer) plus the time from the answering click to the paint that shows
    its feedback. The test driver's own delay between the two is left out: a trainee
    reads before answering, and that time is not the page's.

    ``warm``: the reader comes from the course's start page, so the theme's scripts,
    stylesheets and fonts (the same on every page) are in the browser's cache; that is
    how a trainee reaches an exercise. Otherwise the cache is empty (a first visit).
    """
    samples = []
    for _ in range(runs):
        context = browser.new_context()
        context.add_init_script(OBSERVER)
        page = context.new_page()
        if warm:
            page.goto(base_url + "course/index.html", wait_until="networkidle")
        page.goto(base_url + rel)
        page.wait_for_function("window.__scShown !== undefined")
        exercise, answer = answer_first_exercise(page)
        parsed, mounted, shown, files, fetched = page.evaluate("""() => {
          const parsed = performance.getEntriesByType('navigation')[0].domInteractive;
          const early = performance.getEntriesByType('resource').filter((r) => r.startTime < parsed);
          return [parsed, performance.getEntriesByName('sleutelcursus:klaar')[0].startTime, window.__scShown,
                  early.length, early.filter((r) => r.transferSize > 0).length];
        }""")
        samples.append((shown + answer, parsed, mounted, shown, answer, exercise, files, fetched))
        context.close()
    median = [statistics.median(column) for column in list(zip(*samples))[:5]]
    return Feedback(*median, *samples[-1][5:])


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


def write_large_pool(folder: Path, size: int) -> Path:
    """The national composition spec as a YAML file whose CSV pool holds ``size`` candidates."""
    import csv

    import yaml

    from sleutelcursus.exercises.loader import national_spec_files

    source = next(p for p in national_spec_files() if p.name == "netwerk-samenstellen.yaml")
    raw = yaml.safe_load(source.read_text(encoding="utf-8"))
    with (source.parent / raw["pool"]).open(encoding="utf-8", newline="") as handle:
        rows = list(csv.DictReader(handle))
    with (folder / "pool.csv").open("w", encoding="utf-8", newline="") as handle:
        writer = csv.DictWriter(handle, fieldnames=list(rows[0]))
        writer.writeheader()
        for i in range(size):
            row = rows[i % len(rows)]
            writer.writerow({**row, "id": f"k{i:05d}", "naam": f"{row['naam']} {i}"})
    path = folder / "netwerk-groot.yaml"
    path.write_text(yaml.safe_dump({**raw, "pool": "pool.csv"}, allow_unicode=True), encoding="utf-8")
    return path


def engine_sample(path: Path, repeats: int = 7) -> None:
    """In this (fresh) process: load the spec, time the first ``compute`` and the repeats.

    Prints one JSON line: ms to load the spec, and per call (the first, then the repeats)
    the wall-clock ms and the processor ms of this process (on a busy machine the clock
    runs on while others use the processor). Only the public functions are used, so any
    version of the engine can be measured.
    """
    import json

    from sleutelcursus.exercises import composition
    from sleutelcursus.exercises.loader import load_spec_file

    started = time.perf_counter()
    spec = load_spec_file(path)
    loaded = time.perf_counter()
    answers = {"selected": [c["id"] for c in spec["candidates"][::2]]}
    wall, cpu = [], []
    for _ in range(1 + repeats):
        begun, begun_cpu = time.perf_counter(), time.process_time()
        composition.compute(spec, answers)
        wall.append((time.perf_counter() - begun) * 1000)
        cpu.append((time.process_time() - begun_cpu) * 1000)
    print(json.dumps({"load": (loaded - started) * 1000, "wall": wall, "cpu": cpu}))


@dataclass
class Engine:
    """The Python engine's timings in ms: first calls (one per fresh process) and repeats."""

    loads: list[float]
    cold: list[float]
    cold_cpu: list[float]
    warm: list[float]
    warm_cpu: list[float]


def python_engine(size: int = 10_000, processes: int = 7) -> Engine:
    """Per fresh process the load of the spec and the first call; then the repeated calls."""
    import json

    engine = Engine([], [], [], [], [])
    with tempfile.TemporaryDirectory(prefix="sleutelcursus-engine-") as tmp:
        path = write_large_pool(Path(tmp), size)
        for _ in range(processes):
            done = subprocess.run([sys.executable, __file__, "--engine-meting", str(path)],
                                  check=True, capture_output=True, text=True)
            sample = json.loads(done.stdout.strip().splitlines()[-1])
            engine.loads.append(sample["load"])
            engine.cold.append(sample["wall"][0])
            engine.cold_cpu.append(sample["cpu"][0])
            engine.warm += sample["wall"][1:]
            engine.warm_cpu += sample["cpu"][1:]
    return engine


def report(name: str, value: float, unit: str, target: float) -> bool:
    ok = value <= target
    print(f"{name:<58} {value:9.1f} {unit:<3} (doel <= {target:g} {unit}) {'OK' if ok else 'TE HOOG'}")
    return ok


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--site", type=Path, help="an already built book (default: build one)")
    parser.add_argument("--engine-meting", type=Path, help=argparse.SUPPRESS)  # one sample, in a fresh process
    args = parser.parse_args()
    if args.engine_meting:
        engine_sample(args.engine_meting)
        return 0
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
                    t = time_to_feedback(browser, base_url, rel, warm=warm)
                    results.append(report(f"{rel}: tijd tot eerste feedback, {label}", t.feedback, "ms", 300))
                    cached = f", {t.files - t.fetched} uit de cache" if t.fetched < t.files else ""
                    print(f"{'':<4}toelichting: eerste antwoord in {t.exercise}; pagina ingelezen na {t.parsed:.0f} ms "
                          f"({t.files} bestanden van thema en toolkit, {t.fetched} van de testserver, Python "
                          f"http.server{cached}), oefeningen gemount na {t.mounted:.0f} ms en getekend na {t.shown:.0f} ms; "
                          f"van antwoord tot zichtbare feedback {t.answer:.0f} ms")
            results.append(report("samenstellen, 1.000 kandidaten: herberekenen na 1 klik", click_recompute(browser, large_pool_spec(1000)), "ms", 16))
            browser.close()
    e = python_engine()
    median = statistics.median
    results.append(report("Python-engine samenstellen, 10.000 kandidaten, eerste aanroep", median(e.cold), "ms", 50))
    print(f"{'':<4}toelichting: mediaan van {len(e.cold)} nieuwe processen, elk met een vers ingelezen spec "
          f"(inlezen {median(e.loads):.0f} ms); spreiding {min(e.cold):.1f}–{max(e.cold):.1f} ms; "
          f"processortijd {median(e.cold_cpu):.1f} ms")
    results.append(report("Python-engine samenstellen, 10.000 kandidaten, herhaalde aanroep", median(e.warm), "ms", 50))
    print(f"{'':<4}toelichting: mediaan van {len(e.warm)} aanroepen op een al gebruikte spec; "
          f"spreiding {min(e.warm):.1f}–{max(e.warm):.1f} ms; processortijd {median(e.warm_cpu):.1f} ms")
    print("ALLE DOELEN GEHAALD" if all(results) else "NIET ALLE DOELEN GEHAALD")
    return 0


if __name__ == "__main__":
    sys.exit(main())
