"""The live workshop's words on the trainee's page follow the connection: sending,
waiting while the workshop cannot be reached, stopped."""

from __future__ import annotations

import pytest

from liveserver import free_port, start_live
from livetrainees import BAR_TEXT, answer_questionnaire, exercise_pages, join, open_book_page, stop_sharing

from sleutelcursus.plugins.registry import registered_specs

pytestmark = pytest.mark.browser

SENDING = "Je antwoorden gaan naar de workshop"
WAITING = "is nu niet bereikbaar. Je antwoorden wachten in deze browser."
BACK = "De workshop is weer bereikbaar: al je antwoorden zijn verstuurd."


@pytest.fixture(scope="module")
def server(tmp_path_factory, built_book):
    running = start_live(tmp_path_factory.mktemp("live"), built_book, free_port())
    yield running, built_book
    running.stop()


def slots(page) -> list[str]:
    return page.locator(".sc-live-slot").all_inner_texts()


def test_the_toolbar_and_the_bar_say_what_happens_to_the_answers(browser, server):
    live, book = server
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    try:
        page = open_book_page(context, f"{live.base}/{exercise_pages(book)['rolscan']}")
        join(page, live.code, "Dirk")
        bar = page.get_by_role("region", name="Workshop")
        assert BAR_TEXT.search(bar.inner_text())
        assert slots(page) and all(SENDING in s for s in slots(page))

        # The workshop cannot be reached: no word says the answers go there.
        page.route("**/api/antwoorden/**", lambda route: route.abort("internetdisconnected"))
        statements = [s["id"] for s in registered_specs()["rolscan"]["statements"]]
        answer_questionnaire(page, "rolscan", {statements[0]: 4})
        page.get_by_role("status").filter(has_text="De workshop is nu niet bereikbaar.").wait_for()
        page.wait_for_function("() => [...document.querySelectorAll('.sc-live-slot')]"
                               ".every((s) => s.textContent.includes('niet bereikbaar'))")
        assert all(WAITING in s and SENDING not in s for s in slots(page)), slots(page)
        assert "is nu niet bereikbaar" in bar.inner_text() and not BAR_TEXT.search(bar.inner_text())
        assert "als Dirk." in bar.inner_text()

        # Back: the retry sends what waited, and the words say so again.
        page.unroute("**/api/antwoorden/**")
        page.get_by_role("status").filter(has_text=BACK).wait_for(timeout=20000)
        assert all(SENDING in s for s in slots(page)) and BAR_TEXT.search(bar.inner_text())

        # Stopped: the toolbar offers to join again, the bar is gone.
        stop_sharing(page)
        page.get_by_role("status").filter(has_text="Je deelt niet meer").wait_for()
        assert not any(SENDING in s or "niet bereikbaar" in s for s in slots(page))
        assert page.get_by_role("button", name="Doe mee met de workshop").count() == len(slots(page))
        assert page.get_by_role("region", name="Workshop").count() == 0
    finally:
        context.close()
