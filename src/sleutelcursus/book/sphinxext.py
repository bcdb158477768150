"""Sphinx wiring only: offline widgets, the static exercise host and its assets.

Added to the book through ``sphinx.extra_extensions`` in ``_config.yml``.
"""

from __future__ import annotations

import hashlib
import html
import json
import re
import shutil
from pathlib import Path

from markupsafe import Markup
from sphinx.application import Sphinx

from .. import __version__
from ..hosting import FRONTEND, WIDGET_STATE, host_stylesheets, host_widget_state, packed
from . import (
    browser_modules, hyphenation, light_assets, narrow_tables, no_script, output_styles, page_assets,
    script_loading, static_scripts, stylesheet_bundles, theme_labels,
)
from .article_main import add_article_filter
from .search_results import setup_search_results
from .search_texts import add_search_texts
from .trainee_pages import setup_trainee_pages
from .browser_modules import STATIC, STATIC_SUBDIR
from .theme_labels import add_catalog, add_markup_filter, translate_search_bar_text
from .paths import on_path
from .progress_page import PROGRESS_DOC

HERE = Path(__file__).resolve().parent
TEMPLATES = HERE / "templates"
FAVICON = "sleutelcursus-icoon.svg"
# Marks the page's start script; host.js then leaves the mounting to it.
START_ATTRIBUTE = "data-sleutelcursus-start"
# Marks the live workshop's start script on a page without exercises.
LIVE_ATTRIBUTE = "data-sleutelcursus-live"
# The exercises of the learning paths, for the progress page and the start page: an
# index (title and type of each) and one file per full spec, fetched only for the
# exercises a trainee has answers for.
SPECS_FILE = "oefeningen.json"
SPECS_FOLDER = "oefeningen"
PATHS_DATA_ID = "sc-leerpaden"


def _force_offline(app: Sphinx, config) -> None:
    # myst-nb would load require.js and the widget html-manager from public CDNs on
    # every page with a widget; our host replaces both, so no such script is added.
    config.nb_ipywidgets_js = {}
    # Without a default mode the theme starts with data-mode="" and logs a console
    # error on every first visit; "auto" follows the reader's system setting.
    config.html_context = {"default_mode": "auto", **config.html_context}
    # Browsers ask every page for an icon; without one each page logs a 404. The
    # course logo is served from the book itself (Sphinx copies it to _static/ by its
    # name: a name of its own, so a municipality's logo.svg does not replace it).
    if not config.html_favicon:
        config.html_favicon = str(STATIC / FAVICON)


def dutch_logo_alt(config) -> None:
    """A logo's text alternative in Dutch: pydata-sphinx-theme writes "<title> - Home"."""
    logo = dict(config.html_theme_options.get("logo") or {})
    if config.html_logo and not logo.get("alt_text") and not logo.get("text"):
        logo["alt_text"] = f"{config.html_title or config.project} - startpagina"
        config.html_theme_options = {**config.html_theme_options, "logo": logo}


def one_search_field(config) -> None:
    """sphinx-book-theme keeps its search in the sidebar and the article's header, and
    empties pydata-sphinx-theme's ``navbar_persistent`` in its theme.conf for that;
    pydata-sphinx-theme 0.17 reads only the book's own options there, so a second
    search field stood in a header bar above the page (trainee trial: "two search
    fields at 1280 px"). A book that names the option itself keeps its choice."""
    if "navbar_persistent" not in config.html_theme_options:
        config.html_theme_options = {**config.html_theme_options, "navbar_persistent": []}


# Scripts the theme puts in every page's head that no reader of this book needs:
# - the Font Awesome SVG framework (1.5 MB, run before the page is ready): the theme's
#   stylesheet already draws every icon from the Font Awesome web font;
# - Sphinx's search scripts and the whole search index, which pydata-sphinx-theme loads
#   on every page for search-as-you-type. When that is off (the default), only
#   search.html uses them, and that page loads them through its own template.
# - the preloads of the theme's scripts at the end of the body: they would take the
#   connections the page's stylesheets and exercises need (book/script_loading.py).
_FONTAWESOME = r"/fontawesome\.js"
_SEARCH = r"/searchtools\.js|/language_data\.js|searchindex\.js"


