"""Time a clean build, a rebuild with no change and a rebuild after a one-page edit.

Run from the repository root:  python benchmarks/build.py [--plugins N --modules M]

The course is copied to a temporary folder (and built there), so the repository and
its _build/ stay untouched. Targets (issue 2): no-change rebuild < 25% of a clean
build, one-page edit < 40%.
"""

from __future__ import annotations

import argparse
import os
import re
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def build(workdir: Path, book: Path, env: dict, extra: list[str]) -> float:
    started = time.perf_counter()
    subprocess.run(
        [sys.executable, "-m", "sleutelcursus.cli", "build", "--out", "site", *extra],
        cwd=workdir,
        env={**env, "SLEUTELCURSUS_BOOK": str(book)},
        check=True,
        stdout=subprocess.DEVNULL,
    )
    return time.perf_counter() - started


def edit_one_page(book: Path) -> Path:
    page = sorted((book / "course").rglob("*.md"))[-1]
    with page.open("a", encoding="utf-8") as handle:
        handle.write(f"\n\nBewerkt door de benchmark om {time.time():.0f}.\n")
    return page


def trim_seconds(work: Path) -> float | None:
    """How long the last build spent trimming the theme's stylesheets (from its build.log)."""
    log = work / "_build" / ".sleutelcursus" / "build.log"
    found = re.findall(r"thema ingekort: .* in ([\d.]+) s", log.read_text(encoding="utf-8")) if log.is_file() else []
    return float(found[-1]) if found else None


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--plugins", type=int, default=0, help="generate N local plugins")
    parser.add_argument("--modules", type=int, default=5, help="module pages per generated plugin")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory(prefix="sleutelcursus-bench-") as tmp:
        tmp = Path(tmp)
        book = tmp / "boek"
        book.mkdir()
        for name in ("_config.yml", "_toc.yml"):
            shutil.copy2(ROOT / name, book / name)
        for folder in ("course", "exercises"):
            shutil.copytree(ROOT / folder, book / folder)
        work = tmp / "werk"
        work.mkdir()
        extra: list[str] = []
        if args.plugins:
            from plugin_factory import write_plugins  # benchmarks/plugin_factory.py

            extra = ["--plugins-dir", str(write_plugins(tmp / "plugins", args.plugins, args.modules))]
        env = dict(os.environ)
        clean = build(work, book, env, extra)
        pages = sum(1 for p in (work / "site").rglob("*.html") if "_static" not in p.parts)
        nochange = build(work, book, env, extra)
        edited = edit_one_page(book)
        onepage = build(work, book, env, extra)
        trim = trim_seconds(work)
    print(f"pagina's (HTML):           {pages}")
    print(f"schone build:              {clean:7.2f} s")
    print(f"herbouw zonder wijziging:  {nochange:7.2f} s  ({nochange / clean:6.1%} van schoon; doel < 25%)")
    print(f"herbouw na 1 pagina:       {onepage:7.2f} s  ({onepage / clean:6.1%} van schoon; doel < 40%)")
    if onepage / clean >= 0.40 and trim is not None:
        print(f"  toelichting: waarvan {trim:.1f} s het inkorten van de thema-CSS (book/light_assets.py): een pagina met "
              "nieuwe opmaak laat alle pagina's opnieuw lezen; een herbouw met alleen andere woorden gebruikt de bewaarde uitkomst")
    print(f"  (bewerkte pagina: {edited.relative_to(book)})")
    met = nochange / clean < 0.25 and onepage / clean < 0.40
    print("DOEL GEHAALD" if met else "DOEL NIET GEHAALD")
    return 0


if __name__ == "__main__":
    sys.exit(main())
