"""Plugin van de gemeente Duinstad voor de cursus sleutelpersonennetwerk.

Duinstad is een verzonnen kustgemeente: deze plugin is het voorbeeld voor echte
gemeenten. Hij voegt een hoofdstuk over Duinstad toe aan het eind van fase 2, met twee
oefeningen (een eigen lijst kandidaten met eigen doelen, en een scenario over de
voorzitter), de contactgegevens van het team en de titel van het boek.

Paden zijn relatief aan de map van dit bestand.
"""

from sleutelcursus import hookimpl


@hookimpl
def register_modules(register):
    register(
        "duinstad",
        "Sleutelpersonen in Duinstad",
        "pages/duinstad.md",
        after="fase-2",
        # De oefeningen staan op notebookpagina's: daar kan Python de oefening tonen.
        pages=["pages/netwerk.ipynb", "pages/voorzitter.ipynb"],
    )


@hookimpl
def register_exercises(register):
    # De CSV met kandidaten staat naast het YAML-bestand dat hem noemt.
    register("data/duinstad-netwerk.yaml")
    register("data/duinstad-voorzitter.yaml")


@hookimpl
def register_contacts(register):
    # Naast het landelijke adviespunt, niet in plaats daarvan (replaces_national blijft False).
    register(
        "Team Samenleven, gemeente Duinstad",
        "Vragen over het sleutelpersonennetwerk van Duinstad, over meedoen als sleutelpersoon, "
        "en over signalen van spanning in een wijk.",
        email="samenleven@duinstad.example",
        website="https://www.duinstad.example/sleutelpersonen",
        hours="maandag tot en met donderdag, van 9 tot 17 uur",
    )
    register(
        "Welzijn Kust, opbouwwerk Duinstad",
        "De voorzitter van het netwerk en de opbouwwerkers in de wijken. Voor vragen over "
        "bijeenkomsten en activiteiten in je wijk.",
        email="opbouwwerk@welzijnkust.example",
    )


@hookimpl
def update_book_config(config):
    config["title"] = "Cursus sleutelpersonennetwerk Duinstad"