def _head_scripts(names: str) -> re.Pattern:
    return re.compile(rf'\s*<script (?:defer )?src="[^"]*(?:{names})[^"]*"></script>'
                      r'|\s*<link rel="preload" as="script" href="[^"]*/scripts/[^"]*" />')


def lighter_head(html_text: str, search_as_you_type: bool = False) -> Markup:
    """The theme's head markup without the scripts above (a Jinja filter)."""
    unneeded = _head_scripts(_FONTAWESOME if search_as_you_type else f"{_FONTAWESOME}|{_SEARCH}")
    return Markup(unneeded.sub("", str(html_text)))


def _add_templates(app: Sphinx, config) -> None:
    # templates/sphinx/layout.html extends the theme's and passes its two head blocks
    # through lighter_head.
    config.templates_path = [str(TEMPLATES), *config.templates_path]


def _add_filters(app: Sphinx) -> None:
    if app.builder.format != "html":
        return
    as_you_type = str(app.config.html_theme_options.get("search_as_you_type", "")).lower() == "true"
    app.builder.templates.environment.filters["sleutelcursus_lighter_head"] = (
        lambda text: lighter_head(text, search_as_you_type=as_you_type)
    )
    app.builder.templates.environment.filters["sleutelcursus_without_hidden_menu_button"] = without_hidden_menu_button
    stamp = app.config.sleutelcursus_stamp
    app.builder.templates.environment.filters["sleutelcursus_theme_bundle"] = (
        lambda text: stylesheet_bundles.theme_link(text, stamp)
    )
    app.builder.templates.environment.filters["sleutelcursus_colour_mode"] = script_loading.with_colour_mode
    app.builder.templates.environment.filters["sleutelcursus_late_loader"] = script_loading.with_late_loader


_HIDDEN_MENU_BUTTONS = re.compile(
    r'<button class="pst-navbar-icon sidebar-toggle (?:primary|secondary)-toggle"[^>]*>.*?</button>\s*', re.DOTALL)


def without_hidden_menu_button(html: str) -> Markup:
    """The top navbar without its two sidebar buttons (see templates/layout.html): the
    page then has one ".primary-toggle" and one ".secondary-toggle", the visible ones
    in the article header, which the themes' scripts bind."""
    return Markup(_HIDDEN_MENU_BUTTONS.sub("", str(html)))


def _add_exercise_assets(app: Sphinx, pagename: str, templatename: str, context: dict, doctree) -> None:
    scripts = context.get("script_files", [])
    for index, script in enumerate(scripts):
        attributes = getattr(script, "attributes", {})
        if attributes.get("type") != WIDGET_STATE:
            continue
        state, kinds = host_widget_state(json.loads(attributes["body"]))
        if not kinds:
            continue
        for model_id in kinds:
            inner = state["state"][model_id]["state"]
            if "spec" in inner:
                inner["spec"] = packed(inner["spec"])
        body = json.dumps(state, ensure_ascii=False, separators=(",", ":")).replace("</", "<\\/")
        scripts[index] = type(script)(script.filename, priority=script.priority, **{**attributes, "body": body})
        # Sphinx adds a checksum query to each of these, so browsers never keep stale copies.
        for name in host_stylesheets(kinds.values()):
            app.add_css_file(f"{STATIC_SUBDIR}/{name}.css")
        # Module scripts run in page order once the page is read: first of all (Sphinx's
        # own scripts have priority 200), so the exercises mount before the theme's
        # scripts are even loaded (book/script_loading.py). Render-blocking: the browser
        # draws the page once, with its exercises, instead of laying out and painting
        # it without them first and then again (and nothing below an exercise jumps
        # when it mounts). A module that fails to load unblocks as well.
        versions = app.builder.sleutelcursus_versions
        script = browser_modules.start_script(context["pathto"], versions, kinds.values())
        app.add_js_file(None, body=script, type="module", priority=150, blocking="render",
                        **{START_ATTRIBUTE: "sleutelcursus"})
        context["body"] = no_script.with_exercise_notices(context.get("body", ""))
        # Sphinx writes the metatags before any stylesheet or script of the head.
        context["metatags"] = context.get("metatags", "") + browser_modules.module_preloads(context["pathto"], versions, kinds.values())
        return
    # No exercises here: the live workshop still shows its bar, and its join form for
    # a join link (the server sends /doe-mee/CODE to the start page).
    versions = getattr(app.builder, "sleutelcursus_versions", None)
    if versions and "pathto" in context:
        app.add_js_file(None, body=browser_modules.live_script(context["pathto"], versions), type="module",
                        **{LIVE_ATTRIBUTE: "live"})


