"""The answers of a live workshop session, read in Jupyter from the trainer's server.

``sleutelcursus live`` keeps the answers of trainees who joined a session. With the
trainer token it printed, :func:`live` fetches them (``GET /api/trainer/antwoorden``) and
returns the same table as :func:`~sleutelcursus.workshop.read_answers` gives for the
same answers as files, so a workshop notebook's group cells work during the session::

    from sleutelcursus.workshop import live, role_mix_chart
    tabel, problemen = live("http://127.0.0.1:8000", "TOKEN")
    role_mix_chart(tabel)
"""

from __future__ import annotations

from urllib.parse import urlsplit

import pandas as pd

from ..errors import SleutelcursusError
from .answers import read_payloads

ANSWERS_PATH = "/api/trainer/antwoorden"
TIMEOUT = 10.0


class LiveSessionError(SleutelcursusError):
    """The server of a live session cannot give the answers."""


def _answers_url(url: str) -> str:
    parts = urlsplit(url.strip())
    if parts.scheme not in ("http", "https") or not parts.netloc:
        raise LiveSessionError(
            f"{url!r} is geen webadres; geef het adres van de server, bijvoorbeeld http://127.0.0.1:8000."
        )
    # The trainer URL (".../trainer?token=...") is what the trainer has at hand: its
    # server part is the address meant.
    path = parts.path.split("/trainer")[0].rstrip("/")
    return f"{parts.scheme}://{parts.netloc}{path}{ANSWERS_PATH}"


def live(url: str, token: str, pseudonymise: bool = False) -> tuple[pd.DataFrame, list[str]]:
    """The answers of the session on the server at ``url``, as :func:`read_answers` gives them.

    :param url: the server's address, e.g. ``"http://127.0.0.1:8000"`` (the trainer
        URL that ``sleutelcursus live`` printed works too)
    :param token: the trainer token that ``sleutelcursus live`` printed
    :param pseudonymise: show every trainee as "Deelnemer N"
    :return: the table (``bestand`` is NA for every row) and one Dutch line per answer
        that does not count
    :raises LiveSessionError: one Dutch line when the server cannot be reached, refuses
        the token, no longer has the session (wiped) or answers with something else than
        the session's answers
    """
    import httpx  # only here: a notebook that reads files never pays for it

    address = _answers_url(url)
    try:
        response = httpx.get(address, headers={"Authorization": f"Bearer {token.strip()}"}, timeout=TIMEOUT)
    except httpx.TimeoutException:
        raise LiveSessionError(f"de server op {url} antwoordt niet binnen {TIMEOUT:.0f} seconden.") from None
    except httpx.HTTPError:
        raise LiveSessionError(
            f"de server op {url} is niet bereikbaar; draait 'sleutelcursus live' en klopt het adres?"
        ) from None
    if response.status_code == 410:
        # The server wipes a session (nicknames and answers) an hour after it closed or
        # expired (live/storage.py WIPE_GRACE): its token then fits nothing any more.
        raise LiveSessionError(
            "deze sessie bestaat niet meer: de server wist een sessie met alle bijnamen en antwoorden een uur "
            "nadat ze is gesloten of verlopen (of eerder met 'sleutelcursus live --wis'). Begin zo nodig een nieuwe sessie."
        )
    if response.status_code == 401:
        raise LiveSessionError(
            "de server weigert het token; gebruik het trainerstoken dat 'sleutelcursus live' als laatste toonde."
        )
    if response.status_code != 200:
        raise LiveSessionError(
            f"de server op {url} gaf een onverwacht antwoord (HTTP {response.status_code}); is dit een server van 'sleutelcursus live'?"
        )
    try:
        payloads = response.json()["antwoorden"]
    except (ValueError, KeyError, TypeError):
        payloads = None
    if not isinstance(payloads, list):
        raise LiveSessionError(
            f"de server op {url} stuurde geen antwoorden van een sessie; is dit een server van 'sleutelcursus live'?"
        )
    return read_payloads(payloads, pseudonymise=pseudonymise)
