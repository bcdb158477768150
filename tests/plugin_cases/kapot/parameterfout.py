"""Broken: a hook implementation names a parameter its hook does not give (reg, not register)."""

from sleutelcursus import hookimpl


@hookimpl
def register_modules(reg):
    reg("haven", "De haven", "pages/wijken.md")
