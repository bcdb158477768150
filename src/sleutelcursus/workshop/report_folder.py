"""Where ``sleutelcursus groep`` writes a group's report, and whose report a folder holds.

Two groups' answer folders often sit side by side (``/pad/groep-a``, ``/pad/groep-b``).
Each gets its own default output folder, named after it (``groepsrapport-groep-a``),
and every output folder records in a small marker file (:data:`MARKER`) which answer
folder its report was made from. A run never replaces a report made from another
answer folder (or one whose origin is unknown): a trainer who deleted group A's answer
files, as the privacy advice says, would have lost A's report for good. A re-run for
the same answer folder replaces its own report.

The pseudonymised report and CSV (``--pseudoniem``) have names of their own
(:func:`output_names`), so a trainer keeps the report with nicknames for themselves
next to the one to share: a run replaces only the files of its own kind.
"""

from __future__ import annotations

import os
from pathlib import Path

from ..errors import SleutelcursusError
from .spreadsheet import CSV_NAME

REPORT_NAME = "groepsrapport.html"
# Added to the names of the pseudonymised report and CSV, before the extension.
PSEUDONYM_SUFFIX = "-pseudoniem"
DEFAULT_PREFIX = "groepsrapport-"
# Hidden, so a trainer browsing the folder sees just the report and the CSV.
MARKER = ".sleutelcursus-groep"


class OutputFolderError(SleutelcursusError):
    """The output folder would land among the trainees' files or replace another group's report."""

    exit_code = 2


def output_names(pseudonymised: bool) -> tuple[str, str]:
    """The file names of the report and the CSV: ``groepsrapport.html`` and
    ``groepsresultaten.csv``, or with ``-pseudoniem`` before the extension."""
    if not pseudonymised:
        return REPORT_NAME, CSV_NAME
    return tuple(f"{Path(name).stem}{PSEUDONYM_SUFFIX}{Path(name).suffix}" for name in (REPORT_NAME, CSV_NAME))


def _report_files(folder: Path) -> list[str]:
    names = (*output_names(False), *output_names(True), MARKER)
    return [name for name in names if (folder / name).exists()]


def source_of(folder: Path) -> Path | None:
    """The answer folder the report in ``folder`` was made from (None: no marker)."""
    marker = folder / MARKER
    if not marker.is_file():
        return None
    text = marker.read_text(encoding="utf-8").strip()
    return Path(text) if text else None


def output_folder(folder: Path, out: Path | None) -> Path:
    """Where the report goes: ``out``, or ``groepsrapport-<name of folder>`` next to ``folder``.

    :raises OutputFolderError: when ``folder`` is itself a report folder, when the output
        folder lies inside ``folder`` or is a file, or when it holds a report made from
        another answer folder
    """
    answers = folder.resolve()
    if found := _report_files(answers):
        raise OutputFolderError(
            f"dit lijkt een rapportmap, geen map met antwoordbestanden (er staat {found[0]} in); "
            "geef de map met de gedownloade antwoordbestanden.", file=folder)
    target = (out if out is not None else answers.parent / f"{DEFAULT_PREFIX}{answers.name}").resolve()
    if target == answers or answers in target.parents:
        raise OutputFolderError(
            f"de uitvoermap {target} ligt in de map met antwoorden {folder}; kies met --uit een map daarbuiten."
        )
    if target.exists() and not target.is_dir():
        raise OutputFolderError("is een bestand, geen map; kies met --uit een andere map.", file=target)
    if target.is_dir() and _report_files(target):
        origin = source_of(target)
        if origin is None:
            raise OutputFolderError(
                f"de uitvoermap {target} bevat al een groepsrapport waarvan niet bekend is uit welke map met "
                f"antwoorden het komt; het wordt niet vervangen door het rapport van {answers}. "
                "Kies met --uit een andere uitvoermap.")
        if origin != answers:
            raise OutputFolderError(
                f"de uitvoermap {target} bevat al het groepsrapport van {origin}; het wordt niet vervangen door "
                f"het rapport van {answers}. Kies met --uit een andere uitvoermap.")
    return target


def replaces(target: Path, pseudonymised: bool) -> bool:
    """True when ``target`` already holds a report of this kind (named or pseudonymised;
    by :func:`output_folder`, one of the same answers)."""
    return any((target / name).exists() for name in output_names(pseudonymised))


def write(path: Path, text: str, encoding: str = "utf-8") -> None:
    """Write ``text`` to ``path`` in one step: a half-written report would look complete in a browser."""
    temporary = path.with_name(path.name + ".tmp")
    temporary.write_text(text, encoding=encoding, newline="")
    os.replace(temporary, path)


def mark(target: Path, folder: Path) -> None:
    """Record in ``target`` that its report comes from the answer folder ``folder``."""
    write(target / MARKER, f"{folder.resolve()}\n")
