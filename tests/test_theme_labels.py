"""The theme's Dutch labels: a gettext catalog compiled at build time, last in Sphinx's chain."""

from __future__ import annotations

import gettext
import re
from pathlib import Path
from types import SimpleNamespace

import pytest
import sphinx
import sphinx.locale
from sphinx.application import Sphinx

from sleutelcursus.book import theme_labels
from sleutelcursus.book.theme_labels import (
    CATALOG, CONTEXT, SEARCH_BAR_TEXT, UNTRANSLATED_MARKUP, add_catalog, compile_catalog, read_catalog,
    translate_markup, translate_search_bar_text,
)
from sleutelcursus.errors import BuildError

HEADER = 'msgid ""\nmsgstr ""\n"Content-Type: text/plain; charset=UTF-8\\n"\n\n'
SITE_PACKAGES = Path(sphinx.__file__).resolve().parent.parent


class App:
    """As much of a Sphinx application as registering a catalog needs."""

    add_message_catalog = Sphinx.add_message_catalog

    def __init__(self, language: str, doctreedir: Path) -> None:
        self.config = SimpleNamespace(language=language)
        self.doctreedir = str(doctreedir)


@pytest.fixture
def sphinx_dutch(monkeypatch):
    """Sphinx's translations as a Dutch build starts them, before any extension, in a
    registry of their own (Sphinx keeps one per process)."""
    monkeypatch.setattr(sphinx.locale, "translators", {})
    sphinx.locale.init([str(Path(sphinx.locale.__file__).parent)], "nl")  # Sphinx's own Dutch
    return sphinx.locale.get_translator


def write_po(path: Path, entries: str) -> Path:
    path.write_text(HEADER + entries, encoding="utf-8")
    return path


def test_the_catalog_compiles_with_every_label_translated(tmp_path):
    locale_dir = compile_catalog(tmp_path, CATALOG)
    dutch = gettext.translation("sphinx", localedir=locale_dir, languages=["nl"])
    assert dutch.gettext("Skip to main content") == "Naar de hoofdtekst"
    assert dutch.pgettext(CONTEXT, "Toggle primary sidebar") == "Menu tonen of verbergen"
    assert dutch.pgettext(CONTEXT, SEARCH_BAR_TEXT) == "Zoek in de cursus..."
    assert dutch.gettext("Main") == "Main"  # the markup names only answer in their context


def test_sphinx_keeps_its_own_dutch_and_the_catalog_adds_the_rest(tmp_path, monkeypatch, sphinx_dutch):
    po = write_po(tmp_path / "labels.po", 'msgid "Search"\nmsgstr "Zoek maar"\n\nmsgid "Back to top"\nmsgstr "Naar boven"\n')
    monkeypatch.setattr(theme_labels, "CATALOG", po)
    assert sphinx_dutch().gettext("Search") == "Zoeken"
    add_catalog(App("nl", tmp_path / "doctrees"))
    assert sphinx_dutch().gettext("Search") == "Zoeken"
    assert sphinx_dutch().gettext("Back to top") == "Naar boven"
    assert sphinx_dutch().gettext("Onbekend") == "Onbekend"


def test_a_book_in_another_language_gets_no_dutch_labels(tmp_path, monkeypatch):
    monkeypatch.setattr(sphinx.locale, "translators", {})
    add_catalog(App("en", tmp_path / "doctrees"))
    assert sphinx.locale.get_translator().gettext("Skip to main content") == "Skip to main content"
    assert not (tmp_path / "doctrees").exists()


def test_a_changed_po_is_compiled_again_and_the_old_mo_removed(tmp_path):
    po = write_po(tmp_path / "labels.po", 'msgid "Light"\nmsgstr "Licht"\n')
    first = compile_catalog(tmp_path / "compiled", po)
    assert compile_catalog(tmp_path / "compiled", po) == first
    write_po(po, 'msgid "Light"\nmsgstr "Helder"\n')
    second = compile_catalog(tmp_path / "compiled", po)
    assert second != first and not first.exists()
    assert gettext.translation("sphinx", localedir=second, languages=["nl"]).gettext("Light") == "Helder"


