"""Each page loads only the extension assets it has work for.

Jupyter Book adds the files of every extension it bundles to every page: the copy
button (with ClipboardJS), the toggle button, sphinx-design's tabs, Pygments' colours,
and sphinx-thebe. Each of them acts only on elements of its own kind in the page's
body (a code block, a toggle, a tab set); on a page without one they do nothing but
weigh (some 48 KB on a page of prose). A ``html-page-context`` handler, run after
every asset is added, drops each group the body has no element for.

When a book sets its own selector for the copy or toggle button, their files stay on
every page: the selector could then name anything.
"""

from __future__ import annotations

import re

from sphinx.application import Sphinx

_CLASS = re.compile(r'class="([^"]*)"')
# Each group: its files (by name, Sphinx adds the checksum), inline scripts it adds
# (by a word in their body), and whether a page's class names give it work.
GROUPS = {
    "copybutton": {
        "files": ("clipboard.min.js", "copybutton.js", "copybutton.css"),
        "inline": (),
        "needed": lambda classes: "highlight" in classes,
        "selector": ("copybutton_selector", "div.highlight pre"),
    },
    "pygments": {
        "files": ("pygments.css",),
        "inline": (),
        "needed": lambda classes: "highlight" in classes,
        "selector": None,
    },
    "togglebutton": {
        "files": ("togglebutton.js", "togglebutton.css"),
        "inline": ("toggleHint", "toggleOpenOnPrint", "togglebuttonSelector"),
        "needed": lambda classes: bool({"toggle", "dropdown"} & classes),
        "selector": ("togglebutton_selector", ".toggle, .admonition.dropdown"),
    },
    "design": {
        "files": ("design-tabs.js", "sphinx-design.min.css"),
        "inline": (),
        "needed": lambda classes: any(name.startswith("sd-") for name in classes),
        "selector": None,
    },
}


def body_classes(body: str) -> set[str]:
    """Every class name used in a page's body markup."""
    return {name for value in _CLASS.findall(body) for name in value.split()}


def unneeded_groups(config, body: str) -> list[str]:
    """The names of the :data:`GROUPS` a page with this body has no work for."""
    classes = body_classes(body)
    unneeded = []
    for name, group in GROUPS.items():
        selector = group["selector"]
        if selector and getattr(config, selector[0], selector[1]) != selector[1]:
            continue  # a selector of the book's own: it could name anything
        if not group["needed"](classes):
            unneeded.append(name)
    return unneeded


def _asset_name(asset) -> str:
    return str(getattr(asset, "filename", "") or "").rsplit("/", 1)[-1].split("?", 1)[0]


def _is_thebe(asset) -> bool:
    name = str(getattr(asset, "filename", "") or "")
    body = str(getattr(asset, "attributes", {}).get("body", ""))
    return "sphinx-thebe" in name or "THEBE_JS_URL" in body


def _dropped(asset, files: set[str], inline: tuple[str, ...]) -> bool:
    if _is_thebe(asset) or _asset_name(asset) in files:
        return True
    body = str(getattr(asset, "attributes", {}).get("body", ""))
    return bool(body) and any(word in body for word in inline)


def drop_unneeded_assets(app: Sphinx, pagename: str, templatename: str, context: dict, doctree) -> None:
    """``html-page-context``: leave out the asset groups the page has no work for.

    Also always sphinx-thebe's: Jupyter Book loads it, its inline script names a CDN
    and is emitted twice (a console error on every page), and thebe stays off in this
    book (plugins/book_config.py refuses it).
    """
    groups = [GROUPS[name] for name in unneeded_groups(app.config, str(context.get("body", "")))]
    files = {file for group in groups for file in group["files"]}
    inline = tuple(word for group in groups for word in group["inline"])
    for key in ("script_files", "css_files"):
        assets = context.get(key)
        if assets:
            assets[:] = [asset for asset in assets if not _dropped(asset, files, inline)]
