"""Errors a user can cause, each rendered as one Dutch line.

Anything a trainee, trainer or municipality can get wrong (a bad spec, a broken
plugin, a failed build) raises a subclass of :class:`SleutelcursusError`. The CLI
prints ``str(error)`` and exits with :attr:`exit_code`; it never shows a traceback
for these.
"""

from __future__ import annotations


class SleutelcursusError(Exception):
    """Base class: ``str(error)`` is the one Dutch line shown to the user."""

    exit_code = 1


class SpecError(SleutelcursusError):
    """An exercise spec is malformed.

    :param source: the file (or plugin/dict) the spec came from
    :param field: dotted path of the field at fault, e.g. ``steps[2].choices[0].next``
    :param message: what is wrong and, where useful, what to do, in Dutch
    """

    exit_code = 2

    def __init__(self, source: str, field: str, message: str) -> None:
        self.source = str(source)
        self.field = field
        self.message = message
        where = f"{self.source}, veld '{field}'" if field else self.source
        super().__init__(f"Fout in {where}: {message}")


class BuildError(SleutelcursusError):
    """The book could not be built; the previous output is left untouched."""

    exit_code = 1


class PluginError(SleutelcursusError):
    """A plugin failed: import error, raising hook, invalid or duplicate item."""

    exit_code = 2
