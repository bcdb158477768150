"""One Dutch clock for everything a trainer reads (trainer trial: the live server told
the wipe time on the machine's own clock, the report and CSV on Amsterdam's)."""

from __future__ import annotations

from datetime import datetime, timezone

import pandas as pd
import pytest

from sleutelcursus import clock
from sleutelcursus.live import server, trainer, view
from sleutelcursus.workshop import spreadsheet

WINTER = datetime(2026, 1, 15, 12, 0, tzinfo=timezone.utc)  # CET, UTC+1
SUMMER = datetime(2026, 7, 15, 12, 0, tzinfo=timezone.utc)  # CEST, UTC+2


@pytest.mark.parametrize(("moment", "shown"), [(WINTER, "15-01-2026 om 13:00"), (SUMMER, "15-07-2026 om 14:00")])
def test_a_utc_moment_is_amsterdam_time_whatever_the_machine_zone(machine_in_tokyo, moment, shown):
    assert clock.local_time(moment) == shown
    # The live database gives naive UTC moments; pandas gives Timestamps.
    assert clock.local_time(moment.replace(tzinfo=None)) == shown
    assert clock.local_time(pd.Timestamp(moment)) == shown
    assert clock.local_time(moment, clock.SPREADSHEET) == shown[6:10] + "-" + shown[3:5] + "-" + shown[:2] + shown[-6:]


def test_no_moment_is_no_time():
    assert clock.local_time(None) is None and clock.local_time(pd.NaT) is None


def test_the_night_the_clocks_go_back_shows_both_hours(machine_in_tokyo):
    # 25 October 2026: 02:00-03:00 happens twice in Amsterdam.
    first = datetime(2026, 10, 25, 0, 30, tzinfo=timezone.utc)
    second = datetime(2026, 10, 25, 1, 30, tzinfo=timezone.utc)
    assert [clock.local_time(m, "%H:%M") for m in (first, second)] == ["02:30", "02:30"]


def test_live_server_report_and_csv_use_the_one_clock():
    assert trainer.local_time is clock.local_time and server.local_time is clock.local_time
    assert spreadsheet.local_time is clock.local_time
    assert not hasattr(view, "local_time")


def test_the_server_lines_tell_the_wipe_time_in_amsterdam(machine_in_tokyo):
    class Ended:
        code = "ABC123"
        wiped_at = WINTER.replace(tzinfo=None)

    assert "tot 15-01-2026 om 13:00 nog op" in server.report_hint(Ended())
