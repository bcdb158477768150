"""Light pages: the theme's stylesheets trimmed to what the built pages can match, its
icon fonts cut to the icons left (book/theme_css.py, book/icon_font.py,
book/light_assets.py), with the theme's look and function intact."""

from __future__ import annotations

import re
import sys
import types
from pathlib import Path

import pydata_sphinx_theme
import pytest

from sleutelcursus.book import icon_font, light_assets, narrow_tables, output_styles, static_scripts, theme_css
from webtools import serve_directory, watch_page

ROOT = Path(__file__).resolve().parent.parent
THEME_STATIC = Path(pydata_sphinx_theme.__file__).parent / "theme" / "pydata_sphinx_theme" / "static"
THEME_CSS = "_static/styles/pydata-sphinx-theme.css"
PAGE_TARGET_KB = 400


@pytest.mark.parametrize(("selector", "base"), [
    ("a.btn:hover::after", "a.btn"),
    ("html[data-theme=dark] .y", "html .y"),
    (".x.show", ".x"),
    (".show > .x", "* > .x"),
    ("nav .show>a", "nav *>a"),
    ("nav .show a", "nav * a"),
    ("legend+*", "*+*"),
    ("fieldset.x > a", ".x > a"),
    (":root", "*"),
    (".a:not(.b) .c", ".a .c"),
    ('input[type="checkbox"]:checked + label', 'input[type="checkbox"] + label'),
])
def test_a_selector_is_matched_on_its_base(selector, base):
    assert theme_css.base_selector(selector, {"show", "data-theme", "legend", "fieldset"}) == base


def test_script_words_name_what_a_script_can_set():
    words = theme_css.script_words(['el.classList.add("show active"); root.dataset.defaultMode = m;'])
    assert {"show", "active", "data-default-mode"} <= words


def test_script_words_find_a_markup_template_after_a_quote_in_a_regular_expression():
    # Minified Bootstrap: a quote in a regular expression before the tooltip's template put
    # the string boundaries out of step, the tooltip's rules were trimmed and the header's
    # tooltips showed without their box, over the page title.
    source = r"""const r=/"/;x.template='<div class="tooltip" role="tooltip"><div class="tooltip-inner"></div></div>';"""
    assert {"tooltip", "tooltip-inner"} <= theme_css.script_words([source])


def test_trim_keeps_what_a_page_can_match_and_drops_the_rest():
    css = (
        "/*! licence */@font-face{font-family:X;src:url(x.woff2)}:root{--c:red}"
        ".used{color:red}.used:hover{color:blue}.unused{color:green}.later.show{top:0}"
        "html[data-theme=dark] .used{color:white}@keyframes spin{to{rotate:1turn}}"
        "@media (max-width:10px){.unused{color:red}.used{color:red}}@media print{.unused{x:y}}"
    )
    page = '<html><body><p class="used">a</p><div class="later">b</div></body></html>'
    rules = theme_css.parse_stylesheet(css)
    matcher = theme_css.SiteMatcher([page], {"show", "data-theme"}, theme_css.rule_selectors(rules))
    trimmed, dropped = theme_css.trim_stylesheet(rules, matcher)
    for kept in ("/*! licence */", "@font-face", ":root{--c:red}", ".used{color:red}", ".used:hover",
                 ".later.show", "html[data-theme=dark] .used", "@keyframes spin", "@media (max-width:10px)"):
        assert kept in trimmed, kept
    assert ".unused" not in trimmed and "@media print" not in trimmed
    assert dropped == 3


def test_a_failed_trim_leaves_the_theme_files_and_warns(tmp_path, monkeypatch, caplog):
    sheet = tmp_path / "_static" / "styles" / "theme.css"
    sheet.parent.mkdir(parents=True)
    sheet.write_text(".a{color:red}", encoding="utf-8")
    (tmp_path / "index.html").write_text("<html><body></body></html>", encoding="utf-8")

    def broken(sheets, pages, scripts, memo=None, read_page=None):
        sheets[0].write_text("half", encoding="utf-8")
        raise ValueError("kapot")

    monkeypatch.setattr(theme_css, "trim_site_stylesheets", broken)
    assert light_assets._trim_stylesheets(tmp_path, [sheet]) is False
    assert sheet.read_text(encoding="utf-8") == ".a{color:red}"
    assert "niet ingekort (kapot)" in caplog.text