def _copy_frontend(app: Sphinx) -> None:
    # Copied at every build (not via html_static_path, which a rebuild with no changed
    # page skips), and before pages are written, so their checksums are right.
    if app.builder.format == "html":
        app.builder.sleutelcursus_versions = browser_modules.copy_modules(Path(app.outdir))


def _add_import_map(app: Sphinx, pagename: str, templatename: str, context: dict, doctree) -> None:
    # First thing in the head, before the module preloads (in the metatags too) and
    # every script: a module load that starts before the import map is read ignores it.
    versions = getattr(app.builder, "sleutelcursus_versions", None)
    ours = f"_static/{STATIC_SUBDIR}/"  # Sphinx puts _static/ before the name it was given
    if versions and "pathto" in context and any(
        str(getattr(s, "filename", "") or "").startswith(ours)
        or {START_ATTRIBUTE, LIVE_ATTRIBUTE} & set(getattr(s, "attributes", {}))
        for s in context.get("script_files", [])
    ):
        import_map = browser_modules.import_map(context["pathto"], versions)
        context["metatags"] = f'<script type="importmap">{import_map}</script>\n' + context.get("metatags", "")


def _write_specs(app: Sphinx) -> None:
    # Written at every build, like the browser files: the specs live in the config.
    cmap = app.config.sleutelcursus_leerpaden
    if app.builder.format != "html" or not cmap:
        return
    target = Path(app.outdir) / "_static" / STATIC_SUBDIR
    specs = cmap.get("specs", {})
    shutil.rmtree(target / SPECS_FOLDER, ignore_errors=True)  # no spec of a removed exercise stays
    (target / SPECS_FOLDER).mkdir(parents=True)
    for exercise_id, spec in specs.items():
        (target / SPECS_FOLDER / f"{exercise_id}.json").write_text(_compact_json(spec), encoding="utf-8")
    index = {exercise_id: {"title": spec["title"], "type": spec["type"]} for exercise_id, spec in specs.items()}
    (target / SPECS_FILE).write_text(_compact_json(index), encoding="utf-8")


def _compact_json(data) -> str:
    return json.dumps(data, ensure_ascii=False, separators=(",", ":"))


def path_data(cmap: dict, pagename: str, pathto, title) -> dict:
    """What a page tells leerpad.js: each path's pages (title, address), the start and
    progress pages, where the specs are. ``title(doc)`` gives a page's title."""
    specs = cmap.get("specs", {})

    def page(entry: dict, path: str | None) -> dict:
        # Without a path (the trainee chose none) every exercise of the page counts.
        own = [i for i in entry["exercises"] if path is None or on_path(specs.get(i), path)]
        return {"doc": entry["doc"], "title": title(entry["doc"]), "url": pathto(entry["doc"]),
                "check": entry["check"], "exercises": own}

    return {
        "doc": pagename,
        "course": cmap.get("title", ""),
        "start": pathto(cmap["root"]),
        "progress": pathto(PROGRESS_DOC),
        "index": pathto(f"_static/{STATIC_SUBDIR}/{SPECS_FILE}", 1),
        "specs": pathto(f"_static/{STATIC_SUBDIR}/{SPECS_FOLDER}/", 1),
        "paths": [
            {"id": name, "title": path_title, "pages": [page(p, name) for p in cmap["pages"] if name in p["paths"]]}
            for name, path_title in cmap["titles"].items()
        ],
        # Only the progress page needs it: without a chosen path it shows the answers of
        # every exercise.
        **({"pages": [page(p, None) for p in cmap["pages"] if p["exercises"]]} if pagename == PROGRESS_DOC else {}),
    }


