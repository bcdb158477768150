"""The theme's files on a page: one stylesheet of its own, its scripts after the first paint.

book/stylesheet_bundles.py makes the theme's and the toolkit's stylesheets one file each;
book/script_loading.py loads the theme's scripts once the page is read. These tests open
the built book in Chromium and check what a reader gets: the theme's look and its parts
working, nothing the theme needs missing, and a dark system seeing no light page first.
"""

from __future__ import annotations

import hashlib
import re

import pytest

from sleutelcursus.book.script_loading import with_late_loader

from webtools import wait_for_theme_scripts, watch_page

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
    page.goto(base_url + EXERCISE_PAGE)
    # The page is read without waiting for a stylesheet: no classic script after them in
    # the head (Sphinx's settings and sphinx-thebe's inline script went, the loader is at
    # the end of the body).
    head = page.evaluate("""() => [...document.head.children].map((e) => e.tagName === 'SCRIPT'
        ? (e.type || 'classic') : e.tagName === 'LINK' ? e.rel : '').filter(Boolean)""")
    classic_after_css = head[head.index("stylesheet"):].count("classic")
    assert classic_after_css == 0, head
    assert page.locator("script[type='text/x-thebe-config']").count() == 0
    wait_for_theme_scripts(page)
    assert _stylesheets(page) == ["styles/sleutelcursus-thema.css", "sleutelcursus/sleutelcursus.css"]
    at_read = page.evaluate("window.__atRead")
    assert not set(THEME_SCRIPTS) & set(at_read["names"]), at_read["names"]
    assert at_read["bootstrap"] == "undefined"
    # Loaded in the end, and working: Sphinx's gettext speaks Dutch, Bootstrap is there.
    assert page.evaluate("typeof bootstrap") == "object"
    # Sphinx's settings came first, with the page's own lines run right after them.
    assert page.evaluate("DOCUMENTATION_OPTIONS.pagename") == EXERCISE_PAGE.removesuffix(".html")
    assert page.evaluate("DOCUMENTATION_OPTIONS.search_as_you_type") is False
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
    wait_for_theme_scripts(page)
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
    # Its address, and the address of each font it names, is the hash of their content:
    # a rebuild that trims or subsets differently is a new address for a returning reader.
    digest = hashlib.sha256(bundle.encode()).hexdigest()[:8]
    for page in ("course/index.html", "course/fase-3/vertrouwen.html", "search.html"):
        assert f"sleutelcursus-thema.css?v={digest}" in (site / page).read_text(encoding="utf-8"), page
    fonts = re.findall(r"url\((\.\./vendor/fontawesome/webfonts/[\w.-]+)\?v=(\w+)\)", bundle)
    assert fonts and all(hashlib.sha256((site / "_static" / "styles" / url).read_bytes()).hexdigest()[:8] == version
                         for url, version in fonts), fonts
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
    wait_for_theme_scripts(page)
    page.locator("button.theme-switch-button:visible").first.focus()
    inner = page.locator(".tooltip.show .tooltip-inner")
    inner.wait_for()
    colours = inner.evaluate("(e) => [getComputedStyle(e).backgroundColor, getComputedStyle(e).color]")
    assert colours[0] not in ("rgba(0, 0, 0, 0)", "transparent") and colours[0] != colours[1], colours
    context.close()


# A page of its own (routed, nothing on the network): three scripts given to the loader
# as the book gives them, the first with its inline lines; the first answers last.
ORDER_PAGE = """<!doctype html><html lang="nl"><head><script>window.order = []</script></head>
<body><p>Tekst</p>LOADER</body></html>"""
ORDER_SCRIPTS = {"/a.js": "window.A = 1; order.push('a')", "/b.js": "order.push('b')", "/c.js": "order.push('c')"}


@pytest.mark.browser
def test_the_loader_runs_the_scripts_in_order_with_the_inline_lines_right_after_theirs(browser):
    loader = str(with_late_loader("", [{"src": "/a.js", "then": "order.push('then ' + window.A)"},
                                       {"src": "/b.js"}, {"src": "/c.js"}]))
    page = browser.new_page()
    late = []

    def answer(route):
        path = route.request.url.removeprefix("http://boek.test")
        if path == "/pagina.html":
            return route.fulfill(body=ORDER_PAGE.replace("LOADER", loader), content_type="text/html")
        if path == "/a.js" and not late:  # hold the first until the others are in
            late.append(route)
            return None
        route.fulfill(body=ORDER_SCRIPTS[path], content_type="text/javascript")
        if late and path == "/c.js":
            late.pop().fulfill(body=ORDER_SCRIPTS["/a.js"], content_type="text/javascript")

    page.route("http://boek.test/**", answer)
    page.goto("http://boek.test/pagina.html")
    page.wait_for_function("document.documentElement.dataset.scThemeScripts === 'ready'")
    assert page.evaluate("order") == ["a", "then 1", "b", "c"]
    page.close()


@pytest.mark.browser
def test_ctrl_k_before_the_theme_s_scripts_opens_the_theme_s_search_once_they_are_in(browser, book_server):
    # Found by a trainee's trial: Ctrl+K pressed as the page appeared did nothing (in a
    # desktop browser it would open the browser's own web search).
    base_url, _ = book_server
    page = browser.new_page()
    held = []
    page.route("**/pydata-sphinx-theme.js*", lambda route: held.append(route))  # the theme's search script waits
    page.goto(base_url + EXERCISE_PAGE, wait_until="domcontentloaded")  # "load" may wait for the held script
    page.wait_for_function("document.documentElement.dataset.scExercises === 'ready'")
    page.keyboard.press("Control+k")
    for _ in range(100):
        if held:
            break
        page.wait_for_timeout(20)
    assert held and page.evaluate("document.documentElement.dataset.scThemeScripts") == "pending"
    assert not page.evaluate("document.querySelector('#pst-search-dialog').open")
    held[0].continue_()
    page.wait_for_function("document.querySelector('#pst-search-dialog').open")
    assert page.evaluate("document.activeElement.closest('#pst-search-dialog') !== null")
    page.close()
