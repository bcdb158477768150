"""Dutch for the theme's labels that have no Dutch translation of their own.

Sphinx has a Dutch catalog, sphinx-book-theme too, but pydata-sphinx-theme (the base
theme) has none: its skip link, colour-mode switch, sidebar buttons and page links
would be read out in English on a Dutch page (WCAG 2.1, 3.1.2 Language of Parts).
These translations are added at the end of Sphinx's own chain of translations, so a
label that already has a Dutch translation keeps it. A few names sphinx-book-theme
writes into its templates untranslated are replaced in the page markup
(:func:`dutch_attributes`, a Jinja filter used by ``templates/sphinx/layout.html``).
"""

from __future__ import annotations

import gettext

from markupsafe import Markup
from sphinx.application import Sphinx

LABELS = {
    "Skip to main content": "Naar de hoofdtekst",
    "Back to top": "Terug naar boven",
    "Color mode": "Kleurmodus",
    "System Settings": "Instelling van je computer",
    "Light": "Licht",
    "Dark": "Donker",
    "Site navigation": "Menu van de cursus",
    "On this page": "Op deze pagina",
    "Version warning": "Waarschuwing over de versie",
    "previous page": "vorige pagina",
    "next page": "volgende pagina",
    "Link to this heading": "Link naar dit kopje",
}
# Accessible names sphinx-book-theme hard-codes in English, as they stand in its markup.
ATTRIBUTES = {
    'title="Toggle primary sidebar"': 'title="Menu tonen of verbergen"',
    'title="Toggle secondary sidebar"': 'title="Inhoud van deze pagina tonen of verbergen"',
    '<nav class="bd-links bd-docs-nav" aria-label="Main">': '<nav class="bd-links bd-docs-nav" aria-label="Hoofdmenu">',
    '<nav aria-label="Page">': '<nav aria-label="Inhoud van deze pagina">',
}
# Jupyter Book's own default for the search field, which no catalog translates.
SEARCH_BAR_TEXT = ("Search this book...", "Zoek in de cursus...")


class DutchLabels(gettext.NullTranslations):
    """The labels above; any other message goes on down the chain (Sphinx keeps one
    chain per process, and a later build in the same process adds to it)."""

    def gettext(self, message: str) -> str:
        if message in LABELS:
            return LABELS[message]
        return super().gettext(message)


def set_search_bar_text(app: Sphinx, config) -> None:
    options = config.html_theme_options
    if (config.language or "").startswith("nl") and options.get("search_bar_text") == SEARCH_BAR_TEXT[0]:
        config.html_theme_options = {**options, "search_bar_text": SEARCH_BAR_TEXT[1]}


def dutch_attributes(html_text: str) -> Markup:
    """The theme's markup with the names in :data:`ATTRIBUTES` in Dutch."""
    html_text = str(html_text)
    for english, dutch in ATTRIBUTES.items():
        html_text = html_text.replace(english, dutch)
    return Markup(html_text)


def add_labels(app: Sphinx) -> None:
    if app.builder.format != "html":
        return
    dutch = (app.config.language or "").startswith("nl")
    if dutch:
        app.translator.add_fallback(DutchLabels())
    # The layout template always calls the filter; in a book of another language it changes nothing.
    app.builder.templates.environment.filters["sleutelcursus_dutch_attributes"] = (
        dutch_attributes if dutch else Markup
    )
