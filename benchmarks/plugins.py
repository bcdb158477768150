"""How the clean build time grows with the number of plugin modules, and why.

Run from the repository root:  python benchmarks/plugins.py [--plugins 0 20 50 100] [--modules M]

Builds the whole national course clean (a fresh work folder each time, so every
notebook runs again) with 0, 20, 50 and 100 generated local plugins of M module pages
each (default 5; ``plugin_factory.py``): 30 to 530 pages.

Two clocks: wall time, and the CPU time of the build and everything it started (Sphinx,
the notebook kernels). On a shared machine wall time swings with other work; CPU time
hardly does, so every verdict uses CPU time. Each build also records the share of the
processor that other processes took meanwhile.

The verdict is on the marginal cost of a page, not the average (the course's notebooks
are a fixed cost that makes the average fall anyway): the CPU time per added page in
each step, compared with the first step. Growth is linear while a step's marginal cost
stays within ``MARGIN`` of the first step's; the first step beyond it is where growth
turns super-linear.

The cause: sphinx-book-theme renders the whole navigation tree into the sidebar of every
page (Sphinx's ``toctree()``, then BeautifulSoup in pydata-sphinx-theme), so a book of
n pages writes n sidebars of n links: O(n²). To show it, the largest build runs once
more with the sidebar's navigation left out (``--zonder-oorzaak`` skips that build);
the links per sidebar are counted in the output. ``--thema-opties JSON`` builds with
other sidebar options of the theme (for example ``{"collapse_navbar": true}``), to
measure a fix before applying it to _config.yml.
"""

from __future__ import annotations

import argparse
import json
import os
import re
import resource
import shutil
import sys
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path

from build import ROOT, build  # benchmarks/build.py
from plugin_factory import write_plugins
from run_all import OthersShare

COUNTS = (0, 20, 50, 100)
MARGIN = 1.25  # a step's marginal cost may exceed the first step's by 25% (noise)
SIDEBAR_NAV = "sbt-sidebar-nav.html"
# A Sphinx extension for the experiment builds: it changes the theme's sidebar only.
EXTENSION = '''"""Written by benchmarks/plugins.py: sidebar settings for one experiment."""

SIDEBARS = {sidebars!r}
THEME_OPTIONS = {options!r}


def _configure(app, config):
    config.html_theme_options.update(THEME_OPTIONS)
    if SIDEBARS is not None:
        config.html_sidebars = {{"**": SIDEBARS}}


def setup(app):
    app.connect("config-inited", _configure)
    return {{"parallel_read_safe": True, "parallel_write_safe": True}}
'''


@dataclass
class Build:
    """What one clean build cost and wrote."""

    plugins: int
    pages: int
    wall: float
    cpu: float
    others: float  # share of the processor other processes took meanwhile
    links: int  # links in the sidebar navigation of the start page
    html_mb: float  # size of all HTML pages


def children_cpu() -> float:
    usage = resource.getrusage(resource.RUSAGE_CHILDREN)
    return usage.ru_utime + usage.ru_stime


def sidebar_links(page: Path) -> int:
    """Links in the sidebar's navigation (``nav.bd-docs-nav``) of one built page."""
    html = page.read_text(encoding="utf-8")
    nav = re.search(r'<nav class="bd-links bd-docs-nav".*?</nav>', html, re.S)
    return len(re.findall(r"<a\s", nav[0])) if nav else 0


def book_copy(tmp: Path, name: str, sidebars: list[str] | None, options: dict) -> Path:
    """A copy of the book whose theme sidebar is changed by a small extension."""
    book = tmp / name
    book.mkdir()
    for folder in ("course", "exercises"):
        shutil.copytree(ROOT / folder, book / folder)
    shutil.copy2(ROOT / "_toc.yml", book / "_toc.yml")
    module = f"bench_{name.replace('-', '_')}"
    (tmp / f"{module}.py").write_text(EXTENSION.format(sidebars=sidebars, options=options), encoding="utf-8")
    config = (ROOT / "_config.yml").read_text(encoding="utf-8")
    config, found = re.subn(r"(extra_extensions:\n(\s+)- sleutelcursus\.book\.sphinxext\n)", rf"\1\2- {module}\n", config)
    if not found:
        raise SystemExit("_config.yml: sphinx.extra_extensions niet gevonden; de proef kan de zijbalk niet aanpassen.")
    (book / "_config.yml").write_text(config, encoding="utf-8")
    return book


def clean_build(tmp: Path, plugins: int, modules: int, book: Path, label: str) -> Build:
    """One clean build of ``book`` with ``plugins`` generated plugins."""
    work = tmp / f"werk-{label}-{plugins}"
    work.mkdir()
    extra = ["--plugins-dir", str(write_plugins(tmp / f"plugins-{plugins}", plugins, modules))] if plugins else []
    # Only the generated plugins: no installed ones, no plugins folder from the environment.
    env = {key: value for key, value in os.environ.items() if key != "SLEUTELCURSUS_PLUGINS_DIR"}
    env["SLEUTELCURSUS_LOAD_PLUGINS"] = ""
    env["PYTHONPATH"] = os.pathsep.join(filter(None, [str(tmp), env.get("PYTHONPATH", "")]))
    # Other processes' share: all processor time minus this benchmark's process tree
    # (the build and its notebook kernels).
    sampler = OthersShare(os.getpid())
    sampler.start()
    cpu = children_cpu()
    wall = build(work, book, env, extra)
    cpu = children_cpu() - cpu
    others = sampler.share(wall)
    pages = [p for p in (work / "site").rglob("*.html") if "_static" not in p.parts]
    size = sum(p.stat().st_size for p in pages) / 1e6
    return Build(plugins, len(pages), wall, cpu, others, sidebar_links(work / "site" / "course" / "index.html"), size)


