"""Trainer tools: the trainees' answers as one pandas table, group summaries, charts and
the offline group report, and the offline exports of workshop notebooks.

In a workshop notebook::

    from sleutelcursus.workshop import read_answers, scenario_choices, scenario_chart
    answers = read_answers("antwoorden/")
"""

from .answers import from_widgets, read_answers
from .report import network_chart, role_mix_chart, scenario_chart, self_scan_chart
from .summaries import composition_scores, role_mix, scenario_choices, self_scan_spread

__all__ = [
    "read_answers",
    "from_widgets",
    "composition_scores",
    "role_mix",
    "scenario_choices",
    "self_scan_spread",
    "network_chart",
    "role_mix_chart",
    "scenario_chart",
    "self_scan_chart",
]