def guided_page(cmap: dict, pagename: str) -> bool:
    """Whether leerpad.js has work on this page: a page of a path, where it shows the
    path's links, or the start or progress page (the picker, the progress overview)."""
    return pagename in {cmap.get("root"), PROGRESS_DOC} or any(p["doc"] == pagename for p in cmap.get("pages", []))


def _add_path_assets(app: Sphinx, pagename: str, templatename: str, context: dict, doctree) -> None:
    cmap = app.config.sleutelcursus_leerpaden
    if not cmap or "pathto" not in context or not guided_page(cmap, pagename):
        return
    titles = app.env.titles

    def title(doc: str) -> str:
        return titles[doc].astext() if doc in titles else doc

    data = json.dumps(path_data(cmap, pagename, context["pathto"], title), ensure_ascii=False).replace("</", "<\\/")
    app.add_js_file(None, body=data, type="application/json", id=PATHS_DATA_ID)
    app.add_js_file(f"{STATIC_SUBDIR}/leerpad.js", type="module")
    app.add_css_file(f"{STATIC_SUBDIR}/leerpad.css")
    versions = getattr(app.builder, "sleutelcursus_versions", None)
    if versions:
        metatags = context.get("metatags", "")
        context["metatags"] = metatags + browser_modules.path_preloads(context["pathto"], versions, metatags)


def _write_root_redirect(app: Sphinx, exception) -> None:
    # The course starts at course/index; sphinx-external-toc would leave a bare meta
    # refresh (no lang, no title) as the site's index.html. Ours is a proper Dutch page.
    if exception is not None or app.builder.format != "html" or app.config.root_doc == "index":
        return
    target = f"{app.config.root_doc}.html"
    title = html.escape(app.config.html_title or app.config.project)
    page = (
        f'<!DOCTYPE html>\n<html lang="{html.escape(app.config.language or "nl")}">\n<head>\n'
        f'<meta charset="utf-8">\n<meta name="viewport" content="width=device-width, initial-scale=1">\n'
        f"<title>{title}</title>\n"
        f'<meta http-equiv="refresh" content="0; url={target}">\n{_icon_link(app)}'
        # A join link (/doe-mee/CODE) arrives here as #doe-mee=CODE: the start page needs it.
        f"<script>location.replace({json.dumps(target)} + location.hash);</script>\n</head>\n<body>\n"
        f'<main><h1>{title}</h1><p><a href="{target}">Ga naar de startpagina van de cursus</a>.</p></main>\n'
        "</body>\n</html>\n"
    )
    (Path(app.outdir) / "index.html").write_text(page, encoding="utf-8")


def _icon_link(app: Sphinx) -> str:
    # The site root's own page needs the icon too, or the browser asks for /favicon.ico.
    favicon = app.config.html_favicon
    if not favicon:
        return ""
    href = favicon if "://" in favicon else f"_static/{Path(favicon).name}"
    return f'<link rel="icon" href="{html.escape(href)}">\n'


def _label_toggles(html_text: str) -> str:
    """Give the sidebar's expand/collapse toggles a Dutch accessible name.

    The theme renders each toggle as ``<summary>`` holding only an icon, which screen
    readers announce without a name (axe: summary-name, WCAG 4.1.2).
    """
    from bs4 import BeautifulSoup

    soup = BeautifulSoup(html_text, "html.parser")
    for summary in soup.select("li > details > summary"):
        if summary.get_text(strip=True) or summary.get("aria-label"):
            continue
        link = summary.parent.find_previous_sibling("a")
        name = link.get_text(" ", strip=True) if link else ""
        summary["aria-label"] = f"Onderdelen van {name} tonen of verbergen" if name else "Onderdelen tonen of verbergen"
    return str(soup)


def _accessible_sidebar(app: Sphinx, pagename: str, templatename: str, context: dict, doctree) -> None:
    # The sidebar's toggles get their names, and its long Dutch words soft hyphens: the
    # sidebar is narrow at any width and "sleutelpersonennetwerk" broke without a hyphen.
    generate = context.get("generate_toctree_html")
    if generate is None or getattr(generate, "sleutelcursus_labelled", False):
        return

    def labelled(*args, **kwargs):
        return Markup(hyphenation.hyphenate_text(_label_toggles(str(generate(*args, **kwargs)))))

    labelled.sleutelcursus_labelled = True
    context["generate_toctree_html"] = labelled


