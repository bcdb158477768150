"""Broken: a misspelt hook name (register_module instead of register_modules)."""

from sleutelcursus import hookimpl


@hookimpl
def register_module(register):
    register("haven", "De haven", "pages/wijken.md")
