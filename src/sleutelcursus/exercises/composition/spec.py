"""Validation of composition specs: candidate pool, pairs and settings.

:func:`validate` checks a raw spec against its declared schema (:mod:`.schema`:
every field's kind, unknown keys refused), then what spans fields: the pool's rows,
pairs against the pool's columns, neighbourhoods and roles against the candidates,
sizes in order, the placeholders of the texts. It returns the spec normalised (plain
JSON types) or raises :class:`~sleutelcursus.errors.SpecError` naming the file and the
field. An error in a row of a CSV pool names the CSV file, the column and the row as
the file counts it (the header is row 1, "rij" in the message); inline candidates are
named ``candidates[i]``.
"""

from __future__ import annotations

import csv
import dataclasses
import difflib
import io
import re
from collections.abc import Mapping
from pathlib import Path
from typing import Any

from ...errors import SpecError
from ..fields import join, unique
from ..spec_schema import parse
from . import defaults
from .schema import Candidate, Spec

# ASCII only, so that Python's and the browser's regular expressions agree.
PLACEHOLDER = re.compile(r"\{([A-Za-z0-9_]+)\}")


@dataclasses.dataclass(frozen=True)
class Place:
    """Where a candidate is: a row of a CSV file (``row``), or ``candidates[i]`` of the spec."""

    file: str
    path: str = ""
    row: int | None = None

    def error(self, column: str, message: str) -> SpecError:
        """A defect of this candidate's ``column`` ("" for the row as a whole)."""
        return SpecError(self.file, join(self.path, column) if column else self.path, message, row=self.row)

    def describe(self) -> str:
        return f"rij {self.row}" if self.row is not None else self.path


def validate(raw: dict, source: str, base_dir: Path | None = None) -> dict:
    """Check a raw composition spec and return it normalised, the pool loaded.

    Fields: see :class:`.schema.Spec` (and the chapter's reference, written from it).
    The normalised spec holds the common fields, ``candidates`` (``rollen`` a list in
    role order, every risk column present), ``neighbourhoods``, ``roles``, ``pairs``
    (each side with its ``tag``), ``risk_kinds``, ``size``, ``weights``, ``caps`` and
    ``messages`` (defaults filled in).

    :raises SpecError: naming the file and the dotted field path of the first defect
    """
    parsed = parse(Spec, {"type": "composition", **raw}, source).model_dump(exclude={"type"})
    spec = {key: parsed[key] for key in ("id", "title", "intro", "version", "source", "perspectief")}
    role_list = parsed["roles"] or [dict(role) for role in defaults.ROLES]
    unique([role["id"] for role in role_list], source, "roles")
    columns, rows = pool_rows(raw, parsed, source, base_dir)
    role_ids = [role["id"] for role in role_list]
    candidates = [candidate(row, order, place, role_ids) for place, order, row in rows]
    places = [place for place, _, _ in rows]
    if not candidates:
        raise SpecError(source, "pool", "de kandidatenlijst is leeg; geef minstens één kandidaat.")
    unique_candidates(candidates, places)
    spec.update(
        candidates=candidates,
        neighbourhoods=neighbourhoods(parsed["neighbourhoods"], candidates, places, source),
        roles=role_list,
        pairs=pairs(parsed["pairs"], columns, candidates, source),
        risk_kinds=[dict(kind) for kind in defaults.RISK_KINDS],
        size=size(parsed["size"], source),
        weights=weights(parsed["weights"], source),
        caps=dict(parsed["caps"]),
        messages=messages(parsed["messages"], source),
    )
    return spec


# ---------------------------------------------------------------- pool -----------

Rows = list[tuple[Place, list[str], dict]]


def pool_rows(raw: Mapping, parsed: dict, source: str, base_dir: Path | None) -> tuple[list[str], Rows]:
    """The pool's columns and its candidates as ``(place, column order, checked row)``."""
    has_pool, has_inline = parsed["pool"] is not None, parsed["candidates"] is not None
    if has_pool and has_inline:
        raise SpecError(source, "candidates", "geef 'pool' (een CSV-bestand) of 'candidates', niet allebei.")
    if has_inline:
        return _inline_rows(raw["candidates"], parsed["candidates"], source)
    if not has_pool:
        raise SpecError(source, "pool", "ontbreekt: geef een CSV-bestand met kandidaten, of een lijst 'candidates'.")
    return _csv_rows(parsed["pool"], source, base_dir)


