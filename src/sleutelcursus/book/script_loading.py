"""The theme's scripts run once the page's own content is on screen.

Sphinx, the two themes and the extensions Jupyter Book brings give every page some ten
scripts (Sphinx's settings, doctools and search-word highlighting, the Dutch words, the
book theme's, Bootstrap's 80 KB, pydata-sphinx-theme's, the copy and toggle buttons,
...). Each only binds handlers to the theme's own parts (menu, colour mode, search
dialog, table of contents, buttons) and each checks ``document.readyState``, so it does
its work whenever it runs. Deferred, they still ran before the page's first paint, and
on a first visit their requests took the connections the exercises' modules needed.

So on a page where nothing else needs them while it is read, they leave the page and a
small loader adds them, in their order, just after the first paint that follows
``DOMContentLoaded`` (the exercises are mounted by then): the browser paints the page
and its exercises first, and the theme's parts work a frame later. Sphinx's settings
(``documentation_options.js`` and the theme's inline lines that fill in the page's name)
go with them: a classic script after the stylesheets makes the parser wait for the
stylesheets, and only the theme's scripts read those settings. The inline lines run as
soon as ``documentation_options.js`` has run, before the next script. The window's
``load`` may come before the theme's scripts; the loader marks ``<html>`` with
``data-sc-theme-scripts="pending"`` while it works and ``"ready"`` once the last one
has run (tests wait for that). Before the first paint the head already sets the colour
mode the theme's script would (see templates/layout.html).

Measured side by side (benchmarks/exercises.py): before this module an exercise page
showed its first feedback 1.4-1.7 times as late as the same page without the theme's
files; with the loader at ``DOMContentLoaded`` and one stylesheet for the theme
(stylesheet_bundles.py), 1.2-1.4 times; with the settings out of the head and the loader
after the first paint, 18-29 ms less on four of five runs side by side (15 visits each,
in turns) and 1.1-1.33 times over several runs of the benchmark (benchmarks/RESULTS.md
has the last).

A page that could use them while it is read keeps the theme's scripts as they are: a
page with any other external script (a municipality's own) and any page not written
from ``page.html`` (the search page's template adds ``searchtools.js``, which needs
doctools at once).
"""

from __future__ import annotations

import html
import json
import re
from pathlib import PurePosixPath

from markupsafe import Markup
from sphinx.application import Sphinx

from .browser_modules import STATIC_SUBDIR

# Loaded after the page is read, in this order (their order in the head; Sphinx's
# own first): each is safe to run whenever the page is ready.
LATE = (
    "documentation_options.js",  # Sphinx's settings (DOCUMENTATION_OPTIONS), read by the others
    "doctools.js",  # Sphinx: Documentation, gettext and keyboard navigation
    "translations.js",  # the Dutch words for doctools (before sphinx_highlight.js writes its link)
    "sphinx_highlight.js",  # Sphinx: highlights search words
    "clipboard.min.js",  # sphinx-copybutton's library
    "copybutton.js",  # sphinx-copybutton: buttons on code cells
    "scripts/sphinx-book-theme.js",  # the book theme's handlers
    "togglebutton.js",  # sphinx-togglebutton
    "design-tabs.js",  # sphinx-design's tabs
)
# The theme's inline lines that fill in Sphinx's settings for the page (its name, search
# as you type): run right after documentation_options.js, wherever that runs.
SETTINGS = "DOCUMENTATION_OPTIONS"
CONTEXT_KEY = "sleutelcursus_late_scripts"
_ATTRIBUTE = re.compile(r'([\w-]+)="([^"]*)"')
_BODY_SCRIPT = re.compile(r'<script defer src="([^"]+)"></script>\s*')
_DROPPED_ATTRIBUTES = {"defer", "async"}


def _name(script) -> str:
    return PurePosixPath(str(getattr(script, "filename", "") or "").split("?", 1)[0]).as_posix().removeprefix("_static/")


def _is_ours(script) -> bool:
    # Inline scripts are data (widget state, learning paths), our start modules or the
    # extensions' settings; an external one is the toolkit's or unknown.
    filename = str(getattr(script, "filename", "") or "")
    return not filename or filename.startswith((f"_static/{STATIC_SUBDIR}/", f"{STATIC_SUBDIR}/"))


