"""Workshop notebooks as slides and a printable handout, fully offline.

``sleutelcursus export-workshop`` runs a copy of a workshop notebook (so exercises
start empty and the group picture is current) and renders it with nbconvert through
the templates in ``workshop/templates/``. Each export is ONE self-contained HTML file:
it works from a web server, from an e-mail attachment and from a USB stick alike, and
asks nothing from outside the file.

How the exercises run there, just as in the book: the widget state is embedded with
``_esm``/``_css`` stripped (:func:`sleutelcursus.hosting.host_widget_state`), our
static host (``exercises/frontend/host.js``) runs as an inline module, and the exercise modules
it imports next to the page are mapped onto ``data:`` URLs by an import map, since
browsers refuse module files from ``file://``. nbconvert's own CDN scripts (require.js,
the widget html-manager, MathJax, mermaid, reveal.js from unpkg) are left out by the
templates.

The slides use nbconvert's reveal.js cell markup (slide, subslide, fragment, notes)
but our own small ``dia.js``, not reveal.js: reveal.js takes every ``<section>`` inside
its slides for a slide and makes it ``inert``, and the composition and scenario
exercises render ``<section>`` elements of their own.

Cells tagged ``trainer`` hold notes for the trainer: speaker notes in the slides (key
``s``), left out of the handout. Code is never shown, only its output.

On paper, the handout shows every exercise whole: no scroll box or clipped content
(``hand-out.css``, ``@media print``), and a scenario, which on screen shows one step at
a time, is followed by all its steps and choices in print (:func:`paper_scenarios`).
"""

from __future__ import annotations

import base64
import json
import os
import re
import subprocess
import tempfile
from pathlib import Path

from ..errors import SleutelcursusError
from ..exercises.single_module import single_module
from ..hosting import FRONTEND, HOST_MODULES, WIDGET_STATE, exercise_models, host_stylesheets, host_widget_state

TEMPLATES = Path(__file__).resolve().parent / "templates"
DEFAULT_OUT = Path("_build") / "workshops"
TRAINER_TAG = "trainer"
TIMEOUT = 180
# Text that would end (or, in a script, confuse) an inline element early.
_UNSAFE_INLINE = {
    "script": re.compile(r"</script|<!--", re.IGNORECASE),
    "style": re.compile(r"</style", re.IGNORECASE),
}


class ExportError(SleutelcursusError):
    """A workshop notebook could not be exported: one Dutch line, nothing written.

    Exit code 2 for a wrong argument (no such notebook, not a notebook), else 1.
    """


# Export format -> its nbconvert template (in TEMPLATES; the template's own stylesheet
# is <format>.css there). The format's name is also the file-name suffix.
FORMATS = {"dia": "sleutelcursus-dia", "hand-out": "sleutelcursus-hand-out"}


def read_notebook(path: str | Path):
    """Read a notebook file, or raise one Dutch line (exit code 2) saying why not."""
    import nbformat

    path = Path(path)
    if not path.is_file():
        raise ExportError("notebook bestaat niet.", file=path, exit_code=2)
    try:
        notebook = nbformat.read(path, as_version=4)
    except Exception:  # nbformat raises many types for "not a notebook"
        raise ExportError("geen Jupyter-notebook (.ipynb).", file=path, exit_code=2) from None
    if not isinstance(notebook.get("cells"), list):
        raise ExportError("geen Jupyter-notebook (.ipynb).", file=path, exit_code=2)
    return notebook


def execute(notebook, folder: Path, source: Path):
    """Run ``notebook`` in ``folder`` with the widget state stored; return it.

    :raises ExportError: naming the cell that failed, or the missing kernel
    """
    from jupyter_client.kernelspec import NoSuchKernel
    from nbclient import NotebookClient
    from nbclient.exceptions import CellExecutionError, CellTimeoutError, DeadKernelError

    client = NotebookClient(
        notebook,
        timeout=TIMEOUT,
        kernel_name=notebook.metadata.get("kernelspec", {}).get("name", "python3"),
        resources={"metadata": {"path": str(folder)}},
        store_widget_state=True,
    )
    try:
        # The kernel's own log (e.g. "running over TCP without encryption") is noise
        # to a trainer; cell errors arrive as messages and are reported below.
        client.execute(stderr=subprocess.DEVNULL)
    except CellExecutionError as error:
        number = next(
            (i + 1 for i, cell in enumerate(notebook.cells)
             if any(out.get("output_type") == "error" for out in cell.get("outputs", []))),
            "?",
        )
        raise ExportError(
            f"cel {number} geeft een fout ({error.ename}: {error.evalue}); "
            "verbeter de cel in Jupyter en exporteer opnieuw.",
            file=source,
        ) from None
    except CellTimeoutError:
        raise ExportError(f"een cel duurt langer dan {TIMEOUT} seconden.", file=source) from None
    except NoSuchKernel as error:
        raise ExportError(f"de kernel {error.name!r} van dit notebook is niet geïnstalleerd.", file=source) from None
    except DeadKernelError:
        raise ExportError("de kernel is gestopt tijdens het uitvoeren.", file=source) from None
    return notebook


def for_format(notebook, fmt: str):
    """A copy of ``notebook`` for one export format: trainer cells as notes, or left out."""
    import copy

    copied = copy.deepcopy(notebook)
    cells = []
    for cell in copied.cells:
        if TRAINER_TAG in cell.get("metadata", {}).get("tags", []):
            if fmt == "hand-out":
                continue
            cell.metadata.setdefault("slideshow", {})["slide_type"] = "notes"
        cells.append(cell)
    copied.cells = cells
    return copied


