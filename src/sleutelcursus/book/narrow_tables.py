"""Tables that stack on a narrow screen: each row a block, each cell named by its column.

A table of four columns is wider than a 360 px screen (the start page's learning-path
table is 593 px), and a table that scrolls sideways hides columns without a sign
(WCAG 2.1, 1.4.10 Reflow). Each body cell of a table with a header row (but the
first of its row, which heads it) gets its column's name in ``data-label``; ``static/book.css`` shows that name before the cell
and lays the rows out one below the other on a narrow screen.
"""

from __future__ import annotations

from markupsafe import Markup
from sphinx.application import Sphinx

STACK_CLASS = "sc-narrow-stack"


def label_cells(body: str) -> str:
    """``body`` with every table that has a header row marked to stack."""
    if "<thead" not in body:
        return body
    from bs4 import BeautifulSoup

    soup = BeautifulSoup(body, "html.parser")
    for table in soup.find_all("table"):
        head = table.find("thead")
        rows = head.find_all("tr") if head else []
        if len(rows) != 1:
            continue
        names = [cell.get_text(" ", strip=True) for cell in rows[0].find_all(["th", "td"])]
        for body_row in table.find_all("tbody"):
            for row in body_row.find_all("tr", recursive=False):
                # The first cell heads its row and shows no name (static/book.css).
                cells = row.find_all(["td", "th"], recursive=False)
                for name, cell in list(zip(names, cells))[1:]:
                    if cell.name == "td":
                        cell["data-label"] = name
        table["class"] = [*table.get("class", []), STACK_CLASS]
    return str(soup)


def stack_tables(app: Sphinx, pagename: str, templatename: str, context: dict, doctree) -> None:
    """Sphinx ``html-page-context`` handler: mark the page's tables (see module doc)."""
    if "body" in context:
        context["body"] = Markup(label_cells(str(context["body"])))
