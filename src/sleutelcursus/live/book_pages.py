"""The built book as the workshop server serves it: every page marked as served here.

The trainee's page (``frontend/live.js``) offers the join form only on a page that
carries :data:`MARK`; on a static host or under ``sleutelcursus serve`` the same page
has no mark, and its join dialog says that there is no workshop here, without a
request that would fail (and log an error in the browser's console).
"""

from __future__ import annotations

import functools
import os
import re
from pathlib import Path

from starlette.responses import Response
from starlette.staticfiles import StaticFiles

# frontend/live.js looks for this element (SERVER_MARK); tests/test_live_book_pages.py holds them equal.
MARK_NAME = "sleutelcursus-workshop"
MARK = f'<meta name="{MARK_NAME}" content="ja">'.encode()
# Where the mark goes: after the head's start tag; in a page without one, after the
# doctype (never before it: that would put the browser in quirks mode).
HEAD = re.compile(rb"<head(?:\s[^>]*)?>", re.IGNORECASE)
DOCTYPE = re.compile(rb"^\s*<!doctype[^>]*>", re.IGNORECASE)


@functools.lru_cache(maxsize=512)
def _marked(path: str, _mtime_ns: int, _size: int) -> bytes:
    # Keyed by the file's time and size too: a rebuilt book is read again.
    html = Path(path).read_bytes()
    for place in (HEAD, DOCTYPE):
        marked, found = place.subn(lambda match: match.group(0) + MARK, html, count=1)
        if found:
            return marked
    return MARK + html


def marked_page(path: str | os.PathLike, stat_result: os.stat_result) -> bytes:
    """The page at ``path`` with :data:`MARK` as the first element of its head."""
    return _marked(str(path), stat_result.st_mtime_ns, stat_result.st_size)


class WorkshopBook(StaticFiles):
    """Static files of the book; its HTML pages carry the workshop server's mark.

    Pages are sent whole, without ``ETag`` or ``Last-Modified``: a browser that kept the
    unmarked page from a static server on the same address (a preview on the same port)
    must not be told that its copy is still good.
    """

    def file_response(self, full_path, stat_result, scope, status_code: int = 200) -> Response:
        """The file as StaticFiles sends it; an HTML page marked, and always in full."""
        if not str(full_path).endswith(".html"):
            return super().file_response(full_path, stat_result, scope, status_code)
        return Response(marked_page(full_path, stat_result), status_code=status_code, media_type="text/html",
                        headers={"cache-control": "no-cache"})
