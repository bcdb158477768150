"""The built book on a 360 px phone (and at 1024 and 1280 px), from the trainees'
trial: the composition's summary bar small and never under "Terug naar boven", long
Dutch words in the sidebar broken at a hyphen, the progress table's caption readable.
"""

from __future__ import annotations

import json

import pytest

from darkmode import dark_mode_violations
from trainees import axe_violations
from webtools import PHONE, STORAGE_PREFIX, page_specs, wait_for_theme_scripts

pytestmark = [pytest.mark.browser, pytest.mark.slow]

COMPOSITION_PAGE = "course/fase-2/diversiteit.html"

# The bar's and the back-to-top button's boxes, each null while it is not shown.
BOXES = """() => { const box = (e) => { const r = e.getBoundingClientRect();
    return r.height && r.bottom > 0 && r.top < innerHeight ? r.toJSON() : null; };
  return { bar: box(document.querySelector('.sc-comp-bar')), button: box(document.getElementById('pst-back-to-top')) }; }"""

# Where a link's lines end inside a word: [the link's text, the characters either side of
# the end]. A line ends where the next character's box reaches lower (the box of a line's
# first character can span both lines: its bottom, not its top, tells the line).
WORD_ENDS = """(selector) => [...document.querySelectorAll(selector)].flatMap((link) => {
  const walker = document.createTreeWalker(link, NodeFilter.SHOW_TEXT), chars = [];
  for (let node; (node = walker.nextNode());)
    for (let i = 0; i < node.length; i++) {
      const r = document.createRange(); r.setStart(node, i); r.setEnd(node, i + 1);
      const rect = r.getBoundingClientRect();
      if (rect.height || node.data[i] === '\\u00ad') chars.push([node.data[i], rect.bottom]);
    }
  const letter = (c) => /[\\p{L}\\u00ad]/u.test(c);
  return chars.flatMap(([c, bottom], i) => i + 1 < chars.length && chars[i + 1][1] > bottom + 4
                                       && letter(c) && letter(chars[i + 1][0])
    ? [[link.textContent.trim().replaceAll('\\u00ad', ''), c + chars[i + 1][0]]] : []);
})"""
SIDEBAR_LINKS = "nav.bd-docs-nav a"
# The candidates' part of the exercise, from its top to its bottom in the page.
POOL_SPAN = """() => { const r = document.querySelector('.sc-comp-pool').getBoundingClientRect();
  return [r.top + scrollY, r.bottom + scrollY]; }"""
# The centre of the candidate's checkbox nearest the middle of the window, or null.
MIDDLE_BOX = """() => { const boxes = [...document.querySelectorAll('.sc-comp-list input')]
    .map((e) => e.getBoundingClientRect()).filter((r) => r.height && r.top > 80 && r.bottom < innerHeight - 120);
  boxes.sort((a, b) => Math.abs(a.top - innerHeight / 2) - Math.abs(b.top - innerHeight / 2));
  return boxes.length ? [boxes[0].left + boxes[0].width / 2, boxes[0].top + boxes[0].height / 2] : null; }"""


def settled(page) -> None:
    """Wait two frames: the theme shows its button in a scroll event, the book moves it in a frame."""
    page.evaluate("() => new Promise((done) => requestAnimationFrame(() => requestAnimationFrame(done)))")


def intersect(a: dict, b: dict) -> bool:
    return a["left"] < b["right"] and b["left"] < a["right"] and a["top"] < b["bottom"] and b["top"] < a["bottom"]