def _csv_rows(name: str, source: str, base_dir: Path | None) -> tuple[list[str], Rows]:
    path = Path(name)
    if not path.is_absolute():
        path = (Path(base_dir) if base_dir is not None else Path.cwd()) / path
    path = path.resolve()
    try:
        content = path.read_text(encoding="utf-8-sig")  # -sig: spreadsheets often add a BOM
    except FileNotFoundError:
        raise SpecError(
            source, "pool", f"bestand {path} niet gevonden. Een pad is relatief aan de map van het YAML-bestand."
        ) from None
    except UnicodeDecodeError:
        raise SpecError(source, "pool", f"{path} is geen UTF-8-tekst. Sla het bestand op als CSV in UTF-8.") from None
    except OSError as exc:
        raise SpecError(source, "pool", f"{path} is niet te lezen ({exc.strerror}).") from None
    records = list(csv.reader(io.StringIO(content, newline="")))
    if not records or not any(cell.strip() for cell in records[0]):
        raise SpecError(source, "pool", f"{path} is leeg; de eerste regel moet de kolomnamen geven.")
    header = [cell.strip() for cell in records[0]]
    for column in defaults.BASE_COLUMNS:
        if column not in header:
            close = difflib.get_close_matches(column, [c for c in header if c not in defaults.BASE_COLUMNS], n=1)
            hint = f" Bedoel je {column!r} waar nu {close[0]!r} staat?" if close else ""
            if ";" in records[0][0]:
                hint = " Gebruik komma's als scheidingsteken, geen puntkomma's."
            raise SpecError(str(path), "", f"kolom {column!r} ontbreekt in de kopregel.{hint}", row=1)
    _check_header(header, Place(str(path), row=1))
    rows: Rows = []
    for number, record in enumerate(records[1:], start=2):
        if not any(cell.strip() for cell in record):
            continue
        place = Place(str(path), row=number)
        if len(record) > len(header):
            raise place.error("", f"deze rij heeft meer velden dan de kopregel ({len(header)}). "
                              "Zet tekst met een komma tussen aanhalingstekens.")
        values = dict(zip(header, record + [""] * (len(header) - len(record))))
        checked = parse(Candidate, values, place.file, row=number).model_dump()
        rows.append((place, header, checked))
    return header, rows


def _inline_rows(raw_rows: list, checked_rows: list[dict], source: str) -> tuple[list[str], Rows]:
    rows: Rows = []
    columns = None
    for index, (raw, checked) in enumerate(zip(raw_rows, checked_rows)):
        place = Place(source, join("candidates", index))
        keys = [str(key) for key in raw]
        _check_header(keys, place)
        # Only columns every candidate has can carry a pair.
        columns = keys if columns is None else [key for key in columns if key in raw]
        rows.append((place, keys, checked))
    return columns or [], rows


def _check_header(columns: list[str], place: Place) -> None:
    known_risks = sorted(kind["column"] for kind in defaults.RISK_KINDS)
    for column in columns:
        if not column:
            raise place.error("", "een kolom heeft geen naam.")
        if columns.count(column) > 1:
            raise place.error("", f"kolom {column!r} komt dubbel voor.")
        if column.startswith("risico_") and column not in known_risks:
            close = difflib.get_close_matches(column, known_risks, n=1)
            hint = f"bedoel je {close[0]!r}?" if close else f"bekend zijn: {', '.join(known_risks)}."
            raise place.error("", f"onbekende risicokolom {column!r}; {hint}")


def candidate(row: dict, order: list[str], place: Place, role_ids: list[str]) -> dict:
    """One checked candidate in its file's column order; ``rollen`` a list in role order, last."""
    result: dict[str, Any] = {column: row[column] for column in order if column != "rollen"}
    for kind in defaults.RISK_KINDS:
        result.setdefault(kind["column"], "")
    result["rollen"] = _roles_of(row["rollen"], place, role_ids)
    return result


def _roles_of(value: str | list[str], place: Place, role_ids: list[str]) -> list[str]:
    parts = value.split(";") if isinstance(value, str) else value
    names = [part.strip() for part in parts if part.strip()]
    for name in names:
        if name not in role_ids:
            raise place.error("rollen", f"onbekende rol {name!r}; kies uit {', '.join(role_ids)}.")
    if len(set(names)) != len(names):
        raise place.error("rollen", "een rol staat er dubbel in.")
    return [role for role in role_ids if role in names]


