"""The built national course in a real browser: Dutch, complete and fully offline."""

from __future__ import annotations

import re
import time

import pytest

from pagelayout import open_page
from sites import site_pages

pytestmark = [pytest.mark.browser, pytest.mark.slow]


def test_every_page_makes_no_request_outside_the_site(browser, book_server):
    base_url, site = book_server
    pages = site_pages(site)
    assert len(pages) >= 10
    context = browser.new_context()
    outside: dict[str, list[str]] = {}
    errors: dict[str, list[str]] = {}
    for rel in pages:
        page, watch = open_page(context, base_url, rel)
        if watch.outside:
            outside[rel] = watch.outside
        if watch.console_errors:
            errors[rel] = watch.console_errors
        page.close()
    context.close()
    assert outside == {}, f"verzoeken buiten de site: {outside}"
    assert errors == {}, f"fouten in de console: {errors}"


def test_every_page_is_dutch(book_server):
    _, site = book_server
    for rel in site_pages(site):
        head = (site / rel).read_text(encoding="utf-8")[:400]
        assert 'lang="nl"' in head, rel


def test_search_uses_the_dutch_stemmer(book_server):
    _, site = book_server
    assert (site / "_static" / "dutch-stemmer.js").is_file()
    # Minified (book/static_scripts.py): the quotes may change, the setting may not.
    assert re.search(r"LANGUAGE: ?['\"]nl['\"]", (site / "_static" / "documentation_options.js").read_text(encoding="utf-8"))


def test_no_cdn_script_for_widgets_on_exercise_pages(book_server):
    _, site = book_server
    html = (site / "course" / "fase-2" / "diversiteit.html").read_text(encoding="utf-8")
    assert "require.min.js" not in html and "html-manager" not in html and "embed-amd" not in html
    assert "_static/sleutelcursus/host.js?v=" in html


def test_pages_load_neither_the_icon_script_nor_the_search_index_except_search(book_server):
    _, site = book_server
    for rel in site_pages(site):
        html = (site / rel).read_text(encoding="utf-8")
        assert "fontawesome.js" not in html, rel
        if rel != "search.html":
            assert "searchindex.js" not in html and "searchtools.js" not in html, rel
    search = (site / "search.html").read_text(encoding="utf-8")
    assert "searchindex.js" in search and "searchtools.js" in search


def test_icons_are_drawn_from_the_theme_font_without_its_script(browser, book_server):
    base_url, _ = book_server
    context = browser.new_context()
    page, watch = open_page(context, base_url, "course/index.html")
    page.evaluate("document.fonts.ready")
    icon = page.evaluate("""() => {
      const i = document.querySelector('.search-button__button i.fa-magnifying-glass');
      const style = getComputedStyle(i, '::before');
      return { font: style.fontFamily, content: style.content, width: i.getBoundingClientRect().width,
               loaded: document.fonts.check('900 16px "Font Awesome 6 Free"') };
    }""")
    assert "Font Awesome 6 Free" in icon["font"] and icon["content"] not in ("none", "normal", '""')
    assert icon["width"] > 5 and icon["loaded"]
    assert not watch.outside and not watch.console_errors
    context.close()


def test_exercise_pages_start_their_exercises_with_one_inline_module(book_server):
    _, site = book_server
    html = (site / "course" / "fase-2" / "diversiteit.html").read_text(encoding="utf-8")
    assert html.count("data-sleutelcursus-start") == 1
    assert 'import * as composition from "../../_static/sleutelcursus/composition.js?v=' in html
    assert 'src="../../_static/sleutelcursus/host.js' not in html  # imported, not linked


def test_extension_scripts_load_only_on_pages_they_have_work_on_and_still_work_there(browser, book_server):
    # Copy button, toggle button, tabs and Pygments' colours weighed 48 KB on every page.
    base_url, site = book_server
    prose = (site / "course" / "fase-1" / "doel.html").read_text(encoding="utf-8")
    for name in ("clipboard.min.js", "copybutton.js", "togglebutton.js", "design-tabs.js", "pygments.css", "sphinx-design"):
        assert name not in prose, name
    code = (site / "course" / "gemeenten" / "lokale-modules.html").read_text(encoding="utf-8")
    assert "copybutton.js" in code and "pygments.css" in code
    context = browser.new_context()
    page, watch = open_page(context, base_url, "course/gemeenten/lokale-modules.html")
    assert page.locator("div.highlight button.copybtn").count() > 0
    assert not watch.outside and not watch.console_errors
    context.close()


@pytest.mark.parametrize("library_late", [False, True])
def test_the_copy_button_s_library_comes_when_a_reader_goes_to_copy_and_copies(browser, book_server, library_late):
    # ClipboardJS weighed 9 KB on every page with code (page_assets.CLIPBOARD_ON_DEMAND).
    base_url, _ = book_server
    context = browser.new_context()
    context.grant_permissions(["clipboard-read", "clipboard-write"], origin=base_url.rstrip("/"))
    asked = []
    context.on("request", lambda request: asked.append(request.url) if "clipboard.min.js" in request.url else None)
    if library_late:  # a tap: the press comes before the library is in
        def late(route):
            time.sleep(0.6)
            route.continue_()
        context.route("**/clipboard.min.js*", late)
    page, watch = open_page(context, base_url, "exercises/workshop-fase-2.html")
    button = page.locator("div.highlight button.copybtn").first
    assert button.count() == 1 and asked == []  # the buttons are there, the library is not
    code = page.locator("div.highlight pre").first.inner_text().strip()
    tooltip, titles = button.get_attribute("data-tooltip"), button.locator("title").all_text_contents()
    if not library_late:  # pointing at the button brings the library
        button.hover()
        page.wait_for_function("() => typeof window.ClipboardJS.copy === 'function'")
    button.click()
    page.wait_for_function("([b, t]) => b.dataset.tooltip !== t", arg=[button.element_handle(), tooltip])
    # In Dutch, as the page (sphinx-copybutton has no Dutch words: theme_labels.py gives them).
    assert tooltip == "Kopieer" and button.get_attribute("data-tooltip") == "Gekopieerd!"
    assert titles == ["Kopieer naar het klembord"]
    assert len(asked) == 1 and re.search(r"clipboard\.min\.js\?v=[0-9a-f]{8}$", asked[0])
    assert page.evaluate("navigator.clipboard.readText()").strip() == code
    assert not watch.outside and not watch.console_errors
    context.close()


