"""Dutch search: the index and the browser stem words alike, and every page is found.

Sphinx stems the search index in Python (snowballstemmer) and the reader's query in the
browser (Sphinx's bundled ``dutch-stemmer.js``). When the two disagree, a Dutch word is
stemmed to two different strings and search finds nothing (snowballstemmer 3.x:
"gemeenten" -> "meen" in the index, "gemeent" in the browser).
"""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest
import sphinx
from bs4 import BeautifulSoup
from sphinx.search.nl import SearchDutch, dutch_stopwords

from sites import site_pages

pytestmark = pytest.mark.browser

ROOT = Path(__file__).resolve().parent.parent
STEMMERS = Path(sphinx.__file__).parent / "search" / "non-minified-js"
# Words the issue found missing, whatever the pages say today.
REPORTED = ["gemeenten", "Waterhoven", "dijkdoorbraak", "straat"]
WORD = re.compile(r"[^\W\d_]{3,}")


def course_words() -> list[str]:
    """Every distinct word of the course's pages and of the example municipality."""
    texts = [p.read_text(encoding="utf-8") for folder in ("course", "plugins") for p in (ROOT / folder).rglob("*")
             if p.suffix in (".md", ".ipynb", ".yaml")]
    return sorted({word.lower() for text in texts for word in WORD.findall(text)} | {w.lower() for w in REPORTED})


def test_the_browser_stems_every_dutch_word_of_the_course_as_the_index_does(browser):
    words = course_words()
    python = [SearchDutch({}).stem(word) for word in words]
    page = browser.new_page()
    try:
        page.set_content("<!doctype html><title>stemmer</title>")
        for name in ("base-stemmer.js", "dutch-stemmer.js"):
            page.add_script_tag(content=(STEMMERS / name).read_text(encoding="utf-8"))
        browser_stems = page.evaluate(
            "words => { const s = new DutchStemmer(); return words.map(w => s.stemWord(w.toLowerCase())); }", words)
    finally:
        page.close()
    differ = {w: (p, b) for w, p, b in zip(words, python, browser_stems) if p != b}
    assert len(words) > 1000 and differ == {}, f"{len(differ)} woorden verschillen, bijvoorbeeld {list(differ.items())[:5]}"


def title_word(page: Path) -> str:
    """The longest word of a page's title that search indexes (no stop word)."""
    soup = BeautifulSoup(page.read_text(encoding="utf-8"), "html.parser")
    heading = soup.select_one('[role="main"] h1') or soup.title
    words = [w for w in WORD.findall(heading.get_text(" ")) if w.lower() not in dutch_stopwords]
    return max(words, key=len)


def search(page, base_url: str, word: str) -> list[str]:
    """The pages (relative to the site) that the site's search lists for ``word``."""
    page.goto(f"{base_url}search.html?q={word}")
    # Searching, the heading reads "Zoeken..."; when every result is listed, "Zoekresultaten".
    page.wait_for_function("document.querySelector('#search-results h2')?.innerText.trim()"
                           " === Documentation.gettext('Search Results')")
    hrefs = page.eval_on_selector_all("#search-results ul.search li a", "links => links.map(a => a.href)")
    # A result links its page with the search words (?highlight=, book/search_results.py).
    return [href.removeprefix(base_url).split("#")[0].split("?")[0] for href in hrefs]


def finds_every_page(browser, site: Path) -> dict:
    """Page -> (title word, first results) for each page its title word does not find."""
    from webtools import serve_directory

    pages = [rel for rel in site_pages(site) if rel not in ("index.html", "search.html", "genindex.html")]
    missing = {}
    with serve_directory(site) as base_url:
        context = browser.new_context()
        page = context.new_page()
        for rel in pages:
            word = title_word(site / rel)
            found = search(page, base_url, word)
            if rel not in found:
                missing[rel] = (word, found[:5])
        context.close()
    return missing


@pytest.mark.slow
def test_search_finds_every_page_of_the_book_and_the_example_municipality_by_a_title_word(browser, built_book_with_plugin):
    site = built_book_with_plugin
    assert any(rel.startswith("course/lokaal/duinstad/") for rel in site_pages(site))
    missing = finds_every_page(browser, site)
    assert missing == {}, json.dumps(missing, ensure_ascii=False, indent=1)
