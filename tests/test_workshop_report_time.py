"""The report and its CSV tell the time by the same Dutch clock (trainer trial: on a
server in UTC, "Gemaakt op" was an hour or two behind the CSV's times)."""

from __future__ import annotations

import re
from datetime import datetime, timedelta, timezone
from zoneinfo import ZoneInfo

from answerfiles import answer_data, write_json
from sleutelcursus.cli import main


def test_gemaakt_op_is_dutch_local_time_and_names_the_zone_once(tmp_path, capsys, machine_in_tokyo):
    folder = tmp_path / "groep-a"
    write_json(folder / "anna.json", answer_data("rolscan", {"r01": 4}, "Anna"))
    amsterdam = ZoneInfo("Europe/Amsterdam")
    before = datetime.now(timezone.utc)
    assert main(["groep", str(folder)]) == 0
    after = datetime.now(timezone.utc)
    html = (tmp_path / "groepsrapport-groep-a" / "groepsrapport.html").read_text(encoding="utf-8")
    made = re.search(r"Gemaakt op (\d\d-\d\d-\d{4} om \d\d:\d\d) \(Nederlandse tijd\)", html)
    assert made, "de tijdzone staat niet bij 'Gemaakt op'"
    minutes = {f"{(before + timedelta(seconds=s)).astimezone(amsterdam):%d-%m-%Y om %H:%M}"
               for s in range(0, int((after - before).total_seconds()) + 2)}
    assert made.group(1) in minutes
    assert html.count("Nederlandse tijd") == 1
    capsys.readouterr()