def late_theme_scripts(app: Sphinx, pagename: str, templatename: str, context: dict, doctree) -> None:
    """``html-page-context``, after every script is added: take the scripts in
    :data:`LATE` out of the head and leave their tags for the loader
    (``context[CONTEXT_KEY]``, used by templates/layout.html); on a page with a script
    this module does not know, nothing changes."""
    scripts = context.get("script_files") or []
    if templatename != "page.html" or "js_tag" not in context:
        return
    if any(_name(s) not in LATE and not _is_ours(s) for s in scripts):
        return
    late = [s for s in scripts if _name(s) in LATE]
    late.sort(key=lambda s: LATE.index(_name(s)))
    settings = [s for s in scripts if _is_settings(s)] if late and _name(late[0]) == LATE[0] else []
    moved = {id(s) for s in settings}  # by identity: Sphinx's script objects compare by value
    scripts[:] = [s for s in scripts if _name(s) not in LATE and id(s) not in moved]
    context[CONTEXT_KEY] = [_tag_attributes(context["js_tag"](s)) for s in late]
    if settings:
        context[CONTEXT_KEY][0]["then"] = "\n".join(str(s.attributes["body"]).strip() for s in settings)


def _is_settings(script) -> bool:
    """An inline classic script that fills in Sphinx's settings (see :data:`SETTINGS`)."""
    attributes = getattr(script, "attributes", {}) or {}
    body = str(attributes.get("body", ""))
    inline = not getattr(script, "filename", None)
    return inline and attributes.get("type", "text/javascript") == "text/javascript" and body.lstrip().startswith(SETTINGS + ".")


def _tag_attributes(tag: str) -> dict[str, str]:
    found = _ATTRIBUTE.findall(tag[: tag.index(">")])
    return {name: html.unescape(value) for name, value in found if name not in _DROPPED_ATTRIBUTES}


def with_late_loader(body_end: str, late: list[dict] | None) -> Markup:
    """The theme's scripts at the end of the body (Bootstrap, pydata-sphinx-theme) added
    to the late ones and all given to one loader (a Jinja filter for the ``scripts_end``
    block); the markup as it was on a page that keeps the theme's scripts."""
    if late is None:
        return Markup(body_end)
    scripts = [*late, *({"src": html.unescape(src)} for src in _BODY_SCRIPT.findall(str(body_end)))]
    rest = _BODY_SCRIPT.sub("", str(body_end))
    data = json.dumps(scripts, separators=(",", ":")).replace("</", "<\\/")
    return Markup(rest + LOADER.replace("SCRIPTS", data))


# At DOMContentLoaded, then after the next frame is painted (a task queued from
# requestAnimationFrame runs after that paint; the timer is for a tab in the background,
# which paints no frames): each script in order (async=false keeps it), a "then" body run
# the moment its script has run (an ordered script's load event comes before the next
# one runs), and <html> marked ready once the last one has run or failed. Ctrl+K (or
# Cmd+K) before then must not open the browser's own search: it is held, and the theme's
# search opens once the last script (pydata-sphinx-theme's) has run.
LOADER = (
    # In a function of its own: its names stay out of the page's global scope.
    '<script>(()=>{document.documentElement.dataset.scThemeScripts="pending";'
    'let wanted=false;const early=(e)=>{if((e.ctrlKey||e.metaKey)&&!e.altKey&&!e.shiftKey&&e.key.toLowerCase()==="k"){e.preventDefault();wanted=true}};'
    'addEventListener("keydown",early,true);'
    'addEventListener("DOMContentLoaded",()=>{let started=false;const go=()=>{if(started)return;started=true;'
    "const all=SCRIPTS,root=document.documentElement.dataset;"
    'all.forEach(({then,...a},i)=>{const s=document.createElement("script"),end=()=>{if(i<all.length-1)return;'
    'root.scThemeScripts="ready";removeEventListener("keydown",early,true);'
    'if(wanted)document.querySelector("button.search-button__button")?.click()};'
    "for(const[k,v]of Object.entries(a))s.setAttribute(k,v);"
    's.onload=()=>{if(then){const t=document.createElement("script");t.textContent=then;document.body.append(t)}end()};'
    "s.onerror=end;s.async=false;document.body.append(s)})};"
    "requestAnimationFrame(()=>setTimeout(go));setTimeout(go,250)})})();</script>"
)


# pydata-sphinx-theme's head script sets data-mode and data-theme from what the reader
# chose before, or "auto"; its deferred script then resolves "auto" to the system's
# light or dark before the first paint. Loaded late, that would come after it: a reader
# with a dark system would see the page light first. This does it at once, as the
# theme's script does (an unknown mode counts as "auto").
COLOUR_MODE = (
    '<script>(()=>{const d=document.documentElement.dataset;'
    'd.theme=d.mode==="light"||d.mode==="dark"?d.mode:'
    'matchMedia("(prefers-color-scheme: dark)").matches?"dark":"light"})()</script>'
)
_THEME_HEAD_SCRIPT = re.compile(r'<script data-cfasync="false">.*?</script>', re.DOTALL)


def with_colour_mode(head: str) -> Markup:
    """The theme's head markup with :data:`COLOUR_MODE` right after its own colour
    script (a Jinja filter for the ``css`` block); unchanged if the theme has none."""
    return Markup(_THEME_HEAD_SCRIPT.sub(lambda m: m[0] + COLOUR_MODE, str(head), count=1))
