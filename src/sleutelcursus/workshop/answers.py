"""Trainer tools: the trainees' answers as one pandas table.

Trainees download their answers from the book ("Download mijn antwoorden", schema in
:mod:`sleutelcursus.workshop.answerfile`); a trainer collects those files in a folder and reads
them with :func:`read_answers`. In a live workshop :func:`read_payloads` gives the same
table from the payloads the server (``sleutelcursus live``) received, and
:func:`from_widgets` from the widgets in the trainer's kernel. Group summaries are in
:mod:`sleutelcursus.workshop.summaries`, charts and the report in
:mod:`sleutelcursus.workshop.charts` and :mod:`sleutelcursus.workshop.report`.

The table: one row per answer file (or widget, or payload), in file-name order (payloads
in the order given):

==================  ======================  ==============================================
column              dtype                   content
==================  ======================  ==============================================
``deelnemer``       str                     the nickname the trainee typed; with
                                            ``pseudonymise`` "Deelnemer N"; without a
                                            nickname "Zonder bijnaam N" (see below)
``bijnaam``         bool                    the file has a nickname
``bestand``         str (NA possible)       path of the file inside the folder; NA for a
                                            widget, for a live payload and when
                                            pseudonymised (a file name can hold a name)
``oefening``        str                     exercise id, e.g. ``rolscan``
``soort``           str                     ``questionnaire``, ``composition``, ``scenario``
``spec_versie``     int64                   the spec version the file was made with
``gedownload_op``   datetime64[ns, UTC]     moment of download; NaT for a widget
``klaar``           bool                    questionnaire: every statement answered;
                                            scenario: the path reached an end;
                                            composition: at least the exercise's smallest
                                            network chosen (``size.min``), as the book's
                                            progress counts it
``sterkste``        str (NA possible)       questionnaire: label(s) of the strongest
                                            dimension, joined with ", "
``score``           Int64 (nullable)        composition: overall score 0-100
``aantal_gekozen``  Int64 (nullable)        composition: number of candidates chosen
``pad``             str (NA possible)       scenario: the choice ids walked, " > "-joined
``antwoorden``      object (dict)           the answers, as in the file
``uitkomst``        object (dict)           the feedback, recomputed by the Python engine
                                            with the spec registered now (the engines agree
                                            with the browser, and a file made with an older
                                            spec version is scored like a new one)
==================  ======================  ==============================================

Who is who (the ``deelnemer`` labels and counts): :mod:`sleutelcursus.workshop.people`.

Which files are read: every file whose name ends in ``.json`` (any case) in the folder
and its subfolders, except in hidden folders (``.ipynb_checkpoints``) and hidden files.
Every other file is listed as skipped. Answers within a file that cannot count (a
value off a questionnaire's scale) are left out, as the engine does; the table's
``attrs`` say so (:mod:`sleutelcursus.workshop.left_out`). Files that cannot count are
skipped too, each with one Dutch line in the problems list: not JSON, truncated, nested too deeply, other
JSON, another schema version, an exercise this course does not have (or of another
type), answers the engine cannot score, and duplicates: byte-identical files (the first
by file name counts) and files of the same nickname and exercise (the newest
``exported_at`` counts). Files are only ever opened for reading. The table's
``attrs["overgeslagen"]`` lists the skipped ones for the report: ``naam`` (None in a
pseudonymised table: a file name may hold a trainee's name) and ``reden`` (then naming
no other file either).
"""

from __future__ import annotations

import copy
import dataclasses
import hashlib
import json
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from datetime import datetime, timezone
from pathlib import Path
from typing import Any

import pandas as pd

from .answerfile import AnswerFileError, parse_answer_file
from .examples import is_example
from .left_out import annotate
from .strongest import strongest_words
from .people import PARTICIPANT, count_line, group_summary, nickname_key, participant_labels
from ..errors import SleutelcursusError
from ..exercises import kind_module

COLUMNS = {
    "deelnemer": "str",
    "bijnaam": "bool",
    "bestand": "str",
    "oefening": "str",
    "soort": "str",
    "spec_versie": "int64",
    "gedownload_op": "datetime64[ns, UTC]",
    "klaar": "bool",
    "sterkste": "str",
    "score": "Int64",
    "aantal_gekozen": "Int64",
    "pad": "str",
    "antwoorden": "object",
    "uitkomst": "object",
}
# An answer file is a few kilobytes; anything far larger is not one, and reading it
# whole would only cost memory.
MAX_BYTES = 20 * 1024 * 1024


