"""Dutch hyphenation points in headings, written into the HTML as soft hyphens.

Dutch compounds ("sleutelpersonennetwerk", "toegankelijkheidsverklaring") are longer
than a line of a 360 px screen at a heading's size. CSS ``hyphens: auto`` (book.css)
only works where the browser has a Dutch dictionary: Chromium on Linux fetches it as
a component, and without it the word breaks anywhere, without a hyphen. A soft hyphen
(U+00AD) at each hyphenation point of the Dutch dictionary (pyphen, the LibreOffice
patterns) lets every browser break there and show the hyphen, and is invisible
otherwise. Only the rendered page gets them: the search index, the page titles and the
anchors are built from the source text and stay as written.
"""

from __future__ import annotations

import re
from functools import lru_cache

from markupsafe import Markup
from sphinx.application import Sphinx

SOFT_HYPHEN = "\u00ad"
# Shorter words fit on a 360 px line at the largest heading size (h1 at 2.5rem).
MIN_LETTERS = 13
_HEADING = re.compile(r"(<h([1-6])\b[^>]*>)(.*?)(</h\2>)", re.DOTALL)
_TAG = re.compile(r"(<[^>]*>|&[#\w]+;)")
_LONG_WORD = re.compile(rf"[^\W\d_]{{{MIN_LETTERS},}}")
# Code in a heading (a hook name such as ``update_book_config``) is no Dutch word: it
# gets no soft hyphens, but a break opportunity (<wbr>) after each dot, underscore or
# slash, where a reader expects a name to go on. Without one the browser broke it at
# any letter, without a hyphen, at 360 px.
_CODE = re.compile(r"(<code\b[^>]*>)(.*?)(</code>)", re.DOTALL)
_CODE_JOINT = re.compile(r"(?<=[._/])(?=\w)")


@lru_cache(maxsize=1)
def _dictionary():
    import pyphen

    return pyphen.Pyphen(lang="nl_NL")


@lru_cache(maxsize=4096)
def hyphenate_word(word: str) -> str:
    """``word`` with a soft hyphen at each Dutch hyphenation point."""
    return _dictionary().inserted(word, hyphen=SOFT_HYPHEN)


def hyphenate_text(html: str) -> str:
    """Soft hyphens in the long words of ``html``'s text, never inside tags or entities."""
    parts = _TAG.split(html)
    for at in range(0, len(parts), 2):  # even parts are text, odd ones tags/entities
        parts[at] = _LONG_WORD.sub(lambda match: hyphenate_word(match.group()), parts[at])
    return "".join(parts)


def break_code(html: str) -> str:
    """``html``'s text with ``<wbr>`` after each dot, underscore or slash inside a name."""
    parts = _TAG.split(html)
    for at in range(0, len(parts), 2):
        parts[at] = _CODE_JOINT.sub("<wbr>", parts[at])
    return "".join(parts)


def _heading_content(html: str) -> str:
    out, last = [], 0
    for code in _CODE.finditer(html):
        out += [hyphenate_text(html[last:code.start()]), code.group(1), break_code(code.group(2)), code.group(3)]
        last = code.end()
    out.append(hyphenate_text(html[last:]))
    return "".join(out)


def hyphenate_headings(body: str) -> str:
    """``body`` with soft hyphens in the long words of every heading (h1-h6) and break
    opportunities in the names written as code there."""
    return _HEADING.sub(lambda m: m.group(1) + _heading_content(m.group(3)) + m.group(4), body)


def add_soft_hyphens(app: Sphinx, pagename: str, templatename: str, context: dict, doctree) -> None:
    """Sphinx ``html-page-context`` handler: the page's headings, its table of contents
    (the narrow secondary sidebar), the book's title as the sidebar's first link and the
    titles of the previous/next links (the theme shows them in heading size) get soft
    hyphens. The rest of the sidebar gets them where it is made (sphinxext.py)."""
    if "body" in context:
        context["body"] = Markup(hyphenate_headings(str(context["body"])))
    if context.get("toc"):
        context["toc"] = Markup(hyphenate_text(str(context["toc"])))
    if context.get("root_title"):  # set by sphinx-book-theme's own handler (priority 500)
        context["root_title"] = hyphenate_text(context["root_title"])
    for name in ("prev", "next"):
        link = context.get(name)
        if link and link.get("title"):
            link["title"] = Markup(hyphenate_text(str(link["title"])))


def hyphenated_book_title(app: Sphinx, config) -> None:
    """Sphinx ``config-inited`` handler: the book's title at the top of the menu, with soft
    hyphens. pydata-sphinx-theme writes it from the logo's ``text`` option, else from the
    title Sphinx also puts in every page's <title>, where a soft hyphen does not belong;
    so the option gets the hyphenated title. Only for a book without a logo image: with
    one, the theme shows the image alone, and a ``text`` would add the title beside it."""
    logo = dict(config.html_theme_options.get("logo") or {})
    if config.html_logo or logo.get("text"):
        return
    logo["text"] = hyphenate_text(config.html_title or config.project)
    config.html_theme_options = {**config.html_theme_options, "logo": logo}