@pytest.mark.parametrize("width", [360, 1024])
def test_the_summary_bar_is_small_on_a_phone_and_back_to_top_never_covers_it(phone, width):
    page, base_url = phone
    page.set_viewport_size({"width": width, "height": PHONE["height"]})
    page.goto(base_url + COMPOSITION_PAGE)
    page.wait_for_selector("html[data-sc-exercises=ready]")
    wait_for_theme_scripts(page)
    host = page.locator(".sc-host:has(.sc-composition)").first
    exercise = host.get_attribute("data-exercise")
    candidates = [c["id"] for c in page_specs(page)[exercise]["candidates"]]
    # Eight candidates ticked: a score and several warnings to show.
    page.evaluate("([k, v]) => localStorage.setItem(k, v)",
                  [STORAGE_PREFIX + exercise, json.dumps({"answers": {"selected": candidates[:8]}, "saved": "2026-11-30T00:00:00Z"})])
    page.reload()
    page.wait_for_selector("html[data-sc-exercises=ready]")
    wait_for_theme_scripts(page)
    boxes = host.locator(".sc-comp-list input")
    boxes.nth(20).scroll_into_view_if_needed()
    bar = host.locator(".sc-comp-bar")
    # It took 112 px of a 740 px phone screen; score, warnings and two lines of headline: 80.
    assert width > 360 or bar.bounding_box()["height"] <= 80, bar.bounding_box()
    # Score and warnings are shown whole, not cut off.
    # The headline is cut at a line's end, never sideways (the site quality gate's rule).
    assert bar.locator(".sc-comp-headline").evaluate("(e) => e.scrollWidth <= e.clientWidth + 1")
    for part in [".sc-comp-score", ".sc-comp-warnings"]:
        assert bar.locator(part).evaluate("(e) => e.getBoundingClientRect().width >= e.scrollWidth - 1"), part
    assert "waarschuwing" in bar.locator(".sc-comp-warnings").inner_text()
    # From above the candidates to below them the page goes down, and a little up again,
    # which shows "Terug naar boven"; at every stop, and after each tick, the button and
    # the bar do not overlap.
    top, bottom = page.evaluate(POOL_SPAN)
    page.evaluate("(y) => window.scrollTo(0, y)", max(0, top - 300))
    both = 0
    for step in range(80):
        if page.evaluate("scrollY") > bottom:
            break
        for dy in (400, -120):
            page.evaluate("(dy) => window.scrollBy(0, dy)", dy)
            settled(page)
        if step % 3 == 2:  # tick the candidate in the middle of the window
            spot = page.evaluate(MIDDLE_BOX)
            if spot:
                page.mouse.click(*spot)
                settled(page)
        seen = page.evaluate(BOXES)
        if seen["bar"] and seen["button"]:
            both += 1
            assert not intersect(seen["bar"], seen["button"]), (step, seen)
    assert both >= 3, "de knop Terug naar boven en de samenvatting waren zelden samen in beeld"
    assert axe_violations(page) == [] and dark_mode_violations(page) == {}


def test_long_words_in_the_sidebar_break_with_a_hyphen_at_1280_px_and_in_the_phone_drawer(phone):
    page, base_url = phone
    page.set_viewport_size({"width": 1280, "height": 800})
    page.goto(base_url + "course/fase-1/doel.html")
    wait_for_theme_scripts(page)
    wide = page.evaluate(WORD_ENDS, SIDEBAR_LINKS)
    page.set_viewport_size(PHONE)
    page.get_by_role("button", name="Menu tonen of verbergen").click()
    page.wait_for_function("document.getElementById('pst-primary-sidebar-modal').open")
    drawer = page.evaluate(WORD_ENDS, "#pst-primary-sidebar-modal :is(a, p.title)")
    # Some words do not fit the drawer's lines ("sleutelpersonennetwerk" broke as
    # "sleutelpersonennetwer k?", "Toegankelijkheidsverklaring" too); each shows a hyphen.
    assert drawer
    assert [(word, chars) for word, chars in wide + drawer if "\u00ad" not in chars] == []
    # A word that does not break at all runs past the drawer's edge instead (the book's
    # title did, 254 px in 238: the trainee trial of issue 11).
    assert page.evaluate("""() => [...document.querySelectorAll('#pst-primary-sidebar-modal :is(a, p.title)')]
        .filter((e) => e.checkVisibility()).every((e) => { const text = document.createRange();
            text.selectNodeContents(e);
            const box = e.closest('.sidebar-primary-item') || e.closest('dialog');
            const edge = box.getBoundingClientRect().right - parseFloat(getComputedStyle(box).paddingRight);
            return text.getBoundingClientRect().right <= edge + 0.5; })""")


def test_the_progress_tables_caption_reads_across_the_phone(phone):
    page, base_url = phone
    page.goto(base_url + "course/index.html")
    page.evaluate("() => localStorage.setItem('sleutelcursus:leerpad', 'sleutelpersoon')")
    page.goto(base_url + "course/voortgang.html")
    page.wait_for_selector("html[data-sc-voortgang=ready]")
    caption = page.locator("#sc-voortgang table caption")
    caption.wait_for()
    # It stood one word a line, as narrow as its longest word.
    seen = caption.evaluate(
        """(c) => { const s = getComputedStyle(c), text = c.getBoundingClientRect().height
                      - parseFloat(s.paddingTop) - parseFloat(s.paddingBottom);
                    return { lines: Math.round(text / parseFloat(s.lineHeight)),
                    width: c.getBoundingClientRect().width, table: c.closest('table').getBoundingClientRect().width,
                    page: document.documentElement.scrollWidth }; }""")
    assert caption.inner_text() == "Oefeningen van je leerpad"
    assert seen["lines"] == 1 and seen["width"] >= 0.9 * seen["table"], seen
    assert seen["page"] <= PHONE["width"], seen


