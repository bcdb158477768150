"""The book's JavaScript minifier keeps every template literal as written, nested ones too."""

from __future__ import annotations

import shutil
import subprocess

import pytest

from sleutelcursus.book.browser_modules import FOLDERS, minified, minified_script
from jstemplates import template_spans

NESTED = 'const a = `Situatie ${n}${t ? `: ${t}` : ""}. ${s}`; // uitleg\nconst b = `${w} (${c})`;\n'


@pytest.mark.parametrize("source, templates", [
    ("x = a / b; y = `één`;", ["`één`"]),
    ("x = /`[/]`/.test(s); y = `twee`;", ["`twee`"]),
    ("x = '`'; /* `nee` */ y = `${ {a: 1}.a } en ${`${z}`}`;", ["`${ {a: 1}.a } en ${`${z}`}`"]),
    ("x = `a\\`b`; y = \"`\";", ["`a\\`b`"]),
])
def test_templates_are_found_beside_strings_comments_and_regular_expressions(source, templates):
    assert [source[start:end] for start, end in template_spans(source)] == templates


def _template_texts(template: str) -> list[str]:
    """A template literal's own text around its ``${...}`` parts, then that of the
    templates inside those parts (the names in them may be shortened by the minifier)."""
    texts, nested, current, depth, expression = [], [], "", 0, ""
    for i, ch in enumerate(template[1:-1], 1):
        if depth == 0 and template.startswith("${", i):
            texts.append(current)
            current, depth, expression = "", 1, ""
        elif depth and ch == "{" and template[i - 1] != "$":
            depth, expression = depth + 1, expression + ch
        elif depth and ch == "}":
            depth -= 1
            if depth == 0:
                nested += [text for start, end in template_spans(expression) for text in _template_texts(expression[start:end])]
            else:
                expression += ch
        elif depth:
            expression += ch if template[i - 1] != "$" or ch != "{" else ""
        else:
            current += ch
    return [*texts, current, *nested]


def test_every_template_of_the_served_modules_survives_minification():
    # The served modules are minified with their local names shortened (tdewolff-minify,
    # browser_modules.minified_script): every template keeps its text, nested ones too.
    for folder in FOLDERS:
        for path in folder.glob("*.js"):
            source = path.read_text(encoding="utf-8")
            out = minified(path).decode("utf-8")
            before = [_template_texts(source[start:end]) for start, end in template_spans(source)]
            after = [_template_texts(out[start:end]) for start, end in template_spans(out)]
            assert before == after, path.name
    assert "`Situatie ${n}${t?`: ${t}`:\"\"}. ${s}`" in minified_script(NESTED)


@pytest.mark.skipif(shutil.which("node") is None, reason="node is niet geïnstalleerd")
def test_the_minified_modules_are_valid_javascript(tmp_path):
    for folder in FOLDERS:
        for path in folder.glob("*.js"):
            copy = tmp_path / f"{path.stem}.mjs"
            copy.write_bytes(minified(path))
            checked = subprocess.run(["node", "--check", str(copy)], capture_output=True, text=True)
            assert checked.returncode == 0, (path.name, checked.stderr)
