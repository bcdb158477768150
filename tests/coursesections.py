"""The course's sections as data (issue 5): the page that teaches each one and its key words.

The content tests (``test_content*.py``) check every page listed here; a page on disk that
is not listed fails ``test_every_course_page_is_listed_as_a_section``.
"""

from __future__ import annotations

from pathlib import Path

from prose import COURSE

START = COURSE / "index.md"

# Section name -> (page, kind, key words that must occur in the page's prose).
# kind: "chapter" pages need the full chapter frame (leerpad, leerdoelen, summary,
# reflection questions); the others only need the prose, key words and source line.
SECTIONS: dict[str, tuple[str, str, list[str]]] = {
    "Start": ("index.md", "start", [
        "ambtenaren", "sleutelpersonen", "leerpad ambtenaar", "leerpad sleutelpersoon",
        "browser", "download", "wis", "minuten", "uur",
    ]),
    "Wat is een sleutelpersonennetwerk?": ("sleutelpersonennetwerk.md", "chapter", [
        "sleutelpersoon", "netwerk", "Terpstra", "kenmerken", "aandachtspunten",
        "Overzicht netwerkvormen", "ad-hocnetwerk", "wederkerigheid", "professionele organisaties",
    ]),
    "Fase 1 Voorbereiding": ("fase-1/index.md", "landing", [
        "voorbereiding", "doel", "bestuur", "kaders",
    ]),
    "1.1 Doel en bestaansrecht": ("fase-1/doel.md", "chapter", [
        "bestaansrecht", "hulpvragen", "voorlichting", "bewustwording", "weerbaarheid",
        "de-escaleren", "beleid", "vredestijd",
    ]),
    "1.2 Bestuurlijk draagvlak": ("fase-1/draagvlak.md", "chapter", [
        "bestuurlijk draagvlak", "burgemeester", "wethouder", "gemeenteraad", "begroting",
        "nieuwjaarsreceptie",
    ]),
    "1.3 Kaders en uitgangspunten": ("fase-1/kaders.ipynb", "chapter", [
        "bijeenkomsten", "klein netwerk", "groot netwerk", "kerngroep", "tegenprestatie",
        "wederkerigheid", "externe organisatie", "scout", "ambitie", "regisseur",
        "facilitator", "participant", "flexibel", "vooroordelen",
    ]),
    "Kennischeck fase 1": ("fase-1/kennischeck.ipynb", "check", ["kennischeck", "browser"]),
    "Fase 2 Opbouw": ("fase-2/index.md", "landing", [
        "werven", "motivatie", "stoorzenders", "afspraken",
    ]),
    "2.1 Werving en selectie": ("fase-2/werving.md", "chapter", [
        "bestaande netwerken", "sneeuwbalmethode", "inloopavond", "campagne", "Instagram",
        "motivatie", "verwachten",
    ]),
    "2.2 Kenmerken en diversiteit": ("fase-2/diversiteit.ipynb", "chapter", [
        "verbinder", "vertegenwoordiger", "resultaatgerichte doener", "luis in de pels",
        "migratieachtergrond", "jong en oud", "wijken", "hulpverlening", "theoretische",
        "bekend", "stoorzender", "omstreden organisatie", "status", "eigen belang",
    ]),
    "2.3 Afspraken maken": ("fase-2/afspraken.md", "chapter", [
        "hoe vaak", "agenda", "waar", "naam", "startbijeenkomst",
    ]),
    "Kennischeck fase 2": ("fase-2/kennischeck.ipynb", "check", ["kennischeck", "browser"]),
    "Fase 3 Samenwerking en onderhoud": ("fase-3/index.md", "landing", [
        "vertrouwen", "kennis", "evalu", "voorzitter",
    ]),
    "3.1 Vertrouwen en zichtbaarheid": ("fase-3/vertrouwen.ipynb", "chapter", [
        "vertrouwen", "vertrouwelijke informatie", "AVG", "vaste, kleine groep ambtenaren",
        "professionele organisatie", "voorzitter", "rouleren", "waardering", "burgemeester",
    ]),
    "3.2 Kennis opbouwen en delen": ("fase-3/kennis-delen.md", "chapter", [
        "kennis", "ervaren", "buddy", "moskee", "kerk", "achterban",
    ]),
    "3.3 Stabiliteit, verloop en afwisseling": ("fase-3/stabiliteit.md", "chapter", [
        "stille", "overbelast", "stoppen", "blijf werven", "exitgesprek", "opvolger", "rollen",
    ]),
    "3.4 Evaluatie": ("fase-3/evaluatie.md", "chapter", [
        "evaluatie", "doelen", "experts", "gemeenteraad", "terug te kijken",
    ]),
    "Kennischeck fase 3": ("fase-3/kennischeck.ipynb", "check", ["kennischeck", "browser"]),
    "Begrippenlijst": ("begrippen.md", "reference", [
        "sleutelpersoon", "kerngroep", "stoorzender", "verbinder", "vertegenwoordiger",
        "resultaatgerichte doener", "luis in de pels", "wederkerigheid", "tegenprestatie",
        "bestuurlijk draagvlak", "regisseur", "facilitator", "participant", "AVG",
        "vredestijd", "exitgesprek",
    ]),
    "Bronnen en hulp": ("bronnen.md", "reference", [
        "Handreiking sleutelpersonennetwerk", "ESS", "Expertise-unit Sociale Stabiliteit",
        "Overzicht netwerkvormen", "ess@minszw.nl", "070 - 333 4558",
    ]),
}

CHAPTERS = [page for page, kind, _ in SECTIONS.values() if kind == "chapter"]


def section_page(name: str) -> Path:
    return COURSE / SECTIONS[name][0]
