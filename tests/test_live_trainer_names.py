"""The trainer page's switch between nicknames and "Deelnemer N" (for the projector)."""

from __future__ import annotations

import pytest

from livegroup import group_payloads, trainee_payloads
from trainees import axe_violations
from trainersession import base, client, live, login  # noqa: F401 (the session fixtures)

pytestmark = pytest.mark.browser

NICKNAMES = ["Amira", "Bas", "Chantal"]


def test_the_switch_shows_participants_as_deelnemer_n_and_keeps_it_live(browser, live, client, base):
    for i, name in enumerate(NICKNAMES):
        participant = live.join(client, name)
        for payload in trainee_payloads(i):
            assert live.answer(client, participant, payload).status_code == 204
    nicknames = NICKNAMES
    login(client, live.token)
    assert all(name in client.get("/trainer/stand").text for name in nicknames)
    hidden = client.get("/trainer/stand?pseudoniem=ja").text
    assert not any(name in hidden for name in nicknames) and "Deelnemer 1" in hidden

    context = browser.new_context(viewport={"width": 1280, "height": 720})
    page = context.new_page()
    problems: list[str] = []
    page.on("console", lambda message: message.type == "error" and problems.append(message.text))
    try:
        page.goto(f"{base}/trainer?token={live.token}")
        switch = page.get_by_role("navigation", name="Namen in de stand:")
        assert switch.get_by_role("link", name="bijnamen").get_attribute("aria-current") == "page"
        assert all(name in page.inner_text("#sc-stand") for name in nicknames)
        # By keyboard: Tab to the switch's other link, Enter.
        for _ in range(40):
            page.keyboard.press("Tab")
            if page.evaluate("document.activeElement.textContent").startswith("Deelnemer 1, 2"):
                break
        page.keyboard.press("Enter")
        page.wait_for_url("**/trainer?pseudoniem=ja")
        stand = page.inner_text("#sc-stand")
        assert "Deelnemer 1" in stand and not any(name in stand for name in nicknames)
        assert switch.get_by_role("link", name="Deelnemer 1, 2, … (voor de beamer)").get_attribute("aria-current") == "page"
        assert axe_violations(page) == []

        # A late answer redraws the stand live, still without nicknames.
        participant = live.join(client, "Laatkomer")
        live.answer(client, participant, group_payloads(1)[0])
        page.wait_for_function("() => document.querySelector('.sc-getal-groot').textContent === String(%d)" % (len(NICKNAMES) + 1))
        stand = page.inner_text("#sc-stand")
        assert "Deelnemer 1" in stand and not any(name in stand for name in nicknames)
        assert page.get_by_role("link", name="Ververs de stand").get_attribute("href") == "/trainer?pseudoniem=ja"
        switch.get_by_role("link", name="bijnamen").click()
        page.wait_for_url("**/trainer")
        assert all(name in page.inner_text("#sc-stand") for name in nicknames)
        assert problems == []
    finally:
        context.close()
