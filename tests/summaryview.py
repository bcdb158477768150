"""The composition exercise's summary bar, seen as a trainee sees it while picking.

After each tick the bar (score, warnings, headline) must be on screen, not hidden under
anything, and show what the Python engine computes for the answers the model holds.
Used by the browser test on a test page and by the site quality gate on built pages.
"""

from __future__ import annotations

from pagelayout import open_page
from sleutelcursus.exercises import composition
from sleutelcursus.hosting import WIDGET_STATE
from webtools import STORAGE_PREFIX, page_specs

WIDTHS = (360, 1024, 1280, 1920)
HEIGHT = 900

# The answers the host saved: what a page holds for anyone, without a hook into the host.
_PAGE_DATA = f"""
  const answersOf = (id) => {{
    const raw = localStorage.getItem('{STORAGE_PREFIX}' + id);
    return raw === null ? {{ selected: [] }} : JSON.parse(raw).answers;
  }};"""

# What is on screen: the bar's box, whether the top element at its centre and at the
# focused control's centre belongs to them (nothing sticky over them), and the texts.
_SEEN = "(id) => {" + _PAGE_DATA + """
  const host = document.querySelector(`.sc-host[data-exercise="${id}"]`);
  const bar = host.querySelector('.sc-comp-bar');
  const r = bar.getBoundingClientRect();
  const onTop = (e) => { const b = e.getBoundingClientRect();
    const hit = document.elementFromPoint(b.left + b.width / 2, b.top + b.height / 2);
    return !!hit && (hit === e || e.contains(hit) || (e.labels && [...e.labels].some((l) => l.contains(hit)))); };
  const focus = document.activeElement;
  return {
    inside: r.top >= 0 && r.left >= 0 && r.bottom <= innerHeight && r.right <= innerWidth && r.height > 0,
    barOnTop: onTop(bar),
    focusOnTop: focus && focus.type === 'checkbox' && host.contains(focus) ? onTop(focus) : null,
    score: bar.querySelector('.sc-comp-score').textContent,
    warnings: bar.querySelector('.sc-comp-warnings').textContent,
    headline: bar.querySelector('.sc-comp-headline').textContent,
    answers: answersOf(id),
  };
}"""


def warnings_text(count: int) -> str:
    """How the bar counts the warnings."""
    return "Geen waarschuwingen." if not count else f"{count} {'waarschuwing' if count == 1 else 'waarschuwingen'}."


def bar_problems(page, exercise: str, after: str, spec: dict | None = None) -> list[str]:
    """What is wrong with the bar of ``exercise`` right now (Dutch lines; ``after`` names the step)."""
    seen = page.evaluate(_SEEN, exercise)
    result = composition.compute(spec or page_specs(page)[exercise], seen["answers"])
    problems = []
    if not seen["inside"]:
        problems.append(f"{exercise}: samenvatting niet in beeld na {after}")
    elif not seen["barOnTop"]:
        problems.append(f"{exercise}: samenvatting bedekt na {after}")
    if seen["focusOnTop"] is False:
        problems.append(f"{exercise}: vakje met focus bedekt na {after}")
    shown = (seen["score"], seen["warnings"], seen["headline"])
    expected = (f"Score: {result['score']} van 100.", warnings_text(len(result["warnings"])), result["headline"])
    if shown != expected:
        problems.append(f"{exercise}: samenvatting toont {shown} na {after}, de rekenkern {expected}")
    return problems


def tick_by_mouse(page, exercise: str, ids: list[str], spec: dict | None = None) -> list[str]:
    """Click (tick or untick) the candidates ``ids`` one by one; the bar's problems after each click."""
    problems = []
    chosen = "(id) => {" + _PAGE_DATA + f" return answersOf({exercise!r}).selected.includes(id); }}"
    for cid in ids:
        before = page.evaluate(chosen, cid)
        page.locator(f'.sc-host[data-exercise="{exercise}"] .sc-comp-list input[value="{cid}"]').click()
        if page.evaluate(chosen, cid) == before:
            problems.append(f"{exercise}: klik op {cid} veranderde de keuze niet")
        problems += bar_problems(page, exercise, f"klik op {cid}", spec)
    return problems


def tick_by_keyboard(page, exercise: str, ids: list[str], spec: dict | None = None) -> list[str]:
    """Tab from the focused element through the candidate list, Space on each of ``ids``.

    Every checkbox Tab reaches must stay uncovered; after each Space, the bar is judged.
    """
    from trainees import focused

    problems, todo = [], list(ids)
    for _ in range(200):
        if not todo:
            return problems
        page.keyboard.press("Tab")
        now = focused(page)
        if now["type"] != "checkbox":
            continue
        if now["value"] == todo[0]:
            page.keyboard.press("Space")
            problems += bar_problems(page, exercise, f"spatie op {todo.pop(0)}", spec)
        else:
            problems += [p for p in bar_problems(page, exercise, f"Tab naar {now['value']}", spec) if "focus" in p]
    return problems + [f"{exercise}: Tab bereikte {todo[0]} niet"]


def check_built_page(browser, base_url: str, rel: str, clicks: int = 6) -> dict[int, list[str]]:
    """The site quality gate's look at a built page: per width, the problems of its summary bars.

    Each composition exercise gets ``clicks`` clicks spread from the top of its pool to the
    bottom, in a fresh window of each width in :data:`WIDTHS`.
    """
    found = {}
    for width in WIDTHS:
        context = browser.new_context(viewport={"width": width, "height": HEIGHT})
        page, _ = open_page(context, base_url, rel, wait_until="load")
        page.wait_for_selector("html[data-sc-exercises=ready]")
        exercises = page.eval_on_selector_all(".sc-host:has(.sc-composition)", "hs => hs.map((h) => h.dataset.exercise)")
        found[width] = [] if exercises else ["geen samenstelopdracht gevonden"]
        for exercise in exercises:
            ids = [candidate["id"] for candidate in page_specs(page)[exercise]["candidates"]]
            spread = [ids[round(i * (len(ids) - 1) / max(1, clicks - 1))] for i in range(min(clicks, len(ids)))]
            found[width] += tick_by_mouse(page, exercise, spread)
        context.close()
    return found
