"""Each page loads only the extension assets it has work for.

Jupyter Book adds the files of every extension it bundles to every page: the copy
button (with ClipboardJS), the toggle button, sphinx-design's tabs, Pygments' colours,
and sphinx-thebe. Each of them acts only on elements of its own kind in the page's
body (a code block, a toggle, a tab set); on a page without one they do nothing but
weigh (some 48 KB on a page of prose). A ``html-page-context`` handler, run after
every asset is added, drops each group the body has no element for.

When a book sets its own selector for the copy or toggle button, their files stay on
every page: the selector could then name anything.

On a page with code, the copy button's library (ClipboardJS, 9 KB) comes only when a
reader goes to copy: a small stand-in takes its place (:data:`CLIPBOARD_ON_DEMAND`),
``copybutton.js`` still puts its buttons in the page at once, and the library is
loaded when a reader points at, focuses or presses one of them.
"""

from __future__ import annotations

import json
import re

from sphinx.application import Sphinx

from .browser_modules import checksum, minified_script

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


CLIPBOARD = "clipboard.min.js"
# What copybutton.js asks of ClipboardJS: ``new ClipboardJS(selector, {text})`` and
# ``.on("success" | "error", handler)``, handlers that read ``event.trigger``. A press
# that came before the library (a tap: pointing and pressing come together) is handed
# to it once it is in (ClipboardJS's own ``onClick``), within the press's user activation.
CLIPBOARD_ON_DEMAND = """(() => {
  const url = CLIPBOARD_URL;
  let loading = null;
  const load = () => (loading ??= new Promise((resolve, reject) => {
    document.head.append(Object.assign(document.createElement("script"), { src: url, onload: resolve, onerror: reject }));
  }).then(() => window.ClipboardJS));
  window.ClipboardJS = class {
    constructor(selector, options) {
      const handlers = (this.handlers = { success: [], error: [] });
      const button = (event) => (event.target instanceof Element ? event.target.closest(selector) : null);
      let real = null;
      const ready = () => load().then((Library) => {
        if (!real) {
          real = new Library(selector, options);
          for (const [type, list] of Object.entries(handlers)) list.forEach((handler) => real.on(type, handler));
        }
        return real;
      });
      const wake = (event) => { if (button(event)) ready(); };
      document.addEventListener("pointerover", wake);
      document.addEventListener("focusin", wake);
      document.addEventListener("click", (event) => {
        const trigger = button(event);
        if (!trigger || real) return;
        ready().then((clipboard) => clipboard.onClick({ delegateTarget: trigger }))
          .catch(() => handlers.error.forEach((handler) => handler({ action: "copy", trigger })));
      });
    }
    on(type, handler) {
      this.handlers[type]?.push(handler);
      return this;
    }
  };
})();"""


def clipboard_on_demand(url: str) -> str:
    """The stand-in for ClipboardJS that loads it from ``url`` when a reader goes to copy."""
    return minified_script(CLIPBOARD_ON_DEMAND.replace("CLIPBOARD_URL", json.dumps(url), 1))


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
    scripts = context.get("script_files") or []
    for index, asset in enumerate(scripts):
        if _asset_name(asset) == CLIPBOARD and "pathto" in context:
            scripts[index] = type(asset)("", priority=asset.priority, body=clipboard_on_demand(_clipboard_url(app, context)))


def without_thebe_page_settings(app: Sphinx) -> None:
    """``builder-inited``: sphinx-thebe writes its settings into every page's body (a
    configuration block and an inline ``kernelName`` script), for its own script only.
    Thebe stays off in this book (see :func:`drop_unneeded_assets`), so its handler that
    writes them is taken off. The inline script was not only dead weight: a classic
    script after the stylesheets makes the browser stop reading the page until they are in."""
    for listener in list(app.events.listeners.get("doctree-resolved", [])):
        if getattr(listener.handler, "__module__", "") == "sphinx_thebe":
            app.disconnect(listener.id)


def _clipboard_url(app: Sphinx, context: dict) -> str:
    # With the checksum Sphinx would have put after it, so a new version is fetched anew.
    url = context["pathto"](f"_static/{CLIPBOARD}", 1)
    library = app.builder.outdir / "_static" / CLIPBOARD
    return f"{url}?v={checksum(library.read_bytes())}" if library.is_file() else url
