"""Broken: a notebook page that raises while the build executes it (cell 3)."""

from sleutelcursus import hookimpl


@hookimpl
def register_modules(register):
    register("rekenfout", "Rekenfout", "pages/rekenfout.ipynb")
