"""Run Sphinx (through Jupyter Book's configuration) on a staged copy of the book.

The work folder keeps Sphinx's environment, the jupyter-cache of executed notebooks
and the last HTML, so a rebuild only redoes what changed. Sphinx never deletes the
output of a page that left the book, so when any staged file went (a removed module
or plugin, a replaced logo), the HTML, the environment and myst-nb's executed copies
start from empty; executed notebooks still come from the cache, which forgets the
notebooks that left the book once a build succeeded. The published output folder is
written by :func:`sleutelcursus.book.replace_dir` only after a build succeeded.
"""

from __future__ import annotations

import io
import os
import re
import shutil
import time
from dataclasses import dataclass, field
from pathlib import Path
from typing import Callable

from .notebook_failure import notebook_failure
from .reference_warnings import dutch_reference_warning
from .source import sync_tree
from ..errors import BuildError, PluginError

# "path:line: WARNING: text [type.subtype]" as Sphinx writes to its warning stream.
_MESSAGE = re.compile(r"^(?:(?P<loc>.+?): )?(?P<level>WARNING|ERROR|CRITICAL|SEVERE): (?P<text>.*)$")
# Where myst-nb writes executed notebooks and their images: beside the HTML folder
# (myst_nb.sphinx_ext.OUTPUT_FOLDER).
_EXECUTED = "jupyter_execute"
# MyST reports a page it cannot parse (unknown or broken directive, bad front matter)
# as a warning; the page would be published with content missing, so a build fails.
_CONTENT_TYPES = ("myst.directive", "myst.header", "myst.topmatter", "myst.role", "myst.substitution")


@dataclass
class Message:
    """One warning or error from Sphinx, with the location relative to the book and,
    for a plugin's page, that plugin and the page as it ships it."""

    level: str
    location: str
    text: str
    plugin: str | None = None
    shipped: str | None = None

    def attribute(self, origin: Callable[[str], tuple | None]) -> None:
        """Name the plugin and its own file when the location is a staged plugin page."""
        found = origin(self.path_and_line()[0]) if self.location else None
        if found is not None:
            module, page = found
            self.plugin, self.shipped = module.plugin, module.shipped(page)

    @property
    def breaks_page(self) -> bool:
        return self.level != "WARNING" or any(f"[{kind}" in self.text for kind in _CONTENT_TYPES)

    def path_and_line(self) -> tuple[str, int | None]:
        """``("course/x.md", 3)`` from Sphinx's ``course/x.md:3``."""
        path, _, line = self.location.rpartition(":")
        if path and line.isdigit():
            return path, int(line)
        return self.location, None

    def where(self) -> str:
        """``course/x.md (regel 3)`` from Sphinx's ``course/x.md:3``."""
        path, line = self.path_and_line()
        if self.plugin:
            path = f'plugin "{self.plugin}", {self.shipped}'
        return f"{path} (regel {line})" if line is not None else path

    def line(self) -> str:
        label = "Waarschuwing" if self.level == "WARNING" else "Fout"
        where = f" in {self.where()}" if self.location else ""
        return f"{label}{where}: {self.text}"


class _MessageStream(io.TextIOBase):
    """Sphinx's warning stream: parses each message, keeps the raw text for the log."""

    def __init__(self, source_root: Path, echo=None) -> None:
        self.root = str(source_root.resolve()) + "/"
        self.messages: list[Message] = []
        self.raw = io.StringIO()
        self.echo = echo

    def writable(self) -> bool:
        return True

    def write(self, text: str) -> int:
        self.raw.write(text)
        if self.echo is not None:
            self.echo.write(text)
        first = text.strip().splitlines()[0] if text.strip() else ""
        match = _MESSAGE.match(first)
        if match:
            location = (match["loc"] or "").replace(self.root, "")
            text = dutch_reference_warning(match["text"].replace(" [docutils]", "").strip())
            self.messages.append(Message(match["level"], location, text))
        return len(text)


@dataclass
class BuildResult:
    html: Path
    messages: list[Message] = field(default_factory=list)
    changed: list[str] = field(default_factory=list)
    seconds: float = 0.0

    @property
    def warnings(self) -> list[Message]:
        return [m for m in self.messages if m.level == "WARNING"]

    @property
    def pages(self) -> int:
        skip = {"search.html", "genindex.html"}
        return sum(1 for p in self.html.rglob("*.html") if p.name not in skip and "_static" not in p.parts)


def _failed_doc(app) -> str:
    env = getattr(app, "env", None)
    docname = env.temp_data.get("docname") if env is not None else None
    if not docname:
        return ""
    return env.doc2path(docname, False) if hasattr(env, "doc2path") else docname


def _mark_outdated(srcdir: Path, messages: list[Message]) -> None:
    # Sphinx has already stored the failed pages as read; a newer modification time
    # makes the next build read them again, so a failure repeats until it is fixed.
    paths = {srcdir / m.location.rpartition(":")[0] for m in messages if ":" in m.location}
    paths = {p for p in paths if p.is_file()} or {p for p in srcdir.rglob("*") if p.is_file()}
    for path in paths:
        os.utime(path)