@pytest.mark.parametrize(
    "entries, reason",
    [
        (None, ": het vertaalbestand van het thema ontbreekt"),
        ('msgid "Light"\nmsgstr "Licht"\n\nmsgid "Dark"\n', ", regel 8: dit is geen geldig .po-bestand."),
        ('msgid "Light"\nmsgstr "Li', ", regel 6: dit is geen geldig .po-bestand."),
        ("", ": in het vertaalbestand staan geen vertalingen"),
        ('msgid "Light"\nmsgstr ""\n', ": de vertaling van 'Light' ontbreekt."),
        ('#, fuzzy\nmsgid "Light"\nmsgstr "Licht"\n', ": de vertaling van 'Light' ontbreekt."),
    ],
    ids=["missing", "broken", "cut-off", "header-only", "untranslated", "fuzzy"],
)
def test_a_missing_or_broken_po_is_one_dutch_line_naming_the_file(tmp_path, entries, reason):
    po = tmp_path / "labels.po"
    if entries is not None:
        write_po(po, entries)
    with pytest.raises(BuildError) as caught:
        compile_catalog(tmp_path / "compiled", po)
    message = str(caught.value)
    assert message.startswith(f"Fout in {po}") and reason in message and "\n" not in message
    assert not list(tmp_path.rglob("*.mo"))


def test_a_po_that_is_not_utf8_is_a_dutch_error(tmp_path):
    po = tmp_path / "labels.po"
    po.write_bytes((HEADER + 'msgid "Light"\nmsgstr "Lícht"\n').encode("latin-1"))
    with pytest.raises(BuildError, match="niet in UTF-8"):
        compile_catalog(tmp_path / "compiled", po)


def test_markup_the_theme_writes_in_english_is_translated_and_escaped():
    def dutch(context, message):
        assert context == CONTEXT
        return {"Toggle primary sidebar": 'Menu "links" <tonen>', "Main": "Hoofdmenu"}.get(message, message)

    markup = ('<button title="Toggle primary sidebar"></button><nav class="bd-links bd-docs-nav" aria-label="Main">'
              '<h1>Main</h1><nav aria-label="Page">')
    translated = str(translate_markup(markup, dutch))
    assert 'title="Menu &#34;links&#34; &lt;tonen&gt;"' in translated
    assert 'aria-label="Hoofdmenu"' in translated and "<h1>Main</h1>" in translated
    assert '<nav aria-label="Page">' in translated  # no translation: left as it was


def test_the_search_field_text_comes_from_the_catalog(tmp_path, sphinx_dutch):
    add_catalog(App("nl", tmp_path / "doctrees"))
    config = SimpleNamespace(html_theme_options={"search_bar_text": SEARCH_BAR_TEXT, "home_page_in_toc": True})
    translate_search_bar_text(None, config)
    assert config.html_theme_options == {"search_bar_text": "Zoek in de cursus...", "home_page_in_toc": True}
    own = SimpleNamespace(html_theme_options={"search_bar_text": "Zoek in Duinstad..."})
    translate_search_bar_text(None, own)
    assert own.html_theme_options["search_bar_text"] == "Zoek in Duinstad..."


def test_every_label_is_one_the_installed_theme_or_sphinx_still_asks_for():
    """A theme upgrade that renames a label would otherwise leave it English, silently."""
    sources = [
        *(SITE_PACKAGES / "pydata_sphinx_theme" / "theme").rglob("*.html"),
        SITE_PACKAGES / "sphinx" / "writers" / "html5.py",
    ]
    asked = "\n".join(path.read_text(encoding="utf-8") for path in sources)
    catalog = read_catalog(CATALOG.read_bytes(), CATALOG)
    for message in catalog:
        if message.id and not message.context:
            # Asked for with _("...") or as a Jinja {% trans %} block ("%(x)s" is "{{ x }}" there).
            block = re.sub(r"%\\\(([a-z_]+)\\\)s", r"\\{\\{\\s*\1\\s*\\}\\}", re.escape(message.id))
            assert (re.search(rf"""_\(\s*['"]{re.escape(message.id)}['"]\s*\)""", asked)
                    or re.search(rf"%\}}\s*{block}\s*\{{%-?\s*endtrans", asked)), message.id
    book_theme = "\n".join(
        p.read_text(encoding="utf-8") for p in (SITE_PACKAGES / "sphinx_book_theme" / "theme").rglob("*.html")
    )
    # A button's text comes from the theme's Python (header_buttons) into its macro's span.
    buttons = (SITE_PACKAGES / "sphinx_book_theme" / "header_buttons" / "__init__.py").read_text(encoding="utf-8")
    for before, english, after in UNTRANSLATED_MARKUP:
        in_macro = before in book_theme and f'"text": "{english}"' in buttons
        assert before + english + after in book_theme or in_macro, english
        assert catalog.get(english, context=CONTEXT).string, english
