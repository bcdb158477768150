"""The Sphinx extension's own pieces, without building a book."""

from __future__ import annotations

from sleutelcursus.book.sphinxext import lighter_head, start_script

HEAD = """  <link href="../_static/styles/theme.css?digest=55c2" rel="stylesheet" />
  <script defer src="../_static/scripts/fontawesome.js?digest=55c2"></script>
  <link rel="preload" as="script" href="../_static/scripts/bootstrap.js?digest=55c2" />
    <script src="../_static/searchtools.js"></script>
    <script src="../_static/language_data.js"></script>
    <script src="../searchindex.js"></script>
    <script src="../_static/doctools.js?v=9a2d"></script>"""


def test_lighter_head_drops_the_icon_script_and_the_search_scripts():
    light = str(lighter_head(HEAD))
    assert "fontawesome.js" not in light and "search" not in light and "language_data" not in light
    assert "theme.css" in light and "bootstrap.js" in light and "doctools.js" in light


def test_lighter_head_keeps_the_search_scripts_for_search_as_you_type():
    light = str(lighter_head(HEAD, search_as_you_type=True))
    assert "fontawesome.js" not in light
    assert light.count("<script src=") == 4


def test_start_script_imports_host_and_each_kind_once_with_a_checksum():
    script = start_script(lambda path, resource: f"../../{path}", ["scenario", "questionnaire", "scenario"])
    lines = script.splitlines()
    assert lines[0].startswith('import { mountAll } from "../../_static/sleutelcursus/host.js?v=')
    assert [line.split(" from ")[0] for line in lines[1:3]] == ["import * as questionnaire", "import * as scenario"]
    assert lines[-1] == "mountAll(document, { questionnaire, scenario });"