def _forget_removed_notebooks(cache_path: Path, srcdir: Path, files: dict) -> None:
    """Drop the jupyter-cache entries of notebooks no longer in the book.

    Only after a build succeeded: a failed one leaves the work folder as it was.
    Entries of a page still in the book stay, old versions included.
    """
    from jupyter_cache import get_cache

    if not cache_path.is_dir():
        return
    current = {str((srcdir / rel).resolve()) for rel in files if rel.endswith(".ipynb")}
    cache = get_cache(cache_path)
    for record in cache.list_cache_records():
        if record.uri not in current:
            cache.remove_cache(record.pk)
    for record in cache.list_project_records():
        if record.uri not in current:
            cache.remove_nb_from_project(record.pk)


def run_sphinx(
    workdir: Path,
    files: dict[str, Path | bytes],
    *,
    verbose: bool = False,
    fresh: bool = False,
    origin: Callable[[str], tuple | None] = lambda rel: None,
) -> BuildResult:
    """Stage ``files`` in ``workdir/src`` and build HTML into ``workdir/html``.

    Raises :class:`BuildError` (one Dutch line) when Sphinx fails or reports a message
    that breaks a page; a notebook page that raises is a :class:`PluginError` when
    ``origin`` (staged path -> plugin module and page) names a plugin. Other warnings
    are returned for the caller to show or refuse. ``fresh`` reads every page again (so
    every warning is reported), while executed notebooks still come from the cache.
    """
    import sys

    from jupyter_book.config import get_final_config
    from sphinx import locale
    from sphinx.application import Sphinx
    from sphinx.util.docutils import docutils_namespace, patch_docutils

    from .sphinxext import toolkit_stamp

    from sphinx.util.console import nocolor

    nocolor()  # messages are parsed and shown as plain lines
    started = time.perf_counter()
    srcdir, outdir, doctrees = workdir / "src", workdir / "html", workdir / "doctrees"
    synced = sync_tree(files, srcdir)
    if synced.removed:
        # myst-nb's executed copies too (images are named by content, not by page):
        # every notebook page is read again and writes its own.
        for stale in (outdir, doctrees, workdir / _EXECUTED):
            shutil.rmtree(stale, ignore_errors=True)
    sphinx_config, _ = get_final_config(
        user_yaml=srcdir / "_config.yml", cli_config={"latex_individualpages": False}, sourcedir=srcdir, use_external_toc=True
    )
    sphinx_config.update(
        {
            "nb_execution_cache_path": str(workdir / "jupyter_cache"),
            "nb_execution_raise_on_error": True,
            "show_warning_types": True,
            "sleutelcursus_stamp": toolkit_stamp(),
        }
    )
    log = (workdir / "build.log").open("w", encoding="utf-8")
    messages = _MessageStream(srcdir, echo=sys.stderr if verbose else None)
    status = sys.stdout if verbose else log
    app = None
    # Sphinx keeps the translations in one registry per process and each build adds its
    # catalogs behind the earlier ones (sphinx.locale.init), so a second build would
    # still answer from the first one's; an empty registry starts it as a new process.
    locale.translators.clear()
    try:
        with patch_docutils(srcdir), docutils_namespace():
            app = Sphinx(
                srcdir=str(srcdir),
                confdir=None,  # the whole configuration comes from _config.yml
                outdir=str(outdir),
                doctreedir=str(doctrees),
                buildername="html",
                confoverrides=sphinx_config,
                status=status,
                warning=messages,
                freshenv=fresh,
                warningiserror=False,
                keep_going=True,
            )
            app.build(force_all=False)
    except BuildError:
        raise
    except Exception as exc:  # Sphinx, an extension or a notebook failed
        _mark_outdated(srcdir, messages.messages)
        failed_notebook = notebook_failure(exc, srcdir, origin, log)
        if failed_notebook is not None:
            raise failed_notebook from exc
        where = _failed_doc(app)
        reason = str(exc).strip().splitlines()[0] if str(exc).strip() else type(exc).__name__
        raise BuildError(f"bouwen mislukt: {reason}", file=where or None) from exc
    finally:
        log.write(messages.raw.getvalue())
        log.close()
    for message in messages.messages:
        message.attribute(origin)
    result = BuildResult(outdir, messages.messages, synced.changed, time.perf_counter() - started)
    broken = [m for m in result.messages if m.breaks_page]
    if broken or (app is not None and app.statuscode):
        _mark_outdated(srcdir, broken)
        if not broken:
            raise BuildError(f"bouwen mislukt; Sphinx meldde een fout (zie {workdir / 'build.log'}).")
        first = broken[0]
        path, line = first.path_and_line()
        extra = f" (en nog {len(broken) - 1} fout(en), zie {workdir / 'build.log'})" if len(broken) > 1 else ""
        if first.plugin:
            raise PluginError(f"bouwen mislukt: {first.text}{extra}", plugin=first.plugin, file=first.shipped, line=line)
        raise BuildError(f"bouwen mislukt: {first.text}{extra}", file=path or None, line=line)
    _forget_removed_notebooks(workdir / "jupyter_cache", srcdir, files)
    return result
