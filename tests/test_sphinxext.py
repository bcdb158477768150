"""The Sphinx extension's own pieces, without building a book."""

from __future__ import annotations

import json
import re
import zlib
from types import SimpleNamespace

import pytest
from sphinx.builders.html._assets import _CascadingStyleSheet as Sheet
from sphinx.errors import ExtensionError

from sleutelcursus.book import page_assets
from sleutelcursus.book.browser_modules import (
    FOLDERS, STATIC, copy_modules, import_map, live_script, module_preloads, start_script,
)
from sleutelcursus.book.script_loading import CONTEXT_KEY, late_theme_scripts, with_colour_mode, with_late_loader
from sleutelcursus.book.stylesheet_bundles import bundle_page_stylesheets, theme_link
from sleutelcursus.book.sphinxext import dutch_logo_alt, lighter_head
from sleutelcursus.hosting import FRONTEND

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
    assert "theme.css" in light and "doctools.js" in light
    # The preload of a theme script at the end of the body goes: that script comes late.
    assert "bootstrap.js" not in light


def test_lighter_head_keeps_the_search_scripts_for_search_as_you_type():
    light = str(lighter_head(HEAD, search_as_you_type=True))
    assert "fontawesome.js" not in light
    assert light.count("<script src=") == 4


VERSIONS = {"host": "0000aaaa", "questionnaire": "1111bbbb", "scenario": "2222cccc", "answerstore": "3333dddd",
            "wipe": "4444eeee", "live": "5555ffff", "livesession": "6666abab", "livedoor": "7777cdcd",
            "scenariowalk": "8888efef"}


def _pathto(path: str, resource: int) -> str:
    return f"../../{path}"


def test_start_script_imports_host_and_each_kind_once_with_a_checksum():
    script = start_script(_pathto, VERSIONS, ["scenario", "questionnaire", "scenario"])
    lines = script.splitlines()
    assert lines[0] == 'import { mountAll } from "../../_static/sleutelcursus/host.js?v=0000aaaa";'
    assert [line.split(" from ")[0] for line in lines[1:3]] == ["import * as questionnaire", "import * as scenario"]
    # live.js comes only when the trainee joins a workshop (livedoor.js stands in for it).
    assert lines[-3] == 'import { onDemand } from "../../_static/sleutelcursus/livedoor.js?v=7777cdcd";'
    assert lines[-2] == 'const live = onDemand(() => import("../../_static/sleutelcursus/live.js?v=5555ffff"));'
    assert lines[-1] == "mountAll(document, { questionnaire, scenario }, live);"
    assert not any(line.startswith("import") and "live.js" in line for line in lines)


def test_the_import_map_sends_every_module_to_its_address_with_its_checksum():
    # A module imported by another one (host.js imports ./answerstore.js) is asked for
    # at this address, and Sphinx's own link to it uses the same checksum.
    imports = json.loads(import_map(_pathto, VERSIONS))["imports"]
    assert imports == {f"../../_static/sleutelcursus/{name}.js": f"../../_static/sleutelcursus/{name}.js?v={v}"
                       for name, v in VERSIONS.items()}


def test_the_book_serves_minified_modules_whose_checksums_are_those_of_the_served_files(tmp_path):
    versions = copy_modules(tmp_path)
    served = tmp_path / "_static" / "sleutelcursus"
    assert set(versions) == {p.stem for folder in FOLDERS for p in folder.glob("*.js")}
    for name, version in versions.items():
        data = (served / f"{name}.js").read_bytes()
        assert version == f"{zlib.crc32(data):08x}", name
        assert len(data) < len((FRONTEND if (FRONTEND / f"{name}.js").is_file() else STATIC).joinpath(f"{name}.js").read_bytes())
    assert (served / "exercise.css").stat().st_size < (FRONTEND / "exercise.css").stat().st_size
    # One stylesheet for every page: each of the toolkit's, the page-wide ones first.
    bundle = (served / "sleutelcursus.css").read_bytes()
    parts = {p.stem: (served / p.name).read_bytes() for folder in FOLDERS for p in folder.glob("*.css")}
    assert len(parts) >= 8 and all(part in bundle for part in parts.values())
    at = {name: bundle.index(part) for name, part in parts.items()}
    assert at["book"] < at["host"] < at["live"] < at["leerpad"] < at["exercise"] < min(
        at["questionnaire"], at["scenario"], at["composition"])


