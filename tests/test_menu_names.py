"""The menu as a screen reader lists its links (the trainees' trial): every link has a
name of its own. Three phase pages were each named "Over deze fase", told apart only by
the caption above them, which a list of links leaves out (WCAG 2.4.4, 2.4.9)."""

from __future__ import annotations

import re
from collections import Counter

import pytest

from webtools import wait_for_theme_scripts

LINK = re.compile(r'^\s*- link "((?:[^"\\]|\\.)*)"', re.MULTILINE)
PAGES = ("course/index.html", "course/fase-2/index.html", "course/fase-3/vertrouwen.html", "exercises/workshops.html")


def menu_link_names(page) -> list[str]:
    """The accessible names of the links in the page's menu, as the browser's accessibility tree has them."""
    return LINK.findall(page.locator("nav.bd-docs-nav").first.aria_snapshot())


@pytest.mark.browser
@pytest.mark.parametrize("rel", PAGES)
def test_no_two_menu_links_have_the_same_name(browser, book_server, rel):
    base_url, _ = book_server
    page = browser.new_page(viewport={"width": 1280, "height": 900})
    page.goto(base_url + rel)
    wait_for_theme_scripts(page)
    names = menu_link_names(page)
    assert len(names) >= 10, names
    assert [name for name, count in Counter(names).items() if count > 1] == []
    # Each phase's own page is still in the menu, under a short name that says which phase.
    assert {"Over fase 1", "Over fase 2", "Over fase 3"} <= set(names)
    page.close()
