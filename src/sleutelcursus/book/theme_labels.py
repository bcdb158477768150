"""Dutch for the theme's labels that have no Dutch of their own, from a gettext catalog.

Sphinx has a Dutch catalog, sphinx-book-theme too (in its own domain, ``booktheme``),
but pydata-sphinx-theme (the base theme) has none: its skip link, colour-mode switch,
sidebar buttons and page links would be read out in English on a Dutch page
(WCAG 2.1, 3.1.2 Language of Parts). Its templates ask for them with ``_()``, which
Sphinx's Jinja environment answers from the translator of the ``sphinx`` domain (the
theme registers its own catalogs under that name for this reason). So our catalog,
``locale/nl/LC_MESSAGES/sleutelcursus.po``, is compiled when a Dutch book is built to a
``sphinx.mo`` in the build's doctree folder and added with
``app.add_message_catalog("sphinx", ...)``. Sphinx appends it to the end of that
domain's chain, after its own Dutch, so a label Sphinx or a theme already translates
keeps its word.

Some English no template call reaches: names sphinx-book-theme writes into its markup
without ``_()`` and Jupyter Book's default text for the search field (a theme option).
Their Dutch is in the same catalog under the context :data:`CONTEXT`;
:func:`translate_markup` (a Jinja filter used by ``templates/layout.html``) and
:func:`translate_search_bar_text` put it in place.
"""

from __future__ import annotations

import functools
import hashlib
import json
import os
import re
import shutil
from pathlib import Path

from babel.messages.catalog import Catalog
from babel.messages.mofile import write_mo
from babel.messages.pofile import PoFileError, read_po
from markupsafe import Markup, escape
from sphinx.application import Sphinx
from sphinx.locale import get_translator

from ..errors import BuildError

LOCALE = Path(__file__).resolve().parent / "locale"
CATALOG = LOCALE / "nl" / "LC_MESSAGES" / "sleutelcursus.po"
# The gettext domain the themes' templates translate in; the compiled file carries its name.
THEME_DOMAIN = "sphinx"
# Messages no template asks for; this module looks them up itself.
CONTEXT = "sleutelcursus"
# Jupyter Book's default for sphinx-book-theme's search_bar_text option.
SEARCH_BAR_TEXT = "Search this book..."
# Names sphinx-book-theme writes into its templates untranslated, with the markup around them.
UNTRANSLATED_MARKUP = (
    ('title="', "Toggle primary sidebar", '"'),
    ('title="', "Toggle secondary sidebar", '"'),
    ('<nav class="bd-links bd-docs-nav" aria-label="', "Main", '">'),
    ('<nav aria-label="', "Page", '">'),
    # The download menu's print entry was named only ".pdf" (its tooltip says what it does).
    ('<span class="btn__text-container">', ".pdf", "</span>"),
)


def is_dutch(language: str | None) -> bool:
    """True for ``nl`` and its regional forms (``nl_BE``, ``nl-NL``)."""
    return (language or "").lower().replace("-", "_").split("_")[0] == "nl"


def read_catalog(source: bytes, po: Path) -> Catalog:
    """The catalog in ``source`` (the bytes of ``po``), with every message translated.

    :raises BuildError: not UTF-8, not a .po file, no messages, or a message without a
        translation (it would show in English)
    """
    try:
        lines = source.decode("utf-8").splitlines()
    except UnicodeDecodeError:
        raise BuildError("het vertaalbestand is niet in UTF-8 opgeslagen.", file=po) from None
    # Babel reads a string cut off before its closing quote without a word.
    bad_lines = [n for n, line in enumerate(lines, 1) if line.strip() and line[0] != "#" and line.rstrip()[-1] != '"']
    try:
        catalog = read_po(lines, locale="nl", abort_invalid=True)
    except PoFileError as exc:
        bad_lines.insert(0, exc.lineno + 1)
    if bad_lines:
        raise BuildError("dit is geen geldig .po-bestand.", file=po, line=bad_lines[0])
    messages = [message for message in catalog if message.id]
    if not messages:
        raise BuildError("in het vertaalbestand staan geen vertalingen; is het afgebroken?", file=po)
    for message in messages:
        if not message.string or message.fuzzy:
            raise BuildError(f"de vertaling van {message.id!r} ontbreekt.", file=po)
    return catalog


