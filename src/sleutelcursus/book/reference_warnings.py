"""Sphinx's and MyST's warnings about a reference that leads nowhere, in Dutch.

A broken ``{doc}``, ``{ref}`` or Markdown link is the warning a page's author meets
most; it is told in the book's language, with the target as the author wrote it.
Any other warning keeps Sphinx's own text.
"""

from __future__ import annotations

import re

# Sphinx appends the warning's type ("[ref.doc]"); MyST's may come twice.
_TYPES = re.compile(r"(?:\s*\[[\w.-]+\])+\s*$")
_DUTCH = (
    (re.compile(r"^unknown document: '(?P<target>.+)'$"), "verwijzing naar een onbekende pagina '{target}'"),
    (re.compile(r"^undefined label: '(?P<target>.+)'$"), "verwijzing naar een onbekend label '{target}'"),
    (re.compile(r"^'myst' cross-reference target not found: '(?P<target>.+)'$"),
     "link naar een pagina of kopje dat niet bestaat: '{target}'"),
)


def dutch_reference_warning(text: str) -> str:
    """``text`` in Dutch when it is about a reference that leads nowhere, else unchanged."""
    bare = _TYPES.sub("", text)
    for pattern, dutch in _DUTCH:
        match = pattern.match(bare)
        if match:
            return dutch.format(target=match["target"])
    return text