@pytest.mark.parametrize(("body", "kept"), [
    ('<p class="x">Tekst</p>', set()),
    ('<div class="highlight-python notranslate"><div class="highlight"><pre>x</pre></div></div>', {"copybutton", "pygments"}),
    ('<div class="admonition dropdown"><p class="admonition-title">Meer</p></div>', {"togglebutton"}),
    ('<div class="sd-tab-set docutils"></div>', {"design"}),
])
def test_a_page_keeps_only_the_extension_assets_it_has_elements_for(body, kept):
    config = SimpleNamespace(copybutton_selector="div.highlight pre", togglebutton_selector=".toggle, .admonition.dropdown")
    assert set(page_assets.GROUPS) - set(page_assets.unneeded_groups(config, body)) == kept


def test_a_book_s_own_copy_or_toggle_selector_keeps_their_assets_on_every_page():
    config = SimpleNamespace(copybutton_selector="pre.eigen", togglebutton_selector=".eigen")
    assert page_assets.unneeded_groups(config, "<p>Tekst</p>") == ["pygments", "design"]



def test_a_page_without_exercises_starts_the_live_workshop_with_a_path_an_import_accepts():
    # A page at the top of the book gets "_static/..." from pathto; an import needs "./".
    top = live_script(lambda path, resource: path, VERSIONS)
    assert 'import("./_static/sleutelcursus/live.js?v=5555ffff")' in top
    nested = live_script(lambda path, resource: f"../{path}", VERSIONS)
    assert 'import("../_static/sleutelcursus/live.js?v=5555ffff")' in nested


def test_the_lazy_live_start_watches_the_key_and_fragment_live_js_uses():
    door = (FRONTEND / "livedoor.js").read_text(encoding="utf-8")
    session_key = re.search(r'const SESSION_KEY = "([^"]+)";', door).group(1)
    fragment = re.search(r'const JOIN_FRAGMENT = "([^"]+)";', door).group(1)
    store = (FRONTEND / "answerstore.js").read_text(encoding="utf-8")
    session = (FRONTEND / "livesession.js").read_text(encoding="utf-8")
    prefix = re.search(r'export const COURSE_PREFIX = "([^"]+)";', store).group(1)
    suffix = re.search(r"const SESSION_KEY = `\$\{COURSE_PREFIX\}([^`]+)`;", session).group(1)
    assert session_key == prefix + suffix
    # The notice that the trainer closed the workshop loads live.js too, on every page.
    notice_key = re.search(r'const NOTICE_KEY = "([^"]+)";', door).group(1)
    notice_suffix = re.search(r"const NOTICE_KEY = `\$\{COURSE_PREFIX\}([^`]+)`;", session).group(1)
    assert notice_key == prefix + notice_suffix
    assert re.search(r"const FRAGMENT = /\^" + re.escape(fragment), (FRONTEND / "live.js").read_text(encoding="utf-8"))


def test_a_logo_gets_a_dutch_text_alternative():
    # Found by a municipality's trial: every page said alt="<title> - Home".
    config = SimpleNamespace(html_logo="_logo/logo.svg", html_title="Cursus Waterhoven", project="x",
                             html_theme_options={"logo": {"image_dark": "d.svg"}})
    dutch_logo_alt(config)
    assert config.html_theme_options["logo"] == {"image_dark": "d.svg", "alt_text": "Cursus Waterhoven - startpagina"}


