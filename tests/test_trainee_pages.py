"""What the book offers a trainee: search snippets from the page's own text, plain Dutch
when nothing is found, no source download, and a "Volgende" that stays on trainee pages."""

from __future__ import annotations

import re
from pathlib import Path
from urllib.parse import urljoin, urlsplit

import pytest
from bs4 import BeautifulSoup

from sites import site_pages
from sleutelcursus.book.article_main import article_as_main
from sleutelcursus.book.trainee_pages import for_trainees
from trainees import assert_clean
from webtools import watch_page

NOT_FOUND = "Niets gevonden. Kijk of de woorden goed geschreven zijn. Of zoek met minder woorden of met andere woorden."


def soup(site, rel: str) -> BeautifulSoup:
    return BeautifulSoup((site / rel).read_text(encoding="utf-8"), "html.parser")


def flat(text: str) -> str:
    # Soft hyphens (hyphenation.py) are in the article, not in what a reader sees of it.
    return " ".join(text.replace("\u00ad", "").split())


def test_the_article_becomes_the_one_main_landmark():
    page = ('<main id="main-content" class="bd-main" role="main"><div class="bd-header-article">Knoppen</div>'
            '<article class="bd-article"><h1>Titel</h1></article><footer>Volgende</footer></main>')
    out = BeautifulSoup(str(article_as_main(page)), "html.parser")
    assert [tag.name for tag in out.select('[role="main"]')] == ["article"] and out.find("main") is None
    assert out.select_one("#main-content").name == "div" and out.select_one("#main-content footer")
    # A page without the theme's article (the search page) keeps its main as it is.
    search = '<main id="main-content" class="bd-main" role="main"><div id="search-results"></div></main>'
    assert str(article_as_main(search)) == search


def test_every_page_has_one_main_landmark_and_on_a_page_with_text_it_is_the_article(built_book):
    for rel in site_pages(built_book):
        page = soup(built_book, rel)
        mains = page.select('main, [role="main"]')
        if not page.select_one("#main-content"):
            continue  # the redirect page at the root
        assert len(mains) == 1, rel
        if page.select_one("article.bd-article"):
            assert mains[0].name == "article", rel


@pytest.mark.browser
def test_search_snippets_come_from_the_article_and_nothing_found_is_said_plainly(browser, book_server):
    base_url, site = book_server
    context = browser.new_context()
    page = context.new_page()
    watch = watch_page(page, base_url)
    try:
        page.goto(base_url + "search.html?q=stoorzender")
        page.wait_for_function("() => document.querySelector('#search-results > p')?.textContent.startsWith('Klaar met zoeken.')")
        status = page.text_content("#search-results > p")
        count = int(re.fullmatch(r"Klaar met zoeken\. Aantal pagina's gevonden: (\d+)\.", status).group(1))
        assert count >= 3
        page.wait_for_function("(n) => document.querySelectorAll('#search-results p.context').length === n", arg=count)
        for item in page.locator("#search-results li").all():
            href = item.locator("a").first.get_attribute("href")
            rel = urlsplit(urljoin(base_url + "search.html", href)).path.lstrip("/")
            snippet = flat(item.locator("p.context").inner_text()).strip(".")
            article = soup(site, rel).select_one('[role="main"]')
            for gone in article.select(".headerlink, script, style"):
                gone.decompose()
            assert snippet and snippet in flat(article.get_text()), (rel, snippet)

        page.goto(base_url + "search.html?q=qwxyzzy")
        page.wait_for_function("() => document.querySelector('#search-results > p')?.textContent.length > 0")
        assert page.text_content("#search-results > p") == NOT_FOUND
        assert_clean(watch)
    finally:
        context.close()


def test_trainee_pages_offer_no_source_download_and_the_trainers_notebooks_do(built_book):
    for rel in site_pages(built_book):
        doc = rel.removesuffix(".html")
        page = soup(built_book, rel)
        sources = [a["href"] for a in page.select("a.btn-download-source-button, a.btn-download-notebook-button")]
        if for_trainees(doc):
            assert sources == [], rel
            assert not page.select('a[href*="_sources/"]'), rel
            if page.select_one(".dropdown-download-buttons"):
                printing = page.select_one(".btn-download-pdf-button")  # printing stays,
                assert printing and printing.get_text(strip=True) == "Afdrukken of pdf", rel  # named in words
    notebook = soup(built_book, "exercises/workshop-fase-1.html").select_one("a.btn-download-source-button")
    assert notebook.get_text(strip=True) == ".ipynb"
    assert (built_book / "exercises" / urlsplit(notebook["href"]).path).resolve().is_file()


def test_the_themes_next_link_leads_from_trainee_pages_only_to_trainee_pages(built_book):
    order, rel = [], "course/index.html"
    while rel is not None and rel not in order:
        order.append(rel)
        following = soup(built_book, rel).select_one("a.right-next")
        rel = None if following is None else urlsplit(urljoin(rel, following["href"])).path
    trainees = [r for r in order if for_trainees(r.removesuffix(".html"))]
    # From the start page "Volgende" reaches every trainee page, ending at "Mijn voortgang".
    assert order == trainees and order[-1] == "course/voortgang.html"
    assert {r for r in site_pages(built_book) if for_trainees(r.removesuffix(".html"))} - set(order) <= {
        "index.html", "search.html", "genindex.html"}
    # The trainers' and municipalities' parts come after it, each page linked to the next.
    first = soup(built_book, "exercises/workshops.html").select_one("a.left-prev")
    assert urlsplit(urljoin("exercises/workshops.html", first["href"])).path == "course/voortgang.html"
    assert soup(built_book, "course/gemeenten/lokale-modules.html").select_one("a.right-next") is not None


def test_the_search_sentences_are_ones_sphinx_still_says_and_replace_its_formal_dutch():
    """A Sphinx upgrade that rewords a sentence would otherwise leave it in the old Dutch, silently."""
    import json

    import sphinx

    from sleutelcursus.book.search_texts import CALL, SPHINX_JS, search_messages, translations_js

    script = (Path(sphinx.__file__).parent / "themes" / "basic" / "static" / "searchtools.js").read_text(encoding="utf-8")
    messages = search_messages()
    assert NOT_FOUND in messages.values() and len(messages) >= 3
    for english in messages:
        assert json.dumps(english) in script, english
    written = translations_js(SPHINX_JS.read_text(encoding="utf-8"), messages)
    data = json.loads(written[len(CALL):written.rindex(")")])
    assert data["locale"] == "nl" and data["messages"]["Search Results"] == "Zoekresultaten"  # Sphinx's own stays
    assert all(data["messages"][english] == dutch for english, dutch in messages.items())
    assert not any(re.search(r"\b[Uu]w?\b", dutch) for dutch in messages.values())


@pytest.mark.browser
def test_search_results_fit_a_360_px_phone(browser, book_server):
    # A long word in a result ("voorzitter-duinstad", a file path) made the results page
    # 428 px wide at 360 px: the page scrolled sideways (WCAG 1.4.10).
    base_url, _ = book_server
    context = browser.new_context(viewport={"width": 360, "height": 740})
    page = context.new_page()
    try:
        page.goto(base_url + "search.html?q=voorzitter")
        page.wait_for_function("() => document.querySelector('#search-results > p')?.textContent.startsWith('Klaar')")
        page.wait_for_function("() => document.querySelectorAll('#search-results p.context').length"
                               " === document.querySelectorAll('#search-results li').length")
        assert page.evaluate("document.documentElement.scrollWidth") <= 360
    finally:
        context.close()
