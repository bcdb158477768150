"""The example group that ships with the course: answer files of a made-up group per phase.

A workshop notebook shows this group until the trainer points it at the folder of
their own group, so a notebook copied alone into an empty folder (downloaded from the
book, opened on a JupyterHub) runs top to bottom. The files live inside the package
(``workshop/voorbeeld-antwoorden/fase-N/``) and are found with :mod:`importlib.resources`.
"""

from __future__ import annotations

from collections.abc import Iterable
from importlib import resources
from pathlib import Path

from ..errors import SleutelcursusError

FOLDER = "voorbeeld-antwoorden"
PHASES = ("fase-1", "fase-2", "fase-3")


def _root() -> Path:
    root = resources.files(__package__) / FOLDER
    # Installed as files (pip, a wheel, an editable clone) this is a real folder; the
    # trainer's tools read folders, so a zipped install cannot serve the example.
    if not isinstance(root, Path) or not root.is_dir():
        raise SleutelcursusError("de voorbeeldantwoorden ontbreken in deze installatie van sleutelcursus; "
                                 "installeer de cursus opnieuw (pip install).")
    return root


def example_answers(phase: int | str) -> Path:
    """The folder with the example group's answer files of one phase.

    :param phase: 1, 2 or 3 (or ``"fase-1"`` ...)
    :raises SleutelcursusError: for a phase the course does not have
    """
    name = f"fase-{phase}" if isinstance(phase, int) else str(phase)
    if name not in PHASES:
        raise SleutelcursusError(f"er is geen voorbeeldgroep voor {name!r}; kies uit {', '.join(PHASES)}.")
    return _root() / name


def is_example(source: str | Path | Iterable[str | Path]) -> bool:
    """Whether ``source`` (a folder or file given to ``read_answers``) is the example group."""
    if not isinstance(source, (str, Path)):
        return False
    try:
        root = _root().resolve()
    except SleutelcursusError:
        return False
    path = Path(source).resolve()
    return path == root or root in path.parents
