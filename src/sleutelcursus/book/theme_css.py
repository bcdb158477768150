"""Drop the theme's stylesheet rules that no page of the built book can match.

pydata-sphinx-theme ships one stylesheet (about 400 KB) with all of Bootstrap and a
rule per Font Awesome icon (some 2,000); a page of this book uses a small part of it.
:func:`trim_stylesheet` keeps a rule when any of its selectors can match an element of
any built page, judged conservatively (tinycss2 parses, cssselect2 matches):

- a selector is matched on its *base*: pseudo-classes and pseudo-elements are left
  out (``a.btn:hover::after`` counts as ``a.btn``; ``:not(...)``, ``:is(...)`` too), so
  states a reader brings about (hover, focus, open, checked) keep their rules;
- element names, classes and attributes that the site's scripts name
  (:func:`script_words`: the theme's JS sets ``data-theme``, toggles ``show`` or
  ``active``, creates the search results; the exercises build their forms) are left out of the base as well, so what a script adds later still
  finds its rules;
- ``@font-face``, ``@keyframes``, ``@property``, ``@import``, ``@charset`` and
  ``:root`` variables stay; ``@media``, ``@supports``, ``@container`` and ``@layer``
  blocks are trimmed inside and dropped only when empty;
- a selector cssselect2 cannot read is kept, as is every comment that starts with
  ``/*!`` (licences).
"""

from __future__ import annotations

import hashlib
import re
import xml.etree.ElementTree as ET
from collections.abc import Iterable
from pathlib import Path

import cssselect2
import tinycss2

# Blocks whose rules are trimmed one by one; any other at-rule is kept whole.
NESTING_AT_RULES = {"media", "supports", "container", "layer", "document"}
# Marks where a part of a selector was left out, so an emptied compound is seen.
_DROPPED = "\0"
_WORD = re.compile(r"[A-Za-z_][\w-]*")
# Script elements without src whose type is JavaScript (none given, or a module).
_INLINE_SCRIPT = re.compile(
    r"<script(?![^>]*\bsrc=)(?![^>]*\btype=\"(?!module|text/javascript)[^\"]*\")[^>]*>(.*?)</script>", re.S)
_DATASET = re.compile(r"\.dataset\.([A-Za-z_]\w*)")
_STRING = re.compile(r"""(["'`])((?:\\.|(?!\1)[^\\])*)\1""", re.S)
# Markup a script builds from a template (Bootstrap's tooltip: '<div class="tooltip" ...>'):
# found wherever it is, as a quote in a regular expression earlier in a minified file
# can put the string boundaries above out of step.
_MARKUP_CLASS = re.compile(r"""class=\\?["']([^"'\\]+)""")


def script_words(scripts: Iterable[str]) -> set[str]:
    """Every word inside a string literal of the given JavaScript sources: the class
    and attribute names a script can add to the page at run time. A script that sets
    ``element.dataset.fooBar`` sets ``data-foo-bar``: both names are in the set."""
    words: set[str] = set()
    for source in scripts:
        for match in _STRING.finditer(source):
            words.update(_WORD.findall(match.group(2)))
        for match in _MARKUP_CLASS.finditer(source):
            words.update(_WORD.findall(match.group(1)))
        words.update("data-" + re.sub(r"[A-Z]", lambda m: "-" + m.group(0).lower(), name)
                     for name in _DATASET.findall(source))
    return words


def _html_tree(html_text: str) -> ET.Element:
    """The page as an ElementTree (cssselect2 matches on ElementTree elements)."""
    from bs4 import BeautifulSoup, Tag

    def convert(tag: Tag) -> ET.Element:
        element = ET.Element(tag.name, {k: " ".join(v) if isinstance(v, list) else str(v) for k, v in tag.attrs.items()})
        element.extend(convert(child) for child in tag.children if isinstance(child, Tag))
        return element

    soup = BeautifulSoup(html_text, "html.parser")
    root = soup.find("html")
    return convert(root) if root is not None else ET.Element("html")


def _skip_parenthesised(text: str, index: int) -> int:
    depth = 0
    while index < len(text):
        char = text[index]
        depth += char == "("
        depth -= char == ")"
        index += 1
        if depth == 0:
            break
    return index


