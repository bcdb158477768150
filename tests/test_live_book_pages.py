"""The workshop server marks the book's pages as its own (live/book_pages.py), so a page
on a static host or under ``sleutelcursus serve`` knows without a failing request that
nobody can join a workshop there (trainee trial, issue 11); and a refused nickname names
its field, so the join form says it under that field."""

from __future__ import annotations

import re
from email.utils import formatdate
from pathlib import Path

import httpx
import pytest

from liveserver import minimal_book, serve_app
from sleutelcursus.book.serve import make_server
from sleutelcursus.live import codes
from sleutelcursus.live.app import create_app
from sleutelcursus.live.book_pages import MARK, MARK_NAME, marked_page
from sleutelcursus.live.storage import LiveStore
from webtools import serving

LIVE_SESSION_JS = Path(__file__).resolve().parent.parent / "src/sleutelcursus/exercises/frontend/livesession.js"
PAGE = "<!DOCTYPE html>\n<html lang=\"nl\"><head>\n<title>Rolscan</title></head><body><p>Welkom</p></body></html>"


@pytest.fixture
def book(tmp_path):
    folder = minimal_book(tmp_path / "boek")
    (folder / "rolscan.html").write_text(PAGE, encoding="utf-8")
    return folder


@pytest.fixture
def live(tmp_path, book):
    store = LiveStore(LiveStore.default_url(tmp_path))
    session, _token = store.create_session(str(book), 12)
    with serve_app(create_app(store, book, session.id)) as base, httpx.Client(base_url=base) as client:
        yield client, codes.shown(session.code)


def test_the_workshop_server_marks_each_page_and_nothing_else(live, book):
    client, _code = live
    page = client.get("/rolscan.html")
    assert page.status_code == 200 and page.headers["content-type"].startswith("text/html")
    assert page.text == PAGE.replace("<head>", "<head>" + MARK.decode())
    assert page.headers["content-length"] == str(len(page.content))
    # A page without a head: the mark follows the doctype, so the page stays in standards mode.
    assert client.get("/").text.startswith("<!doctype html>" + MARK.decode())
    assert client.get("/_static/boek.css").text == "body { margin: 0 }"
    assert (book / "rolscan.html").read_text(encoding="utf-8") == PAGE  # the book itself is not changed


def test_a_kept_copy_from_a_static_server_on_the_same_address_is_never_confirmed(live, book):
    client, _code = live
    later = formatdate((book / "rolscan.html").stat().st_mtime + 3600, usegmt=True)
    page = client.get("/rolscan.html", headers={"If-Modified-Since": later})
    assert page.status_code == 200 and MARK.decode() in page.text
    assert "etag" not in page.headers and "last-modified" not in page.headers
    assert page.headers["cache-control"] == "no-cache"


def test_a_rebuilt_page_is_marked_as_it_is_now(book):
    path = book / "rolscan.html"
    first = marked_page(path, path.stat())
    path.write_text(PAGE.replace("Welkom", "Welkom terug"), encoding="utf-8")
    assert first != marked_page(path, path.stat()) and b"Welkom terug" in marked_page(path, path.stat())


def test_the_plain_book_server_does_not_mark_its_pages(book):
    with serving(make_server(book, 0)) as base_url:
        page = httpx.get(base_url + "rolscan.html")
    assert page.status_code == 200 and page.text == PAGE and MARK_NAME not in page.text


def test_the_page_looks_for_the_mark_the_server_puts_in():
    selector = re.search(r"export const SERVER_MARK = '([^']+)';", LIVE_SESSION_JS.read_text(encoding="utf-8"))[1]
    assert selector == f'meta[name="{MARK_NAME}"]'
    assert f'name="{MARK_NAME}"' in MARK.decode()


def test_a_refused_nickname_and_a_wrong_code_name_their_field(live):
    client, code = live
    nickname = client.post("/api/deelnemen", json={"code": code, "bijnaam": "x" * 41})
    # Not an error status either: the page's console stays clean.
    assert nickname.status_code == 200 and nickname.json()["veld"] == "bijnaam" and "deelnemer" not in nickname.json()
    wrong = client.post("/api/deelnemen", json={"code": "WXYZ-WXYZ" if code != "WXYZ-WXYZ" else "WXYZ-WXY2"})
    # Not an error status (a console error on the page): an answer that names the field.
    assert wrong.status_code == 200 and wrong.json()["veld"] == "code" and "deelnemer" not in wrong.json()
