"""Broken: a module page that does not exist."""

from sleutelcursus import hookimpl


@hookimpl
def register_modules(register):
    register("haven", "De haven", "pages/haven.md", after="fase-1")
