"""Each page reads its stylesheets from two files: one for the theme, one for the toolkit.

A page of the book linked some ten stylesheets: the theme's four (``theme.css``, which
imports ``basic.css``, so one more round trip; ``pydata-sphinx-theme.css``,
``sphinx-book-theme.css``, myst-nb's), and up to six of the toolkit's. The browser
paints nothing and runs no script until every one of them is in, and on a first visit
each costs a request of its own (a static host often speaks HTTP/1.1: six at a time).
Measured side by side (benchmarks/exercises.py), the requests before a page could
show its exercises counted more than their bytes.

So the theme's core stylesheets become one file, ``_static/styles/sleutelcursus-thema.css``,
written after the theme trim (:mod:`.light_assets`) from the trimmed files in the order
the pages linked them, and the toolkit's stylesheets one file,
``_static/sleutelcursus/sleutelcursus.css`` (:func:`.browser_modules.copy_modules`).
Custom properties nothing reads are left out of the theme's (:mod:`.custom_properties`).
The theme bundle's address, and the address of each file it names (the icon fonts),
carry a hash of their content once it is written: the trim and the font subset depend on
the pages, so a rebuild can change them, and a returning reader must not keep an old copy.
The extensions' stylesheets that only some pages load (Pygments, the copy and toggle
buttons, sphinx-design; :mod:`.page_assets`) stay separate files after the theme's,
as before: their rules are scoped to their own elements.
"""

from __future__ import annotations

import hashlib
import re
from pathlib import Path

from markupsafe import Markup
from sphinx.application import Sphinx
from sphinx.errors import ExtensionError

from . import custom_properties, font_preload, no_script
from .browser_modules import STATIC_SUBDIR, TOOLKIT_STYLESHEET
from .light_assets import BUNDLE_ADDRESS, THEME_BUNDLE, built_pages
# The theme's core stylesheets in the order every page links them (``theme.css`` is
# only ``@import "../basic.css"``); a name with ``*`` is a pattern (myst-nb puts a
# hash in its file name).
THEME_PARTS = ("basic.css", "styles/pydata-sphinx-theme.css", "styles/sphinx-book-theme.css", "mystnb.*.css")
# Linked by Sphinx through ``css_files`` (the other two are in the theme's template).
_LINKED_PARTS = re.compile(r"(?:^|/)(?:styles/sphinx-book-theme\.css|mystnb\.[0-9a-f]+\.css)$")
_THEME_LINKS = re.compile(
    r'<link href="(?P<prefix>[^"]*)styles/theme\.css\?digest=(?P<digest>\w+)" rel="stylesheet" />\s*'
    r'<link href="[^"]*styles/pydata-sphinx-theme\.css\?digest=\w+" rel="stylesheet" />'
)
_URL = re.compile(r"url\(\s*(['\"]?)(?![a-z]+:|/|#)")
# A file the bundle names, by a relative address without a query (the icon fonts).
_LOCAL_URL = re.compile(r"""url\((['"]?)(?![a-z]+:|/|#)([^'")?#]+)\1\)""")
# The bundle's link in a page; ``static`` is the page's way to _static/.
_BUNDLE_LINK = re.compile(rf'<link href="(?P<static>[^"]*){re.escape(THEME_BUNDLE)}\?v=\w+" rel="stylesheet" />')
# Valid only as a sheet's first rule; the bundle has one, at its top.
_CHARSET = re.compile(r'@charset\s+"[^"]*";\s*')


def _name(asset) -> str:
    return str(getattr(asset, "filename", "") or "").split("?", 1)[0]


def bundle_page_stylesheets(app: Sphinx, pagename: str, templatename: str, context: dict, doctree) -> None:
    """``html-page-context``, after every stylesheet is added: the theme's core sheets
    that Sphinx links leave the page (the bundle has them), and the toolkit's sheets
    become one link to the toolkit's bundle, where the first of them was."""
    sheets = context.get("css_files")
    if not sheets:
        return
    ours = f"_static/{STATIC_SUBDIR}/"
    kept, bundled = [], False
    for sheet in sheets:
        name = _name(sheet)
        if _LINKED_PARTS.search(name):
            continue
        if name.startswith(ours) and name.endswith(".css"):
            if not bundled:
                bundled = True
                kept.append(type(sheet)(f"{ours}{TOOLKIT_STYLESHEET}", priority=sheet.priority,
                                        **{k: v for k, v in sheet.attributes.items() if k != "href"}))
            continue
        kept.append(sheet)
    sheets[:] = kept


