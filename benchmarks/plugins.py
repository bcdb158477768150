"""How the clean build time grows with the number of plugin modules.

Run from the repository root:  python benchmarks/plugins.py [--modules M]

Builds the whole national course clean (a fresh work folder each time, so every
notebook runs again) with 0, 5, 10 and 20 generated local plugins of M module pages
each (default 5; ``plugin_factory.py``), and prints pages, seconds and seconds per page.

Two clocks: wall time, and the CPU time of the build and everything it started (Sphinx,
the notebook kernels). On a shared machine wall time swings with other work; CPU time
hardly does, so the verdict uses CPU time. Growth is at most linear ("LINEAIR") when a
page costs no more CPU at 20 plugins than at 0, with a 10% margin for noise. Because of
the fixed cost (the course's notebooks) seconds per page fall anyway; the marginal cost
per added page is printed as well, and should not rise much from one step to the next.
"""

from __future__ import annotations

import argparse
import os
import resource
import sys
import tempfile
import time
from pathlib import Path

from build import ROOT, build  # benchmarks/build.py
from plugin_factory import write_plugins

COUNTS = (0, 5, 10, 20)
MARGIN = 1.10


def children_cpu() -> float:
    usage = resource.getrusage(resource.RUSAGE_CHILDREN)
    return usage.ru_utime + usage.ru_stime


def clean_build(tmp: Path, plugins: int, modules: int) -> tuple[int, float, float]:
    """(HTML pages, wall s, CPU s) of a clean build with ``plugins`` generated plugins."""
    work = tmp / f"werk-{plugins}"
    work.mkdir()
    extra = ["--plugins-dir", str(write_plugins(tmp / f"plugins-{plugins}", plugins, modules))] if plugins else []
    # Only the generated plugins: no installed ones, no plugins folder from the environment.
    env = {key: value for key, value in os.environ.items() if key != "SLEUTELCURSUS_PLUGINS_DIR"}
    env["SLEUTELCURSUS_LOAD_PLUGINS"] = ""
    cpu = children_cpu()
    # The build never writes to the book it reads, so the repository itself is the book.
    wall = build(work, ROOT, env, extra)
    cpu = children_cpu() - cpu
    pages = sum(1 for p in (work / "site").rglob("*.html") if "_static" not in p.parts)
    return pages, wall, cpu


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--modules", type=int, default=5, help="module pages per generated plugin")
    args = parser.parse_args()
    rows = []
    print(f"{'plugins':>7} {'pagina':>7} {'wand (s)':>9} {'cpu (s)':>8} {'wand s/pag':>11} {'cpu s/pag':>10}")
    with tempfile.TemporaryDirectory(prefix="sleutelcursus-plugins-") as tmp:
        for count in COUNTS:
            pages, wall, cpu = clean_build(Path(tmp), count, args.modules)
            rows.append((count, pages, cpu))
            print(f"{count:>7} {pages:>7} {wall:>9.2f} {cpu:>8.2f} {wall / pages:>11.3f} {cpu / pages:>10.3f}", flush=True)
    marginal = [f"{a[0]}→{b[0]}: {(b[2] - a[2]) / (b[1] - a[1]):.3f} s" for a, b in zip(rows, rows[1:]) if b[1] > a[1]]
    print("marginale cpu-tijd per extra pagina: " + ", ".join(marginal))
    first, last = rows[0], rows[-1]
    print(f"cpu s/pagina bij {last[0]} plugins: {last[2] / last[1]:.3f}; bij {first[0]}: {first[2] / first[1]:.3f}")
    print("LINEAIR" if last[2] / last[1] <= first[2] / first[1] * MARGIN else "NIET LINEAIR")
    return 0


if __name__ == "__main__":
    started = time.perf_counter()
    code = main()
    print(f"(benchmark duurde {time.perf_counter() - started:.0f} s)")
    sys.exit(code)
