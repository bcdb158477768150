"""The built national course in a real browser: Dutch, complete and fully offline."""

from __future__ import annotations

import pytest

from conftest import site_pages
from webtools import watch_page

pytestmark = [pytest.mark.browser, pytest.mark.slow]


def test_every_page_makes_no_request_outside_the_site(browser, book_server):
    base_url, site = book_server
    pages = site_pages(site)
    assert len(pages) >= 10
    context = browser.new_context()
    outside: dict[str, list[str]] = {}
    errors: dict[str, list[str]] = {}
    for rel in pages:
        page = context.new_page()
        watch = watch_page(page, base_url)
        page.goto(base_url + rel, wait_until="networkidle")
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
    assert "LANGUAGE: 'nl'" in (site / "_static" / "documentation_options.js").read_text(encoding="utf-8")


def test_no_cdn_script_for_widgets_on_exercise_pages(book_server):
    _, site = book_server
    html = (site / "course" / "fase-2" / "diversiteit.html").read_text(encoding="utf-8")
    assert "require.min.js" not in html and "html-manager" not in html and "embed-amd" not in html
    assert "_static/sleutelcursus/host.js" in html
