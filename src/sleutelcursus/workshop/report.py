"""The group report: one offline HTML page and a CSV file, from the answers table.

``groepsrapport.html`` is a complete page (``lang="nl"``, inline CSS and SVG only, no
script, no link or request outside the file), rendered from the jinja2 templates in
``workshop/templates/report/`` with autoescape: every name and text is escaped there.
``groepsresultaten.csv`` holds one row per answer file, made for a Dutch spreadsheet
(:mod:`sleutelcursus.workshop.spreadsheet`). The pseudonymised pair has names of its
own (``groepsrapport-pseudoniem.html``, :func:`~.report_folder.output_names`).

What the report shows per exercise: the role mix for ``rolscan``; the spread for every
other questionnaire (both only over the scans that show the trainee a profile, under a
sentence saying how many that are and why the others are left out; without any, just
that sentence); the choices per step for each scenario; for each composition, how
often each candidate was chosen, the balance of the group network and each trainee's
score (see :mod:`sleutelcursus.workshop.summaries`). The same sections are available
for a notebook as ``*_chart`` functions returning ``IPython.display.HTML``.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path

import pandas as pd
from markupsafe import Markup

from .. import __version__
from . import summaries
from .answers import read_answers
from .people import count_line
from .charts import Table, chart, render, show, table_data
from .report_folder import mark, output_folder, output_names, replaces, write
from ..clock import now_local
from .spreadsheet import CSV_ENCODING, csv_text

# The longest name a table keeps on one line on paper (a live nickname's maximum).
NAME_ON_ONE_LINE = 40


def left_out_sentence(df: pd.DataFrame, exercise_id: str) -> str:
    """How many values of an exercise's answers were left out (off the scale), or ""."""
    n = sum(len(item["waarden"]) for item in df.attrs.get("weggelaten_per_bestand", [])
            if item["oefening"] == exercise_id)
    if not n:
        return ""
    return (f" {n} {'antwoord lag' if n == 1 else 'antwoorden lagen'} niet op de schaal en "
            f"{'is' if n == 1 else 'zijn'} weggelaten (zie 'Weggelaten waarden').")


def basis_sentence(basis: dict[str, int], people: bool) -> str:
    """How many answers a questionnaire's group figures rest on, in one Dutch sentence.

    :param basis: :func:`~sleutelcursus.workshop.summaries.profile_basis`
    :param people: each answer is one trainee's (a live session, or files that all have
        a nickname); else they are counted as files, since files without a nickname may
        come from one person
    """
    total, counted = basis["antwoorden"], basis["meegeteld"]
    noun, nouns = ("deelnemer", "deelnemers") if people else ("antwoordbestand", "antwoordbestanden")
    if counted == total:
        return f"Gebaseerd op alle {total} {nouns}." if total > 1 else f"Gebaseerd op {total} {noun}."
    whole = f"de {total} {nouns}" if total > 1 else f"1 {noun}"
    reasons = []
    for key, one, several, rest in (
        ("te_weinig", "beantwoordde", "beantwoordden", "te weinig stellingen voor een profiel"),
        ("alles_laagst", "koos", "kozen", "bij elke stelling het laagste antwoord, en dan geeft de scan geen profiel"),
    ):
        n = basis[key]
        if n:
            verb = (one if n == 1 else several) if people else ("heeft" if n == 1 else "hebben")
            if not people and key == "te_weinig":
                rest = "te weinig beantwoorde stellingen voor een profiel"
            reasons.append(f"{n} {verb} {rest}")
    return f"Gebaseerd op {counted} van {whole}; {'; '.join(reasons)}."


def _questionnaire(df: pd.DataFrame, exercise_id: str, frame: pd.DataFrame, title: str, bars: list,
                   data: Table, note: str = "") -> Markup:
    """A questionnaire's group figure under the sentence saying what it rests on, and ``note``
    under it; no figure without a profile."""
    rows = df[df["oefening"] == exercise_id]
    people = bool(df.attrs.get("live")) or bool(rows["bijnaam"].all())
    basis = frame.attrs["basis"]
    figure_chart = chart(title, bars, 100, "%") if basis["meegeteld"] else None
    basis_text = basis_sentence(basis, people) + left_out_sentence(df, exercise_id)
    return render("questionnaire.html.j2", basis=basis_text, chart=figure_chart, table=data, note=note)


