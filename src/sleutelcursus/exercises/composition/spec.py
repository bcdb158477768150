"""Validation of composition specs: candidate pool, pairs and settings.

:func:`validate` checks a whole raw spec; each helper reads one part and returns it
normalised (plain JSON types), or raises :class:`~sleutelcursus.errors.SpecError`
naming the source and the field. Rows of a CSV pool are named ``pool[row N]`` with N
the row number a spreadsheet shows (the header is row 1); inline candidates are named
``candidates[i]``.
"""

from __future__ import annotations

import csv
import io
import re
from collections.abc import Mapping
from pathlib import Path
from typing import Any

from ...errors import SpecError
from ..fields import ID_PATTERN, common, identifier, items, join, mapping, number, text, unique
from . import defaults

AGE_BAND = re.compile(r"^\d{1,3}(-\d{1,3}|\+)$")
# ASCII only, so that Python's and the browser's regular expressions agree.
PLACEHOLDER = re.compile(r"\{([A-Za-z0-9_]+)\}")


def validate(raw: dict, source: str, base_dir: Path | None = None) -> dict:
    """Check a raw composition spec and return it normalised, the pool loaded.

    Fields besides the common ones: ``pool`` (a CSV file, relative to ``base_dir``) or
    ``candidates`` (a list of rows); ``pairs`` (at least one: ``id``, ``label``,
    ``column``, two ``sides`` with ``label``, optional ``tag`` and ``values``,
    ``target`` and ``tolerance`` in percent); optional ``neighbourhoods`` (default:
    the pool's own, sorted), ``roles`` (default: the guide's four), ``size``,
    ``weights``, ``caps`` and ``messages`` (see :mod:`.defaults`). The normalised spec
    holds ``candidates`` (``rollen`` a list in role order, every risk column
    present), ``neighbourhoods``, ``roles``, ``pairs``, ``risk_kinds``, ``size``,
    ``weights``, ``caps`` and ``messages``.

    :raises SpecError: naming ``source`` and the dotted field path of the first defect
    """
    spec = common(raw, source)
    role_list = roles(raw, source)
    columns, rows = pool_rows(raw, source, base_dir)
    role_ids = [role["id"] for role in role_list]
    candidates = [candidate(row, path, role_ids, source) for path, row in rows]
    paths = [path for path, _ in rows]
    if not candidates:
        raise SpecError(source, "pool", "de kandidatenlijst is leeg; geef minstens één kandidaat.")
    unique_candidates(candidates, paths, source)
    spec.update(
        candidates=candidates,
        neighbourhoods=neighbourhoods(raw, candidates, paths, source),
        roles=role_list,
        pairs=pairs(raw, columns, candidates, source),
        risk_kinds=[dict(kind) for kind in defaults.RISK_KINDS],
        size=size(raw, source),
        weights=weights(raw, source),
        caps=caps(raw, source),
        messages=messages(raw, source),
    )
    return spec


def integer(obj: Mapping, key: str, source: str, path: str, default: int, minimum: int, maximum: int | None = None) -> int:
    """A whole-number field within [minimum, maximum]."""
    value = number(obj, key, source, path, default=default, minimum=minimum, maximum=maximum)
    if value != int(value):
        raise SpecError(source, join(path, key), f"moet een heel getal zijn, niet {value}.")
    return int(value)


def _known_keys(obj: Mapping, allowed, source: str, path: str) -> None:
    for key in obj:
        if key not in allowed:
            raise SpecError(
                source, join(path, str(key)), f"onbekend veld; bekend zijn: {', '.join(allowed)}."
            )


# ---------------------------------------------------------------- roles ----------


def roles(raw: Mapping, source: str) -> list[dict]:
    """The role list of the spec, or the guide's four roles."""
    if raw.get("roles") is None:
        return [dict(role) for role in defaults.ROLES]
    result = []
    for index, value in enumerate(items(raw, "roles", source)):
        path = join("roles", index)
        role = mapping(value, source, path)
        result.append({
            "id": identifier(role, "id", source, path),
            "label": text(role, "label", source, path),
            "explanation": text(role, "explanation", source, path, default=""),
        })
    unique([role["id"] for role in result], source, "roles")
    return result


