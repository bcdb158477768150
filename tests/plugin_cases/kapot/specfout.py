"""Broken: an exercise spec with an unknown assessment ("goed")."""

from sleutelcursus import hookimpl


@hookimpl
def register_exercises(register):
    register("data/kapot-scenario.yaml")
