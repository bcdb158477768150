"""Trainer tools: the trainees' answers as one pandas table, group summaries, charts and
the offline group report, and the offline exports of workshop notebooks.

In a workshop notebook::

    from sleutelcursus.workshop import read_answers, scenario_choices, scenario_chart
    answers, skipped = read_answers("antwoorden/")

Until the trainer has answers of their own, ``example_answers("fase-1")`` is the
folder of the example group that ships with the course. During a live workshop
(``sleutelcursus live``), ``live(url, token)`` gives the same table from the server.
"""

from .answers import from_widgets, read_answers, read_payloads
from .people import count_line, group_summary
from .examples import example_answers
from .live import live
from .report import network_chart, role_mix_chart, scenario_chart, self_scan_chart
from .strongest import least_seen_sentence
from .summaries import composition_scores, role_mix, scenario_choices, self_scan_spread

__all__ = [
    "read_answers",
    "read_payloads",
    "live",
    "from_widgets",
    "example_answers",
    "group_summary",
    "count_line",
    "composition_scores",
    "role_mix",
    "least_seen_sentence",
    "scenario_choices",
    "self_scan_spread",
    "network_chart",
    "role_mix_chart",
    "scenario_chart",
    "self_scan_chart",
]
