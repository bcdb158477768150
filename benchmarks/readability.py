"""Readability of the course pages: Flesch reading ease (Douma, for Dutch).

Prints the score of every page (prose only, the same extraction as
``tests/test_content_prose.py``), then the median and the minimum, and, when the guide is
given as plain text, the guide's own score for comparison (the repository holds no
copy of the guide). Target: median >= 60 and no page under 50. Always exits 0.

Run: ``python benchmarks/readability.py [--handreiking PAD/NAAR/handreiking.txt]``
"""

from __future__ import annotations

import argparse
import re
import statistics
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "tests"))

import textstat  # noqa: E402

from prose import COURSE, course_pages, page_prose  # noqa: E402

TARGET_MEDIAN = 60.0
TARGET_MINIMUM = 50.0


def score(text: str) -> float:
    """Flesch reading ease with the Douma constants (textstat, language nl)."""
    textstat.set_lang("nl")
    return float(textstat.flesch_reading_ease(text))


def guide_text(path: Path) -> str:
    """The guide as plain sentences: bullets dropped, lines joined per paragraph."""
    lines = [line.strip().lstrip("•").strip() for line in path.read_text(encoding="utf-8").splitlines()]
    return "\n".join(line for line in lines if line and not line.startswith(("http", "mailto")))


def main(argv: list[str] | None = None) -> int:
    """Print the per-page scores, the summary and the verdict."""
    parser = argparse.ArgumentParser(description="Leesbaarheid (Flesch-Douma) van de cursuspagina's.")
    parser.add_argument("--handreiking", type=Path, help="de handreiking als platte tekst, om haar score te tonen")
    args = parser.parse_args(argv)
    pages = course_pages(COURSE)
    if not pages:
        print("Geen pagina's gevonden in", COURSE)
        return 0
    scores: dict[str, float] = {}
    for page in pages:
        prose = page_prose(page)
        scores[str(page.relative_to(ROOT))] = score(prose.readable_text())
    width = max(len(name) for name in scores)
    print(f"{'pagina'.ljust(width)}  Flesch-Douma  woorden  woorden/zin")
    for page in pages:
        name = str(page.relative_to(ROOT))
        prose = page_prose(page)
        words = len(prose.words)
        sentences = len([s for s in re.split(r"(?<=[.!?])\s+", " ".join(prose.blocks)) if re.search(r"\w", s)])
        print(f"{name.ljust(width)}  {scores[name]:12.1f}  {words:7d}  {words / max(1, sentences):11.1f}")
    median = statistics.median(scores.values())
    minimum = min(scores.values())
    lowest = min(scores, key=scores.get)
    print()
    print(f"mediaan: {median:.1f}")
    print(f"minimum: {minimum:.1f} ({lowest})")
    if args.handreiking and args.handreiking.is_file():
        print(f"handreiking zelf: {score(guide_text(args.handreiking)):.1f}")
    elif args.handreiking:
        print(f"handreiking niet gevonden: {args.handreiking}")
    met = median >= TARGET_MEDIAN and minimum >= TARGET_MINIMUM
    print(f"doel: mediaan >= {TARGET_MEDIAN:.0f} en geen pagina onder {TARGET_MINIMUM:.0f}")
    print("DOEL GEHAALD" if met else "DOEL NIET GEHAALD")
    return 0


if __name__ == "__main__":
    sys.exit(main())
