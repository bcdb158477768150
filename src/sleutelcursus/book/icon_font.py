"""Subset the theme's icon fonts to the icons its (trimmed) stylesheets can still draw.

pydata-sphinx-theme draws its icons with the Font Awesome web fonts (the solid font
alone is 156 KB as WOFF2) through rules like ``.fa-bars:before{content:"\\f0c9"}``.
Once the rules no page can match are gone (:mod:`.theme_css`), the characters left in
``content`` values and in the custom properties (Font Awesome's ``--fa``, the theme's
``--pst-icon-*``) are every icon a page can
show. Each font a stylesheet's ``@font-face`` names is cut down to those characters
(fontTools; WOFF2 needs brotli). Nothing is fetched: the fonts are the theme's own.
"""

from __future__ import annotations

import logging
import re
from pathlib import Path

import tinycss2
from fontTools import subset
from fontTools.ttLib import TTFont

FONT_SUFFIXES = {".woff2": "woff2", ".woff": "woff", ".ttf": None, ".otf": None}
# Declarations whose strings can hold an icon's character: ``content`` and every custom
# property, as the theme names icons in variables (``--fa``, ``--pst-icon-lightbulb``)
# that a ``content: var(...)`` draws; the "Leerpad" tip box lost its lightbulb when
# only ``--fa`` ones counted.
_CHARACTER_PROPERTIES = re.compile(r"^(content|--[\w-]+)$")


def _declarations(rules: list):
    for rule in rules:
        if rule.type == "qualified-rule":
            yield from tinycss2.parse_blocks_contents(rule.content, skip_comments=True, skip_whitespace=True)
        elif rule.type == "at-rule" and rule.content is not None and rule.lower_at_keyword != "font-face":
            yield from _declarations(tinycss2.parse_rule_list(rule.content, skip_comments=True))


def used_characters(css_texts: list[str]) -> set[int]:
    """Code points in the strings of every ``content`` and custom property declaration."""
    points: set[int] = set()
    for text in css_texts:
        for declaration in _declarations(tinycss2.parse_stylesheet(text, skip_comments=True, skip_whitespace=True)):
            if declaration.type != "declaration" or not _CHARACTER_PROPERTIES.match(declaration.lower_name):
                continue
            for token in declaration.value:
                if token.type == "string":
                    points.update(ord(char) for char in token.value)
    return points


def local_urls(tokens: list) -> list[str]:
    """The addresses in ``url(...)`` among ``tokens`` that name a file beside the sheet
    (not ``data:``, not on another host), as written, query included."""
    urls = []
    for token in tokens:
        url = token.value if token.type == "url" else (
            token.arguments[0].value if token.type == "function" and token.lower_name == "url" and token.arguments
            and token.arguments[0].type == "string" else None)
        if url and not url.startswith(("data:", "http:", "https:", "//")):
            urls.append(url)
    return urls


def font_files(stylesheet: Path, css_text: str) -> list[Path]:
    """The font files the ``@font-face`` rules of ``stylesheet`` load, that exist."""
    files = []
    for rule in tinycss2.parse_stylesheet(css_text, skip_comments=True, skip_whitespace=True):
        if rule.type != "at-rule" or rule.lower_at_keyword != "font-face":
            continue
        for url in local_urls(tinycss2.parse_component_value_list(tinycss2.serialize(rule.content))):
            path = (stylesheet.parent / url.split("?")[0].split("#")[0]).resolve()
            if path.suffix in FONT_SUFFIXES and path.is_file() and path not in files:
                files.append(path)
    return files


def subset_font(path: Path, characters: set[int]) -> tuple[int, int]:
    """Cut the font at ``path`` down to ``characters`` (in place); (bytes before, after)."""
    before = path.stat().st_size
    # fontTools reports every table it prunes at INFO level, into the build's output.
    logging.getLogger("fontTools").setLevel(logging.WARNING)
    options = subset.Options()
    options.flavor = FONT_SUFFIXES[path.suffix]
    options.layout_features = ["*"]
    options.notdef_outline = True
    options.ignore_missing_unicodes = True
    font = TTFont(str(path))
    subsetter = subset.Subsetter(options)
    subsetter.populate(unicodes=sorted(characters))
    subsetter.subset(font)
    temporary = path.with_name(path.name + ".subset")
    subset.save_font(font, str(temporary), options)
    temporary.replace(path)
    return before, path.stat().st_size


def font_characters(path: Path) -> set[int]:
    """The code points the font at ``path`` has a glyph for."""
    return set(TTFont(str(path)).getBestCmap())
