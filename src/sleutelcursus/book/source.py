"""Where the course's source lives, and its staging into a build's work folder.

The national course (``_config.yml``, ``_toc.yml``, ``course/``) is carried inside the
wheel as ``sleutelcursus/_book``; in a source checkout (editable install) it is the
repository root. A build never reads that folder directly: it stages a copy in the work
folder, so plugins can add pages and the table of contents can change without touching
the installed package, and Sphinx sees only the pages of the book.
"""

from __future__ import annotations

import os
import shutil
from dataclasses import dataclass
from pathlib import Path

import yaml

from ..errors import BuildError
from ..exercises.yaml_problems import FAST_LOADER, describe

PACKAGE_DIR = Path(__file__).resolve().parent.parent
BOOK_FILES = ("_config.yml", "_toc.yml")
BOOK_DIRS = ("course", "exercises")
# Never staged: editor and execution leftovers.
IGNORED = {".ipynb_checkpoints", "__pycache__", ".DS_Store"}


def load_yaml(path: Path):
    """The YAML file at ``path``; a broken file is one line naming it and the line."""
    text = Path(path).read_text(encoding="utf-8")
    try:
        return yaml.load(text, Loader=FAST_LOADER)
    except yaml.YAMLError as exc:
        reason, line = describe(exc, text)
        raise BuildError(f"geen geldige YAML: {reason}.", file=path, line=line) from None


def book_source() -> Path:
    """The folder holding ``_config.yml``, ``_toc.yml`` and ``course/``.

    ``SLEUTELCURSUS_BOOK`` points elsewhere: for the project's tests and for trying a
    changed copy of the course.
    """
    override = os.environ.get("SLEUTELCURSUS_BOOK")
    candidates = [Path(override)] if override else [PACKAGE_DIR / "_book", PACKAGE_DIR.parent.parent]
    for candidate in candidates:
        if all((candidate / name).is_file() for name in BOOK_FILES) and (candidate / "course").is_dir():
            return candidate
    raise BuildError(
        "de cursusbestanden (_config.yml, _toc.yml, course/) zijn niet gevonden; "
        + ("kies met SLEUTELCURSUS_BOOK een map waarin ze staan." if override else "installeer sleutelcursus opnieuw."),
        file=override or None,
    )


def book_files(source: Path) -> dict[str, Path]:
    """Relative path -> absolute path of every file the book is built from."""
    files = {name: source / name for name in BOOK_FILES}
    for folder in BOOK_DIRS:
        # A test or trial book may have no exercises/ folder.
        for path in sorted((source / folder).rglob("*")):
            if path.is_file() and not IGNORED.intersection(path.relative_to(source).parts):
                files[path.relative_to(source).as_posix()] = path
    return files


@dataclass
class Synced:
    """What :func:`sync_tree` did: paths written or removed, and those removed alone."""

    changed: list[str]
    removed: list[str]


def sync_tree(files: dict[str, Path | bytes], target: Path) -> Synced:
    """Make ``target`` hold exactly ``files``; report the relative paths that changed.

    A file whose bytes are unchanged is not rewritten, so its modification time stays
    and Sphinx and jupyter-cache treat it as unchanged (fast incremental rebuilds).
    Values are source paths or the bytes to write.
    """
    target.mkdir(parents=True, exist_ok=True)
    changed, removed = [], []
    for rel, content in files.items():
        data = content if isinstance(content, bytes) else Path(content).read_bytes()
        dest = target / rel
        if dest.is_file() and dest.read_bytes() == data:
            continue
        dest.parent.mkdir(parents=True, exist_ok=True)
        dest.write_bytes(data)
        changed.append(rel)
    wanted = set(files)
    for path in sorted(target.rglob("*"), reverse=True):
        rel = path.relative_to(target).as_posix()
        if path.is_file() and rel not in wanted:
            path.unlink()
            changed.append(rel)
            removed.append(rel)
        elif path.is_dir() and not any(path.iterdir()):
            path.rmdir()
    return Synced(changed, removed)


def replace_dir(built: Path, out: Path) -> None:
    """Put a copy of ``built`` at ``out``, replacing it only once the copy is complete."""
    out = out.resolve()
    out.parent.mkdir(parents=True, exist_ok=True)
    tmp = out.with_name(f".{out.name}.nieuw-{os.getpid()}")
    old = out.with_name(f".{out.name}.oud-{os.getpid()}")
    shutil.rmtree(tmp, ignore_errors=True)
    try:
        shutil.copytree(built, tmp)
    except OSError as exc:
        shutil.rmtree(tmp, ignore_errors=True)
        raise BuildError(f"kan de uitvoer niet schrijven ({exc.strerror}).", file=out) from None
    if out.exists():
        out.rename(old)
    tmp.rename(out)
    shutil.rmtree(old, ignore_errors=True)
