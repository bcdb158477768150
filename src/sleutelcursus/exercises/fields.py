"""Field checks shared by the exercise types' ``validate`` functions.

Each helper reads one field of a raw mapping and raises
:class:`~sleutelcursus.errors.SpecError` with the source and the dotted field path
when it is missing or of the wrong kind, so every type reports errors the same way.
"""

from __future__ import annotations

import re
from typing import Any, Mapping

from ..errors import SpecError

ID_PATTERN = re.compile(r"^[a-z0-9][a-z0-9_-]*$")
# Whose side an exercise is written from; the start page's path table relies on it.
PERSPECTIVES = ("ambtenaar", "sleutelpersoon")
_MISSING = object()


def join(path: str, key: str | int) -> str:
    """Dotted field path: ``join("steps[1]", "id") == "steps[1].id"``."""
    if isinstance(key, int):
        return f"{path}[{key}]"
    return f"{path}.{key}" if path else key


def mapping(value: Any, source: str, path: str) -> Mapping:
    if not isinstance(value, Mapping):
        raise SpecError(source, path, "verwacht een mapping (sleutel: waarde).")
    return value


def text(obj: Mapping, key: str, source: str, path: str = "", default: Any = _MISSING) -> str:
    """A non-empty string field (stripped)."""
    value = obj.get(key, _MISSING)
    if value is _MISSING or value is None:
        if default is not _MISSING:
            return default
        raise SpecError(source, join(path, key), "ontbreekt.")
    if not isinstance(value, str) or not value.strip():
        raise SpecError(source, join(path, key), "moet een tekst zijn die niet leeg is.")
    return value.strip()


def identifier(obj: Mapping, key: str, source: str, path: str = "") -> str:
    """A slug id: lower-case letters, digits, '-' and '_'."""
    value = text(obj, key, source, path)
    if not ID_PATTERN.match(value):
        raise SpecError(
            source,
            join(path, key),
            f"{value!r} is geen geldige id: gebruik kleine letters, cijfers, '-' en '_'.",
        )
    return value


def number(
    obj: Mapping,
    key: str,
    source: str,
    path: str = "",
    default: Any = _MISSING,
    minimum: float | None = None,
    maximum: float | None = None,
) -> float:
    """A number field (bool is refused), optionally within [minimum, maximum]."""
    value = obj.get(key, _MISSING)
    if value is _MISSING or value is None:
        if default is not _MISSING:
            return default
        raise SpecError(source, join(path, key), "ontbreekt.")
    if isinstance(value, bool) or not isinstance(value, (int, float)):
        raise SpecError(source, join(path, key), f"moet een getal zijn, niet {value!r}.")
    if minimum is not None and value < minimum or maximum is not None and value > maximum:
        raise SpecError(
            source, join(path, key), f"{value} ligt buiten het bereik {minimum} tot {maximum}."
        )
    return value


def items(obj: Mapping, key: str, source: str, path: str = "", min_len: int = 1) -> list:
    """A list field with at least ``min_len`` entries."""
    value = obj.get(key, _MISSING)
    if value is _MISSING or value is None:
        raise SpecError(source, join(path, key), "ontbreekt.")
    if not isinstance(value, list):
        raise SpecError(source, join(path, key), "moet een lijst zijn.")
    if len(value) < min_len:
        raise SpecError(source, join(path, key), f"moet minstens {min_len} item(s) bevatten.")
    return value


def unique(ids: list[str], source: str, path: str) -> None:
    """Refuse duplicate ids in one list; names the first duplicate."""
    seen: set[str] = set()
    for index, value in enumerate(ids):
        if value in seen:
            raise SpecError(source, join(join(path, index), "id"), f"id {value!r} komt dubbel voor.")
        seen.add(value)


def perspective(raw: Mapping, source: str) -> str | None:
    """The optional ``perspectief`` field: who the exercise speaks to as "je"."""
    value = text(raw, "perspectief", source, default=None)
    if value is not None and value not in PERSPECTIVES:
        raise SpecError(
            source, "perspectief", f"onbekend perspectief {value!r}; kies uit {', '.join(PERSPECTIVES)}."
        )
    return value


def common(raw: Mapping, source: str) -> dict:
    """The fields every exercise spec has: id, title, intro, version, source, perspectief."""
    return {
        "id": identifier(raw, "id", source),
        "title": text(raw, "title", source),
        "intro": text(raw, "intro", source, default=""),
        "version": int(number(raw, "version", source, default=1, minimum=1)),
        "source": text(raw, "source", source, default=""),
        "perspectief": perspective(raw, source),
    }
