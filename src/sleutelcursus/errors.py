"""Errors a user can cause, each carrying what it is about and shown as one Dutch line.

Anything a trainee, trainer or municipality can get wrong (a bad spec, a broken
plugin, a failed build) raises a subclass of :class:`SleutelcursusError`. An error
carries its parts: the message (what is wrong and what to do, in Dutch, without any
"Fout" prefix) and the places it is about (plugin, file, field, row, line).
:func:`format_error` turns them into the one line a user sees; the CLI prints that
line and exits with :attr:`SleutelcursusError.exit_code`, never with a traceback.
"""

from __future__ import annotations

import dataclasses


@dataclasses.dataclass(frozen=True)
class Location:
    """Where an error is: any of plugin, file, field, row (as the file counts) and line."""

    plugin: str | None = None
    file: str | None = None
    field: str | None = None
    row: int | None = None
    line: int | None = None

    def describe(self) -> str:
        """``plugin "x", bestand y, veld 'z', rij 3`` (only the parts that are known)."""
        parts = []
        if self.plugin:
            parts.append(f'plugin "{self.plugin}"')
        if self.file:
            parts.append(str(self.file))
        if self.field:
            parts.append(f"veld '{self.field}'")
        if self.row is not None:
            parts.append(f"rij {self.row}")
        if self.line is not None:
            parts.append(f"regel {self.line}")
        return ", ".join(parts)


class SleutelcursusError(Exception):
    """Base class. ``str(error)`` is :func:`format_error` of it.

    :param message: what is wrong and, where useful, what to do (Dutch, no prefix)
    :param plugin: the plugin that caused it
    :param file: the file at fault (a path, or a name such as ``oefening 'wijkscan'`` for a spec given as a dict)
    :param field: dotted path of the field at fault, e.g. ``steps[2].choices[0].next``
    :param row: the row of a data file, counted as the file counts (header = 1)
    :param line: the line of a text file
    :param exit_code: overrides the class's exit code
    """

    exit_code = 1

    def __init__(
        self,
        message: str,
        *,
        plugin: str | None = None,
        file: str | None = None,
        field: str | None = None,
        row: int | None = None,
        line: int | None = None,
        exit_code: int | None = None,
    ) -> None:
        self.message = message
        self.location = Location(plugin, str(file) if file is not None else None, field, row, line)
        if exit_code is not None:
            self.exit_code = exit_code
        super().__init__(message)

    def __str__(self) -> str:
        return format_error(self)

    def _render_traceback_(self) -> list[str]:
        # IPython and Jupyter show what this returns instead of a traceback: a trainer
        # calling live() or read_answers() in a notebook sees the one Dutch line.
        return [format_error(self)]


def format_error(error: SleutelcursusError) -> str:
    """The one line a user sees: ``Fout in <where>: <message>`` or ``Fout: <message>``."""
    where = error.location.describe()
    first = error.message.strip().splitlines()[0] if error.message.strip() else type(error).__name__
    return f"Fout in {where}: {first}" if where else f"Fout: {first}"


def format_warning(message: str, *, file: str | None = None, field: str | None = None) -> str:
    """The one line a user sees about something left out while the work goes on:
    ``Waarschuwing in <where>: <message>`` (as the build prints Sphinx's warnings)."""
    where = Location(file=str(file) if file is not None else None, field=field).describe()
    return f"Waarschuwing in {where}: {message}" if where else f"Waarschuwing: {message}"


class SpecError(SleutelcursusError):
    """An exercise spec is malformed.

    :param source: the file (or plugin/dict) the spec came from
    :param field: dotted path of the field at fault, e.g. ``steps[2].choices[0].next``
    :param message: what is wrong and, where useful, what to do, in Dutch
    """

    exit_code = 2

    def __init__(self, source: str, field: str, message: str, *, row: int | None = None,
                 line: int | None = None) -> None:
        super().__init__(message, file=str(source), field=field or None, row=row, line=line)

    @property
    def source(self) -> str:
        return self.location.file or ""

    @property
    def field(self) -> str:
        return self.location.field or ""


class BuildError(SleutelcursusError):
    """The book could not be built; the previous output is left untouched."""

    exit_code = 1


class PluginError(SleutelcursusError):
    """A plugin failed: import error, raising hook, invalid or duplicate item."""

    exit_code = 2

    @classmethod
    def caused_by(cls, plugin: str, error: SleutelcursusError) -> "PluginError":
        """``error`` (a bad spec, a refused setting) as the fault of ``plugin``, its places kept."""
        where = error.location
        return cls(error.message, plugin=where.plugin or plugin, file=where.file, field=where.field,
                   row=where.row, line=where.line)
