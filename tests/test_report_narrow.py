"""The group report on a phone (trainer trial: at 360 px the page was 869 px wide and
tables were cut off at the right). WCAG 1.4.10: the page reflows; a wide table scrolls
in its own box, which the keyboard can reach, and the table beside each chart carries
the chart's figures."""

from __future__ import annotations

from pathlib import Path

import pytest

from answerfiles import write_group
from sleutelcursus.cli import main
from trainees import axe_violations

pytestmark = pytest.mark.browser
PHONE_WIDTH = 360


@pytest.fixture(scope="module")
def report(tmp_path_factory) -> Path:
    folder = write_group(tmp_path_factory.mktemp("telefoon") / "groep-met-een-lange-naam", ["Anna", "Bram", "Cem", "Dewi"])
    assert main(["groep", str(folder)]) == 0
    return folder.parent / f"groepsrapport-{folder.name}" / "groepsrapport.html"


@pytest.fixture
def phone_page(browser, report):
    page = browser.new_page(viewport={"width": PHONE_WIDTH, "height": 800})
    page.goto(report.as_uri())
    yield page
    page.close()


def test_the_page_never_scrolls_sideways_at_360_px(phone_page):
    assert phone_page.evaluate("document.documentElement.scrollWidth") <= PHONE_WIDTH
    sticking_out = phone_page.evaluate("""(width) => [...document.querySelectorAll('main *')]
        .filter(e => !e.closest('.sc-tabel') && e.getBoundingClientRect().right > width + 0.5)
        .map(e => e.tagName + ' ' + (e.textContent || '').slice(0, 40))""", PHONE_WIDTH)
    assert sticking_out == []


def test_a_wide_table_scrolls_in_its_own_box_that_the_keyboard_reaches(phone_page):
    boxes = phone_page.evaluate("""() => [...document.querySelectorAll('table')].map(t => {
        const box = t.parentElement, style = getComputedStyle(box);
        return {caption: t.caption.textContent, box: box.className, scrolls: box.scrollWidth > box.clientWidth,
                overflow: style.overflowX, tabindex: box.getAttribute('tabindex'), name: box.getAttribute('aria-label'),
                role: box.getAttribute('role'), shadow: style.backgroundImage.includes('radial-gradient')};
    })""")
    assert boxes and all(b["box"] == "sc-tabel" and b["overflow"] == "auto" and b["tabindex"] == "0"
                         and b["role"] == "region" and b["name"] == b["caption"] and b["shadow"] for b in boxes)
    wide = [b["caption"] for b in boxes if b["scrolls"]]
    assert "Spreiding per kwaliteit (in procenten)" in wide
    # The keyboard scrolls the box: focus it, press the right arrow.
    box = phone_page.locator(".sc-tabel", has=phone_page.locator("caption", has_text="Spreiding per kwaliteit"))
    box.focus()
    phone_page.keyboard.press("ArrowRight")
    phone_page.wait_for_function("(box) => box.scrollLeft > 0", arg=box.element_handle())


def test_each_chart_fits_and_its_figures_stand_in_the_table_beside_it(phone_page):
    figures = phone_page.evaluate("""() => [...document.querySelectorAll('.sc-figuur')].map(f => ({
        chart: f.querySelector('svg').getBoundingClientRect().right, table: !!f.querySelector('.sc-tabel table'),
        says: f.querySelector('svg').getAttribute('aria-label')}))""")
    assert len(figures) >= 4
    assert all(f["chart"] <= PHONE_WIDTH and f["table"] and f["says"].endswith("De cijfers staan ook in de tabel.")
               for f in figures)


def test_the_narrow_page_passes_axe(phone_page):
    assert axe_violations(phone_page) == []


def test_chart_labels_are_at_least_12_px_on_the_phone_and_stay_inside_their_chart(phone_page):
    """Trainer trial: the charts scaled down to 7 px labels at 360 px. Measured as drawn:
    each text's font size times the scale its chart is drawn at (getScreenCTM)."""
    texts = phone_page.evaluate("""() => [...document.querySelectorAll('.sc-figuur svg text')].map(t => {
        const svg = t.ownerSVGElement, box = t.getBBox(), matrix = t.getScreenCTM();
        return {text: t.textContent, px: parseFloat(getComputedStyle(t).fontSize) * Math.hypot(matrix.a, matrix.b),
                right: box.x + box.width, width: svg.viewBox.baseVal.width, left: box.x};
    })""")
    assert len(texts) >= 20
    small = [(t["text"], round(t["px"], 1)) for t in texts if t["px"] < 12]
    assert small == []
    assert [t["text"] for t in texts if t["left"] < 0 or t["right"] > t["width"]] == []
