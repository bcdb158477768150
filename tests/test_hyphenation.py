"""Dutch hyphenation in headings: soft hyphens at the dictionary's points, nowhere else."""

from __future__ import annotations

import json
import re

import pytest

from sleutelcursus.book.hyphenation import SOFT_HYPHEN, hyphenate_headings, hyphenate_text


def test_long_words_in_headings_get_soft_hyphens_at_dutch_points():
    body = '<h1>Wat is een sleutelpersonennetwerk?<a class="headerlink" href="#wat-is" title="Link naar kop">#</a></h1>'
    out = hyphenate_headings(body)
    assert f"sleu{SOFT_HYPHEN}tel{SOFT_HYPHEN}per{SOFT_HYPHEN}so{SOFT_HYPHEN}nen{SOFT_HYPHEN}net{SOFT_HYPHEN}werk" in out
    assert 'href="#wat-is" title="Link naar kop"' in out  # attributes untouched
    assert out.replace(SOFT_HYPHEN, "") == body


def test_text_outside_headings_short_words_tags_and_entities_stay_as_written():
    body = "<p>Een toegankelijkheidsverklaring.</p><h2>Samenwerking &amp; afspraken</h2>"
    assert hyphenate_headings(body) == body
    tagged = '<span class="toegankelijkheidsverklaring">x</span>&toegankelijkheidsverklaring;'
    assert hyphenate_text(tagged) == tagged


def test_code_in_headings_breaks_after_dots_and_underscores_and_gets_no_soft_hyphens():
    body = ('<h2><code class="literal"><span class="pre">update_book_config</span></code> in '
            '<code>sleutelcursus.plugins</code> voor het sleutelpersonennetwerk</h2>'
            '<p><code>update_book_config</code></p>')
    out = hyphenate_headings(body)
    assert '<span class="pre">update_<wbr>book_<wbr>config</span>' in out
    assert "<code>sleutelcursus.<wbr>plugins</code>" in out  # a long name: no Dutch hyphenation
    assert f"sleu{SOFT_HYPHEN}tel{SOFT_HYPHEN}per" in out  # the Dutch words still hyphenate
    assert out.endswith("<p><code>update_book_config</code></p>")  # code outside headings stays
    assert out.replace(SOFT_HYPHEN, "").replace("<wbr>", "") == body


@pytest.mark.slow
def test_the_built_book_hyphenates_headings_but_not_titles_search_or_anchors(book_server):
    _, site = book_server
    html = (site / "course" / "sleutelpersonennetwerk.html").read_text(encoding="utf-8")
    article = html[html.index('<article class="bd-article"'):]
    heading = re.search(r"<h1>(.*?)</h1>", article, re.DOTALL).group(1)
    assert f"sleu{SOFT_HYPHEN}tel" in heading
    title = re.search(r"<title>(.*?)</title>", html, re.DOTALL).group(1)
    assert SOFT_HYPHEN not in title and "sleutelpersonennetwerk" in title
    ids = re.findall(r'id="([^"]+)"', html)
    assert not any(SOFT_HYPHEN in i for i in ids)
    index = (site / "searchindex.js").read_text(encoding="utf-8")
    assert SOFT_HYPHEN not in index and SOFT_HYPHEN not in json.dumps(index, ensure_ascii=False)


@pytest.mark.browser
@pytest.mark.slow
def test_a_long_heading_word_breaks_at_a_hyphenation_point_at_360_px(browser, book_server):
    base_url, _ = book_server
    page = browser.new_page(viewport={"width": 360, "height": 740})
    page.goto(base_url + "course/sleutelpersonennetwerk.html")
    # Where the word breaks: the text of each line box of the heading's first text node.
    lines = page.evaluate(
        """() => {
             const h = document.querySelector('article h1');
             const walker = document.createTreeWalker(h, NodeFilter.SHOW_TEXT);
             const node = walker.nextNode(); const text = node.textContent;
             const out = []; let top = null, line = '';
             for (let i = 0; i < text.length; i++) {
               const r = document.createRange(); r.setStart(node, i); r.setEnd(node, i + 1);
               const rects = r.getClientRects(); const rect = rects[rects.length - 1];
               if (!rect) { line += text[i]; continue; }
               if (top !== null && rect.top > top + 4) { out.push(line); line = ''; }
               top = rect.top; line += text[i];
             }
             out.push(line); return out; }"""
    )
    page.close()
    word_lines = [line for line in lines if "sleu" in line or "werk" in line]
    assert len(lines) > 1
    assert word_lines, lines
    for line, after in zip(lines, lines[1:]):
        # A line breaks at a space or at a soft hyphen (drawn as "-"), never inside a syllable.
        assert line.endswith((" ", SOFT_HYPHEN)) or after.startswith(" "), lines
    assert any(line.endswith(SOFT_HYPHEN) for line in lines), lines