def marginal(a: Build, b: Build) -> float:
    """CPU seconds per page added from build ``a`` to build ``b``."""
    return (b.cpu - a.cpu) / (b.pages - a.pages)


def print_row(label: str, b: Build) -> None:
    print(f"{label:<14} {b.plugins:>7} {b.pages:>7} {b.links:>7} {b.html_mb:>8.1f} {b.wall:>9.1f} {b.cpu:>8.1f} "
          f"{b.cpu / b.pages:>10.3f} {b.others:>8.0%}", flush=True)


def verdict(rows: list[Build], without: Build | None) -> None:
    """The marginal cost per step, judged against the first step; where growth turns; why."""
    steps = [(a, b, marginal(a, b)) for a, b in zip(rows, rows[1:]) if b.pages > a.pages]
    if len(steps) < 2:
        print("te weinig stappen om de groei te beoordelen (minstens drie aantallen plugins)")
        return
    print("marginale cpu-tijd per extra pagina: " + ", ".join(f"{a.plugins}→{b.plugins}: {m:.3f} s" for a, b, m in steps))
    (base_a, base_b, base), (last_a, last_b, last) = steps[0], steps[-1]
    turn = next(((a, b, m) for a, b, m in steps[1:] if m > base * MARGIN), None)
    if turn:
        print(f"bovenlineair vanaf: {turn[0].plugins}→{turn[1].plugins} plugins ({turn[0].pages}→{turn[1].pages} "
              f"pagina's): {turn[2]:.3f} s per extra pagina, {turn[2] / base:.0%} van die bij {base_a.plugins}→{base_b.plugins}")
    else:
        print(f"bovenlineair vanaf: niet binnen {rows[-1].pages} pagina's")
    print(f"marginale cpu-tijd per extra pagina bij {last_a.plugins}→{last_b.plugins} plugins: {last:.3f} s  "
          f"({last / base:.0%} van die bij {base_a.plugins}→{base_b.plugins} plugins, {base:.3f} s; doel <= {MARGIN:.0%})")
    largest, first = rows[-1], rows[0]
    if without is None:
        print(f"    toelichting: {largest.links} links in de zijbalk van elke pagina bij {largest.pages} pagina's "
              f"({first.links} bij {first.pages}); build zonder zijbalk overgeslagen")
        return
    sidebar = largest.cpu - without.cpu
    print(f"    toelichting: de zijbalk van het thema bevat op elke pagina de hele navigatie ({largest.links} links bij "
          f"{largest.pages} pagina's); bij {largest.plugins} plugins kost die {sidebar:.1f} s van {largest.cpu:.1f} s cpu; "
          f"zonder zijbalk {marginal(first, without):.3f} s per extra pagina")
    print(f"zijbalk: {largest.links} links per pagina bij {largest.pages} pagina's ({first.links} bij {first.pages}); "
          f"HTML {largest.html_mb:.1f} MB met, {without.html_mb:.1f} MB zonder")
    print(f"kosten van de zijbalk bij {largest.plugins} plugins: {sidebar:.1f} s cpu van {largest.cpu:.1f} s "
          f"({sidebar / largest.cpu:.0%}), {sidebar / largest.pages:.3f} s per pagina")
    # Without the sidebar, growth should be linear again if the sidebar is the cause.
    bare = marginal(first, without)
    print(f"marginale cpu-tijd per extra pagina zonder zijbalk, {first.plugins}→{without.plugins} plugins: {bare:.3f} s  "
          f"({bare / base:.0%} van die met zijbalk bij {base_a.plugins}→{base_b.plugins} plugins, {base:.3f} s; "
          f"doel <= {MARGIN:.0%})")


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--plugins", type=int, nargs="+", default=list(COUNTS), help="numbers of generated plugins")
    parser.add_argument("--modules", type=int, default=5, help="module pages per generated plugin")
    parser.add_argument("--zonder-oorzaak", action="store_true", help="skip the build without the sidebar's navigation")
    parser.add_argument("--thema-opties", type=json.loads, default={}, help="sidebar options of the theme, as JSON")
    args = parser.parse_args()
    counts = sorted(set(args.plugins))
    rows: list[Build] = []
    without = None
    with tempfile.TemporaryDirectory(prefix="sleutelcursus-plugins-") as tmp:
        tmp = Path(tmp)
        book = book_copy(tmp, "thema", None, args.thema_opties) if args.thema_opties else ROOT
        if args.thema_opties:
            print(f"thema-opties voor de zijbalk: {json.dumps(args.thema_opties)}")
        print(f"{'build':<14} {'plugins':>7} {'pagina':>7} {'links':>7} {'HTML MB':>8} {'wand (s)':>9} {'cpu (s)':>8} "
              f"{'cpu s/pag':>10} {'anderen':>8}")
        for count in counts:
            rows.append(clean_build(tmp, count, args.modules, book, "thema"))
            print_row("thema", rows[-1])
        if not args.zonder_oorzaak and len(rows) > 1:
            # The theme's own sidebar without its navigation: logo and search stay.
            bare = book_copy(tmp, "zonder-nav", ["navbar-logo.html", "icon-links.html", "search-button-field.html"],
                             args.thema_opties)
            without = clean_build(tmp, counts[-1], args.modules, bare, "zonder-nav")
            print_row("zonder zijbalk", without)
    verdict(rows, without)
    print("anderen: aandeel van de processortijd dat andere processen tijdens die build gebruikten")
    return 0


if __name__ == "__main__":
    started = time.perf_counter()
    code = main()
    print(f"(benchmark duurde {time.perf_counter() - started:.0f} s)")
    sys.exit(code)