def test_a_rebuild_that_changes_only_words_reuses_the_trim_and_new_markup_trims_again(tmp_path, monkeypatch):
    # The trim read every page on every build (about 6 s, the no-change rebuild's whole
    # margin); the benchmark's one-page edit changes words only.
    out, work = tmp_path / "html", tmp_path / "doctrees"
    sheet = out / "_static" / "styles" / "theme.css"
    sheet.parent.mkdir(parents=True)
    page = out / "index.html"
    calls = []

    memos = []

    def trim(sheets, pages, scripts, memo=None, read_page=None):
        calls.append(len(pages))
        memos.append(dict(memo))
        memo.update({"bases": "b", "pages": {"k": [".used"]}, "fresh": 1})
        sheets[0].write_text(".used{color:red}", encoding="utf-8")
        return {sheets[0]: (30, 16)}

    monkeypatch.setattr(theme_css, "trim_site_stylesheets", trim)
    app = types.SimpleNamespace(outdir=str(out), doctreedir=str(work), builder=types.SimpleNamespace(format="html"))

    def build(body: str, copied: bool = True) -> str:
        light_assets.restore_theme_files(app)  # builder-inited, before Sphinx copies
        if copied:
            sheet.write_text(".used{color:red}.unused{color:blue}", encoding="utf-8")  # as the theme ships it
        page.write_text(f"<html><body>{body}</body></html>", encoding="utf-8")
        light_assets.lighten(app, None)
        return sheet.read_text(encoding="utf-8")

    assert build('<p class="used">Eerste tekst</p>') == ".used{color:red}" and len(calls) == 1
    assert build('<p class="used">Andere woorden</p>') == ".used{color:red}" and len(calls) == 1
    # Sphinx does not always copy the theme's file again: last build's trimmed copy stays.
    assert build('<p class="used">Weer andere woorden</p>', copied=False) == ".used{color:red}" and len(calls) == 1
    assert build('<p class="used"><em>Nieuw</em></p>') == ".used{color:red}" and len(calls) == 2
    # A trim after new markup gets each page's matches from the one before.
    assert memos == [{}, {"bases": "b", "pages": {"k": [".used"]}}]
    # New markup on a rebuild where Sphinx copied nothing: the trim starts again from the
    # theme's own sheet (kept in the cache), never from last build's trimmed copy.
    trim_input = []
    monkeypatch.setattr(theme_css, "trim_site_stylesheets",
                        lambda sheets, pages, scripts, memo=None, read_page=None:
                        trim_input.append(sheets[0].read_text(encoding="utf-8")) or trim(sheets, pages, scripts, memo))
    build('<p class="used"><strong>Nieuw</strong></p>', copied=False)
    assert trim_input == [".used{color:red}.unused{color:blue}"]


def test_a_cache_that_kept_no_copies_of_the_theme_files_empties_the_output_once(tmp_path):
    out, work = tmp_path / "html", tmp_path / "doctrees"
    (out / "_static").mkdir(parents=True)
    (out / "_static" / "basic.css").write_text("trimmed", encoding="utf-8")
    (work / light_assets.CACHE_FOLDER).mkdir(parents=True)
    (work / light_assets.CACHE_FOLDER / "key").write_text("old", encoding="utf-8")
    app = types.SimpleNamespace(outdir=str(out), doctreedir=str(work), builder=types.SimpleNamespace(format="html"))
    light_assets.restore_theme_files(app)
    # Sphinx then writes every page and copies every theme file afresh.
    assert out.is_dir() and not any(out.iterdir()) and not (work / light_assets.CACHE_FOLDER).exists()


