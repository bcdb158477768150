"""The copy-from-the-guide check: fingerprints of the guide's word sequences, never its text.

The course is written in its own words. A text counts as copied when it shares a run
of ``SIZE`` consecutive words with the guide (*Handreiking sleutelpersonennetwerk*),
after both are lower-cased and stripped of punctuation. The repository holds no copy
of the guide: ``tests/data/guide-fingerprints.txt`` holds one short hash per run of
the guide's words, from which no sentence can be read back.

When the guide changes, regenerate that file from the guide as plain text:

    python tests/guidecopy.py PAD/NAAR/handreiking-sleutelpersonennetwerk.txt
"""

from __future__ import annotations

import argparse
import functools
import hashlib
import re
import sys
from pathlib import Path

SIZE = 8
FINGERPRINTS = Path(__file__).resolve().parent / "data" / "guide-fingerprints.txt"
# 64-bit hashes: with some 6,600 runs in the guide and 100,000 in the course, the
# chance that two different runs share a hash is below one in a billion.
DIGEST_BYTES = 8


def normalised_words(text: str) -> list[str]:
    """Lower-case words, with the PDF's line-break hyphens and soft hyphens smoothed out."""
    text = text.replace("\u00ad", "")
    text = re.sub(r"(\w)-\s*\n\s*(\w)", r"\1\2", text)
    return [word.lower() for word in re.findall(r"[^\W_]+", text, re.UNICODE)]


def ngrams(words: list[str], size: int = SIZE) -> set[tuple[str, ...]]:
    """All runs of ``size`` consecutive words of a word list."""
    return {tuple(words[i:i + size]) for i in range(len(words) - size + 1)}


def fingerprint(gram: tuple[str, ...]) -> str:
    """The hash that stands for one run of words (hex, ``DIGEST_BYTES`` bytes)."""
    return hashlib.blake2b(" ".join(gram).encode("utf-8"), digest_size=DIGEST_BYTES).hexdigest()


@functools.cache
def guide_fingerprints(path: Path = FINGERPRINTS) -> frozenset[str]:
    """The committed fingerprints of the guide (lines starting with ``#`` are comments)."""
    lines = path.read_text(encoding="utf-8").splitlines()
    return frozenset(line.strip() for line in lines if line.strip() and not line.startswith("#"))


def copied(words: list[str], fingerprints: frozenset[str] | None = None) -> list[str]:
    """The runs of ``SIZE`` words of ``words`` that the guide has too (should be none)."""
    known = guide_fingerprints() if fingerprints is None else fingerprints
    return sorted(" ".join(gram) for gram in ngrams(words) if fingerprint(gram) in known)


def copied_from_guide(texts: list[str]) -> list[str]:
    """The runs of words that ``texts``, read one after another, share with the guide."""
    return copied(normalised_words(" ".join(texts)))


def fingerprint_file(words: list[str]) -> str:
    """The fingerprint file for the guide's words: a comment header, then one sorted hash a line."""
    hashes = sorted({fingerprint(gram) for gram in ngrams(words)})
    header = [
        f"# Vingerafdrukken van de handreiking: per reeks van {SIZE} opeenvolgende woorden",
        f"# (kleine letters, zonder leestekens) de eerste {DIGEST_BYTES} bytes van BLAKE2b, in hex.",
        "# Geen tekst van de handreiking. Opnieuw maken: python tests/guidecopy.py PAD/NAAR/handreiking.txt",
        f"# {len(words)} woorden, {len(hashes)} reeksen",
    ]
    return "\n".join(header + hashes) + "\n"


def main(argv: list[str] | None = None) -> int:
    """Write the fingerprint file from the guide named on the command line."""
    parser = argparse.ArgumentParser(
        prog="python tests/guidecopy.py",
        description="Maak de vingerafdrukken van de handreiking voor de kopieercontrole van de tests.",
    )
    parser.add_argument("handreiking", type=Path, help="de handreiking als platte tekst (UTF-8)")
    parser.add_argument("--uit", type=Path, default=FINGERPRINTS, help=f"waar het bestand komt (standaard {FINGERPRINTS})")
    args = parser.parse_args(argv)
    try:
        words = normalised_words(args.handreiking.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError) as exc:
        print(f"{args.handreiking}: niet te lezen als tekst ({exc.__class__.__name__}).", file=sys.stderr)
        return 1
    if len(words) < SIZE:
        print(f"{args.handreiking}: minder dan {SIZE} woorden; is dit de handreiking?", file=sys.stderr)
        return 1
    args.uit.parent.mkdir(parents=True, exist_ok=True)
    args.uit.write_text(fingerprint_file(words), encoding="utf-8")
    print(f"{len(ngrams(words))} reeksen van {SIZE} woorden; vingerafdrukken geschreven naar {args.uit}.")
    return 0


if __name__ == "__main__":
    sys.exit(main())