def _role_mix(df: pd.DataFrame, exercise_id: str, spec: dict | None = None) -> Markup:
    mix = summaries.role_mix(df, exercise_id, spec)
    headers = {"rol": "Rol", "gemiddeld": "Gemiddeld (%)", "sterkste_bij": "Sterkste rol bij", "deelnemers": "Deelnemers"}
    return _questionnaire(df, exercise_id, mix, "Gemiddelde score per rol, in procenten",
                          [(row.rol, row.gemiddeld) for row in mix.itertuples()],
                          table_data(mix, "Rolmix van de groep", headers), tied_sentence(mix))


def tied_sentence(mix: pd.DataFrame) -> str:
    """Why 'Sterkste rol bij' adds up to fewer than the scans counted, or "" when it does not."""
    tied, counted = mix.attrs["geen_duidelijke_sterkste"], mix.attrs["basis"]["meegeteld"]
    if not tied:
        return ""
    scans = "scan" if tied == 1 else "scans"
    return (f"Geen duidelijke sterkste rol bij {tied} van de {counted} {scans}: daar scoren twee of meer rollen "
            f"even hoog (de hoogste score). Zo'n scan telt bij geen enkele rol mee in 'Sterkste rol bij'; "
            f"die kolom telt daarom op tot {counted - tied}, niet tot {counted}.")


def _spread(df: pd.DataFrame, exercise_id: str, spec: dict | None = None) -> Markup:
    spread = summaries.self_scan_spread(df, exercise_id, spec)
    # Soft hyphens: on A4 at 11pt the eight columns fit only if the long headings may break.
    headers = {"kwaliteit": "Kwaliteit", "deelnemers": "Deel\u00adnemers", "minimum": "Laagste",
               "q1": "Eerste kwartiel", "mediaan": "Mediaan", "q3": "Derde kwartiel", "maximum": "Hoogste",
               "gemiddeld": "Gemid\u00addeld"}
    return _questionnaire(df, exercise_id, spread, "Gemiddelde score per kwaliteit, in procenten",
                          [(row.kwaliteit, row.gemiddeld) for row in spread.itertuples()],
                          table_data(spread, "Spreiding per kwaliteit (in procenten)", headers))


def _reached(n: int) -> str:
    return "1 deelnemer maakte hier een keuze" if n == 1 else f"{n} deelnemers maakten hier een keuze"


def _scenario(df: pd.DataFrame, exercise_id: str, spec: dict | None = None) -> Markup:
    choices = summaries.scenario_choices(df, exercise_id, spec)
    headers = {"keuze_tekst": "Keuze", "beoordeling": "Beoordeling", "deelnemers": "Deelnemers die dit kozen",
               "procent": "Procent"}
    steps = []
    for step_id, step in choices.groupby("stap", sort=False):
        reached = choices.attrs["bereikt"][step_id]
        if not reached:
            continue
        title = step["stap_titel"].iloc[0]
        bars = [(row.keuze_tekst, row.deelnemers) for row in step.itertuples()]
        steps.append({
            "title": title,
            "chart": chart(f"Keuzes bij '{title}': hoeveel deelnemers kozen dit", bars, reached),
            "table": table_data(step, f"Keuzes bij '{title}' ({_reached(reached)})", headers),
        })
    return render("scenario.html.j2", steps=steps)


def _tie_words(tie: dict | None, chosen: pd.DataFrame) -> dict | None:
    """The tie at the group network's cut-off with names for the template, or None."""
    if tie is None:
        return None
    names = dict(zip(chosen["kandidaat"], chosen["naam"]))
    return {"count": len(tie["kandidaten"]), "times": tie["gekozen"], "places": tie["plaatsen"],
            "names": [names[cid] for cid in tie["gekozen_uit"]]}


