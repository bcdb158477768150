"""The theme's custom properties that nothing reads, left out of its stylesheet bundle.

Bootstrap, under pydata-sphinx-theme, declares some 700 custom properties
(``--bs-danger-rgb``, ``--bs-breakpoint-xl``, ...) for every colour, size and component
it has; the book reads about half of them. The others are 13 KB of every first visit.
A declaration ``--name: ...`` goes when no ``var(--name)`` is left in the site's
stylesheets and ``--name`` appears in none of its scripts or pages (a script may read or
set it, an inline style may use it). A declaration that only a dropped one read goes
too, on the next round.
"""

from __future__ import annotations

import re
from collections.abc import Iterable

import tinycss2

_VAR = re.compile(r"var\(\s*(--[\w-]+)")
_NAME = re.compile(r"--[A-Za-z_][\w-]*")
# Blocks whose rules hold declarations (a property is kept whole anywhere else).
_NESTING = {"media", "supports", "container", "layer", "document"}


def _declarations_kept(content: list, used: set[str]) -> list:
    declarations = tinycss2.parse_blocks_contents(content, skip_whitespace=True, skip_comments=True)
    kept = [d for d in declarations if not (d.type == "declaration" and d.name.startswith("--") and d.name not in used)]
    if len(kept) == len([d for d in declarations if d.type != "error"]):
        return content  # unchanged: the rule keeps its own text
    text = ";".join(tinycss2.serialize([node]).strip().rstrip(";") for node in kept)
    return tinycss2.parse_component_value_list(text)


def _prune(rules: list, used: set[str]) -> list:
    kept = []
    for rule in rules:
        if rule.type == "qualified-rule":
            rule.content = _declarations_kept(rule.content, used)
            if any(token.type not in ("whitespace", "comment") for token in rule.content):
                kept.append(rule)
        elif rule.type == "at-rule" and rule.lower_at_keyword in _NESTING and rule.content is not None:
            inner = _prune(tinycss2.parse_rule_list(rule.content, skip_comments=True, skip_whitespace=True), used)
            if inner:
                rule.content = [token for node in inner for token in (node, tinycss2.ast.WhitespaceToken(0, 0, "\n"))]
                kept.append(rule)
        else:
            kept.append(rule)
    return kept


def prune_unread(css: str, other_css: Iterable[str], mentions: Iterable[str]) -> str:
    """``css`` without the custom property declarations nothing reads: ``other_css``
    are the site's other stylesheets (their ``var()`` count), ``mentions`` its scripts
    and pages (any ``--name`` in them counts)."""
    named = {name for text in mentions for name in _NAME.findall(text)}
    read_elsewhere = {name for text in other_css for name in _VAR.findall(text)}
    while True:
        used = named | read_elsewhere | set(_VAR.findall(css))
        rules = tinycss2.parse_stylesheet(css, skip_comments=False, skip_whitespace=True)
        pruned = "\n".join(tinycss2.serialize([rule]) for rule in _prune(rules, used)) + "\n"
        if pruned == css:
            return css
        css = pruned