@dataclass
class _Loaded:
    rel: str
    data: dict
    spec: dict
    digest: bytes
    exported: datetime
    result: dict
    flat: tuple


def _utc(text: str) -> datetime:
    moment = datetime.fromisoformat(text.replace("Z", "+00:00"))
    return moment if moment.tzinfo else moment.replace(tzinfo=timezone.utc)


def _answer_paths(source: str | Path | Iterable[str | Path]) -> tuple[list[tuple[Path, str]], list[str]]:
    """(path, name shown) of every answer file, sorted by the name shown, and the names
    of the other files in the folder (not read)."""
    if isinstance(source, (str, Path)):
        folder = Path(source)
        if not folder.exists():
            raise SleutelcursusError("deze map bestaat niet.", file=folder, exit_code=2)
        if not folder.is_dir():
            return [(folder, str(folder))], []
        found, others = [], []
        for path in folder.rglob("*"):
            rel = path.relative_to(folder)
            # Hidden files and folders hold copies and system files, e.g. Jupyter's
            # .ipynb_checkpoints or a Mac's .DS_Store: nothing a trainee sent.
            if not path.is_file() or any(part.startswith(".") for part in rel.parts):
                continue
            if path.suffix.lower() == ".json":
                found.append((path, rel.as_posix()))
            else:
                others.append(rel.as_posix())
        return sorted(found, key=lambda item: item[1]), others
    return sorted(((Path(p), str(p)) for p in source), key=lambda item: item[1]), []


def _read(path: Path) -> bytes | str:
    """The file's bytes, or the reason (Dutch) it cannot be read."""
    try:
        with open(path, "rb") as handle:  # read-only: the trainees' files stay as they are
            return handle.read(MAX_BYTES + 1)
    except OSError as exc:
        return f"niet te lezen ({exc.strerror})."


def _check(content: bytes, rel: str, specs: Mapping[str, dict]) -> _Loaded | str:
    """The checked answer file, or the reason (Dutch) it is skipped."""
    if not content.strip():
        return "het bestand is leeg."
    if len(content) > MAX_BYTES:
        return "te groot voor een antwoordbestand."
    try:
        data = parse_answer_file(content, rel)
    except AnswerFileError as error:
        return error.message
    spec = specs.get(data["exercise_id"])
    if spec is None:
        return (f"oefening {data['exercise_id']!r} bestaat niet in deze cursus "
                "(misschien van een gemeenteplugin die hier niet is geïnstalleerd).")
    if spec["type"] != data["kind"]:
        return f"oefening {data['exercise_id']!r} is van type {spec['type']!r}, maar het bestand zegt {data['kind']!r}."
    try:
        result = kind_module(spec["type"]).compute(spec, data["answers"])
        flat = _flat(spec, result)
    except Exception:  # noqa: BLE001 - any file from anyone: one line, never a traceback
        return "de antwoorden in dit bestand zijn niet te verwerken (ander formaat?)."
    return _Loaded(rel, data, spec, hashlib.sha1(content).digest(), _utc(data["exported_at"]), result, flat)


def _participant(item: _Loaded) -> int | None:
    """The participant's number a live server gave the answer (workshop/people.py)."""
    number = item.data.get(PARTICIPANT)
    return number if isinstance(number, int) and not isinstance(number, bool) else None


def _person(item: _Loaded, live: bool):
    """Who gave the answer: the session's participant (live, when the server says),
    else the nickname's key ("" when there is none: then it cannot be told apart)."""
    number = _participant(item) if live else None
    return ("deelnemer", number) if number is not None else nickname_key(item.data["nickname"])


def _without_duplicates(files: list[_Loaded], problems: list[tuple[str, str, str]], live: bool = False) -> list[_Loaded]:
    first_by_digest: dict[bytes, _Loaded] = {}
    unique = []
    for item in files:
        first = first_by_digest.setdefault(item.digest, item)
        if first is item:
            unique.append(item)
        else:
            problems.append((item.rel, f"precies hetzelfde als {first.rel}; dat bestand telt.",
                             "precies hetzelfde als een ander bestand; dat andere telt."))
    groups: dict[tuple[str, str], list[_Loaded]] = {}
    for item in unique:
        key = _person(item, live)
        if key:
            groups.setdefault((key, item.data["exercise_id"]), []).append(item)
    dropped = set()
    for group in groups.values():
        newest = max(group, key=lambda item: item.exported)  # the first of equals wins
        for item in group:
            if item is not newest:
                dropped.add(id(item))
                problems.append((item.rel, f"dezelfde bijnaam en oefening als {newest.rel}, dat nieuwer is; alleen het nieuwste telt.",
                                 "dezelfde bijnaam en oefening als een nieuwer bestand; alleen het nieuwste telt."))
    return [item for item in unique if id(item) not in dropped]