def test_an_own_text_alternative_and_a_book_without_logo_are_left_alone():
    own = SimpleNamespace(html_logo="l.svg", html_title="T", project="x", html_theme_options={"logo": {"alt_text": "Eigen"}})
    dutch_logo_alt(own)
    assert own.html_theme_options["logo"] == {"alt_text": "Eigen"}
    none = SimpleNamespace(html_logo="", html_title="T", project="x", html_theme_options={})
    dutch_logo_alt(none)
    assert none.html_theme_options == {}


def test_every_module_the_start_script_loads_is_preloaded_at_its_exact_address():
    preloads = re.findall(r'<link rel="modulepreload" href="([^"]+)" />', module_preloads(_pathto, VERSIONS, ["scenario", "questionnaire"]))
    imported = re.findall(r'from "([^"]+)"', start_script(_pathto, VERSIONS, ["scenario", "questionnaire"]))
    # A preload counts only at the address the module is imported from, checksum included.
    assert imported and set(imported) <= set(preloads)
    # What host.js, livedoor.js and the exercise types import from their own folder goes where the import map sends it.
    mapped = json.loads(import_map(_pathto, VERSIONS))["imports"]
    own = [name for module in ("host", "livedoor", "scenario", "questionnaire") for name in
           re.findall(r'from "\./([\w-]+)\.js"', (FRONTEND / f"{module}.js").read_text(encoding="utf-8"))]
    assert {mapped[f"../../_static/sleutelcursus/{name}.js"] for name in own} == set(preloads) - set(imported)


def _script(filename, **attributes):
    from sphinx.builders.html._assets import _JavaScript

    return _JavaScript(filename, priority=attributes.pop("priority", 500), **attributes)


def _js_tag(script) -> str:
    attributes = " ".join(f'{k}="{v}"' for k, v in sorted(script.attributes.items()) if k != "body")
    return f'<script {attributes} src="../_static/{script.filename.removeprefix("_static/")}?v=1"></script>'


def _page_scripts():
    return [
        _script("_static/documentation_options.js", priority=200), _script("_static/doctools.js", priority=200),
        _script("_static/sphinx_highlight.js", priority=200), _script("_static/scripts/sphinx-book-theme.js"),
        _script("_static/design-tabs.js", **{"data-sd-tabs-storage-prefix": "x"}), _script(None, body="let a = 1;"),
        _script(None, body="DOCUMENTATION_OPTIONS.pagename = 'p';"), _script("_static/translations.js"),
        _script(None, body="DOCUMENTATION_OPTIONS.search_as_you_type = false;"), _script("_static/sleutelcursus/leerpad.js", type="module"),
        _script(None, body="import x from './x.js';", type="module"),
    ]


def test_the_theme_scripts_and_sphinx_s_settings_leave_the_head_for_the_loader_in_their_order():
    scripts = _page_scripts()
    context = {"script_files": list(scripts), "js_tag": _js_tag}
    late_theme_scripts(None, "p", "page.html", context, None)
    # Left: the toolkit's module, an inline module, and an inline script that is not Sphinx's settings.
    assert [(s.filename, s.attributes.get("body")) for s in context["script_files"]] == [
        (None, "let a = 1;"), ("_static/sleutelcursus/leerpad.js", None), (None, "import x from './x.js';")]
    late = context[CONTEXT_KEY]
    assert [a["src"] for a in late] == [
        "../_static/documentation_options.js?v=1", "../_static/doctools.js?v=1", "../_static/translations.js?v=1",
        "../_static/sphinx_highlight.js?v=1", "../_static/scripts/sphinx-book-theme.js?v=1",
        "../_static/design-tabs.js?v=1"]
    # The theme's lines that fill in the settings run right after the settings, in their order.
    assert late[0]["then"] == "DOCUMENTATION_OPTIONS.pagename = 'p';\nDOCUMENTATION_OPTIONS.search_as_you_type = false;"
    # Their own attributes go with them (sphinx-design reads its storage prefix); defer does not.
    assert late[5]["data-sd-tabs-storage-prefix"] == "x" and "defer" not in late[3]


