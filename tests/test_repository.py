"""The repository's promises to newcomers: README commands, CI script, tidy tree."""

from __future__ import annotations

import re
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def readme_commands() -> list[str]:
    text = (ROOT / "README.md").read_text(encoding="utf-8")
    return re.findall(r"```bash\n(.+?)\n```", text)


def test_readme_has_exactly_the_build_and_test_commands():
    commands = [c for c in readme_commands() if "pip install" in c]
    assert len(commands) == 2
    build, test = commands
    assert build.endswith("sleutelcursus build")
    assert '".[test]"' in test and test.endswith("pytest")


def test_ci_runs_the_readme_test_command_verbatim():
    test_command = [c for c in readme_commands() if '".[test]"' in c][0]
    ci = (ROOT / ".ci" / "run").read_text(encoding="utf-8")
    assert test_command in ci.splitlines()


def test_no_module_in_the_package_exceeds_400_lines():
    too_long = {
        p.relative_to(ROOT).as_posix(): n
        for p in (ROOT / "src").rglob("*")
        if p.suffix in {".py", ".js"} and (n := len(p.read_text(encoding="utf-8").splitlines())) > 400
    }
    assert not too_long


def test_no_cdn_address_in_the_book_or_toolkit():
    pattern = re.compile(r"cdn\.jsdelivr|unpkg\.com|cdnjs\.cloudflare|fonts\.googleapis")
    offenders = [
        p.relative_to(ROOT).as_posix()
        for base in ("src", "course")
        for p in (ROOT / base).rglob("*")
        if p.is_file() and p.suffix in {".py", ".js", ".css", ".md", ".ipynb", ".yml", ".yaml"}
        and pattern.search(p.read_text(encoding="utf-8"))
    ]
    offenders += ["_config.yml"] if pattern.search((ROOT / "_config.yml").read_text(encoding="utf-8")) else []
    assert not offenders
