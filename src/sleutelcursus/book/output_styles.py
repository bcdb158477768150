"""A stylesheet that notebook outputs repeat is sent once per page.

Each group chart of a workshop notebook carries the report's stylesheet in its own
``<style>`` element (``workshop/templates/report/notebook.html.j2``): a notebook cell
has to stand alone. A book page that shows three charts then carried it three times.
The first copy in the page styles them all, so the later identical copies are left out.
"""

from __future__ import annotations

import re

from markupsafe import Markup
from sphinx.application import Sphinx

_STYLE = re.compile(r"<style>(.*?)</style>", re.S)


def without_repeated_styles(body: str) -> str:
    """``body`` with every ``<style>`` element that repeats an earlier one left out."""
    seen: set[str] = set()

    def once(match: re.Match) -> str:
        if match.group(1) in seen:
            return ""
        seen.add(match.group(1))
        return match.group(0)

    return _STYLE.sub(once, body)


def drop_repeated_styles(app: Sphinx, pagename: str, templatename: str, context: dict, doctree) -> None:
    """Sphinx ``html-page-context`` handler: see the module docstring."""
    body = str(context.get("body", ""))
    if body.count("<style>") > 1:
        context["body"] = Markup(without_repeated_styles(body))
