"""The group report on A4 paper (trainer's issue): every table fits the page's width and
no heading, caption or sentence about a figure is left alone at the foot of a page."""

from __future__ import annotations

import io
from html.parser import HTMLParser
from pathlib import Path

import pytest
from pypdf import PdfReader

from answerfiles import write_group
from sleutelcursus.cli import main

NAMES = ["Anna", "Bram", "Cem", "Dewi", "Eva", "Fleur"]
MM = 96 / 25.4  # CSS pixels per millimetre
A4_WIDTH_MM, SIDE_MARGIN_MM = 210, 12  # the report's @page


class _Leads(HTMLParser):
    """The texts that lead into what follows them: headings, captions, the basis sentences."""

    def __init__(self) -> None:
        super().__init__()
        self.texts: list[str] = []
        self._open: str | None = None

    def handle_starttag(self, tag, attrs):
        if tag in ("h2", "h3", "caption") or (tag == "p" and ("class", "sc-basis") in attrs):
            self._open, self.texts = tag, [*self.texts, ""]

    def handle_endtag(self, tag):
        if tag == self._open:
            self._open = None

    def handle_data(self, data):
        if self._open:
            self.texts[-1] += data


def flat(text: str) -> str:
    return " ".join(text.split())


@pytest.fixture(scope="module")
def report(tmp_path_factory) -> Path:
    """A group of six, each with a role scan, a self-scan and a network of 8 to 13 candidates."""
    folder = write_group(tmp_path_factory.mktemp("print") / "antwoorden", NAMES)
    assert main(["groep", str(folder), "--uit", str(folder.parent / "uit")]) == 0
    return folder.parent / "uit" / "groepsrapport.html"


@pytest.mark.browser
def test_every_table_fits_the_width_of_an_a4_page(browser, report):
    width = round((A4_WIDTH_MM - 2 * SIDE_MARGIN_MM) * MM)
    page = browser.new_page(viewport={"width": width, "height": 1000})
    try:
        page.goto(report.as_uri())
        page.emulate_media(media="print")
        tables = page.evaluate("""() => [...document.querySelectorAll('table')].map(t => ({
            caption: t.caption.textContent, right: t.getBoundingClientRect().right,
            room: Math.min(t.parentElement.getBoundingClientRect().right, document.documentElement.clientWidth)}))""")
    finally:
        page.close()
    assert "Spreiding per kwaliteit (in procenten)" in [t["caption"] for t in tables]
    assert [t["caption"] for t in tables if t["right"] > t["room"] + 0.5] == []


@pytest.mark.browser
def test_the_pdf_keeps_margins_and_leaves_no_heading_alone_at_a_page_foot(browser, report):
    page = browser.new_page()
    try:
        page.goto(report.as_uri())
        pdf = PdfReader(io.BytesIO(page.pdf(format="A4")))
    finally:
        page.close()
    parser = _Leads()
    parser.feed(report.read_text(encoding="utf-8"))
    leads = {flat(text) for text in parser.texts}
    assert "Wie koos de groep?" in leads and len(pdf.pages) > 2
    lefts = []
    for number, sheet in enumerate(pdf.pages[:-1], 1):
        lines = [flat(line) for line in sheet.extract_text().splitlines() if line.strip()]
        assert lines[-1] not in leads, f"pagina {number} eindigt met {lines[-1]!r}"
        sheet.extract_text(visitor_text=lambda text, cm, tm, *_: lefts.append(tm[4] * cm[0] + cm[4]) if text.strip() else None)
    # A4 is 595.92 pt wide; the @page side margin (12 mm, 34 pt) holds on every page.
    assert min(lefts) == pytest.approx(SIDE_MARGIN_MM * 72 / 25.4, abs=1)
