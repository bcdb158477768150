"""The page's article is its main landmark, so search snippets come from the article alone.

Sphinx 7.4's search (``searchtools.js``, ``Search.htmlToText``) fetches a result's page
and takes the snippet from the element marked ``[role="main"]``: the way a theme
chooses where the page's own text is. pydata-sphinx-theme marks its whole ``<main>``,
which also holds the article's header buttons, the page's table of contents and the
previous/next links, so a snippet showed those texts. Here the theme's ``<main>``
becomes a plain ``<div>`` (its id stays, for the skip link) and the ``<article>`` gets
``role="main"`` (a role ARIA in HTML allows on it): one main landmark, holding the
page's text only.
"""

from __future__ import annotations

from markupsafe import Markup
from sphinx.application import Sphinx

THEME_MAIN = '<main id="main-content" class="bd-main" role="main">'
THEME_ARTICLE = '<article class="bd-article">'


def article_as_main(html: str) -> Markup:
    """The page body with the article as its main landmark (unchanged if the theme's
    markup is not there)."""
    html = str(html)
    if THEME_MAIN not in html or THEME_ARTICLE not in html:
        return Markup(html)
    html = html.replace(THEME_MAIN, '<div id="main-content" class="bd-main">', 1)
    # Nothing else in the page is a <main>: the last </main> is the theme's.
    head, _, tail = html.rpartition("</main>")
    html = head + "</div>" + tail
    return Markup(html.replace(THEME_ARTICLE, '<article class="bd-article" role="main">', 1))


def add_article_filter(app: Sphinx) -> None:
    """Give the layout template its ``sleutelcursus_article_main`` filter."""
    if app.builder.format == "html":
        app.builder.templates.environment.filters["sleutelcursus_article_main"] = article_as_main