def test_without_sphinx_s_settings_file_its_inline_lines_stay_in_the_head():
    scripts = [s for s in _page_scripts() if s.filename != "_static/documentation_options.js"]
    context = {"script_files": list(scripts), "js_tag": _js_tag}
    late_theme_scripts(None, "p", "page.html", context, None)
    assert sum("DOCUMENTATION_OPTIONS" in str(s.attributes.get("body", "")) for s in context["script_files"]) == 2
    assert "then" not in context[CONTEXT_KEY][0]


@pytest.mark.parametrize("template, extra", [
    ("search.html", None),  # its template adds searchtools.js, which needs doctools at once
    ("page.html", "_static/gemeente.js"),  # a municipality's own script might use them too
])
def test_pages_that_could_need_the_theme_scripts_keep_them(template, extra):
    scripts = _page_scripts() + ([_script(extra)] if extra else [])
    context = {"script_files": list(scripts), "js_tag": _js_tag}
    late_theme_scripts(None, "p", template, context, None)
    assert context["script_files"] == scripts and CONTEXT_KEY not in context


def test_the_loader_adds_the_body_scripts_after_the_late_ones_and_a_kept_page_is_unchanged():
    body = ('<script defer src="../_static/scripts/bootstrap.js?digest=1"></script>\n'
            '<script defer src="../_static/scripts/pydata-sphinx-theme.js?digest=1"></script>\n<p>x</p>')
    assert str(with_late_loader(body, None)) == body
    loaded = str(with_late_loader(body, [{"src": "../_static/doctools.js?v=1"}]))
    assert "<script defer" not in loaded and loaded.startswith("<p>x</p>")
    order = json.loads(re.search(r"const all=(\[.*?\]),", loaded)[1])
    assert [a["src"] for a in order] == ["../_static/doctools.js?v=1", "../_static/scripts/bootstrap.js?digest=1",
                                         "../_static/scripts/pydata-sphinx-theme.js?digest=1"]
    assert 'addEventListener("DOMContentLoaded"' in loaded and "s.async=false" in loaded
    assert 'dataset.scThemeScripts="pending"' in loaded


def test_the_colour_mode_is_set_right_after_the_themes_own_head_script():
    head = '<script data-cfasync="false">\n  document.documentElement.dataset.mode = "auto";\n</script>\n<link href="x.css" />'
    marked = str(with_colour_mode(head))
    assert marked.index("prefers-color-scheme") < marked.index("x.css") and marked.count("<script") == 2


def test_the_theme_links_become_one_bundle_link_and_a_changed_theme_stops_the_build():
    head = ('<script>a</script>\n<link href="../_static/styles/theme.css?digest=55c2" rel="stylesheet" />\n'
            '<link href="../_static/styles/pydata-sphinx-theme.css?digest=55c2" rel="stylesheet" />\n<noscript></noscript>')
    one = str(theme_link(head, "stamp1"))
    assert one.count("<link") == 1 and 'href="../_static/styles/sleutelcursus-thema.css?v=' in one
    assert one.startswith("<script>a</script>") and one.endswith("<noscript></noscript>")
    assert theme_link(head, "stamp2") != one  # a new toolkit is a new address
    with pytest.raises(ExtensionError, match="styles/theme.css"):
        theme_link("<link href=x.css>", "stamp1")


def test_the_theme_core_leaves_the_page_stylesheets_and_the_toolkit_sheets_become_one():
    sheets = [Sheet("_static/pygments.css"), Sheet("_static/styles/sphinx-book-theme.css"),
              Sheet("_static/mystnb.11b3.css"), Sheet("_static/sleutelcursus/book.css"),
              Sheet("_static/sleutelcursus/host.css"), Sheet("_static/gemeente.css"), Sheet("_static/sleutelcursus/scenario.css")]
    context = {"css_files": sheets}
    bundle_page_stylesheets(None, "p", "page.html", context, None)
    assert [s.filename for s in context["css_files"]] == [
        "_static/pygments.css", "_static/sleutelcursus/sleutelcursus.css", "_static/gemeente.css"]
