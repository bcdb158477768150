"""Load exercise specs from YAML files or dicts and validate them by type."""

from __future__ import annotations

from pathlib import Path
from typing import Any, Mapping

import yaml

from ..errors import SpecError
from .yaml_problems import UniqueKeyLoader, describe
from . import KINDS, kind_module

DATA_DIR = Path(__file__).resolve().parent.parent / "data"


def load_spec_file(path: str | Path) -> dict:
    """Read and validate one YAML spec file."""
    path = Path(path)
    try:
        text = path.read_text(encoding="utf-8")
    except FileNotFoundError:
        raise SpecError(str(path), "", "bestand niet gevonden.") from None
    except OSError as exc:
        raise SpecError(str(path), "", f"bestand niet te lezen ({exc.strerror}).") from None
    try:
        raw = yaml.load(text, Loader=UniqueKeyLoader)
    except yaml.YAMLError as exc:
        reason, line = describe(exc, text)
        raise SpecError(str(path), "", f"geen geldige YAML: {reason}.", line=line) from None
    return validate_spec(raw, source=str(path), base_dir=path.parent)


def validate_spec(raw: Any, source: str, base_dir: Path | None = None) -> dict:
    """Validate a raw spec of any type; ``source`` names it in errors."""
    if not isinstance(raw, Mapping):
        raise SpecError(source, "", "een oefening moet een lijst van velden zijn (YAML-mapping).")
    kind = raw.get("type")
    if kind not in KINDS:
        raise SpecError(source, "type", f"onbekend type {kind!r}; kies uit {', '.join(KINDS)}.")
    spec = kind_module(kind).validate(dict(raw), source, base_dir)
    spec["type"] = kind
    return spec


def national_spec_files() -> list[Path]:
    """The national exercise specs shipped with the package."""
    return sorted(DATA_DIR.glob("*.yaml"))
