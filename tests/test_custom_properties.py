"""The theme bundle leaves out custom properties nothing reads (book/custom_properties.py)."""

from __future__ import annotations

from sleutelcursus.book.custom_properties import prune_unread

CSS = """@charset "UTF-8";
:root{--used:red;--unused:blue;--only-by-unused:green;--chain:var(--only-by-unused);--in-js:1px;--in-other:2px;--in-page:3px}
@media (min-width:10px){:root{--unused-too:0}.a{color:var(--used)}}
.b{--local-unused:1;margin:0}
"""


def test_declarations_nothing_reads_go_and_everything_else_stays():
    out = prune_unread(CSS, other_css=[".x{padding:var(--in-other)}"],
                       mentions=['el.style.getPropertyValue("--in-js")', '<p style="margin:var(--in-page)">'])
    for kept in ("--used:red", "--in-js:1px", "--in-other:2px", "--in-page:3px", ".a{color:var(--used)}", "margin:0",
                 '@charset"UTF-8";'):
        assert kept in out.replace(" ", ""), kept
    assert ";;" not in out
    # Read by no one, or only by a declaration that went itself: gone, with the emptied rule.
    for gone in ("--unused", "--chain", "--only-by-unused", "--unused-too", "--local-unused"):
        assert gone not in out, gone


def test_a_stylesheet_without_unread_properties_is_unchanged_in_meaning():
    css = ":root{--a:1px}\n.x{margin:var(--a)}\n"
    assert prune_unread(css, [], []).replace(" ", "") == css.replace(" ", "")
