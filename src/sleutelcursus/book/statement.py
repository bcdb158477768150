"""The book page "Toegankelijkheidsverklaring", generated from the last site test.

The site-wide quality test (``tests/test_site_quality.py``) writes its results to
``_build/toegankelijkheid.json``; taking them over as the committed statement data
(``data/toegankelijkheid.json``) is a deliberate step::

    python -m sleutelcursus.book.statement --update _build/toegankelijkheid.json

Every build turns the committed file into this page, so the figures on it are never
typed by hand. The page follows the parts of the Dutch model statement
(DigiToegankelijk): status, what was tested, how, the result, known problems, contact.
"""

from __future__ import annotations

import argparse
import datetime
import json
import os
import sys
from pathlib import Path

from .contact_page import escape_markdown
from ..errors import BuildError, SleutelcursusError, format_error

# In the package data folder, beside the national exercise specs.
RESULTS_FILE = Path(__file__).resolve().parent.parent / "data" / "toegankelijkheid.json"
UPDATE_COMMAND = "python -m sleutelcursus.book.statement --update _build/toegankelijkheid.json"
STATEMENT_DOC = "course/toegankelijkheid"
MONTHS = (
    "januari", "februari", "maart", "april", "mei", "juni",
    "juli", "augustus", "september", "oktober", "november", "december",
)
# Rows of the results table; the test of the statement reads them back by these labels.
ROW_AXE = "WCAG-regels (axe-core)"
ROW_OUTSIDE = "Bestanden van andere websites"
ROW_CONSOLE = "Fouten in de browser"
ROW_KEYBOARD = "Alles bereikbaar met het toetsenbord"
ROW_LAYOUT = "Vergroten en klein scherm"


# Every field the page reads; a file of another shape stops the build with one line.
FIELDS = (
    "date", "tools.axe-core", "tools.chromium", "standard", "axe_rules", "pages", "violations",
    "outside_requests", "console_errors", "keyboard.tab_stops", "keyboard.pages_reached",
    "keyboard.exercise_controls", "keyboard.failures", "layout.pages", "layout.exercise_pages", "layout.failures",
)


def load_results(path: Path | None = None) -> dict | None:
    """The last test results (from :data:`RESULTS_FILE` unless ``path`` is given), or
    None when the site test has not written them yet.

    :raises BuildError: the file is not JSON or lacks a field the page needs
    """
    path = path or RESULTS_FILE
    if not path.is_file():
        return None
    again = f"draai de kwaliteitstest opnieuw (pytest tests/test_site_quality.py) en daarna {UPDATE_COMMAND}"
    try:
        results = json.loads(path.read_text(encoding="utf-8"))
    except json.JSONDecodeError as exc:
        raise BuildError(f"geen geldige JSON ({exc.msg}); {again}.", file=path, line=exc.lineno) from None
    for name in FIELDS:
        value = results
        for key in name.split("."):
            value = value.get(key) if isinstance(value, dict) else None
        if value is None:
            raise BuildError(f"ontbreekt; {again}.", file=path, field=name)
    return results


def dutch_date(iso: str) -> str:
    """``2026-11-28`` -> ``28 november 2026``."""
    day = datetime.date.fromisoformat(iso)
    return f"{day.day} {MONTHS[day.month - 1]} {day.year}"


def count(number: int, one: str, more: str) -> str:
    """``1 pagina``, ``3 pagina's``, ``0 pagina's``."""
    return f"{number} {one if number == 1 else more}"


def pages(number: int) -> str:
    return count(number, "pagina", "pagina's")


def tested_pages(results: dict) -> int:
    """Pages a reader sees: the site root only redirects to the start page."""
    return len(results["pages"]) - len(results.get("redirects", {}))


def _english(text: str) -> str:
    # axe describes its rules in English; screen readers should read them as English.
    return f'<span lang="en">{escape_markdown(text)}</span>'


def _page(rel: str) -> str:
    return f"`{rel}`"


def problems(results: dict) -> list[str]:
    """Every known problem of the last test run, one Dutch line each."""
    lines = []
    for rule, found in results["violations"].items():
        where = ", ".join(_page(rel) for rel in found["pages"])
        criteria = f"WCAG {', '.join(found['criteria'])}; " if found.get("criteria") else ""
        lines.append(
            f"Regel `{rule}` ({criteria}{_english(found['description'])}): "
            f"{count(found['elements'], 'element', 'elementen')} op {where}."
        )
    for rel, urls in results["outside_requests"].items():
        lines += [f"{_page(rel)} laadt {escape_markdown(url)} van een andere website." for url in urls]
    for rel, errors in results["console_errors"].items():
        lines += [f"{_page(rel)} geeft een fout in de browser: {escape_markdown(text)}" for text in errors]
    lines += [escape_markdown(line) for line in results["keyboard"]["failures"]]
    lines += [escape_markdown(line) for line in results["layout"]["failures"]]
    return lines