def test_a_trim_that_reuses_the_matches_of_unchanged_pages_equals_a_full_trim(tmp_path):
    # A one-page edit made the trim match every page again (20 s of a 23 s rebuild).
    theme_css_text = (THEME_STATIC / "styles" / "pydata-sphinx-theme.css").read_text(encoding="utf-8")
    sheet, pages, script = tmp_path / "theme.css", [tmp_path / f"p{i}.html" for i in range(3)], tmp_path / "a.js"
    script.write_text('el.classList.add("show");', encoding="utf-8")
    bodies = ['<nav class="bd-links"><ul><li class="toctree-l1"><a class="reference internal">A</a></li></ul></nav>',
              '<div class="admonition note"><p class="admonition-title">B</p></div>',
              '<button class="btn btn-sm theme-switch-button">C</button>']

    def trim(memo=None, words="", script_text='el.classList.add("show");') -> str:
        for page, body in zip(pages, bodies):
            page.write_text(f"<html><body>{body.replace('B<', words + 'B<')}</body></html>", encoding="utf-8")
        script.write_text(script_text, encoding="utf-8")
        sheet.write_text(theme_css_text, encoding="utf-8")
        theme_css.trim_site_stylesheets([sheet], pages, [script], memo=memo)
        return sheet.read_text(encoding="utf-8")

    memo = {}
    first = trim(memo)
    assert memo["fresh"] == 3
    assert trim(memo, words="andere woorden ") == first and memo["fresh"] == 0
    bodies[1] += '<table class="table"><tbody><tr><td>1</td></tr></tbody></table>'
    again = trim(memo)
    assert memo["fresh"] == 1 and again != first
    assert again == trim()
    # Other script words give other selector bases: every page is matched again.
    assert trim(memo, script_text='el.classList.add("active");') == trim(script_text='el.classList.add("active");')
    assert memo["fresh"] == 3


def test_the_theme_bundle_s_version_in_a_page_does_not_make_the_trim_match_it_again(tmp_path):
    # Pages carry the bundle's content hash, put in after the trim; a page Sphinx did not
    # write again still has the last one. Seen as new elements, every page was matched
    # again on a one-page edit (18.7 s of a 23 s rebuild). The icon font's preload is
    # put in then too (book/font_preload.py): a fresh page has none yet.
    sheet, script = tmp_path / "theme.css", tmp_path / "a.js"
    pages = [tmp_path / f"p{i}.html" for i in range(2)]
    script.write_text("", encoding="utf-8")
    memo = {}
    preload = '\n<link rel="preload" href="_static/f.woff2?v=1" as="font" type="font/woff2" crossorigin data-sc-icon-font />'
    for version, font in (("aaaa1111", ""), ("bbbb2222", preload)):
        for page in pages:
            page.write_text(f'<html><head><link href="_static/{light_assets.THEME_BUNDLE}?v={version}" rel="stylesheet" />'
                            f'{font}</head><body><div class="admonition note"></div></body></html>', encoding="utf-8")
        sheet.write_text(".admonition{color:red}.unused{color:blue}", encoding="utf-8")
        theme_css.trim_site_stylesheets([sheet], pages, [script], memo=memo, read_page=light_assets.page_text)
    assert memo["fresh"] == 0 and sheet.read_text(encoding="utf-8").count("admonition") == 1


def test_a_subset_font_keeps_exactly_the_icons_asked_for(tmp_path):
    font = tmp_path / "fa-solid-900.woff2"
    font.write_bytes((THEME_STATIC / "vendor" / "fontawesome" / "webfonts" / font.name).read_bytes())
    bars, moon = 0xF0C9, 0xF186
    before, after = icon_font.subset_font(font, {bars, moon})
    assert after < before / 20
    assert icon_font.font_characters(font) == {bars, moon}


def test_a_stylesheet_that_notebook_outputs_repeat_is_sent_once_per_page():
    # Each group chart of a workshop notebook carries the report's stylesheet.
    body = "<style>.a{x:y}</style><p>1</p><style>.b{x:y}</style><p>2</p><style>.a{x:y}</style><p>3</p>"
    assert output_styles.without_repeated_styles(body) == "<style>.a{x:y}</style><p>1</p><style>.b{x:y}</style><p>2</p><p>3</p>"


def test_a_stacking_table_names_the_columns_of_the_cells_that_show_them():
    # book.css shows no name before a row's first cell, which heads the row.
    body = ('<table><thead><tr><th>Naam</th><th>Wijk</th><th>Aantal</th></tr></thead>'
            '<tbody><tr><th scope="row">Ria</th><td>Centrum</td><td>3</td></tr></tbody></table>')
    row = narrow_tables.label_cells(body).split("<tbody>")[1]
    assert row == ('<tr><th scope="row">Ria</th><td data-label="Wijk">Centrum</td>'
                   '<td data-label="Aantal">3</td></tr></tbody></table>')


def _table(rows: int, column: str = "Wijk") -> str:
    body = "".join(f'<tr><th scope="row">R{i}</th><td>Centrum</td><td>3</td></tr>' for i in range(rows))
    return f"<table><thead><tr><th>Naam</th><th>{column}</th><th>Aantal</th></tr></thead><tbody>{body}</tbody></table>"


