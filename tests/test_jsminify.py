"""The book's JavaScript minifier keeps every template literal as written, nested ones too."""

from __future__ import annotations

import shutil
import subprocess

import pytest

from sleutelcursus.book.browser_modules import FOLDERS, minified
from sleutelcursus.book.jsminify import jsmin, template_spans

NESTED = 'const a = `Situatie ${n}${t ? `: ${t}` : ""}. ${s}`; // uitleg\nconst b = `${w} (${c})`;\n'


def test_a_nested_template_keeps_its_spaces():
    out = jsmin(NESTED)
    assert "`Situatie ${n}${t ? `: ${t}` : \"\"}. ${s}`" in out
    assert "`${w} (${c})`" in out
    assert "uitleg" not in out and "const a=" in out


@pytest.mark.parametrize("source, templates", [
    ("x = a / b; y = `één`;", ["`één`"]),
    ("x = /`[/]`/.test(s); y = `twee`;", ["`twee`"]),
    ("x = '`'; /* `nee` */ y = `${ {a: 1}.a } en ${`${z}`}`;", ["`${ {a: 1}.a } en ${`${z}`}`"]),
    ("x = `a\\`b`; y = \"`\";", ["`a\\`b`"]),
])
def test_templates_are_found_beside_strings_comments_and_regular_expressions(source, templates):
    assert [source[start:end] for start, end in template_spans(source)] == templates


def test_every_template_of_the_served_modules_survives_minification():
    for folder in FOLDERS:
        for path in folder.glob("*.js"):
            source = path.read_text(encoding="utf-8")
            out = minified(path).decode("utf-8")
            for start, end in template_spans(source):
                assert source[start:end] in out, (path.name, source[start:end])


@pytest.mark.skipif(shutil.which("node") is None, reason="node is niet geïnstalleerd")
def test_the_minified_modules_are_valid_javascript(tmp_path):
    for folder in FOLDERS:
        for path in folder.glob("*.js"):
            copy = tmp_path / f"{path.stem}.mjs"
            copy.write_bytes(minified(path))
            checked = subprocess.run(["node", "--check", str(copy)], capture_output=True, text=True)
            assert checked.returncode == 0, (path.name, checked.stderr)