# "Terug naar boven" as the page shows it: its box, its opacity, whether a tap reaches it.
BACK_TO_TOP = """() => { const b = document.getElementById('pst-back-to-top'), r = b.getBoundingClientRect();
  const style = getComputedStyle(b), hit = document.elementFromPoint(r.left + r.width / 2, r.top + r.height / 2);
  return { shown: style.display !== 'none', opacity: Number(style.opacity), box: r.toJSON(),
           tapped: Boolean(hit && b.contains(hit)) }; }"""


# A control in the article that reaches the right edge, where the arrow sits, moved (by an
# upward scroll, which shows the arrow) to the arrow's height; its box after the move.
UNDER_THE_ARROW = """(arrowTop) => {
  const control = [...document.querySelectorAll('article.bd-article :is(a[href], summary, button)')].find((e) => {
    const r = e.getBoundingClientRect(); return r.right > innerWidth - 40 && r.top + scrollY > 1500; });
  control.dataset.test = 'onder-de-pijl';
  window.scrollTo(0, control.getBoundingClientRect().top + scrollY - arrowTop + 100);
  return new Promise((done) => requestAnimationFrame(() => { window.scrollBy(0, -100); done(); }));
}"""


def arrow_shown(page, url: str, down: int, up: int) -> None:
    """Open ``url``, scroll down to ``down`` and back up by ``up``: scrolling up shows the arrow (the theme)."""
    page.goto(url)
    wait_for_theme_scripts(page)
    page.evaluate("(y) => window.scrollTo(0, y)", down)
    settled(page)
    page.evaluate("(dy) => window.scrollBy(0, -dy)", up)
    settled(page)


def test_back_to_top_stays_away_from_the_focused_control(phone):
    """Trainee trial (360 px, Tab on "Mijn voortgang"): the arrow, shown by scrolling up,
    covered the focused link at the window's lower edge."""
    page, base_url = phone
    arrow_shown(page, base_url + "course/fase-2/diversiteit.html", 3000, 50)
    arrow = page.evaluate(BACK_TO_TOP)["box"]
    page.evaluate(UNDER_THE_ARROW, arrow["top"])
    settled(page)
    page.wait_for_timeout(250)
    control = page.locator("[data-test=onder-de-pijl]")
    seen = page.evaluate(BACK_TO_TOP)
    assert seen["opacity"] == 1 and intersect(seen["box"], control.evaluate("(e) => e.getBoundingClientRect().toJSON()")), seen
    control.evaluate("(e) => e.focus({ preventScroll: true })")  # as Tab does, without its scroll
    page.wait_for_timeout(250)  # past its fade
    seen = page.evaluate(BACK_TO_TOP)
    assert seen["opacity"] == 0 and not seen["tapped"], seen
    page.evaluate("() => window.scrollBy(0, -2)")  # still over the focused control: it stays away
    settled(page)
    page.wait_for_timeout(250)
    assert page.evaluate(BACK_TO_TOP)["opacity"] == 0
    page.evaluate("() => window.scrollBy(0, -300)")  # away from it, it comes back
    settled(page)
    page.wait_for_timeout(250)
    assert page.evaluate(BACK_TO_TOP)["opacity"] == 1


def test_back_to_top_keeps_to_the_edge_and_leaves_the_text_once_the_scrolling_stops(phone):
    """Trainee trial (360 px): "Terug naar boven" floated over the text in the middle of
    the screen. It is a small arrow at the right edge now, and fades when the scrolling
    stops; it comes back when scrolled up again and whenever it has the keyboard focus."""
    page, base_url = phone
    arrow_shown(page, base_url + "course/fase-1/doel.html", 2000, 200)
    page.wait_for_timeout(250)  # past its fade-in
    seen = page.evaluate(BACK_TO_TOP)
    assert seen["shown"] and seen["opacity"] == 1 and seen["tapped"], seen
    box = seen["box"]
    assert box["width"] <= 48 and box["height"] <= 48, box
    assert PHONE["width"] - 24 <= box["right"] <= PHONE["width"] - 4, box  # at the right edge, not in the middle
    assert page.get_by_role("button", name="Terug naar boven").count() == 1
    assert axe_violations(page, "#pst-back-to-top") == []  # AA contrast of the arrow
    page.wait_for_timeout(2000)  # reading: no scrolling
    seen = page.evaluate(BACK_TO_TOP)
    assert seen["opacity"] == 0 and not seen["tapped"], seen  # the text under it is the text again
    # By keyboard: the skip link, then the button; with the focus it shows, Enter takes the page up.
    page.keyboard.press("Tab")
    page.keyboard.press("Tab")
    assert page.evaluate("document.activeElement.id") == "pst-back-to-top"
    page.wait_for_timeout(2000)
    assert page.evaluate(BACK_TO_TOP)["opacity"] == 1  # it does not fade while it has the focus
    page.keyboard.press("Enter")
    page.wait_for_function("scrollY === 0")
