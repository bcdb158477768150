"""The group report: one offline HTML page and a CSV file, from the answers table.

``groepsrapport.html`` is a complete page (``lang="nl"``, inline CSS and SVG only, no
script, no link or request outside the file). ``groepsresultaten.csv`` holds one row
per answer file with the table's columns (:mod:`sleutelcursus.workshop`); the nested
``antwoorden`` and ``uitkomst`` are JSON text. The CSV uses ";" between fields and
starts with a byte-order mark, so Excel with Dutch settings opens it in columns.

What the report shows per exercise: the role mix for ``rolscan``; the spread for every
other questionnaire; the choices per step for each scenario; for each composition, how
often each candidate was chosen, the balance of the group network and each trainee's
score (see :mod:`sleutelcursus.workshop_summaries`). The same sections are available
for a notebook as ``*_chart`` functions returning ``IPython.display.HTML``.
"""

from __future__ import annotations

import json
import os
from dataclasses import dataclass
from datetime import datetime
from html import escape
from pathlib import Path

import pandas as pd

from .. import __version__
from . import summaries
from ..errors import SleutelcursusError
from .answers import COLUMNS, NESTED, read_answers
from .charts import STYLE, figure, show, table

REPORT_NAME = "groepsrapport.html"
CSV_NAME = "groepsresultaten.csv"
DEFAULT_FOLDER = "groepsrapport"


class OutputFolderError(SleutelcursusError):
    """The output folder would land among the trainees' files."""

    exit_code = 2


def _role_mix(df: pd.DataFrame, exercise_id: str, spec: dict | None = None) -> str:
    mix = summaries.role_mix(df, exercise_id, spec)
    bars = [(row.rol, row.gemiddeld) for row in mix.itertuples()]
    headers = {"rol": "Rol", "gemiddeld": "Gemiddeld (%)", "sterkste_bij": "Sterkste rol bij", "deelnemers": "Deelnemers"}
    return figure("Gemiddelde score per rol, in procenten", bars, 100, "%",
                  table(mix, "Rolmix van de groep", headers))


def _spread(df: pd.DataFrame, exercise_id: str, spec: dict | None = None) -> str:
    spread = summaries.self_scan_spread(df, exercise_id, spec)
    bars = [(row.kwaliteit, row.gemiddeld) for row in spread.itertuples()]
    headers = {"kwaliteit": "Kwaliteit", "deelnemers": "Deelnemers", "minimum": "Laagste", "q1": "Eerste kwartiel",
               "mediaan": "Mediaan", "q3": "Derde kwartiel", "maximum": "Hoogste", "gemiddeld": "Gemiddeld"}
    return figure("Gemiddelde score per kwaliteit, in procenten", bars, 100, "%",
                  table(spread, "Spreiding per kwaliteit (in procenten)", headers))


def _scenario(df: pd.DataFrame, exercise_id: str, spec: dict | None = None) -> str:
    choices = summaries.scenario_choices(df, exercise_id, spec)
    headers = {"keuze_tekst": "Keuze", "beoordeling": "Beoordeling", "aantal": "Aantal keer gekozen", "procent": "Procent"}
    parts = []
    for step_id, step in choices.groupby("stap", sort=False):
        reached = int(step["aantal"].sum())
        if not reached:
            continue
        title = step["stap_titel"].iloc[0]
        bars = [(row.keuze_tekst, row.aantal) for row in step.itertuples()]
        parts.append(f"<h3>{escape(title)}</h3>")
        parts.append(figure(f"Keuzes bij '{title}'", bars, reached, "",
                            table(step, f"Keuzes bij '{title}' ({reached} keer gekozen)", headers)))
    if not parts:
        return "<p>Niemand heeft in dit scenario al een keuze gemaakt.</p>"
    return "<p>Stappen die niemand bereikte, staan hier niet bij.</p>" + "".join(parts)