def toolkit_stamp() -> str:
    """A hash of what shapes every written page besides the sources: this extension and
    the modules beside it that rewrite a page (page_assets.py, narrow_tables.py, ...),
    the browser files, the page template and the theme's Dutch labels. Given to Sphinx
    as a config value, so a new toolkit version or a changed label rewrites all pages
    (Sphinx would otherwise keep pages whose sources are unchanged)."""
    digest = hashlib.sha256(__version__.encode())
    folders = (FRONTEND, STATIC, TEMPLATES)
    modules = sorted(Path(__file__).parent.glob("*.py"))
    for path in [*modules, theme_labels.CATALOG, *(p for folder in folders for p in sorted(folder.iterdir()))]:
        if path.is_file():
            digest.update(path.name.encode() + path.read_bytes())
    return digest.hexdigest()[:16]


def setup(app: Sphinx) -> dict:
    app.add_config_value("sleutelcursus_stamp", "", "html")
    app.add_config_value("sleutelcursus_leerpaden", {}, "html")
    app.add_css_file(f"{STATIC_SUBDIR}/book.css")
    # The live workshop's bar and join form can show on any page (and the progress page
    # asks before wiping): the host's dialogs and buttons, and live.js's own parts.
    app.add_css_file(f"{STATIC_SUBDIR}/host.css")
    app.add_css_file(f"{STATIC_SUBDIR}/live.css")
    app.connect("config-inited", _force_offline, priority=400)  # before myst-nb reads it (500)
    app.connect("html-page-context", _add_exercise_assets, priority=600)  # after myst-nb's (500)
    app.connect("html-page-context", page_assets.drop_unneeded_assets, priority=900)  # after every asset is added
    app.connect("html-page-context", script_loading.late_theme_scripts, priority=900)
    app.connect("html-page-context", stylesheet_bundles.bundle_page_stylesheets, priority=950)  # after every stylesheet
    app.connect("html-page-context", _accessible_sidebar, priority=600)  # after the theme's (500)
    app.connect("html-page-context", narrow_tables.stack_tables)
    app.connect("html-page-context", output_styles.drop_repeated_styles)
    app.connect("html-page-context", hyphenation.add_soft_hyphens, priority=600)  # after the book theme's titles
    app.connect("config-inited", _add_templates)
    app.connect("config-inited", lambda app, config: dutch_logo_alt(config))
    app.connect("config-inited", lambda app, config: one_search_field(config))
    app.connect("config-inited", hyphenation.hyphenated_book_title)
    add_catalog(app)
    app.connect("config-inited", translate_search_bar_text)
    app.connect("config-inited", add_search_texts)
    app.connect("builder-inited", add_markup_filter)
    app.connect("builder-inited", add_article_filter)
    setup_trainee_pages(app)
    setup_search_results(app)
    app.connect("builder-inited", _copy_frontend)
    app.connect("builder-inited", light_assets.restore_theme_files, priority=400)  # before _copy_frontend writes
    app.connect("builder-inited", _write_specs)
    app.connect("builder-inited", page_assets.without_thebe_page_settings)
    app.connect("html-page-context", _add_path_assets, priority=650)  # after the exercise assets' preloads
    app.connect("html-page-context", _add_import_map, priority=700)  # after the exercise and path assets
    app.connect("builder-inited", _add_filters)
    app.connect("build-finished", _write_root_redirect, priority=400)  # before sphinx-external-toc's
    app.connect("build-finished", light_assets.lighten, priority=900)  # once every page is written
    app.connect("build-finished", stylesheet_bundles.write_theme_bundle, priority=950)  # from the trimmed sheets
    app.connect("build-finished", theme_labels.dutch_copy_button, priority=880)  # before it is minified
    app.connect("build-finished", static_scripts.minify_scripts, priority=890)  # before the trim: it reads them as served
    return {"version": __version__, "parallel_read_safe": True, "parallel_write_safe": True}
