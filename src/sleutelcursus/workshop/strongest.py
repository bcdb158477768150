"""How the trainer tools say which dimension of a questionnaire stands out, ties included.

A scan whose best score is shared names no single strongest dimension, as the book's
own feedback says it ("Je scoort op alle onderdelen even hoog", "Hier ben je even
sterk: ..."). The group summaries follow that (trainer trial): an all-neutral scan read
"Het sterkst in: Verbinder, Vertegenwoordiger, ..." and counted four times under
"Sterkste rol bij", and a notebook named one role "the least seen" when all four
averaged 50%.
"""

from __future__ import annotations

import math

import pandas as pd

from ..exercises.composition.feedback import join as joined

ALL_EVEN = "alle onderdelen even hoog"


def strongest_words(labels: list[str], dimensions: int) -> str | None:
    """What a scan's strongest dimension is, in Dutch, or None when it names none.

    :param labels: the labels of the dimensions with the best score (the engine's ``strongest``)
    :param dimensions: how many dimensions the scan scores
    """
    if not labels:
        return None
    if len(labels) == 1:
        return labels[0]
    if len(labels) == dimensions:
        return ALL_EVEN
    return f"even sterk in {joined(labels)}"


def least_seen_sentence(mix: pd.DataFrame) -> str:
    """Which role the group shows least, from :func:`~.summaries.role_mix`, as one Dutch sentence.

    Averages are compared as they are shown, in whole percents: roles that tie at the
    lowest are named together, and when every role ties no role is called the least.
    """
    shown = [(row.rol, round(row.gemiddeld)) for row in mix.itertuples() if not math.isnan(row.gemiddeld)]
    if not shown:
        return "Nog geen rolscan met een profiel: er is nog geen rolmix."
    lowest = min(percent for _, percent in shown)
    least = [role for role, percent in shown if percent == lowest]
    if len(least) == len(shown):
        return f"Alle rollen zie je even veel in de groep (gemiddeld {lowest}%): geen rol komt het minst voor."
    if len(least) == 1:
        return f"Deze rol zie je het minst in de groep: {least[0]} (gemiddeld {lowest}%)."
    return f"Deze rollen zie je even weinig in de groep: {joined(least)} (allemaal gemiddeld {lowest}%)."
