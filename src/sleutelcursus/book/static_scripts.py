"""Sphinx's and its extensions' own scripts, served minified.

Sphinx (``doctools.js``, ``sphinx_highlight.js``, the Dutch ``translations.js``) and the
extensions Jupyter Book brings (the copy button's ``copybutton.js``) put their scripts
in ``_static/`` as they are written: with comments and indentation, some 8 KB of a
workshop page. Once every page is written, each is minified in place, as the toolkit's
own modules are (:func:`browser_modules.minified_script`). The theme's bundles
(``_static/scripts/``) and files already minified (``*.min.js``) are left as they are.

Sphinx copies its static files again before it writes the pages, so each build
minifies the files it copied, and the checksum a page names (``?v=``) stays that of
the file it was minified from.
"""

from __future__ import annotations

from pathlib import Path

from sphinx.application import Sphinx

from .browser_modules import minified_script


def minify_static_scripts(outdir: Path) -> int:
    """Minify every plain script directly in ``outdir/_static``; return the bytes saved."""
    saved = 0
    for path in sorted((Path(outdir) / "_static").glob("*.js")):
        if path.name.endswith(".min.js"):
            continue
        text = path.read_text(encoding="utf-8")
        small = minified_script(text)
        if len(small) < len(text):
            path.write_text(small, encoding="utf-8")
            saved += len(text.encode("utf-8")) - len(small.encode("utf-8"))
    return saved


def minify_scripts(app: Sphinx, exception) -> None:
    """Sphinx ``build-finished`` handler: see the module docstring."""
    if exception is None and app.builder.format == "html":
        minify_static_scripts(Path(app.outdir))