# ---------------------------------------------------------------- pool -----------


def pool_rows(raw: Mapping, source: str, base_dir: Path | None) -> tuple[list[str], list[tuple[str, dict]]]:
    """The pool's columns and its rows as ``(field path, {column: value})``."""
    has_pool, has_inline = raw.get("pool") is not None, raw.get("candidates") is not None
    if has_pool and has_inline:
        raise SpecError(source, "candidates", "geef 'pool' (een CSV-bestand) of 'candidates', niet allebei.")
    if has_inline:
        return _inline_rows(raw, source)
    if not has_pool:
        raise SpecError(source, "pool", "ontbreekt: geef een CSV-bestand met kandidaten, of een lijst 'candidates'.")
    return _csv_rows(raw, source, base_dir)


def _csv_rows(raw: Mapping, source: str, base_dir: Path | None) -> tuple[list[str], list[tuple[str, dict]]]:
    name = raw["pool"]
    if not isinstance(name, str) or not name.strip():
        raise SpecError(source, "pool", "moet de naam van een CSV-bestand zijn.")
    path = Path(name.strip())
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
            hint = " Gebruik komma's als scheidingsteken, geen puntkomma's." if ";" in records[0][0] else ""
            raise SpecError(source, "pool", f"kolom {column!r} ontbreekt in {path}.{hint}")
    _check_header(header, source, "pool", f" in {path}")
    rows = []
    for number_, record in enumerate(records[1:], start=2):
        if not any(cell.strip() for cell in record):
            continue
        row_path = f"pool[row {number_}]"
        if len(record) > len(header):
            raise SpecError(source, row_path, f"deze rij heeft meer velden dan de kopregel ({len(header)}). "
                            "Zet tekst met een komma tussen aanhalingstekens.")
        rows.append((row_path, dict(zip(header, record + [""] * (len(header) - len(record))))))
    return header, rows


def _inline_rows(raw: Mapping, source: str) -> tuple[list[str], list[tuple[str, dict]]]:
    rows, columns = [], None
    for index, value in enumerate(items(raw, "candidates", source)):
        path = join("candidates", index)
        row = dict(mapping(value, source, path))
        for column in defaults.BASE_COLUMNS:
            if column not in row:
                raise SpecError(source, join(path, column), "ontbreekt.")
        keys = [str(key) for key in row]
        _check_header(keys, source, path, "")
        # Only columns every candidate has can carry a pair.
        columns = keys if columns is None else [key for key in columns if key in row]
        rows.append((path, row))
    return columns or [], rows


def _check_header(columns: list[str], source: str, path: str, where: str) -> None:
    known_risks = {kind["column"] for kind in defaults.RISK_KINDS}
    seen = set()
    for column in columns:
        if not column:
            raise SpecError(source, path, f"een kolom{where} heeft geen naam.")
        if column in seen:
            raise SpecError(source, path, f"kolom {column!r} komt dubbel voor{where}.")
        if column.startswith("risico_") and column not in known_risks:
            raise SpecError(
                source, path,
                f"onbekende risicokolom {column!r}; bekend zijn: {', '.join(sorted(known_risks))}.",
            )
        seen.add(column)


def candidate(row: dict, path: str, role_ids: list[str], source: str) -> dict:
    """One candidate, every value checked; ``rollen`` becomes a list in role order."""
    result: dict[str, Any] = {}
    for column, value in row.items():
        if column == "rollen":
            continue
        if value is None:
            value = ""
        if not isinstance(value, str):
            raise SpecError(source, join(path, column), f"moet een tekst zijn, niet {value!r}.")
        result[column] = value.strip()
    for kind in defaults.RISK_KINDS:
        result.setdefault(kind["column"], "")
    for column in ("naam", "wijk", "bio"):
        if not result[column]:
            raise SpecError(source, join(path, column), "is leeg; vul het in.")
    if not ID_PATTERN.match(result["id"]):
        raise SpecError(source, join(path, "id"), f"{result['id']!r} is geen geldige id: "
                        "gebruik kleine letters, cijfers, '-' en '_'.")
    _check_value(result, "leeftijd", AGE_BAND.match(result["leeftijd"]) is not None,
                 "een leeftijdsgroep zoals 18-29 of 65+", source, path)
    for column in defaults.YES_NO_COLUMNS:
        _check_value(result, column, result[column] in ("ja", "nee"), "ja of nee", source, path)
    _check_value(result, "opleiding", result["opleiding"] in defaults.EDUCATION_VALUES,
                 " of ".join(defaults.EDUCATION_VALUES), source, path)
    result["rollen"] = _roles_of(row["rollen"], join(path, "rollen"), role_ids, source)
    return result


