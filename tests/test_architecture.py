"""The house rules of src/sleutelcursus, read from the code's own imports (AST).

Layers, top to bottom; a module imports only from its own layer or lower ones:

    cli                     the command
    book, live              building the site; the live-workshop server
    workshop                trainer tools (answers, report, exports)
    plugins                 hookspecs, manager, registry, default plugin, scaffold
    hosting                 the static host's contract, used by book and workshop
    exercises               exercise types: spec, engine, widget, browser modules
    errors, clock           errors a user can cause; moments in Dutch local time

The package root (``sleutelcursus/__init__.py``) is the public facade and may reach
down to anything. Exercises and workshop never import the Sphinx extension; plugins
never import the CLI; there are no import cycles; no module is over 400 lines.
"""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

SRC = Path(__file__).resolve().parent.parent / "src"
PACKAGE = SRC / "sleutelcursus"
MAX_LINES = 400
LAYERS = {"cli": 6, "book": 5, "live": 5, "workshop": 4, "plugins": 3, "hosting": 2, "exercises": 1, "errors": 0, "clock": 0}
FORBIDDEN = {
    "exercises": ("sleutelcursus.book", "sleutelcursus.cli", "sleutelcursus.workshop", "sleutelcursus.plugins"),
    "workshop": ("sleutelcursus.book.sphinxext", "sleutelcursus.cli"),
    "plugins": ("sleutelcursus.cli",),
}


def module_name(path: Path, src: Path = SRC) -> str:
    parts = list(path.relative_to(src).with_suffix("").parts)
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


def imports_of(path: Path, src: Path = SRC) -> set[str]:
    """Every sleutelcursus module ``path`` imports, at the top or inside functions."""
    name = module_name(path, src)
    package = name if path.name == "__init__.py" else name.rpartition(".")[0]
    known = {module_name(p, src) for p in src.rglob("*.py")}
    found = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            found.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom):
            if node.level:
                base = package.split(".")
                base = base[: len(base) - (node.level - 1)]
                target = ".".join(base + ([node.module] if node.module else []))
            else:
                target = node.module or ""
            # "from . import x" names a submodule or a name defined in the package
            for alias in node.names:
                found.add(f"{target}.{alias.name}" if f"{target}.{alias.name}" in known else target)
    # A module's own packages are imported before it anyway: not an arrow of its own.
    ancestors = {".".join(name.split(".")[:i]) for i in range(1, name.count(".") + 1)}
    return {target for target in found if target in known and target != name and target not in ancestors}


def graph(src: Path = SRC) -> dict[str, set[str]]:
    return {module_name(p, src): imports_of(p, src) for p in sorted((src / "sleutelcursus").rglob("*.py"))}


def part(module: str) -> str | None:
    pieces = module.split(".")
    return pieces[1] if len(pieces) > 1 else None


def problems(modules: dict[str, set[str]], lines: dict[str, int]) -> list[str]:
    """Every broken house rule, one line each."""
    found = []
    for module, targets in modules.items():
        here = part(module)
        if here is None:  # the public facade
            continue
        if here not in LAYERS:
            found.append(f"{module}: not in a known part ({', '.join(LAYERS)})")
            continue
        for target in sorted(targets):
            there = part(target)
            if there is None or there == here:
                continue
            if any(target == bad or target.startswith(bad + ".") for bad in FORBIDDEN.get(here, ())):
                found.append(f"{module} -> {target}: forbidden")
            elif there in LAYERS and LAYERS[there] > LAYERS[here]:
                found.append(f"{module} -> {target}: imports upwards ({here} is below {there})")
    for cycle in cycles({m: {t for t in ts if part(t) is not None} for m, ts in modules.items() if part(m)}):
        found.append("import cycle: " + " -> ".join(cycle))
    found += [f"{module}: {count} lines (max {MAX_LINES})" for module, count in lines.items() if count > MAX_LINES]
    return found


def cycles(edges: dict[str, set[str]]) -> list[list[str]]:
    """The import cycles among ``edges`` (each found once, from its smallest module)."""
    found, seen = [], set()

    def visit(node, path):
        for target in sorted(edges.get(node, ())):
            if target in path:
                cycle = path[path.index(target):] + [target]
                key = frozenset(cycle)
                if key not in seen:
                    seen.add(key)
                    found.append(cycle)
            elif len(path) < 30:
                visit(target, path + [target])

    for start in sorted(edges):
        visit(start, [start])
    return found


def line_counts(src: Path = SRC) -> dict[str, int]:
    return {module_name(p, src): len(p.read_text(encoding="utf-8").splitlines()) for p in (src / "sleutelcursus").rglob("*.py")}


def test_the_toolkit_keeps_the_house_rules():
    assert problems(graph(), line_counts()) == []


def test_browser_modules_stay_under_the_size_limit_too():
    big = {p.name: n for p in (PACKAGE / "exercises" / "frontend").glob("*.js")
           if (n := len(p.read_text(encoding="utf-8").splitlines())) > MAX_LINES}
    assert big == {}


@pytest.mark.parametrize("module, source, expected", [
    ("exercises/bad.py", "from ..book import sphinxext\n", "sleutelcursus.exercises.bad -> sleutelcursus.book.sphinxext: forbidden"),
    ("workshop/bad.py", "from sleutelcursus.book.sphinxext import setup\n", "sleutelcursus.workshop.bad -> sleutelcursus.book.sphinxext: forbidden"),
    ("plugins/bad.py", "def f():\n    from ..cli import main\n", "sleutelcursus.plugins.bad -> sleutelcursus.cli: forbidden"),
    ("plugins/up.py", "from ..workshop import answers\n", "sleutelcursus.plugins.up -> sleutelcursus.workshop.answers: imports upwards (plugins is below workshop)"),
    ("book/a.py", "from . import b\n", "import cycle: sleutelcursus.book.a -> sleutelcursus.book.b -> sleutelcursus.book.a"),
    ("book/long.py", "x = 1\n" * (MAX_LINES + 1), f"sleutelcursus.book.long: {MAX_LINES + 1} lines (max {MAX_LINES})"),
])
def test_a_broken_rule_is_reported(tmp_path, module, source, expected):
    package = tmp_path / "sleutelcursus"
    for folder in ("", "book", "exercises", "workshop", "plugins"):
        (package / folder).mkdir(parents=True, exist_ok=True)
        (package / folder / "__init__.py").write_text("", encoding="utf-8")
    for name in ("book/sphinxext.py", "cli.py", "workshop/answers.py", "book/b.py"):
        (package / name).write_text("def setup():\n    pass\nmain = answers = None\n", encoding="utf-8")
    (package / "book" / "b.py").write_text("from . import a\n", encoding="utf-8")
    (package / "book" / "a.py").write_text("", encoding="utf-8")
    (package / module).write_text(source, encoding="utf-8")
    assert expected in problems(graph(tmp_path), line_counts(tmp_path))
