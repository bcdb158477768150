"""The checks of the course pages' content, each a small function that returns the problems it finds.

Used by the content tests (``test_content*.py``); ``test_content_checkers.py`` feeds them
broken pages, so a check that stopped catching its defect would fail too. The prose
extraction is shared with ``benchmarks/readability.py`` (``tests/prose.py``).
"""

from __future__ import annotations

import re
from pathlib import Path

from guidecopy import normalised_words
from prose import COURSE, ROOT, extract, page_prose
from sleutelcursus.book.paths import audience_line, audience_of

LEERPAD_BOTH = audience_line(["ambtenaar", "sleutelpersoon"])
LEERPAD_AMBTENAAR = audience_line(["ambtenaar"])


def toc_files(toc: dict) -> list[str]:
    """Every ``file`` entry of a Jupyter Book table of contents, in order."""
    found: list[str] = []

    def walk(node) -> None:
        if isinstance(node, dict):
            if "file" in node:
                found.append(str(node["file"]))
            for value in node.values():
                walk(value)
        elif isinstance(node, list):
            for value in node:
                walk(value)

    found.append(str(toc.get("root", "")))
    walk({k: v for k, v in toc.items() if k != "root"})
    return found


def headings_of(source: str) -> list[tuple[int, str, int]]:
    """(level, text, line number) of each Markdown heading outside code fences."""
    result, fence = [], None
    for number, line in enumerate(source.splitlines()):
        marker = re.match(r"^\s*(`{3,}|~{3,})", line)
        if marker:
            if fence is None:
                fence = marker.group(1)
            elif marker.group(1).startswith(fence) and not line.strip()[len(marker.group(1)):].strip():
                fence = None
            continue
        if fence is None:
            heading = re.match(r"^(#{1,6})\s+(.*)$", line)
            if heading:
                result.append((len(heading.group(1)), heading.group(2).strip(), number))
    return result


def section_body(source: str, title: str) -> str | None:
    """The text under the level-2 heading ``title``, up to the next level-1/2 heading."""
    lines = source.splitlines()
    heads = headings_of(source)
    for index, (level, text, number) in enumerate(heads):
        if level == 2 and text.lower() == title.lower():
            end = next((n for lvl, _, n in heads[index + 1:] if lvl <= 2), len(lines))
            return "\n".join(lines[number + 1:end])
    return None


def list_items(markdown: str) -> list[str]:
    """The items of the Markdown lists in a fragment."""
    return [re.sub(r"^\s*(?:[-*+]|\d+[.)])\s+", "", line).strip()
            for line in markdown.splitlines() if re.match(r"^\s*(?:[-*+]|\d+[.)])\s+", line)]


def chapter_problems(source: str) -> list[str]:
    """What a chapter page lacks: leerpad, leerdoelen, summary, reflection, source line."""
    problems = []
    if audience_of(source) not in (LEERPAD_BOTH, LEERPAD_AMBTENAAR):
        problems.append(
            "geen leerpad-blok direct onder de titel (```{admonition} Leerpad``` met "
            f"'{LEERPAD_AMBTENAAR}' of '{LEERPAD_BOTH}')"
        )
    # Only the page's own sections count: level 2, below the title.
    heads = [text.lower() for level, text, _ in headings_of(source) if level == 2]
    for title in ("leerdoelen", "samenvatting", "denk verder"):
        if title not in heads:
            problems.append(f"kopje '## {title.capitalize()}' ontbreekt")
    if heads and "leerdoelen" in heads and heads[0] != "leerdoelen":
        problems.append("Leerdoelen moet het eerste kopje zijn (bovenaan de pagina)")
    if heads and "denk verder" in heads and heads[-1] != "denk verder":
        problems.append("Denk verder moet het laatste kopje zijn")
    if "samenvatting" in heads and "denk verder" in heads and heads.index("samenvatting") != len(heads) - 2:
        problems.append("Samenvatting moet direct voor Denk verder staan")
    goals = section_body(source, "Leerdoelen")
    if goals is not None and len(list_items(goals)) < 2:
        problems.append("Leerdoelen heeft minder dan twee doelen")
    summary = section_body(source, "Samenvatting")
    if summary is not None and len(extract(summary).words) < 30:
        problems.append("Samenvatting is korter dan 30 woorden")
    reflection = section_body(source, "Denk verder")
    if reflection is not None:
        questions = [item for item in list_items(reflection) if item.rstrip("*_ ").endswith("?")]
        if not 2 <= len(questions) <= 3:
            problems.append(f"Denk verder heeft {len(questions)} vragen; het moeten er 2 of 3 zijn")
    return problems


