"""Every page asks for the theme's solid icon font together with its stylesheets.

The header of every page draws its buttons (menu, search, colour mode) with Font
Awesome's solid font. A browser asks for a web font only when it lays out text that
needs it: on a first visit that was in the middle of the page's first layout, and the
font came in while the exercises were being drawn, which then took a second round of
style and layout before a trainee could answer. Measured side by side on the
scenario page (the first-visit timing of benchmarks/exercises.py, 25 visits each, in turns):
201 ms to the drawn exercises with the font as it was, 179 ms with this preload,
175 ms with no icon font at all, 154 ms for the page without the theme.

A ``<link rel="preload">`` right after the theme's stylesheet starts the font with the
stylesheets. Its address is exactly the one the theme's bundle names (with the hash of
the font file), so the browser uses the preloaded copy: still one request, no more bytes.
"""

from __future__ import annotations

import posixpath
import re

import tinycss2

from . import icon_font

# The face every page's header icons use: the family and weight of Font Awesome's
# ``fa-solid`` class (pydata-sphinx-theme's navbar buttons).
SOLID_FACE = ("font awesome 6 free", "900")
MARK = "data-sc-icon-font"
_OLD = re.compile(rf'<link rel="preload"[^>]*\b{MARK}[^>]*>\n?')


def _value(tokens: list) -> str:
    return " ".join(t.value.lower() if t.type in ("ident", "string") else tinycss2.serialize([t]).lower()
                    for t in tokens if t.type not in ("whitespace", "comment"))


def _woff2(tokens: list) -> str | None:
    # An address from the site's root would not be relative to the bundle's folder.
    return next((url for url in icon_font.local_urls(tokens)
                 if url.split("?", 1)[0].endswith(".woff2") and not url.startswith("/")), None)


def solid_font(bundle_css: str) -> str | None:
    """The address (relative to the bundle, with its query) of the solid icon font's
    WOFF2 file, as the bundle's ``@font-face`` names it; None if it has no such face."""
    for rule in tinycss2.parse_stylesheet(bundle_css, skip_comments=True, skip_whitespace=True):
        if rule.type != "at-rule" or rule.lower_at_keyword != "font-face" or rule.content is None:
            continue
        declarations = {d.lower_name: d.value for d in tinycss2.parse_blocks_contents(rule.content)
                        if d.type == "declaration"}
        face = (_value(declarations.get("font-family", [])), _value(declarations.get("font-weight", [])))
        if face == SOLID_FACE:
            return _woff2(declarations.get("src", []))
    return None


def without_preload(html: str) -> str:
    """``html`` without the preload this module put in (the theme trim reads pages so)."""
    return _OLD.sub("", html)


def with_preload(html: str, bundle_link: re.Pattern, font: str | None, bundle_folder: str) -> str:
    """``html`` with one preload of ``font`` right after the link that ``bundle_link``
    matches (its group ``static`` is the page's way to ``_static/``); a preload from an
    earlier build is replaced, and removed when there is no font."""
    html = without_preload(html)
    found = bundle_link.search(html)
    if not font or not found:
        return html
    path, _, query = font.partition("?")
    address = found["static"] + posixpath.normpath(posixpath.join(bundle_folder, path)) + (f"?{query}" if query else "")
    tag = f'\n<link rel="preload" href="{address}" as="font" type="font/woff2" crossorigin {MARK} />'
    return html[:found.end()] + tag + html[found.end():]
