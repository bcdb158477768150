"""Search results as a trainee reads them: whom each page is for, and the search words
highlighted on the page opened from the results only.

Sphinx's search page (``searchtools.js``) lists its results in the browser and offers no
hook per result. A small module of ours on that page (``static/searchresults.js``)
watches the list and, for each result:

- says whom the page is for when it is not a trainee's page ("Voor trainers", "Voor
  gemeenten"): the caption of the table of contents' part the page sits under, the
  same words the sidebar shows. Which pages are not for trainees is the book's one rule
  (:func:`.trainee_pages.for_trainees`); the words come from ``_toc.yml``.
- carries the search words in its address (``?highlight=``), as Sphinx's links did
  before 7.1. Since then Sphinx keeps them in ``localStorage`` and any next page that
  runs ``sphinx_highlight.js`` highlights them and shows "Zoekresultaten verbergen",
  whichever way the trainee got there (back on the results, then on through the menu:
  every page after it). So every page first forgets the stored words
  (:data:`FORGET_STORED_WORDS`, in ``templates/layout.html``, before Sphinx's script
  runs); ``sphinx_highlight.js`` then reads the words from the address alone. It marks
  them only as typed, so that page also marks every word with a searched word's stem,
  by the snippets' rule (:data:`MARK_OPENED_PAGE`, ``static/searchwords.js``).
"""

from __future__ import annotations

import json

from docutils import nodes
from sphinx import addnodes
from sphinx.application import Sphinx

from .browser_modules import STATIC_SUBDIR
from .trainee_pages import for_trainees

SEARCH_PAGE = "search"
AUDIENCES_ID = "sc-doelgroepen"
# Sphinx's key (sphinx_highlight.js, searchtools.js).
STORED_WORDS = "sphinx_highlight_terms"
# Runs on every page before sphinx_highlight.js (an inline script at the end of the
# body comes before the deferred and the late-loaded scripts). Storage may be off.
FORGET_STORED_WORDS = f'<script>try{{localStorage.removeItem("{STORED_WORDS}")}}catch(e){{}}</script>'
# Runs right after it, before sphinx_highlight.js takes the words out of the address:
# on the page opened from a result, static/searchwords.js marks every word with the stem
# of a searched word, as the results' snippets do (sphinx_highlight.js marks the words
# only as typed). Through the page's import map when it has one (the current file).
MARK_OPENED_PAGE = (
    '<script>(()=>{const words=new URLSearchParams(location.search).get("highlight"),'
    "root=document.documentElement.dataset.content_root;if(!words||root===undefined)return;"
    f'import(new URL(root+"_static/{STATIC_SUBDIR}/searchwords.js",location.href).href)'
    ".then((module)=>module.markOpenedPage(words,root))})()</script>"
)


def part_captions(root: nodes.Node, includes: dict[str, list[str]]) -> dict[str, str]:
    """Each page under a captioned toctree of ``root`` (the table of contents' parts),
    with the pages below it (``includes``: ``env.toctree_includes``), -> that caption."""
    captions: dict[str, str] = {}
    for toctree in root.findall(addnodes.toctree):
        caption = toctree.get("caption")
        waiting = list(toctree.get("includefiles", []))
        while caption and waiting:
            doc = waiting.pop()
            if doc not in captions:
                captions[doc] = caption
                waiting.extend(includes.get(doc, []))
    return captions


def audiences(captions: dict[str, str], link_suffix: str) -> dict[str, str]:
    """Address of a result as searchtools.js links it (``doc`` + link suffix) -> the
    audience to name, for each page that is not a trainee's."""
    return {doc + link_suffix: caption for doc, caption in sorted(captions.items()) if not for_trainees(doc)}


def add_search_page_assets(app: Sphinx, pagename: str, templatename: str, context: dict, doctree) -> None:
    """``html-page-context``: on the search page, the audiences and the module that uses them."""
    if pagename != SEARCH_PAGE or app.builder.format != "html":
        return
    root = app.env.get_doctree(app.config.root_doc)
    found = audiences(part_captions(root, app.env.toctree_includes), app.builder.link_suffix)
    data = json.dumps(found, ensure_ascii=False).replace("</", "<\\/")
    app.add_js_file(None, body=data, type="application/json", id=AUDIENCES_ID)
    app.add_js_file(f"{STATIC_SUBDIR}/searchresults.js", type="module")


def setup_search_results(app: Sphinx) -> None:
    """Connect :func:`add_search_page_assets` and give the layout template
    :data:`FORGET_STORED_WORDS` and :data:`MARK_OPENED_PAGE` (called from the extension's ``setup``)."""
    app.connect("html-page-context", add_search_page_assets)
    app.connect("builder-inited", _add_template_global)


def _add_template_global(app: Sphinx) -> None:
    if app.builder.format == "html":
        app.builder.templates.environment.globals["sleutelcursus_forget_search_words"] = FORGET_STORED_WORDS + MARK_OPENED_PAGE