def compile_catalog(folder: Path, po: Path) -> Path:
    """Compile ``po`` to ``folder/<digest>/nl/LC_MESSAGES/sphinx.mo`` and return
    ``folder/<digest>``, a locale folder for ``app.add_message_catalog``.

    The digest of the .po names the folder, so a changed .po is compiled again, and
    Python's gettext, which keeps each .mo it read by path for the rest of the process,
    never answers from an older catalog. Older compiled catalogs are removed.

    :raises BuildError: the .po is missing or unusable (see :func:`read_catalog`)
    """
    try:
        source = po.read_bytes()
    except FileNotFoundError:
        raise BuildError("het vertaalbestand van het thema ontbreekt; installeer sleutelcursus opnieuw.", file=po) from None
    except OSError as exc:
        raise BuildError(f"kan het vertaalbestand niet lezen ({exc.strerror}).", file=po) from None
    locale_dir = folder / hashlib.sha256(source).hexdigest()[:16]
    mo = locale_dir / "nl" / "LC_MESSAGES" / f"{THEME_DOMAIN}.mo"
    if not mo.is_file():
        catalog = read_catalog(source, po)
        mo.parent.mkdir(parents=True, exist_ok=True)
        partial = mo.with_name(f".{mo.name}.{os.getpid()}")
        with partial.open("wb") as file:
            write_mo(file, catalog)
        os.replace(partial, mo)  # whole or not at all, should a build be interrupted
    for old in folder.iterdir():
        if old != locale_dir:
            shutil.rmtree(old, ignore_errors=True)
    return locale_dir


def add_catalog(app: Sphinx) -> None:
    """Add the Dutch labels at the end of the ``sphinx`` domain's translations (in
    ``setup``, like any extension's catalog; a book in another language gets none)."""
    if is_dutch(app.config.language):
        locale_dir = compile_catalog(Path(app.doctreedir) / "sleutelcursus-locale", CATALOG)
        app.add_message_catalog(THEME_DOMAIN, str(locale_dir))


def translate_search_bar_text(app: Sphinx, config) -> None:
    """Jupyter Book's default search field text in the book's language."""
    options = config.html_theme_options
    if options.get("search_bar_text") == SEARCH_BAR_TEXT:
        text = get_translator(THEME_DOMAIN).pgettext(CONTEXT, SEARCH_BAR_TEXT)
        config.html_theme_options = {**options, "search_bar_text": text}


def translate_markup(html_text: str, pgettext) -> Markup:
    """The theme's markup with the names in :data:`UNTRANSLATED_MARKUP` translated by
    ``pgettext`` (a name without a translation stays as it is)."""
    html_text = str(html_text)
    for before, english, after in UNTRANSLATED_MARKUP:
        translated = str(escape(pgettext(CONTEXT, english)))
        html_text = html_text.replace(before + english + after, before + translated + after)
    return Markup(html_text)


def add_markup_filter(app: Sphinx) -> None:
    """Give the layout template its ``sleutelcursus_translate_markup`` filter."""
    if app.builder.format != "html":
        return
    translator = get_translator(THEME_DOMAIN)
    app.builder.templates.environment.filters["sleutelcursus_translate_markup"] = functools.partial(
        translate_markup, pgettext=translator.pgettext
    )


# sphinx-copybutton names its buttons in the page's language when it has words for it,
# and has none for Dutch: the buttons on code said "Copy to clipboard" (WCAG 3.1.2).
COPY_BUTTON_DUTCH = {
    "copy": "Kopieer",
    "copy_to_clipboard": "Kopieer naar het klembord",
    "copy_success": "Gekopieerd!",
    "copy_failure": "Kopiëren is mislukt",
}
_COPY_MESSAGES = re.compile(r"const messages\s*=\s*\{")


def dutch_copy_button(app: Sphinx, exception) -> None:
    """Sphinx ``build-finished`` handler: give the copy button's script Dutch words
    (before static_scripts.py minifies it; a script that has them already is left)."""
    path = Path(app.outdir) / "_static" / "copybutton.js"
    if exception is not None or app.builder.format != "html" or not path.is_file():
        return
    text = path.read_text(encoding="utf-8")
    if COPY_BUTTON_DUTCH["copy_to_clipboard"] in text:
        return
    words = json.dumps({"nl": COPY_BUTTON_DUTCH}, ensure_ascii=False)[1:-1]
    patched, count = _COPY_MESSAGES.subn(lambda m: m[0] + words + ",", text, count=1)
    if count:
        path.write_text(patched, encoding="utf-8")
