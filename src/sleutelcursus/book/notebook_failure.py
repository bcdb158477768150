"""A notebook page that raised while the build executed it, told as one Dutch line.

myst-nb raises ``ExecutionError(<path of the staged copy>)`` from nbclient's
``CellExecutionError`` (exception type, message, the cell's source and the traceback).
The user needs none of the staging: the line names the page as it is shipped (for a
plugin's page: the plugin and its path in the plugin), the cell and the exception; the
traceback goes to build.log.
"""

from __future__ import annotations

import json
import re
from pathlib import Path
from typing import Callable

from ..errors import BuildError, PluginError, SleutelcursusError

_HEADER = "An error occurred while executing the following cell:\n------------------\n"
_ANSI = re.compile(r"\x1b\[[0-9;]*[A-Za-z]")


def _chain(exc: BaseException):
    seen = set()
    while exc is not None and id(exc) not in seen:
        seen.add(id(exc))
        yield exc
        exc = exc.__cause__ or exc.__context__


def _cell_number(notebook: Path, report: str) -> int | None:
    # nbclient quotes the failing cell's source; its position (from 1, all cells
    # counted, as a reader counts them in Jupyter) is what the user can find.
    if not report.startswith(_HEADER):
        return None
    body = report[len(_HEADER):]
    cells = json.loads(notebook.read_text(encoding="utf-8")).get("cells", [])
    for number, cell in enumerate(cells, start=1):
        source = cell.get("source", "")
        source = "".join(source) if isinstance(source, list) else source
        if cell.get("cell_type") == "code" and body.startswith(source + "\n------------------"):
            return number
    return None


def notebook_failure(
    exc: BaseException, srcdir: Path, origin: Callable[[str], tuple | None], log
) -> SleutelcursusError | None:
    """The error to show for ``exc`` when it is a notebook that raised, else None.

    :param origin: staged path -> (plugin module, page as shipped), None for the course's own pages
    :param log: build.log, open for writing: the traceback goes there
    """
    chain = list(_chain(exc))
    execution = next((e for e in chain if type(e).__name__ == "ExecutionError"), None)
    cell_error = next((e for e in chain if hasattr(e, "ename") and hasattr(e, "evalue")), None)
    if execution is None or cell_error is None:
        return None
    staged = Path(str(execution))
    try:
        rel = staged.resolve().relative_to(srcdir.resolve()).as_posix()
    except ValueError:
        rel = staged.name
    report = _ANSI.sub("", str(cell_error))
    log.write(f"\nDe pagina {rel} gaf een fout bij het uitvoeren:\n{report}\n")
    number = _cell_number(staged, report) if staged.is_file() else None
    cell = f" van cel {number}" if number is not None else ""
    evalue = str(cell_error.evalue).strip().splitlines()
    message = (f"de pagina gaf een fout bij het uitvoeren{cell} ({cell_error.ename}"
               f"{': ' + evalue[0] if evalue else ''}); de hele foutmelding staat in {srcdir.parent / 'build.log'}.")
    found = origin(rel)
    if found is None:
        return BuildError(message, file=rel)
    module, path = found
    return PluginError(message, plugin=module.plugin, file=module.shipped(path))
