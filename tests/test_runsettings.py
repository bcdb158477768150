"""The run's own settings (``runsettings.py``), shown on a small checkout of their own."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

HERE = Path(__file__).resolve().parent
TESTS = '''
from pathlib import Path

def test_writes_only_what_it_is_asked(request):
    name = request.config.getoption("--schrijf", None) or ""
    if name:
        (Path(__file__).parent / name).write_text("x", encoding="utf-8")
'''
CONFTEST = f'''
import sys
sys.path.insert(0, {str(HERE)!r})
from runsettings import pytest_cmdline_main, pytest_sessionfinish, pytest_sessionstart

def pytest_addoption(parser):
    parser.addoption("--schrijf")
'''


@pytest.fixture
def checkout(tmp_path) -> Path:
    """A git checkout with one test that writes a file into it when asked to."""
    (tmp_path / "pyproject.toml").write_text('[tool.pytest.ini_options]\naddopts = "-p no:cacheprovider"\n',
                                             encoding="utf-8")
    (tmp_path / "conftest.py").write_text(CONFTEST, encoding="utf-8")
    (tmp_path / "test_proef.py").write_text(TESTS, encoding="utf-8")
    (tmp_path / ".gitignore").write_text("__pycache__/\nin-build.txt\n", encoding="utf-8")
    for command in (["init", "-q"], ["add", "."], ["-c", "user.name=t", "-c", "user.email=t@t", "commit", "-qm", "x"]):
        subprocess.run(["git", *command], cwd=tmp_path, check=True, capture_output=True)
    return tmp_path


def pytest_run(folder: Path, *args: str, ci: bool = False) -> subprocess.CompletedProcess:
    env = {**os.environ, "CI": "true" if ci else "false"}
    return subprocess.run([sys.executable, "-m", "pytest", *args], cwd=folder, env=env, capture_output=True, text=True)


def test_a_run_that_changes_the_checkout_fails_under_ci_and_is_reported_elsewhere(checkout):
    message = "De testrun veranderde de git-checkout (git status): ?? nieuw.txt"
    under_ci = pytest_run(checkout, "-p", "no:xdist", "--schrijf", "nieuw.txt", ci=True)
    assert under_ci.returncode == 1 and message in under_ci.stdout and "1 passed" in under_ci.stdout
    (checkout / "nieuw.txt").unlink()
    by_hand = pytest_run(checkout, "-p", "no:xdist", "--schrijf", "nieuw.txt")
    assert by_hand.returncode == 0 and message in by_hand.stdout


def test_a_run_that_writes_only_ignored_files_passes(checkout):
    done = pytest_run(checkout, "-p", "no:xdist", "--schrijf", "in-build.txt", ci=True)
    assert done.returncode == 0 and "git-checkout" not in done.stdout, done.stdout


def test_outside_a_git_checkout_there_is_nothing_to_compare(checkout):
    subprocess.run(["rm", "-rf", str(checkout / ".git")], check=True)
    done = pytest_run(checkout, "-p", "no:xdist", "--schrijf", "nieuw.txt", ci=True)
    assert done.returncode == 0 and "git-checkout" not in done.stdout


def test_two_workers_a_file_at_a_time_unless_told_otherwise(checkout):
    default = pytest_run(checkout, "-v")
    assert "created: 2/2 workers" in default.stdout and "LoadFileScheduling" in default.stdout, default.stdout
    plain = pytest_run(checkout, "-p", "no:xdist")
    assert plain.returncode == 0 and "1 passed" in plain.stdout, plain.stdout + plain.stderr
