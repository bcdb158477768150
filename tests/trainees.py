"""A scripted trainee: keyboard-only moves through the exercises, shared by the tests.

Everything here uses the keyboard as a trainee would (Tab, Space, arrows, Enter);
nothing clicks. The functions work on a test page and on the built book alike.
"""

from __future__ import annotations

WCAG_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]


def focused(page) -> dict:
    """The focused element: tag, type, id, value and text."""
    return page.evaluate(
        """() => { const e = document.activeElement;
                   return { tag: e.tagName, type: e.type || null, id: e.id, value: e.value || null,
                            text: e.textContent.trim() }; }"""
    )


def tab_until(page, check, key: str = "Tab", limit: int = 80) -> dict:
    """Press ``key`` until the focused element satisfies ``check``; return it."""
    for _ in range(limit):
        page.keyboard.press(key)
        now = focused(page)
        if check(now):
            return now
    raise AssertionError(f"{key} bereikte het element niet; focus staat op {focused(page)}")


def assert_clean(watch) -> None:
    """No console errors and no request outside the site."""
    assert not watch.console_errors, watch.console_errors
    assert not watch.outside, watch.outside


def axe_run(page, context: str | None = None) -> dict:
    """axe-core's full response for the WCAG 2.1 A/AA rules on the page (or inside ``context``).

    Only violations carry every element; passes and the rest list each rule once.
    ``preload`` is off: axe would fetch the stylesheets again and resolve a relative
    ``@import`` against the page (a 404 of its own making), and no WCAG 2.1 A/AA rule
    outside axe's experimental ones needs them.
    """
    from axe_playwright_python.sync_playwright import Axe

    options = {"runOnly": {"type": "tag", "values": WCAG_TAGS}, "resultTypes": ["violations"], "preload": False}
    results = Axe().run(page, context=context, options=options)
    if results.violations_count:
        print(results.generate_report())
    return results.response


def axe_violations(page, context: str | None = None) -> list:
    """axe-core's WCAG 2.1 A/AA violations on the page (or inside ``context``)."""
    return axe_run(page, context)["violations"]


def wait_dialog_gone(page) -> None:
    """Wait until the wipe dialog has left the page, which happens in its ``close`` handler.

    A role locator stops matching as soon as the dialog closes (a closed dialog is
    hidden), one task before the handler runs: the wipe would not have happened yet.
    """
    page.wait_for_selector("dialog.sc-host-confirm", state="detached")


def answer_statements(page, values: list[int]) -> None:
    """Questionnaire: answer the statements in order, focus already before the first.

    Tab enters a statement's radio group; Space checks its first step and each
    ArrowRight moves one step up the scale.
    """
    for value in values:
        tab_until(page, lambda f: f["type"] == "radio")
        page.keyboard.press("Space")
        for _ in range(value - 1):
            page.keyboard.press("ArrowRight")


def choose_scenario_option(page, index: int) -> None:
    """Scenario: select choice ``index`` of the current step and confirm with "Kies"."""
    tab_until(page, lambda f: f["type"] == "radio")
    if index == 0:
        page.keyboard.press("Space")
    for _ in range(index):
        page.keyboard.press("ArrowDown")
    tab_until(page, lambda f: f["tag"] == "BUTTON" and f["text"] == "Kies")
    page.keyboard.press("Enter")


def pick_candidates(page, ids: list[str]) -> None:
    """Composition: tick the candidates ``ids`` (in list order) with Tab and Space."""
    wanted = set(ids)
    for _ in range(len(ids)):
        tab_until(page, lambda f: f["type"] == "checkbox" and f["value"] in wanted, limit=400)
        page.keyboard.press("Space")
        wanted.discard(focused(page)["value"])