def _network(df: pd.DataFrame, exercise_id: str, spec: dict | None = None) -> Markup:
    chosen = summaries.candidate_choices(df, exercise_id, spec)
    balance, facts = summaries.group_network_parts(df, exercise_id, spec)
    scores = summaries.composition_scores(df, exercise_id)
    networks = facts["netwerken"]
    if not networks:
        return render("network.html.j2", networks=0)
    picked = chosen[chosen["gekozen"] > 0]
    return render(
        "network.html.j2",
        networks=networks,
        members=len(facts["leden"]),
        tie=_tie_words(facts["gelijk"], chosen),
        advice=facts["uitkomst"]["advice"],
        candidates={
            "chart": chart("Hoe vaak elke kandidaat gekozen is",
                           [(f"{row.naam} ({row.wijk})", row.gekozen) for row in picked.itertuples()], networks),
            "table": table_data(picked, "Gekozen kandidaten", {
                "naam": "Naam", "wijk": "Wijk", "rollen": "Rollen", "gekozen": "Gekozen", "procent": "Procent",
                "in_groepsnetwerk": "In groepsnetwerk"}, names=True),
        },
        balance={
            "chart": chart("Score per onderdeel van het groepsnetwerk, van 0 tot 100 (100 is binnen de marge)",
                           [(row.onderdeel, row.score) for row in balance.itertuples()], 100),
            "table": table_data(balance, "Balans van het groepsnetwerk", {
                "onderdeel": "Onderdeel", "stand": "Stand", "doel": "Doel", "score": "Score (van 100)",
                "oordeel": "Oordeel"}),
        },
        scores={
            "chart": chart("Score van het netwerk van elke deelnemer, van 0 tot 100",
                           [(row.deelnemer, row.score) for row in scores.itertuples()], 100),
            "table": table_data(scores, "Netwerk per deelnemer", {
                "deelnemer": "Deelnemer", "aantal_gekozen": "Gekozen", "score": "Score", "wijken": "Wijken",
                "rollen": "Rollen", "aandachtspunten": "Aandachtspunten"},
                # unbroken only when they fit: a nickname in a file may be of any length
                names=bool(scores["deelnemer"].str.len().max() <= NAME_ON_ONE_LINE)),
        },
    )


def role_mix_chart(df: pd.DataFrame, exercise_id: str = "rolscan", spec: dict | None = None):
    """The role mix as chart and table, for a notebook cell."""
    return show(_role_mix(df, exercise_id, spec), df.attrs.get("voorbeeld", False))


def self_scan_chart(df: pd.DataFrame, exercise_id: str = "zelfscan-ambtenaar", spec: dict | None = None):
    """The spread of a self-scan as chart and table, for a notebook cell."""
    return show(_spread(df, exercise_id, spec), df.attrs.get("voorbeeld", False))


def scenario_chart(df: pd.DataFrame, exercise_id: str, spec: dict | None = None):
    """The choices per step of a scenario, for a notebook cell."""
    return show(_scenario(df, exercise_id, spec), df.attrs.get("voorbeeld", False))


def network_chart(df: pd.DataFrame, exercise_id: str = "netwerk-samenstellen", spec: dict | None = None):
    """Candidates chosen, the group network's balance and each trainee's score, for a notebook cell."""
    return show(_network(df, exercise_id, spec), df.attrs.get("voorbeeld", False))


def _section(df: pd.DataFrame, exercise_id: str, kind: str) -> Markup:
    if kind == "questionnaire":
        return _role_mix(df, exercise_id) if exercise_id == "rolscan" else _spread(df, exercise_id)
    if kind == "scenario":
        return _scenario(df, exercise_id)
    return _network(df, exercise_id)


@dataclass
class Sections:
    """What the report shows of a table, without the page around it (the live trainer
    page shows the same): the overview, one section per exercise, and how many rows
    were made with another version of their exercise."""

    overview: Table
    sections: list[dict]
    older: int


def report_sections(df: pd.DataFrame) -> Sections:
    """The overview table and each exercise's section (``title``, ``body``), in the table's order."""
    from ..plugins.registry import get_spec

    exercises = list(dict.fromkeys(df["oefening"]))
    specs = {eid: get_spec(eid) for eid in exercises}
    overview = pd.DataFrame({
        "titel": [specs[eid]["title"] for eid in exercises],
        "bestanden": [int((df["oefening"] == eid).sum()) for eid in exercises],
        "klaar": [int(((df["oefening"] == eid) & df["klaar"]).sum()) for eid in exercises],
    })
    versions = {eid: spec["version"] for eid, spec in specs.items()}
    # A live session holds answers; a folder holds the files trainees downloaded.
    live = df.attrs.get("live", False)
    return Sections(
        overview=table_data(overview, "Antwoorden per oefening" if live else "Antwoordbestanden per oefening",
                            {"titel": "Oefening", "bestanden": "Antwoorden" if live else "Bestanden",
                             "klaar": "Helemaal ingevuld"}),
        sections=[{"title": specs[eid]["title"], "body": _section(df, eid, specs[eid]["type"])} for eid in exercises],
        older=int((df["spec_versie"] != df["oefening"].map(versions)).sum()),
    )


