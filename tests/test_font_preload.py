"""The theme's solid icon font is preloaded with the stylesheets (book/font_preload.py)."""

from __future__ import annotations

import re
from urllib.parse import urljoin

import pytest

from sites import site_pages
from sleutelcursus.book import font_preload
from sleutelcursus.book.light_assets import THEME_BUNDLE

BUNDLE_CSS = (
    '@font-face{font-display:block;font-family:Font Awesome\\ 6 Brands;font-weight:400;src:url(../f/fa-brands-400.woff2?v=1)}'
    '@font-face{font-display:block;font-family:Font Awesome\\ 6 Free;font-style:normal;font-weight:900;'
    'src:url(../vendor/webfonts/fa-solid-900.woff2?v=abc123) format("woff2"),url(../vendor/webfonts/fa-solid-900.ttf?v=9) format("truetype")}'
)
LINK = re.compile(r'<link href="(?P<static>[^"]*)styles/x\.css\?v=\w+" rel="stylesheet" />')
PAGE = '<head>\n  <link href="../../_static/styles/x.css?v=1" rel="stylesheet" />\n  <link rel="stylesheet" href="t.css" />\n</head>'
PRELOAD = re.compile(r'<link rel="preload" href="([^"]+)" as="font" type="font/woff2" crossorigin data-sc-icon-font />')


def test_the_solid_face_is_found_by_family_and_weight_not_by_file_order():
    assert font_preload.solid_font(BUNDLE_CSS) == "../vendor/webfonts/fa-solid-900.woff2?v=abc123"
    assert font_preload.solid_font("@font-face{font-family:Other;font-weight:900;src:url(a.woff2)}") is None
    quoted = '@font-face{font-family:"Font Awesome 6 Free";font-weight:900;src:url("w/s.woff2")}'
    assert font_preload.solid_font(quoted) == "w/s.woff2"


def test_one_preload_after_the_theme_link_replaced_at_each_build_and_gone_without_a_font():
    once = font_preload.with_preload(PAGE, LINK, "../vendor/webfonts/fa-solid-900.woff2?v=abc123", "styles")
    assert PRELOAD.findall(once) == ["../../_static/vendor/webfonts/fa-solid-900.woff2?v=abc123"]
    assert once.index("x.css") < once.index("data-sc-icon-font") < once.index("t.css")
    again = font_preload.with_preload(once, LINK, "../vendor/webfonts/fa-solid-900.woff2?v=def456", "styles")
    assert PRELOAD.findall(again) == ["../../_static/vendor/webfonts/fa-solid-900.woff2?v=def456"]
    assert font_preload.with_preload(again, LINK, None, "styles") == PAGE
    assert font_preload.with_preload("<p>geen thema</p>", LINK, "a.woff2", "styles") == "<p>geen thema</p>"


@pytest.mark.slow
def test_every_themed_page_preloads_the_file_its_stylesheet_loads(book_server):
    base_url, site = book_server
    bundle_url = base_url + "_static/" + THEME_BUNDLE
    font = font_preload.solid_font((site / "_static" / THEME_BUNDLE).read_text(encoding="utf-8"))
    assert font and (site / "_static" / THEME_BUNDLE).parent.joinpath(font.split("?")[0]).resolve().is_file()
    themed = 0
    for rel in site_pages(site):
        html = (site / rel).read_text(encoding="utf-8")
        if THEME_BUNDLE not in html:
            continue
        themed += 1
        preloads = PRELOAD.findall(html)
        assert [urljoin(base_url + rel, href) for href in preloads] == [urljoin(bundle_url, font)], rel
    assert themed >= 20


@pytest.mark.browser
@pytest.mark.slow
@pytest.mark.parametrize("width", [360, 1280])
def test_the_font_is_asked_for_once_before_the_page_is_read_and_used(browser, book_server, width):
    base_url, _ = book_server
    context = browser.new_context(viewport={"width": width, "height": 720})
    try:
        page = context.new_page()
        messages, fonts = [], []
        page.on("console", lambda message: messages.append(message.text))
        page.on("request", lambda request: ".woff" in request.url and fonts.append(request.url))
        page.goto(base_url + "course/fase-3/vertrouwen.html", wait_until="load")
        early, loaded = page.evaluate("""() => {
          const parsed = performance.getEntriesByType('navigation')[0].domInteractive;
          const font = performance.getEntriesByType('resource').find((r) => r.name.includes('fa-solid-900'));
          return [font.startTime < parsed, document.fonts.check('900 16px "Font Awesome 6 Free"')];
        }""")
        page.wait_for_timeout(3500)  # Chromium warns about an unused preload after some 3 s
        assert len(fonts) == 1 and early and loaded
        assert not [text for text in messages if "preload" in text.lower()]
    finally:
        context.close()