def _check_value(row: dict, column: str, ok: bool, expected: str, source: str, path: str) -> None:
    if not ok:
        raise SpecError(source, join(path, column), f"ongeldige waarde {row[column]!r}; verwacht {expected}.")


def _roles_of(value: Any, path: str, role_ids: list[str], source: str) -> list[str]:
    if value is None:
        value = ""
    if isinstance(value, str):
        names = [part.strip() for part in value.split(";") if part.strip()]
    elif isinstance(value, list) and all(isinstance(part, str) for part in value):
        names = [part.strip() for part in value]
    else:
        raise SpecError(source, path, "moet rol-ids bevatten, gescheiden door ';'.")
    for name in names:
        if name not in role_ids:
            raise SpecError(source, path, f"onbekende rol {name!r}; kies uit {', '.join(role_ids)}.")
    if len(set(names)) != len(names):
        raise SpecError(source, path, "een rol staat er dubbel in.")
    return [role for role in role_ids if role in names]


def unique_candidates(candidates: list[dict], paths: list[str], source: str) -> None:
    """Refuse a candidate id that is used twice, naming both places."""
    first: dict[str, str] = {}
    for item, path in zip(candidates, paths):
        if item["id"] in first:
            raise SpecError(source, join(path, "id"),
                            f"id {item['id']!r} komt dubbel voor (ook in {first[item['id']]}).")
        first[item["id"]] = path


def neighbourhoods(raw: Mapping, candidates: list[dict], paths: list[str], source: str) -> list[str]:
    """The spec's neighbourhoods, or the pool's own, sorted alphabetically."""
    if raw.get("neighbourhoods") is None:
        return sorted({item["wijk"] for item in candidates}, key=lambda name: (name.casefold(), name))
    names = []
    for index, value in enumerate(items(raw, "neighbourhoods", source)):
        if not isinstance(value, str) or not value.strip():
            raise SpecError(source, join("neighbourhoods", index), "moet de naam van een wijk zijn.")
        if value.strip() in names:
            raise SpecError(source, join("neighbourhoods", index), f"wijk {value.strip()!r} komt dubbel voor.")
        names.append(value.strip())
    for item, path in zip(candidates, paths):
        if item["wijk"] not in names:
            raise SpecError(source, join(path, "wijk"),
                            f"wijk {item['wijk']!r} staat niet in 'neighbourhoods'; voeg hem toe of verbeter de naam.")
    return names


# ---------------------------------------------------------------- pairs ----------


def pairs(raw: Mapping, columns: list[str], candidates: list[dict], source: str) -> list[dict]:
    """The two-sided pairs; every pool value of a pair's column is on exactly one side."""
    result = []
    for index, value in enumerate(items(raw, "pairs", source)):
        path = join("pairs", index)
        pair = mapping(value, source, path)
        column = text(pair, "column", source, path)
        if column in defaults.NOT_A_PAIR_COLUMN:
            raise SpecError(source, join(path, "column"),
                            f"kolom {column!r} kan geen paar vormen; kies een kolom met een kenmerk.")
        if column not in columns:
            raise SpecError(source, join(path, "column"),
                            f"kolom {column!r} bestaat niet in de kandidatenlijst; kies uit {', '.join(columns)}.")
        sides = _sides(pair, source, path)
        placed = {value_: side for side in sides for value_ in side["values"]}
        for item in candidates:
            if item[column] not in placed:
                raise SpecError(
                    source, join(path, "sides"),
                    f"kandidaat {item['id']!r} heeft {column} = {item[column]!r}, maar die waarde hoort "
                    "bij geen van beide kanten. Zet hem bij een van de twee.",
                )
        result.append({
            "id": identifier(pair, "id", source, path),
            "label": text(pair, "label", source, path),
            "column": column,
            "sides": sides,
            "target": integer(pair, "target", source, path, defaults.PAIR_TARGET, 0, 100),
            "tolerance": integer(pair, "tolerance", source, path, defaults.PAIR_TOLERANCE, 0, 100),
        })
    unique([pair["id"] for pair in result], source, "pairs")
    return result


