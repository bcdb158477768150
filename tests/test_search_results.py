"""Search results as a trainee reads them (issue 11, the trainees' trial): whom each page
is for, and the search words highlighted only on the page opened from the results."""

from __future__ import annotations

import re
from urllib.parse import urljoin, urlsplit

import pytest
from bs4 import BeautifulSoup
from docutils import nodes
from sphinx import addnodes

from sleutelcursus.book.search_results import audiences, part_captions
from sleutelcursus.book.trainee_pages import for_trainees
from trainees import assert_clean, axe_violations
from webtools import wait_for_theme_scripts, watch_page

DONE = "document.querySelector('#search-results h2')?.innerText.trim() === Documentation.gettext('Search Results')"
HIDE_LINK = "#searchbox .highlight-link"


def toctree(caption: str | None, *docs: str) -> addnodes.toctree:
    return addnodes.toctree(caption=caption, includefiles=list(docs))


def test_each_page_gets_the_caption_of_its_part_with_the_pages_below_it():
    root = nodes.section("", toctree("Fase 1", "course/fase-1/index"), toctree(None, "course/losse-pagina"),
                         toctree("Voor trainers", "exercises/workshops"), toctree("Voor gemeenten", "course/gemeenten/a"))
    includes = {"exercises/workshops": ["exercises/workshop-fase-1"], "exercises/workshop-fase-1": ["exercises/diep"]}
    captions = part_captions(root, includes)
    assert captions == {"course/fase-1/index": "Fase 1", "exercises/workshops": "Voor trainers",
                        "exercises/workshop-fase-1": "Voor trainers", "exercises/diep": "Voor trainers",
                        "course/gemeenten/a": "Voor gemeenten"}
    # Only pages that are not a trainee's are named, by the address searchtools.js links.
    assert audiences(captions, ".html") == {"exercises/workshops.html": "Voor trainers",
                                            "exercises/workshop-fase-1.html": "Voor trainers",
                                            "exercises/diep.html": "Voor trainers",
                                            "course/gemeenten/a.html": "Voor gemeenten"}


def sidebar_captions(site) -> dict[str, str]:
    """Each page the start page's sidebar lists -> the caption of the part it stands under."""
    sidebar = BeautifulSoup((site / "course/index.html").read_text(encoding="utf-8"), "html.parser")
    found = {}
    for caption in sidebar.select("nav.bd-docs-nav p.caption"):
        for link in caption.find_next_sibling("ul").select("a[href]"):
            found[urlsplit(urljoin("course/index.html", link["href"])).path] = caption.get_text(strip=True)
    return found


def results(page) -> list[tuple[str, str | None]]:
    """Each result of the search page: (page, its audience label or None)."""
    page.wait_for_function(DONE)
    items = page.eval_on_selector_all(
        "#search-results ul.search > li",
        "items => items.map((li) => [li.querySelector('a').href, li.querySelector('.sc-doelgroep')?.textContent ?? null])")
    return [(urlsplit(href).path.lstrip("/"), label) for href, label in items]


@pytest.fixture
def searched(browser, book_server):
    """A fresh browser context on the search page's results for "gemeenten":
    ``(page, base_url, site)``; nothing went wrong in it at the end."""
    base_url, site = book_server
    context = browser.new_context()
    page = context.new_page()
    watch = watch_page(page, base_url)
    page.goto(base_url + "search.html?q=gemeenten")
    yield page, base_url, site
    assert_clean(watch)
    context.close()


@pytest.mark.browser
def test_results_for_trainers_and_municipalities_say_so_with_the_sidebars_caption(searched):
    page, _, site = searched
    expected = sidebar_captions(site)
    found = results(page)
    for rel, label in found:
        assert label == (None if for_trainees(rel.removesuffix(".html")) else expected[rel]), rel
    assert {label for _, label in found} == {None, "Voor trainers", "Voor gemeenten"}
    page.wait_for_function("document.querySelectorAll('#search-results li').length"
                           " === document.querySelectorAll('#search-results p.context').length")
    assert axe_violations(page, "#search-results") == []