def source_line_problems(source: str) -> list[str]:
    """A page must end with a line naming the guide section it teaches."""
    blocks = extract(source).blocks
    lines = [b for b in blocks if b.startswith("Bron: Handreiking sleutelpersonennetwerk")]
    if not lines:
        return ["geen regel 'Bron: Handreiking sleutelpersonennetwerk, ...'"]
    if not re.search(r"(fase \d|inleiding|alle fasen|Wat is een sleutelpersonennetwerk)", lines[0]):
        return [f"de bronregel noemt geen deel van de handreiking: {lines[0]!r}"]
    return []


def without_quoted_titles(block: str) -> str:
    """A source line without the guide's section titles it quotes; other blocks as is."""
    if not block.startswith("Bron:"):
        return block
    return re.sub(r'"[^"]*"|“[^”]*”', " ", block)


def page_words_for_copy_check(path: Path) -> list[str]:
    """A page's prose words; only the section titles quoted in its source line are left out."""
    prose = page_prose(path)
    return normalised_words("\n".join(without_quoted_titles(b) for b in prose.headings + prose.blocks))


def yaml_strings(node) -> list[str]:
    """Every string value in a parsed YAML document."""
    if isinstance(node, str):
        return [node]
    if isinstance(node, dict):
        return [s for value in node.values() for s in yaml_strings(value)]
    if isinstance(node, list):
        return [s for value in node for s in yaml_strings(value)]
    return []


def glossary_terms(source: str) -> set[str]:
    """The terms defined in the ``{glossary}`` directive(s) of a page, lower-cased."""
    terms: set[str] = set()
    for body in re.findall(r"```\{glossary\}[^\n]*\n(.*?)\n```", source, re.S):
        for line in body.splitlines():
            if line.strip() and not line[0].isspace() and not line.startswith(":"):
                terms.add(line.strip().lower())
    return terms


def term_references(source: str) -> list[str]:
    """The targets of every ``{term}`` role in a page, lower-cased."""
    targets = []
    for content in re.findall(r"\{term\}`([^`]+)`", source):
        titled = re.match(r"^.*<([^<>]+)>$", content.strip())
        targets.append((titled.group(1) if titled else content).strip().lower())
    return targets


def doc_targets(source: str) -> list[str]:
    """The targets of every ``{doc}`` role in a page."""
    targets = []
    for content in re.findall(r"\{doc\}`([^`]+)`", source):
        titled = re.match(r"^.*<([^<>]+)>$", content.strip())
        targets.append((titled.group(1) if titled else content).strip())
    return targets


def resolve_doc(page: Path, target: str) -> Path | None:
    """The page a ``{doc}`` target points to, or None when it does not exist."""
    base = ROOT if target.startswith("/") else page.parent
    stem = (base / target.lstrip("/")).resolve()
    for suffix in (".md", ".ipynb"):
        if stem.with_suffix(suffix).exists():
            return stem.with_suffix(suffix)
    return None


def start_table() -> dict[str, tuple[str, str]]:
    """The start page's path table (made from course/leerpaden.yml at build time):
    page target -> (ambtenaar column, sleutelpersoon column)."""
    from sleutelcursus.book.paths import load_path_file

    _, pages = load_path_file(COURSE / "leerpaden.yml")
    mark = lambda page, path: "ja" if path in page["paths"] else "nee"  # noqa: E731
    return {doc.removeprefix("course/"): (mark(page, "ambtenaar"), mark(page, "sleutelpersoon")) for doc, page in pages.items()}
