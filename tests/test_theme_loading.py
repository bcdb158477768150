"""The theme's files on a page: one stylesheet of its own, its scripts after the first paint.

book/stylesheet_bundles.py makes the theme's and the toolkit's stylesheets one file each;
book/script_loading.py loads the theme's scripts once the page is read. These tests open
the built book in Chromium and check what a reader gets: the theme's look and its parts
working, nothing the theme needs missing, and a dark system seeing no light page first.
"""

from __future__ import annotations

import pytest

from webtools import serve_directory, watch_page

EXERCISE_PAGE = "course/fase-3/vertrouwen.html"
THEME_SCRIPTS = ("doctools.js", "translations.js", "sphinx_highlight.js", "sphinx-book-theme.js", "bootstrap.js",
                 "pydata-sphinx-theme.js")

# Before any script of the page: what the reader's browser has when the page is read,
# before the theme's scripts ran (this listener is the first on DOMContentLoaded).
RECORD = """(() => {
  window.__atRead = {};
  document.addEventListener("DOMContentLoaded", () => {
    const names = performance.getEntriesByType("resource").map((r) => r.name.split("?")[0].split("/").pop());
    window.__atRead = { theme: document.documentElement.dataset.theme, names,
                        bootstrap: typeof window.bootstrap, exercises: document.documentElement.dataset.scExercises };
  }, { capture: true });
})();"""


def _stylesheets(page) -> list[str]:
    return page.evaluate("""() => [...document.querySelectorAll('link[rel=stylesheet]')]
        .map((l) => new URL(l.href).pathname.split('/').slice(-2).join('/'))""")


@pytest.mark.browser
def test_an_exercise_page_links_two_stylesheets_and_the_theme_scripts_come_after_it_is_read(browser, book_server):
    base_url, _ = book_server
    context = browser.new_context()
    context.add_init_script(RECORD)
    page = context.new_page()
    watch = watch_page(page, base_url)
    page.goto(base_url + EXERCISE_PAGE)  # waits for "load": the theme's scripts are in by then
    assert _stylesheets(page) == ["styles/sleutelcursus-thema.css", "sleutelcursus/sleutelcursus.css"]
    at_read = page.evaluate("window.__atRead")
    assert not set(THEME_SCRIPTS) & set(at_read["names"]), at_read["names"]
    assert at_read["bootstrap"] == "undefined"
    # Loaded in the end, and working: Sphinx's gettext speaks Dutch, Bootstrap is there.
    assert page.evaluate("typeof bootstrap") == "object"
    assert page.evaluate("Documentation.gettext('Hide Search Matches')") != "Hide Search Matches"
    loaded = page.evaluate("performance.getEntriesByType('resource').map((r) => r.name.split('?')[0].split('/').pop())")
    assert all(loaded.count(name) == 1 for name in THEME_SCRIPTS), loaded
    assert not watch.console_errors and not watch.outside
    context.close()


@pytest.mark.browser
@pytest.mark.parametrize("scheme", ["dark", "light"])
def test_the_colour_of_the_reader_s_system_is_there_before_the_theme_scripts(browser, book_server, scheme):
    base_url, _ = book_server
    context = browser.new_context(color_scheme=scheme)
    context.add_init_script(RECORD)
    page = context.new_page()
    page.goto(base_url + EXERCISE_PAGE)
    assert page.evaluate("window.__atRead.theme") == scheme
    background = page.evaluate("getComputedStyle(document.body).backgroundColor")
    assert page.evaluate("document.documentElement.dataset.theme") == scheme
    # The theme's own script, run later, agrees: the page did not change its colours.
    assert page.evaluate("getComputedStyle(document.body).backgroundColor") == background
    context.close()


@pytest.mark.browser
def test_a_chosen_colour_mode_holds_over_the_system_s(browser, book_server):
    base_url, _ = book_server
    context = browser.new_context(color_scheme="dark")
    context.add_init_script("localStorage.setItem('mode', 'light'); localStorage.setItem('theme', 'light');")
    context.add_init_script(RECORD)
    page = context.new_page()
    page.goto(base_url + EXERCISE_PAGE)
    assert page.evaluate("window.__atRead.theme") == "light"
    context.close()


@pytest.mark.browser
def test_the_theme_bundle_keeps_the_theme_s_look_and_its_files(browser, book_server):
    base_url, site = book_server
    bundle = (site / "_static" / "styles" / "sleutelcursus-thema.css").read_text(encoding="utf-8")
    # Each part of the theme is in (pydata's variables, the book theme's, myst-nb's cells,
    # Sphinx's basic rules) with one @charset, at the top.
    for mark in ("--pst-color-primary", ".bd-sidebar-primary", "div.cell_output", "div.section::after"):
        assert mark in bundle, mark
    assert bundle.startswith('@charset "UTF-8";') and bundle.count("@charset") == 1
    context = browser.new_context()
    page = context.new_page()
    responses = []
    page.on("response", lambda r: responses.append((r.url, r.status)))
    page.goto(base_url + "course/index.html", wait_until="networkidle")
    # The icon font the bundle names is found from its new place (one folder up).
    fonts = [(url, status) for url, status in responses if url.split("?")[0].endswith(".woff2")]
    assert fonts and all(status == 200 for _, status in fonts), fonts
    assert all(status < 400 for _, status in responses), [r for r in responses if r[1] >= 400]
    # The theme's layout holds: the article sits beside the sidebar, in the theme's font.
    article = page.locator("article.bd-article").bounding_box()
    sidebar = page.locator(".bd-sidebar-primary").bounding_box()
    assert sidebar["x"] + sidebar["width"] <= article["x"]
    context.close()


@pytest.mark.browser
@pytest.mark.parametrize("scheme", ["light", "dark"])
def test_the_header_tooltips_have_their_box(browser, book_server, scheme):
    # The theme trim dropped Bootstrap's tooltip rules (its template was not seen as
    # markup), so "Kleurmodus" was drawn without a box over the page title.
    base_url, _ = book_server
    context = browser.new_context(viewport={"width": 360, "height": 740}, color_scheme=scheme)
    page = context.new_page()
    page.goto(base_url + EXERCISE_PAGE)
    page.locator("button.theme-switch-button:visible").first.focus()
    inner = page.locator(".tooltip.show .tooltip-inner")
    inner.wait_for()
    colours = inner.evaluate("(e) => [getComputedStyle(e).backgroundColor, getComputedStyle(e).color]")
    assert colours[0] not in ("rgba(0, 0, 0, 0)", "transparent") and colours[0] != colours[1], colours
    context.close()