def highlights(page) -> tuple[int, int]:
    """(highlighted words, "Zoekresultaten verbergen" links) once the theme's scripts ran."""
    wait_for_theme_scripts(page)
    page.wait_for_timeout(100)  # sphinx_highlight.js marks the words 10 ms after it runs
    return page.locator("span.highlighted").count(), page.locator(HIDE_LINK).count()


@pytest.mark.browser
def test_search_words_are_highlighted_on_the_page_opened_from_the_results_only(searched):
    page, base_url, _ = searched
    results(page)
    page.locator("#search-results ul.search > li > a").first.click()
    page.wait_for_load_state()
    words, links = highlights(page)
    assert words > 0 and links == 1
    assert page.locator(HIDE_LINK).inner_text().strip() == "Zoekresultaten verbergen"
    # On by a link from that page: nothing highlighted.
    page.locator("a.right-next").first.click()
    page.wait_for_load_state()
    assert highlights(page) == (0, 0)
    # Back to the results (searchtools.js stores the words again), then on to
    # another page, not by a result: nothing highlighted there either.
    page.goto(base_url + "search.html?q=gemeenten")
    results(page)
    page.locator("a.navbar-brand").first.click()
    page.wait_for_url(base_url + "course/index.html")
    assert highlights(page) == (0, 0)
    page.locator("nav.bd-docs-nav a", has_text="Werving").first.click()
    page.wait_for_load_state()
    assert highlights(page) == (0, 0)


CONTRAST = """() => [...document.querySelectorAll('span.highlighted')].map((span) => {
  const rgb = (text) => text.match(/[\\d.]+/g).slice(0, 3).map(Number);
  const lum = (c) => { const [r, g, b] = c.map((v) => { v /= 255; return v <= 0.03928 ? v / 12.92 : ((v + 0.055) / 1.055) ** 2.4; });
                        return 0.2126 * r + 0.7152 * g + 0.0722 * b; };
  const style = getComputedStyle(span), [a, b] = [lum(rgb(style.color)), lum(rgb(style.backgroundColor))];
  return [span.closest('nav, article')?.tagName ?? '', (Math.max(a, b) + 0.05) / (Math.min(a, b) + 0.05)];
})"""


@pytest.mark.browser
@pytest.mark.parametrize("scheme", ["dark", "light"])
@pytest.mark.parametrize("word", ["voorzitter", "vertrouwen"])
def test_highlighted_search_words_keep_aa_contrast_in_the_text_and_the_page_contents(browser, book_server, scheme, word):
    # Found by trainees' trials: in dark mode a highlighted word in "Inhoud" was grey on olive, 2.68:1;
    # in light mode the word in the menu's link to the opened page was link blue on orange, 3.22:1.
    base_url, _ = book_server
    context = browser.new_context(color_scheme=scheme)
    page = context.new_page()
    page.goto(base_url + f"course/fase-3/vertrouwen.html?highlight={word}")
    highlights(page)
    if word == "vertrouwen":
        assert page.locator("nav.bd-docs-nav a span.highlighted").count()
    found = page.evaluate(CONTRAST)
    assert {place for place, _ in found} >= {"NAV", "ARTICLE"}, found
    assert all(ratio >= 4.5 for _, ratio in found), found
    context.close()


@pytest.mark.browser
def test_hiding_the_search_words_puts_the_focus_on_the_article_s_heading(browser, book_server):
    # Found by a trainee's trial: Enter on "Zoekresultaten verbergen" left the focus on <body>.
    base_url, _ = book_server
    page = browser.new_page()
    page.goto(base_url + "course/fase-3/vertrouwen.html?highlight=voorzitter")
    assert highlights(page)[1] == 1
    page.locator(HIDE_LINK + " a").focus()
    page.keyboard.press("Enter")
    page.wait_for_function("document.activeElement.matches('article.bd-article :is(h1, h2)')")
    assert page.locator("span.highlighted").count() == 0
    page.close()


