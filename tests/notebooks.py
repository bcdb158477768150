"""The notebooks nbval runs, which of their cells it compares, and refreshing their outputs.

``python tests/notebooks.py [NOTEBOOK ...]`` re-executes every notebook nbval collects
(or the ones named) in place, so the outputs nbval compares come from a real run (after a
change to an exercise spec, a notebook or the workshop answers); then it prints, per
notebook, how many cells with output nbval compares. ``tests/test_notebooks.py`` holds every notebook to that rule.
"""

from __future__ import annotations

import os
import shlex
import subprocess
import sys
from collections import defaultdict
from pathlib import Path

import nbformat
from nbval.plugin import comment_markers, find_comment_markers, find_metadata_tags

from sleutelcursus.plugins.manager import DIR_ENV, LOAD_ENV

try:
    import tomllib
except ModuleNotFoundError:  # Python 3.10: the same parser, as the package pytest itself uses
    import tomli as tomllib

ROOT = Path(__file__).resolve().parent.parent


def addopts() -> list[str]:
    """The pytest options every run of the repository gets (pyproject addopts)."""
    config = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))
    return shlex.split(config["tool"]["pytest"]["ini_options"]["addopts"])


def collected_notebooks() -> list[Path]:
    """The notebooks nbval collects with the repository's pytest settings."""
    # Asking pytest (with every .py file ignored, so only notebooks are collected) keeps
    # testpaths, norecursedirs and each conftest's collect_ignore in one place: pytest.
    completed = subprocess.run(
        [sys.executable, "-m", "pytest", "--collect-only", "-q", "-n", "0", "--ignore-glob=*.py"],
        cwd=ROOT, capture_output=True, text=True, check=False,
    )
    paths = {line.split("::")[0] for line in completed.stdout.splitlines() if ".ipynb::" in line}
    if completed.returncode != 0 or not paths:
        raise RuntimeError(f"pytest could not collect the notebooks:\n{completed.stdout}\n{completed.stderr}")
    return sorted(ROOT / path for path in paths)


def nbval_options(cell, strict: bool) -> dict:
    """nbval's options for a code cell: its tags, then its comment markers, then the mode."""
    # The same steps as nbval's IPyNbFile.collect, with nbval's own marker parsers.
    options = defaultdict(bool, find_metadata_tags(cell.metadata))
    options.update(find_comment_markers(cell.source))
    options.setdefault("check", strict)
    return options


def is_compared(cell, strict: bool) -> bool:
    """Whether nbval compares this code cell's output with the stored one."""
    options = nbval_options(cell, strict)
    # nbval runs but does not compare a cell stored without an execution count.
    return bool(options["check"]) and not options["skip"] and cell.execution_count is not None


def _reason(cell) -> str:
    # The comment lines of a cell other than nbval's markers: why its output is not compared.
    comments = (line.strip().lstrip("#").strip() for line in cell.source.splitlines() if line.strip().startswith("#"))
    return " ".join(comment for comment in comments if comment and comment not in comment_markers)


def problems(notebook, strict: bool) -> list[str]:
    """The code cells that break the rule: stored executed, every output compared.

    A cell whose output truly varies may be marked ``# NBVAL_IGNORE_OUTPUT`` (or skipped),
    with a comment in the cell that says why.
    """
    found = []
    code = [cell for cell in notebook.cells if cell.cell_type == "code"]
    for number, cell in enumerate(code):
        options = nbval_options(cell, strict)
        if cell.execution_count is None and not options["skip"]:
            found.append(f"cel {number}: niet uitgevoerd opgeslagen, dus nbval vergelijkt niets")
        elif cell.outputs and not is_compared(cell, strict) and not _reason(cell):
            found.append(f"cel {number}: uitvoer die nbval niet vergelijkt, zonder commentaar waarom")
    return found


def counts(notebook, strict: bool) -> tuple[int, int, int]:
    """(compared cells with output, code cells with output, code cells) of a notebook."""
    code = [cell for cell in notebook.cells if cell.cell_type == "code"]
    with_output = [cell for cell in code if cell.outputs]
    return sum(is_compared(cell, strict) for cell in with_output), len(with_output), len(code)


def strict_mode() -> bool:
    """Whether the repository runs nbval in strict mode (every cell compared by default)."""
    options = addopts()
    return "--nbval" in options and "--nbval-lax" not in options


def kernel_env(path: Path) -> dict[str, str]:
    """The environment for a notebook's kernel: a plugin's pages load that plugin from src/."""
    # As the example plugin's conftest.py does for nbval: the plugin is not installed in
    # the course's repository, and an installed copy must not load twice.
    env = dict(os.environ)
    parts = path.relative_to(ROOT).parts
    if parts[0] == "plugins" and len(parts) > 2:
        env.update({DIR_ENV: str(ROOT / "plugins" / parts[1] / "src"), LOAD_ENV: ""})
    return env


def refresh(path: Path) -> None:
    """Execute the notebook at ``path`` in its own folder and store its outputs in place."""
    command = [sys.executable, "-m", "nbconvert", "--to", "notebook", "--execute", "--inplace", str(path)]
    completed = subprocess.run(command, env=kernel_env(path), capture_output=True, text=True, check=False)
    if completed.returncode != 0:
        sys.exit(f"{path.relative_to(ROOT)}: uitvoeren mislukt.\n{completed.stderr.strip()}")


def main(names: list[str]) -> None:
    """Refresh the named notebooks, or every one nbval collects; print what nbval compares."""
    strict = strict_mode()
    for path in [Path(name).resolve() for name in names] or collected_notebooks():
        refresh(path)
        compared, with_output, code = counts(nbformat.read(path, as_version=4), strict)
        print(f"{path.relative_to(ROOT)}: {compared} van {with_output} cellen met uitvoer vergeleken "
              f"({code} codecellen)")


if __name__ == "__main__":
    main(sys.argv[1:])
