"""The group report on A4 paper (trainer's issues): every table fits the page's width with
its text at 11pt at least, and no heading, caption or sentence leading into a figure is
left alone at the foot of a page."""

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
        if tag in ("h2", "h3", "caption") or (tag == "p" and {("class", "sc-basis"), ("class", "sc-inleiding")} & set(attrs)):
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


def on_paper(browser, report: Path, script: str):
    """``script``'s value on the report laid out for print, as wide as an A4 page's text."""
    width = round((A4_WIDTH_MM - 2 * SIDE_MARGIN_MM) * MM)
    page = browser.new_page(viewport={"width": width, "height": 1000})
    try:
        page.goto(report.as_uri())
        page.emulate_media(media="print")
        return page.evaluate(script)
    finally:
        page.close()


@pytest.mark.browser
def test_every_table_fits_the_width_of_an_a4_page(browser, report):
    tables = on_paper(browser, report, """() => [...document.querySelectorAll('table')].map(t => ({
        caption: t.caption.textContent, right: t.getBoundingClientRect().right,
        room: Math.min(t.parentElement.getBoundingClientRect().right, document.documentElement.clientWidth)}))""")
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


@pytest.mark.browser
def test_table_text_is_at_least_11pt_on_paper(browser, report):
    page = browser.new_page()
    try:
        page.goto(report.as_uri())
        page.emulate_media(media="print")
        sizes = page.evaluate("""() => [...document.querySelectorAll('caption, th, td')]
            .map(cell => parseFloat(getComputedStyle(cell).fontSize))""")
    finally:
        page.close()
    assert sizes and min(sizes) >= 11 * 96 / 72 - 0.01


@pytest.mark.browser
def test_a_heading_its_lead_in_and_what_follows_share_a_page(browser, report):
    page = browser.new_page()
    try:
        page.goto(report.as_uri())
        pdf = PdfReader(io.BytesIO(page.pdf(format="A4")))
        leads = page.evaluate("""() => [...document.querySelectorAll('.sc-inleiding')].map(p => [
            /^H[23]$/.test(p.previousElementSibling.tagName) ? p.previousElementSibling.innerText : '',
            p.innerText, p.nextElementSibling.innerText])""")
    finally:
        page.close()
    sheets = [flat(sheet.extract_text()) for sheet in pdf.pages]

    def snippet(text: str, end: bool = False) -> str:
        words = flat(text).split()
        return " ".join(words[-5:] if end else words[:5])

    assert len(leads) >= 3  # the left-out values, the network and its advice
    for before, lead, after in leads:
        # A lead-in goes with the heading above it (a figure above may end a page) and
        # with what follows. The heading's title is in the overview too: look on the lead-in's own page.
        number = next(n for n, sheet in enumerate(sheets) if snippet(lead) in sheet)
        # Spaces aside: the PDF's text joins a chart label's two lines ("zondermigratieachtergrond").
        missing = [part for part in (snippet(before, end=True), snippet(lead, end=True), snippet(after))
                   if part.replace(" ", "") not in sheets[number].replace(" ", "")]  # "" is always there
        assert missing == [], f"{flat(lead)[:40]!r} staat op pagina {number + 1} zonder {missing}"


def _first_rows(page) -> list[dict]:
    """Each table's caption, its headings and the first cell of its first two rows."""
    return page.evaluate("""() => [...document.querySelectorAll('table')].map(t => ({
        caption: t.caption.innerText, headings: [...t.tHead.rows[0].cells].map(c => c.innerText),
        rows: [...t.tBodies[0].rows].slice(0, 2).map(r => r.cells[0].innerText)}))""")


@pytest.mark.browser
def test_a_tables_caption_and_header_row_stay_with_its_first_rows(browser, report):
    # Trainer trial: "Gekozen kandidaten" and its header row alone at the foot of a page.
    # The page's start is pushed down step by step so that every table meets a page's foot.
    page = browser.new_page()
    stranded = set()
    try:
        page.goto(report.as_uri())
        tables = _first_rows(page)
        for shift in range(0, 1000, 90):
            page.evaluate(f"document.querySelector('h1').style.marginTop = '{shift}px'")
            sheets = [flat(sheet.extract_text()) for sheet in PdfReader(io.BytesIO(page.pdf(format="A4"))).pages]
            for table in tables:
                caption = flat(table["caption"])
                # The caption's own page (its title may also stand in a heading before it).
                found = [(n, sheet.rindex(caption)) for n, sheet in enumerate(sheets) if caption in sheet]
                number, at = found[-1]
                rest = sheets[number][at + len(caption):]
                if not all(flat(text) in rest for text in [*table["headings"][:1], *table["rows"]]):
                    stranded.add(f"{caption} (pagina {number + 1}, {shift}px)")
    finally:
        page.close()
    assert sorted(stranded) == []


@pytest.mark.browser
def test_names_in_a_tables_first_column_do_not_wrap_on_paper(browser, report):
    # Trainer trial: "Ahmed / Ouali" over two lines in the narrow Naam column.
    wrapped = on_paper(browser, report, """() => [...document.querySelectorAll('table')]
        .filter(t => ['Naam', 'Deelnemer'].includes(t.tHead.rows[0].cells[0].innerText))
        .flatMap(t => [...t.tBodies[0].rows].map(row => row.cells[0])).map(cell => {
            const range = document.createRange();
            range.selectNodeContents(cell);
            const tops = new Set([...range.getClientRects()].map(rect => Math.round(rect.top)));
            return [cell.innerText, tops.size];
        })""")
    assert len(wrapped) > 6  # the candidates and the trainees
    assert [name for name, lines in wrapped if lines > 1] == []