def base_selector(selector: str, dynamic: set[str]) -> str:
    """``selector`` without pseudo-classes/elements and without the element names,
    classes and attributes in ``dynamic``; an emptied compound becomes ``*``."""
    out, index = [], 0
    while index < len(selector):
        char = selector[index]
        if char in "\"'":
            end = selector.index(char, index + 1) + 1
            out.append(selector[index:end])
            index = end
        elif char == ":":
            out.append(_DROPPED)
            index += 2 if selector.startswith("::", index) else 1
            name = _WORD.match(selector, index)
            index = name.end() if name else index
            if index < len(selector) and selector[index] == "(":
                index = _skip_parenthesised(selector, index)
        elif char == "[":
            end = _skip_bracket(selector, index)
            name = _WORD.match(selector, index + 1)
            out.append(_DROPPED if name and name.group(0) in dynamic else selector[index:end])
            index = end
        elif char == ".":
            name = _WORD.match(selector, index + 1)
            end = name.end() if name else index + 1
            out.append(_DROPPED if name and name.group(0) in dynamic else selector[index:end])
            index = end
        elif (name := _WORD.match(selector, index)) and (index == 0 or selector[index - 1] in " >+~"):
            # A type selector: scripts create elements too (our exercises build their forms).
            out.append(_DROPPED if name.group(0).lower() in dynamic else name.group(0))
            index = name.end()
        else:
            out.append(char)
            index += 1
    # A compound left empty (every part of it dropped) matches any element.
    parts = re.split(r"(\s*[>+~]\s*|\s+)", "".join(out).strip())
    parts[::2] = [part.replace(_DROPPED, "") or "*" for part in parts[::2]]
    return "".join(parts)


def _skip_bracket(text: str, index: int) -> int:
    quote = None
    for position in range(index + 1, len(text)):
        char = text[position]
        if quote:
            quote = None if char == quote else quote
        elif char in "\"'":
            quote = char
        elif char == "]":
            return position + 1
    return len(text)


def _split_selectors(prelude: str) -> list[str]:
    parts, depth, current = [], 0, []
    for char in prelude:
        depth += char in "(["
        depth -= char in ")]"
        if char == "," and depth == 0:
            parts.append("".join(current).strip())
            current = []
        else:
            current.append(char)
    parts.append("".join(current).strip())
    return [p for p in parts if p]


class SiteMatcher:
    """Which selectors' bases match some element of some page, found in one pass over
    every element (cssselect2's Matcher indexes the selectors by their last compound).

    Matching is the slow part of a trim (seconds per page). ``memo``, the
    :meth:`memo` of an earlier matcher, gives each page's matches again when that page's
    elements and attributes and the selectors' bases are what they were then: a rebuild
    that changed one page matches that page only, with the same result.
    """

    def __init__(self, pages: Iterable[str], dynamic: set[str], selectors: Iterable[str], memo: dict | None = None) -> None:
        self.dynamic = dynamic
        bases = sorted({base_selector(s, dynamic) for s in selectors})
        self.bases_key = hashlib.sha256("\n".join(bases).encode()).hexdigest()
        known = memo.get("pages", {}) if memo and memo.get("bases") == self.bases_key else {}
        self.matched: set[str] = set()
        index = cssselect2.Matcher()
        for base in bases:
            try:
                compiled = cssselect2.compile_selector_list(base)
            except (cssselect2.SelectorError, ValueError, IndexError):
                self.matched.add(base)  # unreadable: keep it
                continue
            for selector in compiled:
                index.add_selector(selector, base)
        self.page_matches: dict[str, list[str]] = {}
        self.fresh = 0
        for page in pages:
            tree = _html_tree(page)
            # The tree holds element names and attributes only: what a selector can see.
            key = hashlib.sha256(ET.tostring(tree)).hexdigest()
            found = known.get(key)
            if found is None:
                found = sorted({match[3] for element in cssselect2.ElementWrapper.from_html_root(tree).iter_subtree()
                                for match in index.match(element)})
                self.fresh += 1
            self.page_matches[key] = found
            self.matched.update(found)

    def matches(self, selector: str) -> bool:
        """True when ``selector`` (as a rule gives it) can match on some page."""
        return base_selector(selector, self.dynamic) in self.matched

    def memo(self) -> dict:
        """What a later matcher can reuse (JSON): each page's matches, under the bases."""
        return {"bases": self.bases_key, "pages": self.page_matches}