def unique_candidates(candidates: list[dict], places: list[Place]) -> None:
    """Refuse a candidate id that is used twice, naming both places."""
    first: dict[str, Place] = {}
    for item, place in zip(candidates, places):
        if item["id"] in first:
            raise place.error("id", f"id {item['id']!r} komt dubbel voor (ook in {first[item['id']].describe()}).")
        first[item["id"]] = place


def neighbourhoods(names: list[str] | None, candidates: list[dict], places: list[Place], source: str) -> list[str]:
    """The spec's neighbourhoods, or the pool's own, sorted alphabetically."""
    if names is None:
        return sorted({item["wijk"] for item in candidates}, key=lambda name: (name.casefold(), name))
    for index, name in enumerate(names):
        if name in names[:index]:
            raise SpecError(source, join("neighbourhoods", index), f"wijk {name!r} komt dubbel voor.")
    for item, place in zip(candidates, places):
        if item["wijk"] not in names:
            raise place.error("wijk", f"wijk {item['wijk']!r} staat niet in 'neighbourhoods'; "
                              "voeg hem toe of verbeter de naam.")
    return list(names)


# ---------------------------------------------------------------- pairs ----------


def pairs(checked: list[dict], columns: list[str], candidates: list[dict], source: str) -> list[dict]:
    """The two-sided pairs; every pool value of a pair's column is on exactly one side."""
    result = []
    for index, pair in enumerate(checked):
        path = join("pairs", index)
        column = pair["column"]
        if column in defaults.NOT_A_PAIR_COLUMN:
            raise SpecError(source, join(path, "column"),
                            f"kolom {column!r} kan geen paar vormen; kies een kolom met een kenmerk.")
        if column not in columns:
            raise SpecError(source, join(path, "column"),
                            f"kolom {column!r} bestaat niet in de kandidatenlijst; kies uit {', '.join(columns)}.")
        sides = _sides(pair["sides"], source, path)
        placed = {value for side in sides for value in side["values"]}
        for item in candidates:
            if item[column] not in placed:
                raise SpecError(
                    source, join(path, "sides"),
                    f"kandidaat {item['id']!r} heeft {column} = {item[column]!r}, maar die waarde hoort "
                    "bij geen van beide kanten. Zet hem bij een van de twee.",
                )
        result.append(dict(pair, sides=sides))
    unique([pair["id"] for pair in result], source, "pairs")
    return result


def _sides(sides: list[dict], source: str, path: str) -> list[dict]:
    seen = set()
    for index, side in enumerate(sides):
        for k, value in enumerate(side["values"]):
            if value in seen:
                raise SpecError(source, f"{path}.sides[{index}].values[{k}]",
                                f"waarde {value!r} staat al bij een kant; elke waarde hoort bij één kant.")
            seen.add(value)
    return [dict(side, tag=side["tag"] or side["label"]) for side in sides]


# ---------------------------------------------------------------- settings -------


def size(value: dict, source: str) -> dict:
    """Size bands: ``min`` <= ``small_max`` < ``core_group_from``."""
    result = {key: value[key] for key in defaults.SIZE}
    if result["min"] > result["small_max"]:
        raise SpecError(source, "size.min", f"mag niet groter zijn dan small_max ({result['small_max']}).")
    if result["core_group_from"] <= result["small_max"]:
        raise SpecError(source, "size.core_group_from",
                        f"moet groter zijn dan small_max ({result['small_max']}).")
    return result


def weights(value: dict, source: str) -> dict:
    """Weights of the overall score; pairs + neighbourhoods + roles must exceed 0."""
    if value["pairs"] + value["neighbourhoods"] + value["roles"] == 0:
        raise SpecError(source, "weights", "pairs, neighbourhoods en roles zijn samen 0; geef er minstens één een gewicht.")
    return dict(value)


def messages(value: dict, source: str) -> dict:
    """The advice templates (defaults where the spec gives none); only known placeholders."""
    for key, (_, allowed) in defaults.MESSAGES.items():
        for name in PLACEHOLDER.findall(value[key]):
            if name not in allowed:
                known = ", ".join("{" + item + "}" for item in allowed) or "geen"
                raise SpecError(source, join("messages", key), f"onbekende invulplek {{{name}}}; je kunt gebruiken: {known}.")
    return {key: value[key] for key in defaults.MESSAGES}
