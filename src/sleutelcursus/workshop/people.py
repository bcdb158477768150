"""Who is who in the trainees' answers: the ``deelnemer`` labels and the counts.

From answer files (:func:`~sleutelcursus.workshop.answers.read_answers`) a trainee is
known only by the nickname typed: files with the same nickname (ignoring case and
spaces) are one trainee; a file without a nickname cannot be told apart from another
one, so it is shown as "Zonder bijnaam N" (numbered by file) and counted apart.

From a live session (:func:`~sleutelcursus.workshop.answers.read_payloads`) the server
knows each participant: every answer carries the participant's number in the session
(``deelnemer``). Then a participant is one trainee whatever the nickname: two who chose
"Anna" are "Anna" and "Anna (2)", one without a nickname is "Zonder bijnaam N" for all
their answers, and the counts are of participants and answers, not files.

With ``pseudonymise`` every trainee is "Deelnemer N", numbered in order of appearance.
"""

from __future__ import annotations

from collections.abc import Hashable, Sequence

import pandas as pd

# The key of a live answer that names its participant (added by the server, not by
# the browser; a file's own "deelnemer" key is never read).
PARTICIPANT = "deelnemer"


def nickname_key(nickname: str | None) -> str:
    """A nickname as compared: spaces collapsed, case ignored ("" for none)."""
    return " ".join(nickname.split()).casefold() if nickname else ""


def _shown(nickname: str) -> str:
    return " ".join(nickname.split())


def participant_labels(
    nicknames: Sequence[str | None], pseudonymise: bool, people: Sequence[Hashable] | None = None
) -> list[str]:
    """The ``deelnemer`` value of each row.

    :param nicknames: each row's nickname
    :param people: each row's participant in a live session (see the module docstring);
        None for answer files
    """
    if people is None:
        return _labels_by_nickname(nicknames, pseudonymise)
    label_of: dict[Hashable, str] = {}
    times_used: dict[str, int] = {}
    anonymous = 0
    for nickname, person in zip(nicknames, people):
        if person in label_of:
            continue
        key = nickname_key(nickname)
        if pseudonymise:
            label = f"Deelnemer {len(label_of) + 1}"
        elif key:
            times_used[key] = times_used.get(key, 0) + 1
            label = _shown(nickname) if times_used[key] == 1 else f"{_shown(nickname)} ({times_used[key]})"
        else:
            anonymous += 1
            label = f"Zonder bijnaam {anonymous}"
        label_of[person] = label
    return [label_of[person] for person in people]


def _labels_by_nickname(nicknames: Sequence[str | None], pseudonymise: bool) -> list[str]:
    numbers: dict[str, int] = {}
    shown: dict[str, str] = {}
    anonymous = 0
    labels = []
    for nickname in nicknames:
        key = nickname_key(nickname)
        if not key:
            anonymous += 1
            labels.append(f"Zonder bijnaam {anonymous}")
            continue
        number = numbers.setdefault(key, len(numbers) + 1)
        labels.append(f"Deelnemer {number}" if pseudonymise else shown.setdefault(key, _shown(nickname)))
    return labels


def count_line(frame: pd.DataFrame) -> str:
    """How many answers and trainees the table holds, honestly, as one Dutch sentence part.

    Files: trainees are the distinct nicknames; files without a nickname are counted
    apart, since two of them may come from one person or from two. A live session
    knows its participants: they are counted, with their answers.
    """
    if frame.attrs.get("live"):
        return f"{len(frame)} antwoord(en) van {frame['deelnemer'].nunique()} deelnemer(s)"
    named = frame.loc[frame["bijnaam"], "deelnemer"].nunique()
    anonymous = int((~frame["bijnaam"]).sum())
    line = f"{len(frame)} antwoordbestand(en) van {named} deelnemer(s) met een bijnaam"
    return line + (f" en {anonymous} bestand(en) zonder bijnaam" if anonymous else "")


def group_summary(frame: pd.DataFrame, problems: list[str]) -> list[str]:
    """The Dutch lines a workshop notebook prints above the group picture: the counts,
    the skipped files and the files with values left out.

    For the example group (:mod:`sleutelcursus.workshop.examples`) they say so plainly
    and count its skipped files instead of listing them: a hand-out made before the
    workshop is about the example, not about files the trainer has to fix.
    """
    if frame.attrs.get("voorbeeld"):
        lines = ["Dit is de voorbeeldgroep van de cursus, geen echte deelnemers. "
                 "Vul bij MAP de map met de antwoordbestanden van je eigen groep in.",
                 f"Gelezen: {count_line(frame)}."]
        return lines + ([f"Overgeslagen: {len(problems)} bestand(en) uit het voorbeeld."] if problems else [])
    return [f"Gelezen: {count_line(frame)}.", *problems, *frame.attrs.get("waarschuwingen", [])]
