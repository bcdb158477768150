"""Built test sites: a book built with the real CLI, shared by the xdist workers.

The fixtures in conftest.py use these; the site tests and the quality gate import them.
"""

from __future__ import annotations

import fcntl
import os
import subprocess
import sys
from pathlib import Path

from sleutelcursus.plugins.manager import DIR_ENV, LOAD_ENV

ROOT = Path(__file__).resolve().parent.parent
DUINSTAD_PACKAGE = ROOT / "plugins" / "sleutelcursus-duinstad" / "src" / "sleutelcursus_duinstad"
# Pages named here (separated by os.pathsep) join the Duinstad book: tests/quality_cases/.
EXTRA_PAGE_ENV = "SLEUTELCURSUS_EXTRA_PAGE"


def build_site(work: Path, *args: str, env: dict | None = None) -> Path:
    """Build the book in ``work`` with the real CLI (``build --out site *args``); return the site."""
    completed = subprocess.run(
        [sys.executable, "-m", "sleutelcursus.cli", "build", "--out", "site", *args],
        cwd=work, env=env, capture_output=True, text=True,
    )
    assert completed.returncode == 0, completed.stderr
    return work / "site"


def local_plugins_only() -> dict:
    """The environment for a build whose plugins come from ``--plugins-dir`` alone:
    installed plugins off, no plugins folder inherited from the calling process."""
    return {**{key: value for key, value in os.environ.items() if key != DIR_ENV}, LOAD_ENV: ""}


def shared_build(config, tmp_path_factory, name: str, build) -> Path:
    """The site ``build(work)`` makes in the folder ``name``, built once per test run.

    Under pytest-xdist the workers share it: the first one to take the lock builds,
    the others wait and reuse it. Without xdist (``-n 0``, ``-p no:xdist``) the one
    process builds it in its own base folder.
    """
    base = tmp_path_factory.getbasetemp()
    # An xdist worker's config carries ``workerinput`` (what ``xdist.is_xdist_worker``
    # checks); its base folder is one per worker inside the run's shared folder.
    work = (base.parent if hasattr(config, "workerinput") else base) / name
    work.mkdir(exist_ok=True)
    with open(work / ".lock", "w") as lock:
        fcntl.flock(lock, fcntl.LOCK_EX)
        if not (work / "site" / "index.html").is_file():
            build(work)
    return work / "site"


def site_pages(site: Path) -> list[str]:
    """Every HTML page of a built site, as paths relative to its root."""
    return sorted(
        p.relative_to(site).as_posix()
        for p in site.rglob("*.html")
        if not {"_static", "_sources", "_images"}.intersection(p.relative_to(site).parts)
    )