def test_pages_outside_every_learning_path_load_no_path_script(book_server):
    _, site = book_server
    outside = (site / "exercises" / "workshops.html").read_text(encoding="utf-8")
    # The page's import map names every module (live.js, on every page, may need them); none loads here.
    assert not re.search(r'<script[^>]+src="[^"]*leerpad\.js', outside) and "leerpad.css" not in outside
    for rel in ("course/index.html", "course/voortgang.html", "course/fase-1/doel.html"):
        html = (site / rel).read_text(encoding="utf-8")
        assert "sleutelcursus/leerpad.js?v=" in html and '<script type="importmap">' in html, rel


def test_the_themes_labels_are_dutch(book_server):
    from sleutelcursus.book.theme_labels import CATALOG, SEARCH_BAR_TEXT, UNTRANSLATED_MARKUP, read_catalog

    _, site = book_server
    html = (site / "course" / "fase-1" / "kaders.html").read_text(encoding="utf-8")
    labels = [message.id for message in read_catalog(CATALOG.read_bytes(), CATALOG) if message.id and not message.context]
    for english in [*labels, SEARCH_BAR_TEXT]:
        assert f">{english}<" not in html and f'"{english}"' not in html, english
    for dutch in ["Naar de hoofdtekst", "Terug naar boven", "Kleurmodus", "Menu tonen of verbergen", "vorige pagina",
                  "volgende pagina", "Link naar dit kopje", "Zoek in de cursus..."]:
        assert dutch in html, dutch
    # Names sphinx-book-theme writes in English into its templates.
    for before, english, after in UNTRANSLATED_MARKUP:
        assert before + english + after not in html, english
    for dutch in ['title="Menu tonen of verbergen"', 'title="Inhoud van deze pagina tonen of verbergen"',
                  'aria-label="Hoofdmenu"', '<nav aria-label="Inhoud van deze pagina">']:
        assert dutch in html, dutch
    # A label Sphinx translates itself keeps Sphinx's word.
    assert 'title="Zoeken"' in html


def test_the_menu_button_opens_the_course_menu_on_a_phone_and_hides_it_on_a_wide_screen(browser, book_server):
    base_url, _ = book_server
    page = browser.new_page(viewport={"width": 360, "height": 740})
    page.goto(base_url + "course/fase-1/doel.html")
    page.wait_for_load_state("networkidle")
    # The themes' scripts bind the first of each; a hidden copy would take the click.
    assert page.locator(".primary-toggle").count() == 1 and page.locator(".secondary-toggle").count() == 1
    menu = page.get_by_role("button", name="Menu tonen of verbergen")
    menu.focus()
    page.keyboard.press("Enter")
    modal = page.locator("dialog#pst-primary-sidebar-modal")
    modal.get_by_role("link", name="Kennischeck fase 1").first.wait_for()
    assert page.evaluate("document.querySelector('#pst-primary-sidebar-modal').open")
    page.keyboard.press("Escape")
    page.wait_for_function("!document.querySelector('#pst-primary-sidebar-modal').open")
    # The focus comes back one task after the dialog's close event (templates/layout.html).
    page.wait_for_function("document.activeElement.classList.contains('primary-toggle')", timeout=2000)
    contents = page.get_by_role("button", name="Inhoud van deze pagina tonen of verbergen")
    contents.focus()
    page.keyboard.press("Enter")
    page.wait_for_function("document.querySelector('#pst-secondary-sidebar-modal').open")
    page.keyboard.press("Escape")
    page.wait_for_function("!document.querySelector('#pst-secondary-sidebar-modal').open")
    page.wait_for_function("document.activeElement.classList.contains('secondary-toggle')", timeout=2000)
    page.set_viewport_size({"width": 1280, "height": 800})
    sidebar = page.locator("#pst-primary-sidebar")
    assert sidebar.is_visible()
    menu.click()
    page.wait_for_function("document.querySelector('#pst-primary-sidebar').classList.contains('pst-sidebar-hidden')")
    menu.click()
    page.wait_for_function("!document.querySelector('#pst-primary-sidebar').classList.contains('pst-sidebar-hidden')")
    page.close()


def test_the_link_that_hides_search_matches_is_dutch(browser, book_server):
    # Found by a trainee's trial: after opening a search result it said "Hide Search Matches".
    base_url, _ = book_server
    page = browser.new_page()
    page.goto(base_url + "course/fase-1/draagvlak.html?highlight=gemeenten")
    link = page.locator("#searchbox .highlight-link a")
    link.wait_for()
    assert link.inner_text().strip() == "Zoekresultaten verbergen"
    assert page.locator("span.highlighted").count() > 0
    page.close()
