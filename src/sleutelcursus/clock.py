"""Moments as a Dutch trainer reads them: in Dutch local time, whatever the machine's zone.

Answer files and the live server keep moments in UTC. Everything a trainer reads (the
group report's "Gemaakt op", the CSV, the live trainer page, the server's lines in the
terminal) shows them on the clock of Europe/Amsterdam, summer and winter time as the
clock showed it at that moment: a server in a data centre set to UTC, or a laptop
abroad, says the same times as the trainer's watch. Standard library only, so the live
server's quick commands (``--wis``) need not load pandas for it.
"""

from __future__ import annotations

from datetime import datetime, timezone
from zoneinfo import ZoneInfo

ZONE = ZoneInfo("Europe/Amsterdam")
# "29-11-2026 om 14:05": in sentences and on pages.
DAY_AND_TIME = "%d-%m-%Y om %H:%M"
# "2026-11-29 14:05": a spreadsheet with Dutch settings reads it as a date and time.
SPREADSHEET = "%Y-%m-%d %H:%M"


def local_time(moment: datetime | None, pattern: str = DAY_AND_TIME) -> str | None:
    """``moment`` in Dutch local time, written with ``pattern`` (None for no moment).

    :param moment: an aware datetime or pandas Timestamp; a naive one is taken as UTC
        (the live server's database gives them so); None or NaT gives None
    """
    # NaT is the one moment unequal to itself.
    if moment is None or moment != moment:
        return None
    if moment.tzinfo is None:
        moment = moment.replace(tzinfo=timezone.utc)
    return moment.astimezone(ZONE).strftime(pattern)


def now_local(pattern: str = DAY_AND_TIME) -> str:
    """The present moment in Dutch local time, written with ``pattern``."""
    return local_time(datetime.now(timezone.utc), pattern)
