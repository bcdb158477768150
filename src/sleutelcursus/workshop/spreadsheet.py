"""``groepsresultaten.csv``: the answers table as a Dutch spreadsheet opens and reads it.

One row per answer (file), with the table's columns (:mod:`sleutelcursus.workshop.answers`),
made for a trainer who opens the file in Excel or LibreOffice with Dutch settings:

- ";" between fields and a byte-order mark, so the file opens in columns as UTF-8;
- the moment of download in Dutch local time (Europe/Amsterdam, summer and winter time
  as the clock showed it then) as ``2026-11-29 14:05``, which a spreadsheet reads as a
  date and time; the column's header names the time zone (:data:`TIME_HEADER`);
- yes/no columns as "ja"/"nee";
- ``antwoorden`` and ``uitkomst`` as short Dutch text (what the trainee chose or how far
  they got, and what the exercise made of it), not the JSON inside the file;
- every text cell safe for a spreadsheet (:func:`spreadsheet_safe`).
"""

from __future__ import annotations

from collections.abc import Mapping
from zoneinfo import ZoneInfo

import pandas as pd

from .answers import COLUMNS
from .summaries import ASSESSMENT_WORDS

CSV_NAME = "groepsresultaten.csv"
# The byte-order mark makes Excel with Dutch settings read the file as UTF-8.
CSV_ENCODING = "utf-8-sig"
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")
ZONE = ZoneInfo("Europe/Amsterdam")
TIME_HEADER = "gedownload_op (Nederlandse tijd, Europe/Amsterdam)"


def spreadsheet_safe(text: str) -> str:
    """``text`` as a spreadsheet shows it but never runs it.

    Excel, LibreOffice and Google Sheets take a cell that starts with ``=``, ``+``,
    ``-``, ``@``, a tab or a carriage return for a formula (a nickname such as
    ``=HYPERLINK(...)`` would run on the trainer's machine). As OWASP advises, such a
    cell gets a leading ``'``, which the spreadsheet shows as text.
    """
    return "'" + text if text.startswith(FORMULA_STARTS) else text


def local_time(moment, pattern: str = "%Y-%m-%d %H:%M") -> str | None:
    """A UTC moment as Dutch local time (Europe/Amsterdam), ``2026-11-29 14:05`` by
    default (None for no moment). The report's "Gemaakt op" uses it too, so the report
    and its CSV never disagree on the clock, whatever the machine's own time zone."""
    return None if pd.isna(moment) else pd.Timestamp(moment).tz_convert(ZONE).strftime(pattern)


def _questionnaire(spec: Mapping, answers, result: dict) -> tuple[str, str]:
    answered = f"{result['answered']} van {result['total']} stellingen beantwoord"
    if not result["ready"]:
        if result["remaining"] > 0:
            return answered, f"nog geen profiel: nog {result['remaining']} stelling(en) te beantwoorden"
        return answered, "geen profiel: bij elke stelling het laagste antwoord"
    profile = ", ".join(f"{item['label']} {item['percent']}%" for item in result["profile"] if item["percent"] is not None)
    labels = {item["id"]: item["label"] for item in result["profile"]}
    strongest = ", ".join(labels[d] for d in result["strongest"])
    return answered, f"{profile}; sterkste: {strongest}" if strongest else profile


def _composition(spec: Mapping, answers, result: dict) -> tuple[str, str]:
    candidates = {item["id"]: item for item in spec.get("candidates", [])}
    selected = answers.get("selected") if isinstance(answers, Mapping) else None
    # The engine's rule for which answers count: a list of known ids, each once.
    selected = selected if isinstance(selected, list) else []
    chosen = [candidates[cid] for cid in dict.fromkeys(c for c in selected if isinstance(c, str) and c in candidates)]
    names = ", ".join(f"{item['naam']} ({item['wijk']})" for item in chosen) or "niemand gekozen"
    risks = len(result["risks"])
    return names, (f"score {result['score']} van 100; wijken {result['neighbourhoods']['score']}, "
                   f"rollen {result['roles']['score']}; {risks} aandachtspunt(en) bij leden")


def _scenario(spec: Mapping, answers, result: dict) -> tuple[str, str]:
    labels = {c["id"]: c["label"] for step in spec.get("steps", []) for c in step["choices"]}
    titles = {step["id"]: step["title"] or step["question"] for step in spec.get("steps", [])}
    path = " > ".join(labels.get(step["choice"], step["choice"]) for step in result["steps"]) or "nog geen keuze"
    counts = ", ".join(f"{result['counts'][name]} × {word}" for name, word in ASSESSMENT_WORDS.items())
    where = f"einde bereikt: {counts}" if result["finished"] else f"bezig bij '{titles.get(result['current'], result['current'])}'; tot nu toe {counts}"
    if not result["valid"]:
        where += "; een deel van het pad hoort niet bij deze oefening en telt niet mee"
    return path, where


READABLE = {"questionnaire": _questionnaire, "composition": _composition, "scenario": _scenario}


def readable(kind: str, spec: Mapping, answers, result: dict) -> tuple[str, str]:
    """(antwoorden, uitkomst) of one row as short Dutch text for the spreadsheet.

    :param spec: the exercise's spec (names and labels come from it)
    """
    return READABLE[kind](spec, answers, result)


def _specs(df: pd.DataFrame) -> dict[str, Mapping]:
    from ..plugins.registry import registered_specs

    known = registered_specs()
    # A trainer's own spec (a widget of an unregistered exercise) has no names to look
    # up: its ids stand in for them.
    return {eid: known.get(eid, {}) for eid in df["oefening"].unique()}


def csv_frame(df: pd.DataFrame) -> pd.DataFrame:
    """The table as it goes into the CSV file (see the module docstring); the time
    column is headed :data:`TIME_HEADER`."""
    flat = df.copy()
    for name in (n for n, kind in COLUMNS.items() if kind == "bool"):
        flat[name] = ["ja" if value else "nee" for value in df[name]]
    specs = _specs(df)
    texts = [readable(kind, specs[eid], answers, result)
             for kind, eid, answers, result in zip(df["soort"], df["oefening"], df["antwoorden"], df["uitkomst"])]
    flat["antwoorden"] = [answers for answers, _ in texts]
    flat["uitkomst"] = [result for _, result in texts]
    flat["gedownload_op"] = [local_time(t) for t in df["gedownload_op"]]
    for name in flat.columns:
        if flat[name].dtype == object or pd.api.types.is_string_dtype(flat[name]):
            flat[name] = [spreadsheet_safe(v) if isinstance(v, str) else v for v in flat[name]]
    return flat[list(COLUMNS)].rename(columns={"gedownload_op": TIME_HEADER})


def csv_text(df: pd.DataFrame) -> str:
    """The text of ``groepsresultaten.csv`` (";" between fields; written as UTF-8 with a
    byte-order mark, :data:`CSV_ENCODING`)."""
    return csv_frame(df).to_csv(sep=";", index=False)