def _skipped_files(skipped: list[dict]) -> list[str]:
    """One line per skipped file ("name: reason"); without names, one line per reason with its count."""
    if all(item["naam"] is not None for item in skipped):
        return [f"{item['naam']}: {item['reden']}" for item in skipped]
    reasons = Counter(item["reden"] for item in skipped)
    return [f"{n} {'bestand' if n == 1 else 'bestanden'}: {reason}" for reason, n in reasons.items()]


def render_report(df: pd.DataFrame, skipped: int, pseudonymised: bool, wiped: str | None = None) -> str:
    """The whole report page as text.

    :param wiped: for a live session that ended, when the server wipes it (as the
        trainer reads it); the privacy paragraph names it
    """
    parts = report_sections(df)
    return str(render(
        "groepsrapport.html.j2",
        example=df.attrs.get("voorbeeld", False),
        made=now_local(),
        version=__version__,
        counted=count_line(df),
        skipped=skipped,
        live=df.attrs.get("live", False),
        pseudonymised=pseudonymised,
        wiped=wiped,
        skipped_files=_skipped_files(df.attrs.get("overgeslagen", [])),
        left_out=df.attrs.get("weggelaten", 0),
        left_out_files=df.attrs.get("weggelaten_per_bestand", []),
        older=parts.older,
        overview=parts.overview,
        sections=parts.sections,
    ))


@dataclass
class GroupReport:
    """What :func:`group_report` read and wrote; ``html`` and ``csv`` are None when nothing loaded.

    ``kept`` are the files of the other kind (named or pseudonymised) that were already
    in the output folder and stay as they were.
    """

    frame: pd.DataFrame
    problems: list[str]
    html: Path | None
    csv: Path | None
    replaced: bool = False
    pseudonymised: bool = False
    kept: list[Path] = field(default_factory=list)

    @property
    def warnings(self) -> list[str]:
        """One Dutch line per counted file that holds values left out (:mod:`.left_out`)."""
        return self.frame.attrs.get("waarschuwingen", [])

    def summary(self) -> str:
        """Dutch lines for the trainer: which files were written, and which stayed."""
        if self.html is None and not self.problems:
            return "er staan geen antwoordbestanden (.json) in deze map; er is geen rapport gemaakt."
        if self.html is None:
            return "geen enkel antwoordbestand kon worden gelezen; er is geen rapport gemaakt."
        left_out = self.frame.attrs.get("weggelaten", 0)
        done = "vervangen (zelfde map met antwoorden)" if self.replaced else "gemaakt"
        kind = "Gepseudonimiseerd groepsrapport" if self.pseudonymised else "Groepsrapport"
        lines = [f"{kind} {done}: {self.html} en {self.csv} ({count_line(self.frame)}, "
                 f"{len(self.problems)} overgeslagen{f', {left_out} waarde(n) weggelaten' if left_out else ''})."]
        if self.kept:
            other = "met bijnamen" if self.pseudonymised else "gepseudonimiseerd"
            lines.append(f"Niet veranderd (het rapport {other}): {' en '.join(path.name for path in self.kept)}.")
        return "\n".join(lines)


def group_report(folder: str | Path, out: str | Path | None = None, pseudonymise: bool = False) -> GroupReport:
    """Read every answer file in ``folder`` and write the report and CSV into the output folder.

    The pseudonymised report and CSV get their own names (:func:`~.report_folder.output_names`):
    making one never replaces the other.

    :raises OutputFolderError: see :func:`~.report_folder.output_folder`
    """
    folder = Path(folder)
    target = output_folder(folder, Path(out) if out is not None else None)
    frame, problems = read_answers(folder, pseudonymise=pseudonymise)
    if frame.empty:
        return GroupReport(frame, problems, None, None)
    replaced = replaces(target, pseudonymise)
    target.mkdir(parents=True, exist_ok=True)
    html_path, csv_path = (target / name for name in output_names(pseudonymise))
    kept = [target / name for name in output_names(not pseudonymise) if (target / name).exists()]
    # The marker first: a run stopped halfway leaves a folder this group's re-run may replace.
    mark(target, folder)
    write(html_path, render_report(frame, len(problems), pseudonymise))
    write(csv_path, csv_text(frame), encoding=CSV_ENCODING)
    return GroupReport(frame, problems, html_path, csv_path, replaced, pseudonymise, kept)