def theme_link(head: str, stamp: str) -> Markup:
    """The theme's head markup with its two stylesheet links made one, to the bundle (a
    Jinja filter). Its address carries the theme's digest and the toolkit's stamp until
    :func:`write_theme_bundle` puts the hash of the written bundle there. A theme whose head no longer has the two links
    stops the build: the bundle would otherwise be linked nowhere and the pages unstyled."""
    found = _THEME_LINKS.search(str(head))
    if not found:
        raise ExtensionError("het thema linkt zijn stylesheets niet meer zoals sleutelcursus verwacht "
                             "(styles/theme.css en styles/pydata-sphinx-theme.css); werk sleutelcursus bij")
    version = hashlib.sha256(f"{found['digest']}:{stamp}".encode()).hexdigest()[:8]
    link = f'<link href="{found["prefix"]}{THEME_BUNDLE}?v={version}" rel="stylesheet" />'
    return Markup(str(head)[:found.start()] + link + str(head)[found.end():])


def theme_parts(static: Path) -> list[Path]:
    """The theme's core stylesheets present in ``static``, in cascade order."""
    parts = []
    for pattern in THEME_PARTS:
        parts += sorted(static.glob(pattern))
    return parts


def _relocated(css: str, part: Path, static: Path) -> str:
    # The bundle sits in styles/; a sheet from _static/ itself names its files one up.
    css = _CHARSET.sub("", css)
    if part.parent == static / "styles":
        return css
    return _URL.sub(lambda m: f"url({m[1]}../", css)


def write_theme_bundle(app: Sphinx, exception) -> None:
    """``build-finished``, after the theme trim: write the theme's bundle from its
    (trimmed) core stylesheets. Written at every build: Sphinx copies the theme's files
    again each time and the trim may have cut them differently."""
    if exception is not None or app.builder.format != "html":
        return
    outdir = Path(app.outdir)
    static = outdir / "_static"
    parts = theme_parts(static)
    target = static / THEME_BUNDLE
    text = "\n".join(_relocated(p.read_text(encoding="utf-8"), p, static) for p in parts)
    others = [p.read_text(encoding="utf-8", errors="replace") for p in static.rglob("*.css") if p not in (*parts, target)]
    mentions = [p.read_text(encoding="utf-8", errors="replace") for p in (*static.rglob("*.js"), *built_pages(outdir))]
    text = '@charset "UTF-8";\n' + no_script.with_unscripted_colours(custom_properties.prune_unread(text, others, mentions))
    text = _LOCAL_URL.sub(lambda m: _versioned(m, target.parent), text)
    if not target.is_file() or target.read_text(encoding="utf-8") != text:
        target.write_text(text, encoding="utf-8")
    address = f"{THEME_BUNDLE}?v={_digest(text.encode())}"
    font = font_preload.solid_font(text)
    folder = Path(THEME_BUNDLE).parent.as_posix()
    for page in built_pages(outdir):  # every page: a page Sphinx did not write this time too
        html = page.read_text(encoding="utf-8")
        pointed = font_preload.with_preload(BUNDLE_ADDRESS.sub(address, html), _BUNDLE_LINK, font, folder)
        if pointed != html:
            page.write_text(pointed, encoding="utf-8")


def _digest(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()[:8]


def _versioned(url: re.Match, folder: Path) -> str:
    """``url(x)`` with ``?v=`` and the hash of the file it names, if that file is there."""
    file = folder / url[2]
    if not file.is_file():
        return url[0]
    return f"url({url[1]}{url[2]}?v={_digest(file.read_bytes())}{url[1]})"