def test_a_long_stacking_table_names_each_column_once():
    # A group report's table of 34 candidates carried 170 data-label attributes.
    marked = narrow_tables.label_cells(_table(30, column='Wijk &lt;"&amp;\\'))
    assert "data-label" not in marked and marked.count("<style>") == 1 and 'id="sc-tabel-1"' in marked
    assert 'td:nth-child(2)::before{content:"Wijk \\3c \\"&\\\\: "' in marked
    assert len(marked) < len(_table(30)) + 30 * 2 * len(' data-label="Wijk"') / 3


@pytest.mark.browser
def test_both_ways_of_naming_a_stacked_table_s_cells_show_the_same_name(browser):
    page = browser.new_page(viewport={"width": 360, "height": 800})
    page.set_content(narrow_tables.label_cells(_table(30) + _table(1)) + "<style>@media (max-width: 40em) {"
                     "td:not(:first-child)[data-label]::before { content: attr(data-label) ': '; } }</style>")
    shown = page.evaluate("""() => [...document.querySelectorAll('table')].map((t) =>
        getComputedStyle(t.querySelector('tbody td:nth-child(2)'), '::before').content)""")
    assert shown == ['"Wijk: "', '"Wijk: "']
    page.close()


def test_sphinx_s_plain_scripts_are_minified_and_keep_their_global_names(tmp_path):
    static = tmp_path / "_static"
    (static / "scripts").mkdir(parents=True)
    source = ("/* Sphinx */\nconst DOCUMENTATION_OPTIONS = {\n  VERSION: '1',\n};\n"
              "function helper(longName) {\n  return longName + DOCUMENTATION_OPTIONS.VERSION;\n}\n")
    for name in ("doctools.js", "clipboard.min.js", "scripts/bootstrap.js"):
        (static / name).write_text(source, encoding="utf-8")
    saved = static_scripts.minify_static_scripts(tmp_path)
    small = (static / "doctools.js").read_text(encoding="utf-8")
    assert saved == len(source) - len(small) > len(source) / 4
    # Other scripts and the page's inline ones use the globals by name.
    assert "const DOCUMENTATION_OPTIONS=" in small and "function helper(" in small and "Sphinx" not in small
    # Already minified, or the theme's own bundle: left as they are.
    assert (static / "clipboard.min.js").read_text(encoding="utf-8") == source
    assert (static / "scripts" / "bootstrap.js").read_text(encoding="utf-8") == source


def _fonts(site: Path) -> dict[str, set[int]]:
    webfonts = site / "_static" / "vendor" / "fontawesome" / "webfonts"
    return {f.name: icon_font.font_characters(f) for f in webfonts.glob("*.woff2")}


def test_icons_named_in_the_themes_variables_count_as_used():
    # The theme names the admonition icons in custom properties and draws them with var().
    css = '.x{--pst-icon-lightbulb:"\\f0eb"}.tip>.admonition-title:after{content:var(--pst-icon-lightbulb)}'
    assert 0xF0EB in icon_font.used_characters([css])


def test_the_built_book_ships_a_trimmed_theme_and_small_fonts(built_book):
    original = (THEME_STATIC / "styles" / "pydata-sphinx-theme.css").stat().st_size
    trimmed = (built_book / THEME_CSS).stat().st_size
    assert trimmed < original / 3
    fonts = _fonts(built_book)
    assert set(fonts) == {"fa-solid-900.woff2", "fa-regular-400.woff2", "fa-brands-400.woff2"}
    sizes = [(built_book / "_static/vendor/fontawesome/webfonts" / name).stat().st_size for name in fonts]
    assert max(sizes) < 10_000
    # Every icon character the trimmed stylesheets can ask for has a glyph.
    sheets = light_assets.theme_stylesheets(built_book)
    asked = {c for c in icon_font.used_characters([s.read_text(encoding="utf-8") for s in sheets]) if c >= 0xE000}
    assert asked and asked <= set().union(*fonts.values())


