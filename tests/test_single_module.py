"""A browser module as one text for Jupyter and the exports: its own imports put inline."""

from __future__ import annotations

import pytest

from sleutelcursus.exercises import single_module as single


@pytest.fixture
def folder(tmp_path, monkeypatch):
    monkeypatch.setattr(single, "FRONTEND", tmp_path)
    return tmp_path


def test_an_imported_module_comes_inline_without_its_exports(folder):
    (folder / "helper.js").write_text("export const A = 1;\nexport function twice(x) {\n  return 2 * x;\n}\n")
    (folder / "main.js").write_text('import { A, twice } from "./helper.js";\n\nexport default twice(A);\n')
    assert single.local_imports("main") == ["helper"]
    text = single.single_module("main")
    assert "import" not in text and "export const" not in text and "function twice(x)" in text
    assert text.rstrip().endswith("export default twice(A);")


@pytest.mark.parametrize("helper, problem", [
    ('import { B } from "./other.js";\nexport const A = B;\n', "imports other modules"),
    ("const A = 1;\nexport { A };\n", "exports more than declarations"),
    ("export const B = 1;\n", "does not declare it"),
])
def test_a_module_that_cannot_come_inline_is_refused(folder, helper, problem):
    (folder / "helper.js").write_text(helper)
    (folder / "main.js").write_text('import { A } from "./helper.js";\nexport default A;\n')
    with pytest.raises(ValueError, match=problem):
        single.single_module("main")


def test_a_module_without_own_imports_stays_as_it_is(folder):
    (folder / "plain.js").write_text("export const A = 1;\n")
    assert single.single_module("plain") == "export const A = 1;\n"
    assert single.local_imports("plain") == []