def read_answers(
    folder_or_paths: str | Path | Iterable[str | Path], pseudonymise: bool = False
) -> tuple[pd.DataFrame, list[str]]:
    """Read every answer file (``*.json``) in a folder and its subfolders.

    :param folder_or_paths: a folder, one file, or a list of files
    :param pseudonymise: show every trainee as "Deelnemer N" and leave ``bestand`` empty
    :return: the table (schema in the module docstring) and one Dutch line per
        skipped file, in file-name order
    :raises SleutelcursusError: when the folder does not exist
    """
    paths, others = _answer_paths(folder_or_paths)
    skipped = "geen .json-bestand; alleen antwoordbestanden (.json) worden gelezen."
    listed = sorted([(rel, path) for path, rel in paths] + [(rel, None) for rel in others], key=lambda item: item[0])
    entries = ((rel, skipped if path is None else _read(path)) for rel, path in listed)
    frame, lines = _table(entries, pseudonymise, file_names=True)
    frame.attrs["voorbeeld"] = is_example(folder_or_paths)
    return frame, lines


def read_payloads(
    payloads: Iterable[Any], pseudonymise: bool = False, memo: dict | None = None
) -> tuple[pd.DataFrame, list[str]]:
    """The same table and problems as :func:`read_answers`, from answer-file payloads.

    ``sleutelcursus live`` keeps each trainee's answers as the payload of an answer
    file, with the participant's nickname. Each payload goes through exactly the checks
    and rules a file does (its JSON text stands for the file's content), so the same
    payloads as files, in the same order, give the same table. Rows keep the payloads'
    order; ``bestand`` is NA; a problem line names "antwoord N van de sessie".

    :param payloads: the payloads (dicts), e.g. ``{"antwoorden": [...]}`` of the server, or
        their :func:`payload_content` (bytes), which a caller that reads a session again
        and again can keep for the payloads that did not change
    :param pseudonymise: show every trainee as "Deelnemer N"
    :param memo: a dict kept between calls by a caller that reads a session after every
        change (the trainer page): payloads are remembered by content, so only new and
        changed ones are checked and scored again (it keeps the last call's only). The
        nested ``antwoorden`` and ``uitkomst`` are then shared between calls: read only.
    """
    entries = (
        (f"antwoord {number} van de sessie", payload if isinstance(payload, bytes) else payload_content(payload))
        for number, payload in enumerate(payloads, 1)
    )
    check = _check
    if memo is not None:
        previous, current = dict(memo), {}

        def check(content: bytes, rel: str, specs: Mapping[str, dict]) -> _Loaded | str:
            digest = hashlib.sha1(content).digest()
            found = current[digest] = previous.get(digest) or _check(content, rel, specs)
            # Only the name depends on where the payload stands; the rest on its content.
            return found if isinstance(found, str) else dataclasses.replace(found, rel=rel)

    frame, lines = _table(entries, pseudonymise, file_names=False, check=check, live=True)
    if memo is not None:
        memo.clear()
        memo.update(current)
    frame.attrs["voorbeeld"] = False
    frame.attrs["live"] = True
    return frame, lines


def payload_content(payload: dict) -> bytes:
    """A payload as the content of the answer file it stands for (JSON, UTF-8)."""
    return json.dumps(payload, ensure_ascii=False).encode("utf-8")