# Icons drawn on the page: the character of each ::before and ::after that uses Font
# Awesome (the tip box draws its lightbulb after its title).
_ICONS = """() => [...document.querySelectorAll('*')].flatMap((e) => ['::before', '::after'].map((pseudo) => {
  const style = getComputedStyle(e, pseudo);
  if (!style.fontFamily.includes('Font Awesome')) return null;
  const text = style.content.replace(/^"|"$/g, '');
  return text && text !== 'none' ? text.codePointAt(0) : null;
})).filter((c) => c !== null)"""

# The theme's rules, each on its base selector (no pseudo-classes or -elements), that
# match an element of the page as Chromium sees it after the theme's scripts ran.
_MATCHED = """(selectors) => selectors.filter((s) => {
  try { return document.querySelector(s) !== null; } catch (e) { return false; } })"""


def _theme_base_selectors(css_text: str) -> list[str]:
    rules = theme_css.parse_stylesheet(css_text)
    return sorted({theme_css.base_selector(s, set()) for s in theme_css.rule_selectors(rules)} - {"*"})


@pytest.mark.browser
@pytest.mark.slow
def test_pages_keep_their_icons_and_rules_and_lose_the_untrimmed_weight(browser, built_book):
    sys.path.insert(0, str(ROOT / "benchmarks"))
    from page_weight import first_visit_bytes, site_pages

    original = _theme_base_selectors((THEME_STATIC / "styles" / "pydata-sphinx-theme.css").read_text(encoding="utf-8"))
    kept = set(_theme_base_selectors((built_book / THEME_CSS).read_text(encoding="utf-8")))
    glyphs = set().union(*_fonts(built_book).values())
    with serve_directory(built_book) as base_url:
        weights = {rel: sum(first_visit_bytes(browser, base_url, rel).values()) for rel in site_pages(built_book)}
        for rel in ("course/index.html", "course/fase-1/kaders.html", "course/fase-2/werving.html", "search.html"):
            context = browser.new_context()
            page = context.new_page()
            watch = watch_page(page, base_url)
            page.goto(base_url + rel, wait_until="networkidle")
            icons = page.evaluate(_ICONS)
            assert icons and set(icons) <= glyphs, (rel, sorted(map(hex, set(icons) - glyphs)))
            matched = page.evaluate(_MATCHED, original)
            assert set(matched) <= kept, (rel, sorted(set(matched) - kept)[:20])
            assert not watch.console_errors and not watch.outside
            context.close()
    assert len(weights) >= 25
    # Every page of the book loads at most 400 KB on a first visit (untrimmed they
    # weighed 852-1018 KB; the start page once fetched every exercise spec), the
    # workshop notebooks (exercises/) too: with their group charts they weighed up to 455 KB.
    assert {rel.split("/")[0] for rel in weights} >= {"course", "exercises"}
    heavy = {rel: round(w / 1024) for rel, w in weights.items() if w > PAGE_TARGET_KB * 1024}
    assert not heavy, heavy


@pytest.mark.browser
@pytest.mark.slow
def test_sidebar_search_and_dark_mode_still_work(browser, built_book):
    with serve_directory(built_book) as base_url:
        context = browser.new_context(viewport={"width": 1280, "height": 900})
        page = context.new_page()
        watch = watch_page(page, base_url)
        page.goto(base_url + "course/index.html", wait_until="networkidle")
        # The menu shows each phase's own page once, and its links lead there.
        menu_link = page.locator(".bd-sidebar-primary a", has_text="Over fase 1")
        assert menu_link.is_visible() and page.locator(".bd-sidebar-primary a", has_text=re.compile(r"^Over fase [123]$")).count() == 3
        menu_link.click()
        page.wait_for_url(base_url + "course/fase-1/index.html")
        assert page.locator(".bd-sidebar-primary a.current", has_text="Over fase 1").is_visible()
        page.goto(base_url + "course/index.html", wait_until="networkidle")
        # The switch cycles auto, dark and light; each theme has its own background.
        seen = {}
        for _ in range(3):
            page.locator("button.theme-switch-button:visible").first.click()
            theme = page.evaluate("document.documentElement.dataset.theme")
            seen[theme] = page.evaluate("getComputedStyle(document.body).backgroundColor")
        assert set(seen) == {"light", "dark"} and seen["light"] != seen["dark"]
        page.goto(base_url + "search.html?q=voorzitter", wait_until="networkidle")
        page.wait_for_selector("#search-results li")
        assert page.locator("#search-results li").count() >= 3
        assert not watch.console_errors and not watch.outside
        context.close()
