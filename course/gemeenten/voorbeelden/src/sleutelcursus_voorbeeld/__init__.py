"""Plugin van de gemeente Voorbeeld, uit het hoofdstuk "Lokale modules toevoegen".

Elke hook hieronder staat in dat hoofdstuk, onder een kopje met dezelfde naam.
Paden zijn relatief aan de map van dit bestand.
"""

from sleutelcursus import hookimpl


@hookimpl
def register_modules(register):
    # Een hoofdstuk over de wijken van Voorbeeld, in fase 2 vlak voor de kennischeck.
    register("onze-wijken", "Onze wijken", "pages/onze-wijken.md", before="fase-2/kennischeck")


@hookimpl
def register_exercises(register):
    # Een scenario in een YAML-bestand. De id staat in het bestand: voorbeeld-voorzitter-wijkraad (met de naam van de gemeente vooraan).
    register("data/voorzitter-wijkraad.yaml")


@hookimpl
def register_contacts(register):
    register(
        "Team Samenleven, gemeente Voorbeeld",
        "Vragen over het sleutelpersonennetwerk en over meedoen als sleutelpersoon.",
        email="samenleven@voorbeeld.example",
        hours="op werkdagen van 9 tot 17 uur",
    )


@hookimpl
def update_book_config(config):
    config["title"] = "Cursus sleutelpersonennetwerk Voorbeeld"
    config["author"] = "Gemeente Voorbeeld"