def _table(
    entries: Iterable[tuple[str, bytes | str]], pseudonymise: bool, file_names: bool, check=_check, live: bool = False
) -> tuple[pd.DataFrame, list[str]]:
    """The table and problem lines of (name, content or reason it was not read), in order.

    :param file_names: the names are files inside the folder, kept in ``bestand``
    :param check: :func:`_check`, or a function that answers as it does
    :param live: the entries are a live session's answers, each naming its participant
    """
    from ..plugins.registry import registered_specs

    specs = registered_specs()
    # (name, reason, the reason without any file's name)
    problems: list[tuple[str, str, str]] = []
    order: dict[str, int] = {}
    loaded = []
    for rel, content in entries:
        order[rel] = len(order)
        item = content if isinstance(content, str) else check(content, rel, specs)
        if isinstance(item, str):
            problems.append((rel, item, item))
        else:
            loaded.append(item)
    loaded = _without_duplicates(loaded, problems, live)
    known = live and all(_participant(item) is not None for item in loaded)
    people = [_person(item, live) for item in loaded] if known else None
    rows = [
        (item.data["nickname"], item.rel if file_names and not pseudonymise else None, item.spec,
         item.data["spec_version"], item.exported, item.data["answers"], item.result, item.flat)
        for item in loaded
    ]
    problems.sort(key=lambda problem: order[problem[0]])
    frame = _frame(rows, pseudonymise, people)
    annotate(frame, [(item.rel, item.spec, item.data["answers"]) for item in loaded])
    # The report lists them too (the command's output is gone once the terminal closes);
    # a file's name may hold a trainee's name, so a pseudonymised table names no file.
    hidden = pseudonymise and file_names
    frame.attrs["overgeslagen"] = [{"naam": None if hidden else rel, "reden": unnamed if hidden else reason}
                                   for rel, reason, unnamed in problems]
    return frame, [f"{rel}: overgeslagen, {reason}" for rel, reason, _ in problems]


def from_widgets(widgets: Iterable[Any] | Mapping[str, Any], pseudonymise: bool = False) -> pd.DataFrame:
    """The same table as :func:`read_answers`, from live exercise widgets.

    :param widgets: a list of widgets (each its own "Deelnemer N"), or a mapping from a
        trainee's name to one widget or a list of widgets
    :param pseudonymise: show every trainee as "Deelnemer N"
    """
    if isinstance(widgets, Mapping):
        entries = [
            (name, widget)
            for name, value in widgets.items()
            for widget in (value if isinstance(value, (list, tuple)) else [value])
        ]
    else:
        # Each widget of a list is a trainee of its own, unlike a file without nickname.
        entries = [(f"Deelnemer {i}", widget) for i, widget in enumerate(widgets, 1)]
    rows = []
    for name, widget in entries:
        answers = copy.deepcopy(widget.answers)
        result = kind_module(widget.spec["type"]).compute(widget.spec, answers)
        rows.append((name, None, widget.spec, widget.spec["version"], None, answers, result,
                     _flat(widget.spec, result)))
    frame = _frame(rows, pseudonymise)
    frame.attrs["voorbeeld"] = False
    return frame


def _flat(spec: dict, result: dict) -> tuple:
    """(klaar, sterkste, score, aantal_gekozen, pad) of one result."""
    kind = spec["type"]
    if kind == "questionnaire":
        labels = {d["id"]: d["label"] for d in spec["dimensions"]}
        strongest = strongest_words([labels[d] for d in result["strongest"]], len(labels))
        return result["complete"], strongest, None, None, None
    if kind == "composition":
        # Done as the book's progress says it: the smallest network the exercise asks for is chosen.
        n = result["size"]["n"]
        return n >= ((spec.get("size") or {}).get("min") or 1), None, result["score"], n, None
    return result["finished"], None, None, None, " > ".join(step["choice"] for step in result["steps"]) or None


def _frame(rows: list[tuple], pseudonymise: bool, people: list | None = None) -> pd.DataFrame:
    """Build the table column by column from
    (nickname, file, spec, version, moment, answers, result, flat result)."""
    columns: dict[str, list] = {name: [] for name in COLUMNS}
    columns["deelnemer"] = participant_labels([row[0] for row in rows], pseudonymise, people)
    for nickname, rel, spec, version, moment, answers, result, flat in rows:
        columns["bijnaam"].append(bool(nickname_key(nickname)))
        columns["bestand"].append(rel)
        columns["oefening"].append(spec["id"])
        columns["soort"].append(spec["type"])
        columns["spec_versie"].append(version)
        columns["gedownload_op"].append(moment)
        columns["antwoorden"].append(answers)
        columns["uitkomst"].append(result)
        for name, value in zip(("klaar", "sterkste", "score", "aantal_gekozen", "pad"), flat):
            columns[name].append(value)
    data = {}
    for name, dtype in COLUMNS.items():
        if name == "gedownload_op":
            data[name] = pd.to_datetime(pd.Series(columns[name], dtype=object), utc=True).astype(dtype)
        else:
            data[name] = pd.Series(columns[name], dtype=dtype)
    return pd.DataFrame(data)