def result_rows(results: dict) -> dict[str, str]:
    """The results table: what was tested -> what came out."""
    violations = sum(found["elements"] for found in results["violations"].values())
    outside = sum(len(urls) for urls in results["outside_requests"].values())
    errors = sum(len(found) for found in results["console_errors"].values())
    keyboard, layout = results["keyboard"], results["layout"]
    return {
        ROW_AXE: f"{count(violations, 'overtreding', 'overtredingen')} op {pages(tested_pages(results))}",
        ROW_OUTSIDE: f"{count(outside, 'verzoek', 'verzoeken')} naar buiten de site",
        ROW_CONSOLE: count(errors, "fout", "fouten"),
        ROW_KEYBOARD: (
            f"{keyboard['pages_reached']} pagina's bereikt vanaf de startpagina, "
            f"{keyboard['tab_stops']} tabstops, {keyboard['exercise_controls']} knoppen en invulvelden "
            f"in oefeningen; {count(len(keyboard['failures']), 'probleem', 'problemen')}"
        ),
        ROW_LAYOUT: (
            f"{pages(layout['pages'])}, waarvan {len(layout['exercise_pages'])} met oefeningen; "
            f"{count(len(layout['failures']), 'probleem', 'problemen')}"
        ),
    }


def _status(results: dict | None, found: int) -> list[str]:
    lines = [
        "## Status",
        "",
        "Een deskundige heeft de cursus nog niet volledig onderzocht (volgens de methode WCAG-EM).",
        "Daarom kunnen we niet zeggen dat de cursus aan alle eisen voldoet.",
    ]
    if results is None:
        lines.append("Er zijn ook nog geen resultaten van de automatische test.")
    elif found:
        lines.append(f"Bij de automatische test van {dutch_date(results['date'])} vonden we "
                     f"{count(found, 'probleem', 'problemen')}. Die staan hieronder bij *Bekende problemen*.")
    else:
        lines.append(f"Bij de automatische test van {dutch_date(results['date'])} vonden we geen problemen.")
    return lines + [
        "",
        "De organisatie die deze cursus publiceert, legt de status vast in het register van",
        "DigiToegankelijk. Zonder volledig onderzoek is dat hoogstens status C (*eerste maatregelen",
        "genomen*), en alleen als er binnen zes maanden een onderzoek gepland is.",
        "",
    ]


def _tested(results: dict, docs: list[str]) -> list[str]:
    tools = results["tools"]
    tested = {rel.removesuffix(".html") for rel in results["pages"]}
    untested = [doc for doc in docs if doc not in tested]
    plugins = results.get("plugins", [])
    scope = f", met de plugin {', '.join(plugins)} erbij" if plugins else ""
    lines = [
        "## Wat we hebben getest",
        "",
        f"We hebben op {dutch_date(results['date'])} alle {pages(tested_pages(results))} van de",
        f"landelijke cursus getest{scope}.",
        f"De norm is {results['standard']}: die eisen noemt de wet voor websites van de overheid.",
        "",
    ]
    if untested:
        lines += ["Deze pagina's van dit boek zaten niet in die test. Ze komen van een plugin van je",
                  "gemeente of zijn later toegevoegd:", ""]
        lines += [f"- {{doc}}`/{doc}`" for doc in untested] + [""]
    lines += [
        "## Hoe we hebben getest",
        "",
        f"- **WCAG-regels**: axe-core {tools['axe-core']} controleert elke pagina met "
        f"{results['axe_rules']} regels voor niveau A en AA, in de browser Chromium {tools['chromium']}.",
        "- **Geen bestanden van andere websites**: de cursus moet werken zonder internet, ook op een",
        "  intranet. We houden bij of een pagina iets van buiten de site probeert te laden.",
        "- **Geen fouten**: we houden bij of de browser een fout meldt.",
        "- **Toetsenbord**: op elke pagina drukken we op Tab tot we alles gehad hebben. Een dichtgeklapt",
        "  deel van het menu openen we met Enter. Zo moeten we elke link in het menu en elke knop en elk",
        "  invulveld van de oefeningen bereiken, en via links alle pagina's vanaf de startpagina.",
        "- **Vergroten en klein scherm**: elke pagina bekijken we bij 200% zoom en op een scherm van 360",
        "  pixels breed, met de oefeningen ingevuld. Er mag niets buiten beeld vallen en je hoeft niet opzij",
        "  te scrollen. Alleen een brede tabel of programmacode mag in een eigen kader opzij schuiven.",
        "",
        "Een automatische test vindt niet alles. Of een tekst duidelijk is en of een schermlezer alles",
        "goed voorleest, moet een mens beoordelen.",
        "",
        "Gebruikte programma's: " + ", ".join(f"{name} {version}" for name, version in tools.items()) + ".",
        "",
    ]
    return lines


