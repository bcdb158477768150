"""What the theme offers on a trainee's page, and what only on the trainer's and the
municipality's pages.

The trainers' workshop notebooks (``exercises/``) and the chapter for municipalities
(``course/gemeenten/``) stand in parts of their own at the end of the book. A trainee's
page offers no download of its source file (Markdown or notebook: of no use to a
trainee; the print button stays), and the theme's "Volgende" does not lead from the
last trainee page into those parts. A trainer still downloads a workshop notebook as
``.ipynb`` from its page.
"""

from __future__ import annotations

from sphinx.application import Sphinx

# Doc name prefixes of the pages that are not for trainees.
NOT_FOR_TRAINEES = ("exercises/", "course/gemeenten/")
# The theme's download entries of a page's source (sphinx-book-theme's labels).
SOURCE_DOWNLOADS = {"download-source-button", "download-notebook-button"}


def for_trainees(docname: str) -> bool:
    """Whether ``docname`` is a page for trainees (not for trainers or municipalities)."""
    return not docname.startswith(NOT_FOR_TRAINEES)


def without_source_downloads(buttons: list[dict]) -> list[dict]:
    """The theme's header buttons without the download of the page's source."""
    kept = []
    for button in buttons:
        if button.get("label") == "download-buttons":
            inner = [b for b in button.get("buttons", []) if b.get("label") not in SOURCE_DOWNLOADS]
            if not inner:
                continue
            button = {**button, "buttons": inner}
        kept.append(button)
    return kept


def trim_trainee_page(app: Sphinx, pagename: str, templatename: str, context: dict, doctree) -> None:
    """On a trainee's page: no source download, no "Volgende" into the trainers' or
    municipalities' parts (run after the theme's buttons, priority 501)."""
    if not for_trainees(pagename):
        return
    if "header_buttons" in context:
        context["header_buttons"] = without_source_downloads(context["header_buttons"])
    relations = app.env.collect_relations().get(pagename)
    following = relations[2] if relations else None
    if following and not for_trainees(following):
        context["next"] = None


def setup_trainee_pages(app: Sphinx) -> None:
    """Connect :func:`trim_trainee_page` (called from the extension's ``setup``)."""
    app.connect("html-page-context", trim_trainee_page, priority=600)
