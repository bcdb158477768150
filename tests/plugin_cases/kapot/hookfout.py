"""Broken: a hook that raises (a key missing from a dict)."""

from sleutelcursus import hookimpl

TEAMS = {"noord": "noord@wijkstad.example"}


@hookimpl
def register_contacts(register):
    register("Wijkteam Zuid", email=TEAMS["zuid"])