def _network(df: pd.DataFrame, exercise_id: str, spec: dict | None = None) -> str:
    chosen = summaries.candidate_choices(df, exercise_id, spec)
    balance = summaries.group_network(df, exercise_id, spec)
    scores = summaries.composition_scores(df, exercise_id)
    networks = balance.attrs["netwerken"]
    if not networks:
        return "<p>Niemand heeft al een netwerk samengesteld.</p>"
    picked = chosen[chosen["gekozen"] > 0]
    candidate_bars = [(f"{row.naam} ({row.wijk})", row.gekozen) for row in picked.itertuples()]
    advice = "".join(f"<li>{escape(line)}</li>" for line in balance.attrs["uitkomst"]["advice"])
    return (
        f"<p>{networks} deelnemer(s) stelden een netwerk samen. Het <strong>groepsnetwerk</strong> bestaat uit de "
        f"{len(balance.attrs['leden'])} kandidaten die het vaakst gekozen zijn (zoveel als de middelste "
        "netwerkgrootte van de groep).</p>"
        "<h3>Wie koos de groep?</h3>"
        + figure("Hoe vaak elke kandidaat gekozen is", candidate_bars, networks, "",
                 table(picked, "Gekozen kandidaten", {"naam": "Naam", "wijk": "Wijk", "rollen": "Rollen",
                                                      "gekozen": "Gekozen", "procent": "Procent",
                                                      "in_groepsnetwerk": "In groepsnetwerk"}))
        + "<h3>Balans van het groepsnetwerk</h3>"
        + figure("Score per onderdeel van het groepsnetwerk, van 0 tot 100",
                 [(row.onderdeel, row.score) for row in balance.itertuples()], 100, "",
                 table(balance, "Balans van het groepsnetwerk", {"onderdeel": "Onderdeel", "stand": "Stand",
                                                                  "doel": "Doel", "score": "Score", "oordeel": "Oordeel"}))
        + f"<p>Advies voor het groepsnetwerk:</p><ul>{advice}</ul>"
        + "<h3>Score per deelnemer</h3>"
        + figure("Score van het netwerk van elke deelnemer, van 0 tot 100",
                 [(row.deelnemer, row.score) for row in scores.itertuples()], 100, "",
                 table(scores, "Netwerk per deelnemer", {"deelnemer": "Deelnemer", "aantal_gekozen": "Gekozen",
                                                         "score": "Score", "wijken": "Wijken", "rollen": "Rollen",
                                                         "aandachtspunten": "Aandachtspunten"}))
    )


def role_mix_chart(df: pd.DataFrame, exercise_id: str = "rolscan", spec: dict | None = None):
    """The role mix as chart and table, for a notebook cell."""
    return show(_role_mix(df, exercise_id, spec))


def self_scan_chart(df: pd.DataFrame, exercise_id: str = "zelfscan-ambtenaar", spec: dict | None = None):
    """The spread of a self-scan as chart and table, for a notebook cell."""
    return show(_spread(df, exercise_id, spec))


def scenario_chart(df: pd.DataFrame, exercise_id: str, spec: dict | None = None):
    """The choices per step of a scenario, for a notebook cell."""
    return show(_scenario(df, exercise_id, spec))


def network_chart(df: pd.DataFrame, exercise_id: str = "netwerk-samenstellen", spec: dict | None = None):
    """Candidates chosen, the group network's balance and each trainee's score, for a notebook cell."""
    return show(_network(df, exercise_id, spec))


def _section(df: pd.DataFrame, exercise_id: str, kind: str) -> str:
    if kind == "questionnaire":
        return _role_mix(df, exercise_id) if exercise_id == "rolscan" else _spread(df, exercise_id)
    if kind == "scenario":
        return _scenario(df, exercise_id)
    return _network(df, exercise_id)


