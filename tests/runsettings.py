"""The test run's own settings, as pytest hooks that ``conftest.py`` imports.

Two xdist workers by default, and a check that a run leaves the git checkout as it
found it: tests write under ``tmp_path`` or ``_build/`` (ignored by git), never into
the repository.
"""

from __future__ import annotations

import os
import subprocess
from pathlib import Path

import pytest

WORKERS = 2  # this two-core machine
GIT_STATUS = pytest.StashKey[str]()


@pytest.hookimpl(tryfirst=True)
def pytest_cmdline_main(config):
    """Two xdist workers, a file at a time, unless the command line says otherwise.

    Not in ``addopts``: ``-n`` there breaks ``pytest -p no:xdist``. This runs before
    xdist's own hook reads the options. A file at a time (``loadfile``): nbval runs a
    notebook's cells as separate tests in one kernel, so they must stay on one worker.
    """
    if not config.pluginmanager.hasplugin("xdist") or hasattr(config, "workerinput"):
        return
    if config.option.numprocesses is None and not config.option.usepdb:
        config.option.numprocesses = WORKERS
    if config.option.numprocesses and config.option.dist == "no":
        config.option.dist = "loadfile"


def git_status(root: Path) -> str | None:
    """``git status --porcelain`` of the checkout at ``root``; None when it is not one (an sdist)."""
    def git(*args: str) -> str:
        return subprocess.run(["git", "-C", str(root), *args], capture_output=True, text=True, check=True).stdout

    try:
        if Path(git("rev-parse", "--show-toplevel").strip()).resolve() != root.resolve():
            return None
        return git("status", "--porcelain", "--untracked-files=all")
    except (OSError, subprocess.CalledProcessError):
        return None


def pytest_sessionstart(session):
    """Note the checkout's state (in the xdist controller or a plain run, not in workers)."""
    if not hasattr(session.config, "workerinput"):
        status = git_status(session.config.rootpath)
        if status is not None:
            session.config.stash[GIT_STATUS] = status


def pytest_sessionfinish(session, exitstatus):
    """Tests write under tmp_path or _build/ (ignored): a changed checkout is a bug.

    It fails the run under CI; elsewhere it is reported, since the developer may have
    edited files while the tests ran.
    """
    before = session.config.stash.get(GIT_STATUS, None)
    after = git_status(session.config.rootpath) if before is not None else None
    if after is None:
        return
    changed = sorted(set(after.splitlines()) - set(before.splitlines()))
    if not changed:
        return
    failing = os.environ.get("CI", "").lower() == "true"
    reporter = session.config.pluginmanager.get_plugin("terminalreporter")
    if reporter is not None:
        reporter.ensure_newline()
        reporter.write_line(f"De testrun veranderde de git-checkout (git status): {'; '.join(changed)}",
                            red=failing, yellow=not failing)
    if failing and exitstatus == pytest.ExitCode.OK:
        session.exitstatus = pytest.ExitCode.TESTS_FAILED