def _results(results: dict, found: list[str]) -> list[str]:
    lines = ["## Resultaat", "", "| Wat we testten | Resultaat |", "| --- | --- |"]
    lines += [f"| {label} | {value} |" for label, value in result_rows(results).items()]
    lines += ["", "## Bekende problemen", ""]
    if found:
        lines += [f"- {line}" for line in found]
    else:
        lines.append("De automatische test vond geen problemen.")
    return lines + [""]


def _contact() -> list[str]:
    return [
        "## Contact",
        "",
        "Kun je iets in de cursus niet lezen of gebruiken? Of zie je een ander probleem met de",
        "toegankelijkheid? Laat het ons weten via [Hulp en contact](contact.md). Noem de pagina en",
        "vertel wat er misging.",
        "",
        "Ben je niet tevreden met het antwoord? Dan kun je een klacht indienen bij de ombudsman van",
        "je gemeente of bij de Nationale ombudsman.",
        "",
    ]


def statement_page(results: dict | None, docs: list[str] = ()) -> str:
    """MyST Markdown for the statement; ``docs`` are the pages of this build (doc names)."""
    lines = [
        "# Toegankelijkheidsverklaring",
        "",
        "Iedereen moet deze cursus kunnen gebruiken, ook als je slecht ziet, geen muis gebruikt of",
        "een schermlezer hebt. Hier lees je hoe we dat testen en wat de laatste test liet zien.",
        "",
    ]
    if results is None:
        lines += _status(None, 0)
        lines += ["## Resultaat", "", "Er zijn nog geen testresultaten beschikbaar.", ""]
        return "\n".join(lines + _contact())
    found = problems(results)
    lines += _status(results, len(found))
    lines += _tested(results, list(docs))
    lines += _results(results, found)
    return "\n".join(lines + _contact())


def write_results(path: Path, results: dict) -> None:
    """Write a results file in one step: a build running meanwhile reads the old or the new one."""
    text = json.dumps(results, ensure_ascii=False, indent=2) + "\n"
    path.parent.mkdir(parents=True, exist_ok=True)
    temporary = path.with_name(f".{path.name}.{os.getpid()}")
    temporary.write_text(text, encoding="utf-8")
    os.replace(temporary, path)


def update(source: Path, target: Path | None = None) -> dict:
    """Take the results of a site test run as the statement data (:data:`RESULTS_FILE`).

    :raises BuildError: ``source`` is missing, not JSON or lacks a field the page needs;
        the statement data is then left as it was
    """
    results = load_results(source)
    if results is None:
        raise BuildError("het bestand bestaat niet; draai eerst de kwaliteitstest (pytest tests/test_site_quality.py).",
                         file=source)
    write_results(target or RESULTS_FILE, results)
    return results


def main(argv: list[str] | None = None) -> int:
    """Command line: ``python -m sleutelcursus.book.statement --update RESULTS``."""
    parser = argparse.ArgumentParser(
        prog="python -m sleutelcursus.book.statement",
        description="Neem de uitkomsten van de kwaliteitstest over in de toegankelijkheidsverklaring.",
    )
    parser.add_argument("--update", type=Path, required=True, metavar="UITKOMSTEN",
                        help="het bestand van tests/test_site_quality.py (_build/toegankelijkheid.json)")
    args = parser.parse_args(argv)
    try:
        results = update(args.update)
    except SleutelcursusError as error:
        print(format_error(error), file=sys.stderr)
        return error.exit_code
    print(f"De verklaring toont nu de test van {dutch_date(results['date'])} ({RESULTS_FILE}). Commit dat bestand.")
    return 0


if __name__ == "__main__":
    sys.exit(main())
