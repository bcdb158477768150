"""Prose extraction for the course pages, shared by the content tests and the
readability benchmark (``benchmarks/readability.py`` imports this module).

A page is a MyST Markdown file or a notebook (markdown cells only). "Prose" is what a
reader reads as running text: paragraphs, list items, table cells and the bodies of
admonitions and the glossary. Left out: front matter, code and code cells, MyST
directive fences and option lines, target labels, comments, and the markup of roles
and links. Headings are kept apart, so a caller can decide whether they count.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

import nbformat

ROOT = Path(__file__).resolve().parent.parent
COURSE = ROOT / "course"

# Directives whose body is read as prose; every other directive body is dropped.
PROSE_DIRECTIVES = {
    "admonition", "note", "tip", "hint", "important", "attention", "caution",
    "warning", "danger", "error", "seealso", "glossary", "dropdown", "topic",
    "sidebar", "epigraph", "pull-quote", "card", "grid-item-card",
}

FENCE = re.compile(r"^(\s*)(`{3,}|~{3,}|:{3,})\s*(\{([\w:-]+)\})?\s*(.*)$")
OPTION = re.compile(r"^\s*:[\w-]+:(\s.*)?$")
HEADING = re.compile(r"^\s{0,3}(#{1,6})\s+(.*?)\s*#*\s*$")
LIST_MARKER = re.compile(r"^\s*(?:[-*+]|\d+[.)])\s+")
ROLE = re.compile(r"\{([\w:-]+)\}`([^`]*)`")
LINK = re.compile(r"!?\[([^\]]*)\]\([^)]*\)")
AUTOLINK = re.compile(r"<((?:https?://|mailto:)[^>]+|[^@<>\s]+@[^@<>\s]+)>")
WORD = re.compile(r"[^\W\d_]+(?:[-'’][^\W\d_]+)*|\d+(?:[.,]\d+)*", re.UNICODE)
# Roles whose text is a reference target without its own title: they render as the
# target's title, which is not prose written on this page.
REF_ROLES = {"doc", "ref", "numref", "download"}


@dataclass
class Prose:
    """The prose of one page: body blocks and heading blocks, in reading order."""

    blocks: list[str]
    headings: list[str]

    @property
    def text(self) -> str:
        """Body prose as one string, one block per line."""
        return "\n".join(self.blocks)

    @property
    def words(self) -> list[str]:
        """Body prose words (headings excluded)."""
        return WORD.findall(self.text)

    def readable_text(self) -> str:
        """Headings and body as sentences, for readability formulas."""
        return "\n".join(self.headings + self.blocks)


def page_source(path: Path) -> str:
    """The MyST Markdown of a page: the file itself, or a notebook's markdown cells."""
    path = Path(path)
    if path.suffix == ".ipynb":
        notebook = nbformat.read(path, as_version=4)
        cells = [cell.source for cell in notebook.cells if cell.cell_type == "markdown"]
        return "\n\n".join(cells)
    return path.read_text(encoding="utf-8")


def strip_inline(text: str) -> str:
    """Remove the markup of roles, links, emphasis and inline code from one line."""

    def role(match: re.Match) -> str:
        name, content = match.group(1), match.group(2)
        titled = re.match(r"^(.*?)\s*<[^<>]*>$", content, re.S)
        if titled:
            return titled.group(1)
        return "" if name in REF_ROLES else content

    text = ROLE.sub(role, text)
    text = LINK.sub(r"\1", text)
    text = AUTOLINK.sub(r"\1", text)
    text = re.sub(r"`([^`]*)`", r"\1", text)
    text = re.sub(r"(\*\*|__|\*|(?<!\w)_(?=\w)|(?<=\w)_(?!\w))", "", text)
    text = re.sub(r"<[^>]+>", "", text)  # stray inline HTML tags
    return re.sub(r"\s+", " ", text).strip()