def rule_selectors(rules: list) -> Iterable[str]:
    """Every selector of every style rule in ``rules``, nested blocks included."""
    for rule in rules:
        if rule.type == "qualified-rule":
            yield from _split_selectors(tinycss2.serialize(rule.prelude))
        elif rule.type == "at-rule" and rule.lower_at_keyword in NESTING_AT_RULES and rule.content is not None:
            yield from rule_selectors(tinycss2.parse_rule_list(rule.content, skip_comments=True))


def _trim_rules(rules: list, matcher: SiteMatcher) -> tuple[list, int]:
    kept, dropped = [], 0
    for rule in rules:
        if rule.type == "qualified-rule":
            if any(matcher.matches(s) for s in _split_selectors(tinycss2.serialize(rule.prelude))):
                kept.append(rule)
            else:
                dropped += 1
        elif rule.type == "at-rule" and rule.lower_at_keyword in NESTING_AT_RULES and rule.content is not None:
            inner, gone = _trim_rules(tinycss2.parse_rule_list(rule.content, skip_comments=True), matcher)
            dropped += gone
            if inner:
                rule.content = [token for node in inner for token in (node, tinycss2.ast.WhitespaceToken(0, 0, "\n"))]
                kept.append(rule)
        elif rule.type == "comment":
            if rule.value.startswith("!"):
                kept.append(rule)
        elif rule.type != "error":
            kept.append(rule)
    return kept, dropped


def trim_stylesheet(rules: list, matcher: SiteMatcher) -> tuple[str, int]:
    """The parsed stylesheet ``rules`` without those ``matcher`` finds on no page, as
    text; and how many rules went."""
    kept, dropped = _trim_rules(rules, matcher)
    return "\n".join(tinycss2.serialize([rule]) for rule in kept) + "\n", dropped


def parse_stylesheet(css_text: str) -> list:
    """The top-level rules of ``css_text`` (comments kept: licences stay)."""
    return tinycss2.parse_stylesheet(css_text, skip_comments=False, skip_whitespace=True)


def inline_scripts(html_text: str) -> list[str]:
    """The bodies of a page's own scripts (not data such as the widget state)."""
    return [m.group(1) for m in _INLINE_SCRIPT.finditer(html_text)]


def trim_site_stylesheets(stylesheets: list[Path], pages: list[Path], scripts: list[Path],
                          memo: dict | None = None, read_page=None) -> dict[Path, tuple[int, int]]:
    """Trim each stylesheet in place against every page; file -> (bytes before, after).
    ``scripts`` are the script files pages load; the pages' inline scripts count too.
    ``memo`` (see :class:`SiteMatcher`) is read, then replaced in place by this trim's,
    with ``fresh``: how many pages this trim matched again. ``read_page`` gives a page's
    text as the trim is to see it (default: as written)."""
    page_texts = [read_page(p) if read_page else p.read_text(encoding="utf-8") for p in pages]
    sources = [p.read_text(encoding="utf-8", errors="replace") for p in scripts]
    dynamic = script_words(sources + [body for text in page_texts for body in inline_scripts(text)])
    texts = {sheet: sheet.read_text(encoding="utf-8") for sheet in stylesheets}
    parsed = {sheet: parse_stylesheet(text) for sheet, text in texts.items()}
    selectors = [s for rules in parsed.values() for s in rule_selectors(rules)]
    matcher = SiteMatcher(page_texts, dynamic, selectors, memo)
    sizes = {}
    for sheet, rules in parsed.items():
        after, _dropped = trim_stylesheet(rules, matcher)
        sheet.write_text(after, encoding="utf-8")
        sizes[sheet] = (len(texts[sheet].encode()), len(after.encode()))
    if memo is not None:
        memo.clear()
        memo.update(matcher.memo(), fresh=matcher.fresh)
    return sizes
