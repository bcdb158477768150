"""Tables that stack on a narrow screen: each row a block, each cell named by its column.

A table of four columns is wider than a 360 px screen (the start page's learning-path
table is 593 px), and a table that scrolls sideways hides columns without a sign
(WCAG 2.1, 1.4.10 Reflow). Each body cell of a table with a header row (but the
first of its row, which heads it) is named by its column: ``static/book.css`` lays the
rows out one below the other on a narrow screen and shows each cell's name before it.
A small table names each cell in ``data-label``; a long one (a group report's 34
candidates) names each column once, in a stylesheet of its own before the table,
whichever is shorter (issue 11, light pages).
"""

from __future__ import annotations

import re

from markupsafe import Markup
from sphinx.application import Sphinx

STACK_CLASS = "sc-narrow-stack"
# As static/book.css: the width below which tables stack.
NARROW = "(max-width: 40em)"
_PLAIN_ID = re.compile(r"^[A-Za-z][\w-]*$")


def _css_string(text: str) -> str:
    # A CSS string in a <style>: quotes and backslashes escaped, and no "<" that could end it.
    return "".join("\\" + ch if ch in '"\\' else "\\3c " if ch == "<" else "\\a " if ch == "\n" else ch for ch in text)


def column_rules(table_id: str, names: list[str]) -> str:
    """A stylesheet that puts each column's name (but the first's) before its cells in
    the stacked table ``table_id``, as ``data-label`` does in static/book.css."""
    rules = "".join(f'#{table_id}>tbody>tr>td:nth-child({index})::before{{content:"{_css_string(name)}: ";font-weight:600}}'
                    for index, name in enumerate(names, 1) if index > 1)
    return f"<style>@media {NARROW}{{{rules}}}</style>"


def label_cells(body: str) -> str:
    """``body`` with every table that has a header row marked to stack."""
    if "<thead" not in body:
        return body
    from bs4 import BeautifulSoup

    soup = BeautifulSoup(body, "html.parser")
    for number, table in enumerate(soup.find_all("table"), 1):
        head = table.find("thead")
        rows = head.find_all("tr") if head else []
        if len(rows) != 1:
            continue
        names = [cell.get_text(" ", strip=True) for cell in rows[0].find_all(["th", "td"])]
        # The first cell heads its row and shows no name (static/book.css).
        labelled = [(name, cell) for body_row in table.find_all("tbody") for row in body_row.find_all("tr", recursive=False)
                    for name, cell in list(zip(names, row.find_all(["td", "th"], recursive=False)))[1:] if cell.name == "td"]
        table_id = table.get("id") or f"sc-tabel-{number}"
        rules = column_rules(table_id, names) if _PLAIN_ID.match(table_id) else None
        own = 0 if table.get("id") else len(f' id="{table_id}"')
        if rules and len(rules) + own < sum(len(f' data-label="{name}"') for name, _ in labelled):
            table["id"] = table_id
            table.insert_before(BeautifulSoup(rules, "html.parser"))
        else:
            for name, cell in labelled:
                cell["data-label"] = name
        table["class"] = [*table.get("class", []), STACK_CLASS]
    return str(soup)


def stack_tables(app: Sphinx, pagename: str, templatename: str, context: dict, doctree) -> None:
    """Sphinx ``html-page-context`` handler: mark the page's tables (see module doc)."""
    if "body" in context:
        context["body"] = Markup(label_cells(str(context["body"])))