def _as_sentence(text: str) -> str:
    """End a block with a full stop if it has no end punctuation of its own."""
    text = text.strip()
    if not text:
        return text
    if text.endswith(":"):
        return text[:-1] + "."
    if text[-1] not in ".!?":
        return text + "."
    return text


def extract(markdown: str) -> Prose:
    """Split MyST Markdown into prose blocks and heading blocks."""
    markdown = re.sub(r"\A---\n.*?\n---\n", "", markdown, flags=re.S)  # front matter
    markdown = re.sub(r"<!--.*?-->", "", markdown, flags=re.S)
    blocks: list[str] = []
    headings: list[str] = []
    paragraph: list[str] = []
    # Stack of open fences: [marker, keeps_prose, in_option_header, directive_name].
    stack: list[list] = []

    def flush() -> None:
        if paragraph:
            text = strip_inline(" ".join(paragraph))
            if WORD.search(text):
                blocks.append(_as_sentence(text))
            paragraph.clear()

    for raw in markdown.splitlines():
        line = raw.rstrip()
        fence = FENCE.match(line)
        if stack and fence and not fence.group(3) and not fence.group(5):
            marker = stack[-1][0]
            closing = fence.group(2)
            if closing[0] == marker[0] and len(closing) >= len(marker):
                flush()
                stack.pop()
                continue
        if fence and (fence.group(3) or not stack or stack[-1][1]):
            # An opening fence: a directive, or a plain code block.
            flush()
            name = fence.group(4)
            parent_keeps = all(frame[1] for frame in stack)
            keeps = bool(name) and name in PROSE_DIRECTIVES and parent_keeps
            stack.append([fence.group(2), keeps, True, name])
            continue
        if stack:
            frame = stack[-1]
            if not frame[1]:
                continue
            if frame[2]:
                if OPTION.match(line):
                    continue
                frame[2] = False
        stripped = line.strip()
        if not stripped:
            flush()
            continue
        if stack and stack[-1][3] == "glossary" and not line[:1].isspace():
            # A glossary term line: a block of its own, apart from its definition.
            flush()
            blocks.append(_as_sentence(strip_inline(stripped)))
            continue
        if re.match(r"^\(.+\)=$", stripped) or stripped.startswith("%") or stripped == "+++":
            flush()
            continue
        heading = HEADING.match(line)
        if heading:
            flush()
            text = strip_inline(heading.group(2))
            if WORD.search(text):
                headings.append(_as_sentence(text))
            continue
        if stripped.startswith("|"):
            flush()
            if re.fullmatch(r"\|?[\s:|-]+\|?", stripped):
                continue
            for cell in stripped.strip("|").split("|"):
                text = strip_inline(cell)
                if WORD.search(text):
                    blocks.append(_as_sentence(text))
            continue
        if LIST_MARKER.match(line):
            flush()
            paragraph.append(LIST_MARKER.sub("", line, count=1))
            continue
        paragraph.append(stripped.lstrip(">").strip())
    flush()
    return Prose(blocks=blocks, headings=headings)


def page_prose(path: Path) -> Prose:
    """The prose of the page at ``path`` (.md or .ipynb)."""
    return extract(page_source(path))


# course/gemeenten/ documents the toolkit for municipalities' developers (plugins);
# it does not teach the guide, and tests/test_plugins.py checks it.
TOOLKIT_DOCS = "gemeenten"


def course_pages(course_dir: Path = COURSE) -> list[Path]:
    """Every page of the course that teaches the guide, sorted."""
    return sorted(p for p in course_dir.rglob("*") if p.suffix in {".md", ".ipynb"}
                  and "_build" not in p.parts and ".ipynb_checkpoints" not in p.parts
                  and TOOLKIT_DOCS not in p.relative_to(course_dir).parts)


def reading_ease(texts: list[str]) -> float:
    """Flesch-Douma reading ease of exercise texts, each read as a sentence."""
    import textstat

    textstat.set_lang("nl")
    return textstat.flesch_reading_ease(" ".join(t if t.endswith((".", "?", "!")) else t + "." for t in texts))