def render_report(df: pd.DataFrame, skipped: int, pseudonymised: bool) -> str:
    """The whole report page as text."""
    from ..plugins.registry import get_spec

    exercises = list(dict.fromkeys(df["oefening"]))
    titles = {eid: get_spec(eid)["title"] for eid in exercises}
    overview = pd.DataFrame({
        "titel": [titles[eid] for eid in exercises],
        "bestanden": [int((df["oefening"] == eid).sum()) for eid in exercises],
        "klaar": [int(((df["oefening"] == eid) & df["klaar"]).sum()) for eid in exercises],
    })
    versions = {eid: get_spec(eid)["version"] for eid in exercises}
    older = int((df["spec_versie"] != df["oefening"].map(versions)).sum())
    privacy = (
        "Dit rapport is gepseudonimiseerd: ook wie een bijnaam invulde, staat hier als 'Deelnemer' met een nummer."
        if pseudonymised else
        "Bijnamen staan in dit rapport. Wil je het delen, maak het dan opnieuw met de optie --pseudoniem."
    )
    body = [
        "<h1>Groepsrapport</h1>",
        f"<p>Gemaakt op {datetime.now():%d-%m-%Y om %H:%M} met sleutelcursus {escape(__version__)}. "
        f"Gelezen: {len(df)} antwoordbestand(en) van {df['deelnemer'].nunique()} deelnemer(s). "
        f"Overgeslagen: {skipped} bestand(en); de reden per bestand staat in de uitvoer van het commando.</p>",
        "<h2>Privacy</h2>",
        "<p>Een antwoordbestand bevat geen naam, tenzij de deelnemer zelf een bijnaam invulde. Wie geen "
        f"bijnaam invulde, heet hier 'Deelnemer' met een nummer. {privacy}</p>",
    ]
    if older:
        body.append(f"<p>{older} bestand(en) zijn gemaakt met een andere versie van de oefening. De uitkomst is "
                    "opnieuw berekend met de versie van nu.</p>")
    body += ["<h2>Overzicht</h2>",
             table(overview, "Antwoordbestanden per oefening",
                   {"titel": "Oefening", "bestanden": "Bestanden", "klaar": "Helemaal ingevuld"})]
    for eid in exercises:
        kind = get_spec(eid)["type"]
        body.append(f"<h2>{escape(titles[eid])}</h2>")
        body.append(_section(df, eid, kind))
    return (
        '<!doctype html>\n<html lang="nl">\n<head>\n<meta charset="utf-8">\n'
        '<meta name="viewport" content="width=device-width, initial-scale=1">\n'
        f"<title>Groepsrapport sleutelcursus</title>\n<style>{STYLE}\nbody {{ margin: 0; }}\n"
        "main { max-width: 72rem; margin: 0 auto; padding: 1rem 1.5rem 3rem; }\n</style>\n</head>\n"
        f'<body class="sc-groep">\n<main>\n{chr(10).join(body)}\n</main>\n</body>\n</html>\n'
    )


def csv_frame(df: pd.DataFrame) -> pd.DataFrame:
    """The table as it goes into the CSV file: nested columns as JSON, times as ISO 8601."""
    flat = df.copy()
    for name in NESTED:
        flat[name] = [json.dumps(value, ensure_ascii=False, sort_keys=True) for value in df[name]]
    flat["gedownload_op"] = [None if pd.isna(t) else t.isoformat() for t in df["gedownload_op"]]
    return flat[list(COLUMNS)]


def _write(path: Path, text: str, encoding: str = "utf-8") -> None:
    # A half-written report would look complete in a browser: write aside, then swap.
    temporary = path.with_name(path.name + ".tmp")
    temporary.write_text(text, encoding=encoding, newline="")
    os.replace(temporary, path)


def output_folder(folder: Path, out: Path | None) -> Path:
    """Where the report goes: ``out``, or ``groepsrapport`` next to ``folder``; never inside it."""
    answers = folder.resolve()
    target = (out if out is not None else answers.parent / DEFAULT_FOLDER).resolve()
    if target == answers or answers in target.parents:
        raise OutputFolderError(
            f"de uitvoermap {target} ligt in de map met antwoorden {folder}; kies met --uit een map daarbuiten."
        )
    if target.exists() and not target.is_dir():
        raise OutputFolderError("is een bestand, geen map; kies met --uit een andere map.", file=target)
    return target


@dataclass
class GroupReport:
    """What :func:`group_report` read and wrote; ``html`` and ``csv`` are None when nothing loaded."""

    frame: pd.DataFrame
    problems: list[str]
    html: Path | None
    csv: Path | None

    def summary(self) -> str:
        """One Dutch line for the trainer."""
        if self.html is None:
            return "geen enkel antwoordenbestand kon worden gelezen; er is geen rapport gemaakt."
        return (f"Groepsrapport gemaakt: {self.html} en {self.csv} ({len(self.frame)} bestand(en) van "
                f"{self.frame['deelnemer'].nunique()} deelnemer(s), {len(self.problems)} overgeslagen).")


def group_report(folder: str | Path, out: str | Path | None = None, pseudonymise: bool = False) -> GroupReport:
    """Read every answer file in ``folder`` and write the report and CSV into the output folder.

    :raises OutputFolderError: when the output folder lies inside ``folder`` or is a file
    """
    folder = Path(folder)
    target = output_folder(folder, Path(out) if out is not None else None)
    frame, problems = read_answers(folder, pseudonymise=pseudonymise)
    if frame.empty:
        return GroupReport(frame, problems, None, None)
    target.mkdir(parents=True, exist_ok=True)
    html_path, csv_path = target / REPORT_NAME, target / CSV_NAME
    _write(html_path, render_report(frame, len(problems), pseudonymise))
    _write(csv_path, csv_frame(frame).to_csv(sep=";", index=False), encoding="utf-8-sig")
    return GroupReport(frame, problems, html_path, csv_path)

