"""``groepsresultaten.csv``: the answers table as a Dutch spreadsheet opens and reads it.

One row per answer (file), made for a trainer who opens the file in Excel or LibreOffice
with Dutch settings:

- ";" between fields and a byte-order mark, so the file opens in columns as UTF-8;
- plain Dutch column headers (:data:`HEADERS`), not the table's column names, and the
  kind of exercise as the book calls it ("vragenlijst", "netwerk samenstellen", "scenario");
- the moment in Dutch local time (:mod:`sleutelcursus.clock`) as
  ``2026-11-29 14:05``, which a spreadsheet reads as a date and time: when the file was
  downloaded, or, for a live session, when the answer was last sent in;
- yes/no columns as "ja"/"nee";
- ``antwoorden`` and ``uitkomst`` as short Dutch text (what the trainee chose or how far
  they got, and what the exercise made of it), not the JSON inside the file;
- no column that is empty in every row (no file names in a live session or a
  pseudonymised file, no time for widgets), and none that repeats another: ``bijnaam``
  (the ``Deelnemer`` column says "Zonder bijnaam N") and ``pad`` (its choices are in
  ``Antwoorden``, in words) stay in the table only;
- every text cell safe for a spreadsheet (:func:`spreadsheet_safe`).
"""

from __future__ import annotations

from collections.abc import Mapping

import pandas as pd

from ..clock import SPREADSHEET, local_time
from ..exercises import KIND_NAMES
from .answers import COLUMNS
from .strongest import strongest_words
from .summaries import ASSESSMENT_WORDS

CSV_NAME = "groepsresultaten.csv"
# The byte-order mark makes Excel with Dutch settings read the file as UTF-8.
CSV_ENCODING = "utf-8-sig"
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")
# The table's column -> the CSV's header, in the CSV's order; columns not named here
# are not in the CSV (see the module docstring).
HEADERS = {
    "deelnemer": "Deelnemer",
    "bestand": "Bestand",
    "oefening": "Oefening",
    "soort": "Soort oefening",
    "spec_versie": "Versie van de oefening",
    "gedownload_op": "Gedownload op (Nederlandse tijd)",
    "klaar": "Klaar",
    "sterkste": "Het sterkst in (vragenlijst)",
    "score": "Score van 100 (netwerk samenstellen)",
    "aantal_gekozen": "Aantal gekozen kandidaten",
    "antwoorden": "Antwoorden",
    "uitkomst": "Uitkomst",
}
# A live session's answers were sent in, not downloaded.
LIVE_TIME_HEADER = "Ingestuurd op (Nederlandse tijd)"


def spreadsheet_safe(text: str) -> str:
    """``text`` as a spreadsheet shows it but never runs it.

    Excel, LibreOffice and Google Sheets take a cell that starts with ``=``, ``+``,
    ``-``, ``@``, a tab or a carriage return for a formula (a nickname such as
    ``=HYPERLINK(...)`` would run on the trainer's machine). As OWASP advises, such a
    cell gets a leading ``'``, which the spreadsheet shows as text.
    """
    return "'" + text if text.startswith(FORMULA_STARTS) else text


def _questionnaire(spec: Mapping, answers, result: dict) -> tuple[str, str]:
    answered = f"{result['answered']} van {result['total']} stellingen beantwoord"
    if not result["ready"]:
        if result["remaining"] > 0:
            # "remaining" is how many more the scan needs for a profile, not how many are open
            # (trainer trial: "nog 5 te beantwoorden" read as 5 left when 15 were).
            needed, open_ = result["remaining"], result["total"] - result["answered"]
            return answered, (f"nog geen profiel: beantwoord nog minstens {needed} "
                              f"{'stelling' if needed == 1 else 'stellingen'}; {open_} van {result['total']} open")
        return answered, "geen profiel: bij elke stelling het laagste antwoord"
    profile = ", ".join(f"{item['label']} {item['percent']}%" for item in result["profile"] if item["percent"] is not None)
    labels = {item["id"]: item["label"] for item in result["profile"]}
    strongest = strongest_words([labels[d] for d in result["strongest"]], len(labels))
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
    """The table as it goes into the CSV file, with its Dutch headers (see the module docstring)."""
    flat = df.copy()
    for name in (n for n, kind in COLUMNS.items() if kind == "bool"):
        flat[name] = ["ja" if value else "nee" for value in df[name]]
    flat["soort"] = [KIND_NAMES[kind] for kind in df["soort"]]
    specs = _specs(df)
    texts = [readable(kind, specs[eid], answers, result)
             for kind, eid, answers, result in zip(df["soort"], df["oefening"], df["antwoorden"], df["uitkomst"])]
    flat["antwoorden"] = [answers for answers, _ in texts]
    flat["uitkomst"] = [result for _, result in texts]
    flat["gedownload_op"] = [local_time(t, SPREADSHEET) for t in df["gedownload_op"]]
    for name in flat.columns:
        if flat[name].dtype == object or pd.api.types.is_string_dtype(flat[name]):
            flat[name] = [spreadsheet_safe(v) if isinstance(v, str) else v for v in flat[name]]
    headers = dict(HEADERS, gedownload_op=LIVE_TIME_HEADER) if df.attrs.get("live") else HEADERS
    # A column with nothing in any row says nothing (a table without rows keeps them all).
    kept = [name for name in HEADERS if df.empty or flat[name].notna().any()]
    return flat[kept].rename(columns=headers)


def csv_text(df: pd.DataFrame) -> str:
    """The text of ``groepsresultaten.csv`` (";" between fields; written as UTF-8 with a
    byte-order mark, :data:`CSV_ENCODING`)."""
    return csv_frame(df).to_csv(sep=";", index=False)