def _sides(pair: Mapping, source: str, path: str) -> list[dict]:
    raw_sides = items(pair, "sides", source, path, min_len=2)
    if len(raw_sides) != 2:
        raise SpecError(source, join(path, "sides"), f"een paar heeft precies twee kanten, niet {len(raw_sides)}.")
    sides, seen = [], set()
    for index, value in enumerate(raw_sides):
        side_path = join(join(path, "sides"), index)
        side = mapping(value, source, side_path)
        values = []
        for k, entry in enumerate(items(side, "values", source, side_path)):
            entry_path = join(join(side_path, "values"), k)
            if not isinstance(entry, str) or not entry.strip():
                raise SpecError(source, entry_path, "moet een tekst zijn die niet leeg is (zet ja/nee tussen aanhalingstekens).")
            if entry.strip() in seen:
                raise SpecError(source, entry_path, f"waarde {entry.strip()!r} staat al bij een kant; elke waarde hoort bij één kant.")
            seen.add(entry.strip())
            values.append(entry.strip())
        label = text(side, "label", source, side_path)
        sides.append({"label": label, "tag": text(side, "tag", source, side_path, default=label), "values": values})
    return sides


# ---------------------------------------------------------------- settings -------


def size(raw: Mapping, source: str) -> dict:
    """Size bands: ``min`` <= ``small_max`` < ``core_group_from``."""
    value = mapping(raw.get("size") or {}, source, "size")
    _known_keys(value, tuple(defaults.SIZE), source, "size")
    result = {key: integer(value, key, source, "size", default, 1) for key, default in defaults.SIZE.items()}
    if result["min"] > result["small_max"]:
        raise SpecError(source, "size.min", f"mag niet groter zijn dan small_max ({result['small_max']}).")
    if result["core_group_from"] <= result["small_max"]:
        raise SpecError(source, "size.core_group_from",
                        f"moet groter zijn dan small_max ({result['small_max']}).")
    return result


def weights(raw: Mapping, source: str) -> dict:
    """Weights of the overall score; pairs + neighbourhoods + roles must exceed 0."""
    value = mapping(raw.get("weights") or {}, source, "weights")
    _known_keys(value, tuple(defaults.WEIGHTS), source, "weights")
    result = {key: integer(value, key, source, "weights", default, 0, 100) for key, default in defaults.WEIGHTS.items()}
    if result["pairs"] + result["neighbourhoods"] + result["roles"] == 0:
        raise SpecError(source, "weights", "pairs, neighbourhoods en roles zijn samen 0; geef er minstens één een gewicht.")
    return result


def caps(raw: Mapping, source: str) -> dict:
    """The highest score while possible disruptive members are in the network
    (``risk``) and while it is smaller than ``size.min`` (``too_small``)."""
    value = mapping(raw.get("caps") or {}, source, "caps")
    _known_keys(value, tuple(defaults.CAPS), source, "caps")
    return {key: integer(value, key, source, "caps", default, 0, 100) for key, default in defaults.CAPS.items()}


def messages(raw: Mapping, source: str) -> dict:
    """The advice templates: defaults, with the spec's own texts where given."""
    value = mapping(raw.get("messages") or {}, source, "messages")
    _known_keys(value, tuple(defaults.MESSAGES), source, "messages")
    result = {}
    for key, (template, allowed) in defaults.MESSAGES.items():
        template = text(value, key, source, "messages", default=template)
        for name in PLACEHOLDER.findall(template):
            if name not in allowed:
                known = ", ".join("{" + item + "}" for item in allowed) or "geen"
                raise SpecError(source, join("messages", key), f"onbekende invulplek {{{name}}}; je kunt gebruiken: {known}.")
        result[key] = template
    return result