def offline_state(notebook) -> set[str]:
    """Strip the saved widget state for the static host, as the book does; return the kinds used."""
    widgets = notebook.metadata.get("widgets", {})
    if WIDGET_STATE not in widgets:
        return set()
    state, kinds = host_widget_state(widgets[WIDGET_STATE])
    widgets[WIDGET_STATE] = state
    return set(kinds.values())


def paper_scenarios(notebook) -> dict[str, dict]:
    """Model id -> spec of each scenario exercise, for the printed list of all its steps."""
    state = notebook.metadata.get("widgets", {}).get(WIDGET_STATE, {})
    return {
        model_id: state["state"][model_id]["state"]["spec"]
        for model_id, kind in exercise_models(state).items() if kind == "scenario"
    }


def _inline(text: str, name: str, element: str) -> str:
    # Guard for files placed inside <script>/<style>: a future edit that breaks this
    # fails here, in the tests, and not silently in a trainer's browser.
    if _UNSAFE_INLINE[element].search(text):
        raise ExportError(f"kan niet in een <{element}>-element: het bevat tekst die dat element afsluit.", file=name)
    return text


def _module_url(name: str) -> str:
    # A data: URL has no folder for a module's own imports: they come inline.
    return "data:text/javascript;charset=utf-8;base64," + base64.b64encode(single_module(name).encode("utf-8")).decode("ascii")


def _read(path: Path) -> str:
    return _inline(path.read_text(encoding="utf-8"), path.name, "style" if path.suffix == ".css" else "script")


def assets(fmt: str, kinds: set[str]) -> dict:
    """The parts the ``fmt`` template puts inline: stylesheets, import map, host, slide script.

    :param kinds: the exercise kinds on the page (their modules and stylesheets)
    """
    template_dir = TEMPLATES / FORMATS[fmt]
    styles = [_read(template_dir / f"{fmt}.css")]
    styles += [_read(FRONTEND / f"{name}.css") for name in (host_stylesheets(kinds) if kinds else [])]
    # host.js imports ./<kind>.js and its own helpers relative to itself; inline, "itself" is the page.
    names = [*sorted(kinds), *(HOST_MODULES if kinds else ())]
    imports = {f"./{name}.js": _module_url(name) for name in names}
    return {
        "styles": styles,
        "importmap": json.dumps({"imports": imports}),
        "host": _read(FRONTEND / "host.js") if kinds else "",
        "scripts": [_read(template_dir / "dia.js")] if fmt == "dia" else [],
    }


def render(notebook, fmt: str, name: str) -> str:
    """The HTML of one export format of an executed notebook."""
    from nbconvert import HTMLExporter, SlidesExporter

    prepared = for_format(notebook, fmt)
    paper = paper_scenarios(prepared) if fmt == "hand-out" else {}
    kinds = offline_state(prepared)
    exporter_class = SlidesExporter if fmt == "dia" else HTMLExporter
    exporter = exporter_class(
        template_name=FORMATS[fmt],
        extra_template_basedirs=[str(TEMPLATES)],
        extra_template_paths=[str(TEMPLATES)],
        exclude_input=True,
        exclude_input_prompt=True,
        exclude_output_prompt=True,
        language_code="nl",
    )
    resources = {"metadata": {"name": name}, "sleutelcursus": {**assets(fmt, kinds), "paper": paper}}
    body, _ = exporter.from_notebook_node(prepared, resources=resources)
    return body


def output_names(notebook: Path, formats: list[str]) -> dict[str, str]:
    """File name of each export: ``<notebook>-dia.html``, ``<notebook>-hand-out.html``."""
    return {fmt: f"{notebook.stem}-{fmt}.html" for fmt in formats}


def export_workshop(notebook: str | Path, out: str | Path | None = None, formats: list[str] | None = None) -> list[Path]:
    """Export a workshop notebook; return the files written.

    Every file is rendered before any is written, and each is moved into ``out`` in
    one step, so a failed export leaves ``out`` as it was. Other files in ``out`` are
    never touched.

    :param notebook: the ``.ipynb`` file; it is run in its own folder, the file itself
        is not changed
    :param out: folder for the HTML files (made when missing; default ``_build/workshops``)
    :param formats: ``"dia"`` and/or ``"hand-out"`` (default: both)
    :raises ExportError: one Dutch line; exit code 2 for a missing or invalid notebook
    """
    source = Path(notebook)
    formats = list(formats or FORMATS)
    unknown = [fmt for fmt in formats if fmt not in FORMATS]
    if unknown:
        raise ExportError(f"onbekende soort {unknown[0]!r}; kies uit {', '.join(FORMATS)}.", exit_code=2)
    executed = execute(read_notebook(source), source.resolve().parent, source)
    pages = {name: render(executed, fmt, source.stem) for fmt, name in output_names(source, formats).items()}
    out = Path(out or DEFAULT_OUT)
    try:
        out.mkdir(parents=True, exist_ok=True)
        with tempfile.TemporaryDirectory(dir=out, prefix=".export-") as tmp:
            for name, html in pages.items():
                (Path(tmp) / name).write_text(html, encoding="utf-8")
            for name in pages:
                os.replace(Path(tmp) / name, out / name)
    except OSError as exc:
        raise ExportError(f"kan niet schrijven naar {out} ({exc.strerror}).") from None
    return [out / name for name in pages]
