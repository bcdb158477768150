"""The theme's and its extensions' head scripts, loaded without holding up the page.

Sphinx, the book theme and the extensions Jupyter Book brings put their scripts in the
head as plain ``<script src>``: the browser stops reading the page at each one until it
has arrived and has run, and each waits for every stylesheet above it. On an exercise
page that held the exercises back: measured side by side (benchmarks/exercises.py, on
a busy machine), the page reached its first feedback 1.4-2.5 times as late as the same
page without the theme's files, most of it before the page was even read; with these
scripts deferred and the toolkit's modules preloaded (sphinxext.module_preloads),
1.2-1.4 times, and 35-50% sooner than before.

The scripts below only define things and register work for when the page is ready
(each checks ``document.readyState``), so ``defer`` runs them at the same point for
their work: after the page is read, before ``DOMContentLoaded``, in the same order.
``documentation_options.js`` and ``doctools.js`` stay as they are: the theme's inline
settings and Sphinx's search scripts (search page) use them while the page is read.
So does ``translations.js`` (the Dutch words): a deferred script runs when the page is
already read, so sphinx_highlight.js does its work at once, and it wrote its link in
English ("Hide Search Matches") when the Dutch words came only after it.
"""

from __future__ import annotations

from pathlib import PurePosixPath

from sphinx.application import Sphinx

DEFERRED = frozenset({
    "sphinx_highlight.js",  # Sphinx: highlights search words once the page is ready
    "clipboard.min.js",  # sphinx-copybutton's library
    "copybutton.js",  # sphinx-copybutton: adds buttons to code cells when the page is ready
    "sphinx-book-theme.js",  # the book theme: handlers for when the page is ready
    "togglebutton.js",  # sphinx-togglebutton: adds toggles when the page is ready
    "design-tabs.js",  # sphinx-design: tab handlers on DOMContentLoaded
})


def defer_head_scripts(app: Sphinx, pagename: str, templatename: str, context: dict, doctree) -> None:
    """Sphinx ``html-page-context`` handler: the scripts in ``DEFERRED`` get ``defer``."""
    scripts = context.get("script_files") or []
    for index, script in enumerate(scripts):
        attributes = getattr(script, "attributes", None)
        name = PurePosixPath(str(getattr(script, "filename", "") or "")).name
        if attributes is None or name not in DEFERRED or {"defer", "async", "type"} & attributes.keys():
            continue
        scripts[index] = type(script)(script.filename, priority=script.priority, **{**attributes, "defer": "defer"})
