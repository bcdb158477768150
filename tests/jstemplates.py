"""Where a JavaScript source has its template literals, for tests/test_jsminify.py.

The book's first minifier (rjsmin) read a template literal from one backtick to the
next, so a template inside another one's ``${...}`` lost its spaces ("Situatie
1:Weinig"). The test compares every template's text before and after minification.
"""

from __future__ import annotations

import re

# After these characters (or at the start) a "/" opens a regular expression, not a division.
_REGEX_BEFORE = set("(,=:[!&|?{};+-*%<>~^")
_REGEX_KEYWORD = re.compile(r"(?:return|typeof|case|in|of|delete|void|throw|new|else|do)$")


def _skip_string(text: str, i: int) -> int:
    quote, i = text[i], i + 1
    while i < len(text) and text[i] != quote:
        i += 2 if text[i] == "\\" else 1
    return i + 1


def _skip_regex(text: str, i: int) -> int:
    i, in_class = i + 1, False
    while i < len(text) and (in_class or text[i] != "/") and text[i] != "\n":
        if text[i] == "\\":
            i += 1
        elif text[i] == "[":
            in_class = True
        elif text[i] == "]":
            in_class = False
        i += 1
    return i + 1


def _regex_may_start(text: str, i: int) -> bool:
    before = text[:i].rstrip()
    return not before or before[-1] in _REGEX_BEFORE or bool(_REGEX_KEYWORD.search(before))


def _skip_template(text: str, i: int) -> int:
    """The index just after the template literal that starts at ``text[i]`` (a backtick)."""
    i += 1
    while i < len(text) and text[i] != "`":
        if text[i] == "\\":
            i += 2
        elif text.startswith("${", i):
            i = _skip_code(text, i + 2, until="}")
        else:
            i += 1
    return i + 1


def _skip_code(text: str, i: int, until: str | None = None, found: list | None = None) -> int:
    """Walk code from ``i`` to the ``until`` brace that closes it (or the end); note in
    ``found`` the span of every template literal met on the way."""
    depth = 0
    while i < len(text):
        char = text[i]
        if char in "'\"":
            i = _skip_string(text, i)
        elif text.startswith("//", i):
            end = text.find("\n", i)
            i = len(text) if end < 0 else end
        elif text.startswith("/*", i):
            end = text.find("*/", i + 2)
            i = len(text) if end < 0 else end + 2
        elif char == "/" and _regex_may_start(text, i):
            i = _skip_regex(text, i)
        elif char == "`":
            end = _skip_template(text, i)
            if found is not None:
                found.append((i, end))
            i = end
        elif char == "{":
            depth, i = depth + 1, i + 1
        elif char == "}":
            if depth == 0 and until == "}":
                return i + 1
            depth, i = depth - 1, i + 1
        else:
            i += 1
    return i


def template_spans(source: str) -> list[tuple[int, int]]:
    """Start and end of every outermost template literal in ``source``."""
    found: list[tuple[int, int]] = []
    _skip_code(source, 0, found=found)
    return found
