"""Errors carry their places; one function writes the line a user sees."""

from __future__ import annotations

import ast
from pathlib import Path

from sleutelcursus.errors import PluginError, SleutelcursusError, SpecError, format_error

SRC = Path(__file__).resolve().parent.parent / "src" / "sleutelcursus"


def test_an_error_without_a_place_reads_fout_and_the_message():
    assert format_error(SleutelcursusError("kies een andere map.")) == "Fout: kies een andere map."


def test_every_known_place_is_named_in_order():
    error = SleutelcursusError("onbekende rol.", plugin="duinstad", file="data/k.csv", field="rol", row=4, line=9)
    assert str(error) == "Fout in plugin \"duinstad\", data/k.csv, veld 'rol', rij 4, regel 9: onbekende rol."
    assert (error.location.plugin, error.location.file, error.location.field, error.location.row) == (
        "duinstad", "data/k.csv", "rol", 4)


def test_a_spec_error_keeps_file_and_field_when_a_plugin_caused_it():
    spec = SpecError("data/x.yaml", "steps[0].next", "stap bestaat niet.")
    error = PluginError.caused_by("duinstad", spec)
    assert error.exit_code == 2
    assert (error.location.file, error.location.field) == ("data/x.yaml", "steps[0].next")
    assert str(error) == "Fout in plugin \"duinstad\", data/x.yaml, veld 'steps[0].next': stap bestaat niet."


def test_only_the_first_line_of_a_message_is_shown():
    assert format_error(SleutelcursusError("eerste regel\ntraceback")) == "Fout: eerste regel"


def _message_literals(tree: ast.AST):
    for node in ast.walk(tree):
        if isinstance(node, ast.Call) and node.args:
            first = node.args[0]
            if isinstance(first, ast.Constant) and isinstance(first.value, str):
                yield node.lineno, first.value
            elif isinstance(first, ast.JoinedStr) and first.values and isinstance(first.values[0], ast.Constant):
                yield node.lineno, str(first.values[0].value)


def test_no_message_in_the_toolkit_writes_its_own_fout_prefix():
    # The prefix is written once, by format_error; a message that carries it would read "Fout: Fout: ...".
    found = []
    for path in SRC.rglob("*.py"):
        if path.name == "errors.py" or path.name == "cli.py":
            continue
        for lineno, text in _message_literals(ast.parse(path.read_text(encoding="utf-8"))):
            if text.startswith(("Fout:", "Fout in ")):
                found.append(f"{path.relative_to(SRC)}:{lineno}")
    assert found == []