SNIPPETS = """() => [...document.querySelectorAll('#search-results p.context')].map((p) => ({
  text: p.textContent, marked: [...p.querySelectorAll('span.highlighted')].map((s) => s.textContent.toLowerCase()) }))"""


@pytest.mark.browser
@pytest.mark.parametrize("scheme", ["light", "dark"])
@pytest.mark.parametrize("query, forms", [("netwerken", r"netwerk(?:en)?"), ("zichtbaarheid", r"zichtbaarheid")])
def test_result_snippets_mark_the_searched_word_in_each_form_found(browser, book_server, scheme, query, forms):
    # Found by a trainee's trial: "netwerken" found the pages about a "netwerk", with nothing
    # marked in their snippets; a long word in a quoted heading (soft hyphens) neither.
    base_url, _ = book_server
    context = browser.new_context(color_scheme=scheme)
    page = context.new_page()
    watch = watch_page(page, base_url)
    page.goto(base_url + "search.html?q=" + query)
    results(page)
    page.wait_for_function("document.querySelectorAll('#search-results li').length"
                           " === document.querySelectorAll('#search-results p.context').length")
    snippets = page.evaluate(SNIPPETS)
    whole = re.compile(rf"(?<!\w){forms}(?!\w)", re.IGNORECASE)
    with_word = [s for s in snippets if whole.search(s["text"].replace("\u00ad", ""))]
    assert len(with_word) >= 2, snippets
    for snippet in with_word:
        assert "\u00ad" not in snippet["text"], snippet
        assert {w.lower() for w in whole.findall(snippet["text"])} <= set(snippet["marked"]), snippet
    found = page.evaluate(CONTRAST)
    assert found and all(ratio >= 4.5 for _, ratio in found), found
    assert_clean(watch)
    context.close()


NETWERK_ON_PAGE = """() => {
  const words = (text) => text.replaceAll('\\u00ad', '').toLowerCase().match(/[\\p{L}\\p{N}_]+/gu) || [];
  const article = document.querySelector('article.bd-article'), marks = [...article.querySelectorAll('span.highlighted')];
  const walker = document.createTreeWalker(article, NodeFilter.SHOW_TEXT), unmarked = [];
  for (let node; (node = walker.nextNode());)
    if (!node.parentElement.closest('.highlighted, script, style')) unmarked.push(...words(node.data).filter((w) => w === 'netwerk'));
  return { firstScreen: marks.filter((s) => words(s.textContent).join() === 'netwerk'
                                        && s.getBoundingClientRect().bottom <= innerHeight).length,
           unmarked: unmarked.length };
}"""


@pytest.mark.browser
@pytest.mark.parametrize("scheme", ["light", "dark"])
def test_the_page_opened_from_a_result_marks_the_words_the_results_page_marks(browser, book_server, scheme):
    # Found by a trainee's trial: the results for "netwerken" marked every "netwerk", the page
    # "1.2 Bestuurlijk draagvlak" opened from them only "netwerken": its first screen looked unmarked.
    base_url, _ = book_server
    context = browser.new_context(color_scheme=scheme, viewport={"width": 1280, "height": 800})
    page = context.new_page()
    watch = watch_page(page, base_url)
    page.goto(base_url + "search.html?q=netwerken")
    results(page)
    page.locator('#search-results ul.search > li > a[href*="fase-1/draagvlak.html"]').first.click()
    page.wait_for_url("**/course/fase-1/draagvlak.html")
    highlights(page)
    page.wait_for_function(f"({NETWERK_ON_PAGE})().firstScreen > 0")
    assert page.evaluate(NETWERK_ON_PAGE)["unmarked"] == 0
    assert page.locator(HIDE_LINK).count() == 1
    found = page.evaluate(CONTRAST)
    assert found and all(ratio >= 4.5 for _, ratio in found), found
    assert_clean(watch)
    context.close()
