"""A valid local plugin using every hook: the baseline of the plugin tests.

Module "onze-wijken" goes to the end of phase 2 (with an extra page), module
"buurtpraat" has no phase and so goes to the part "Lokaal".
"""

from sleutelcursus import hookimpl


@hookimpl
def register_modules(register):
    register("onze-wijken", "Onze wijken", "pages/wijken.md", after="fase-2", pages=["pages/wijkkaart.md"])
    register("buurtpraat", "Buurtpraat", "pages/buurtpraat.md")


@hookimpl
def register_exercises(register):
    register("data/wijk-voorzitter.yaml")


@hookimpl
def register_contacts(register):
    register("Wijkteam Noord", "Vragen over de wijken in het noorden.", email="noord@wijkstad.example")


@hookimpl
def update_book_config(config):
    config["title"] = "Cursus sleutelpersonennetwerk Wijkstad"
