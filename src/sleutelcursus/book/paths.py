"""The learning paths: which pages of the built book each path holds, in the book's order.

The national pages' paths come from ``course/leerpaden.yml``; a municipality module's
pages belong to the paths its plugin gave when registering it (default: all), and
take the time it gave per page (default: none, "eigen tempo"). From
this the start page gets its table, every page its "Vorige/Volgende in jouw leerpad"
links (:mod:`sleutelcursus.book.sphinxext`), and the progress page its overview.
"""

from __future__ import annotations

import json
import re
from pathlib import Path

from ..errors import BuildError
from ..plugins.registry import LEARNING_PATHS, Module
from .source import load_yaml

PATHS_FILE = "course/leerpaden.yml"
# Included by the start page (``{include}``); not a page of its own.
TABLE_FILE = "course/_leerpaden-tabel.md"
# The start page's table of which exercise counts on which path; included there too.
EXERCISE_TABLE_FILE = "course/_oefeningen-tabel.md"
# Whom a path is for, as the "Leerpad" box under a chapter's title names them.
_AUDIENCES = {"ambtenaar": "ambtenaren", "sleutelpersoon": "sleutelpersonen"}
# That box: the page's first block after its title (and an optional label).
_LEERPAD_BOX = re.compile(r"\A(?:\(.+\)=\s*\n)?#\s+[^\n]+\n\s*```\{admonition\} Leerpad\n(?::[\w-]+:[^\n]*\n)*([^\n]+)\n```")
# A notebook page shows an exercise with ``exercise("<id>")`` in a code cell.
_EXERCISE_CALL = re.compile(r"""\bexercise\(\s*["']([A-Za-z0-9_-]+)["']""")


def _fail(field: str, message: str) -> BuildError:
    return BuildError(message, file=PATHS_FILE, field=field)


def load_path_file(path: Path) -> tuple[dict[str, str], dict[str, dict]]:
    """Path titles (id -> title) and, per page, its paths, time and whether it is a knowledge check."""
    data = load_yaml(path) or {}
    titles = data.get("leerpaden") or {}
    if set(titles) != set(LEARNING_PATHS) or not all(isinstance(t, str) and t for t in titles.values()):
        raise _fail("leerpaden", f"geef precies deze leerpaden een titel: {', '.join(LEARNING_PATHS)}.")
    pages = {}
    for doc, entry in (data.get("paginas") or {}).items():
        entry = entry or {}
        paths = entry.get("leerpaden") or []
        if not paths or any(name not in titles for name in paths):
            raise _fail(f"paginas.{doc}.leerpaden", f"kies uit {', '.join(LEARNING_PATHS)}.")
        pages[doc] = {"paths": list(paths), "time": str(entry.get("tijd") or ""), "check": bool(entry.get("kennischeck"))}
    return {name: titles[name] for name in LEARNING_PATHS}, pages


def audience_line(paths) -> str:
    """The line a chapter's "Leerpad" box holds for the paths it is on, e.g.
    ``"Voor: ambtenaren en sleutelpersonen"``."""
    return "Voor: " + " en ".join(_AUDIENCES[name] for name in LEARNING_PATHS if name in paths)


def audience_of(source: str) -> str | None:
    """The "Voor: ..." line of a Markdown page's "Leerpad" box, or None without one.

    National chapters write the box by hand and the project's tests compare it with
    ``course/leerpaden.yml``; the tests ``sleutelcursus new-plugin`` writes compare a
    module's box with its ``learning_paths``.
    """
    match = _LEERPAD_BOX.search(source.lstrip())
    return match.group(1).strip() if match else None


def exercises_on(content: Path | bytes) -> list[str]:
    """The exercise ids a notebook page shows, in order (none for a Markdown page)."""
    raw = content.read_bytes() if isinstance(content, Path) else content
    try:
        cells = json.loads(raw).get("cells", [])
    except (ValueError, AttributeError):
        return []
    found: list[str] = []
    for cell in cells:
        if cell.get("cell_type") == "code":
            for exercise_id in _EXERCISE_CALL.findall("".join(cell.get("source", []))):
                if exercise_id not in found:
                    found.append(exercise_id)
    return found


def course_map(docs: list[str], staged: dict, module_docs: dict[str, tuple[Module, Path]]) -> dict:
    """What the browser needs to guide a trainee, kept in the Sphinx config.

    ``{"titles": {path: title}, "pages": [{"doc", "paths", "time", "check", "exercises"}]}``,
    pages in book order: every page that is on at least one path.
    """
    titles, national = load_path_file(Path(staged[PATHS_FILE]))
    pages = []
    for doc in docs:
        if doc in national:
            entry = dict(national[doc])
        elif doc in module_docs:
            module, page = module_docs[doc]
            entry = {"paths": list(module.learning_paths), "time": module.times.get(page, ""), "check": False}
        else:
            continue
        source = staged.get(f"{doc}.ipynb")
        entry["exercises"] = exercises_on(source) if source is not None else []
        pages.append({"doc": doc, **entry})
    unknown = sorted(set(national) - set(docs))
    if unknown:
        raise _fail(f"paginas.{unknown[0]}", "deze pagina staat niet in het boek (_toc.yml).")
    return {"titles": titles, "pages": pages}


def on_path(spec: dict | None, path: str) -> bool:
    """Whether a path counts an exercise shown on one of its pages.

    An exercise is written for everyone (no ``perspectief``) or for one path: a page
    may hold one exercise per path (the knowledge checks), and each path counts its
    own. The progress page, the "Vorige/Volgende" data and the start page's exercise
    table all ask this one question.
    """
    return (spec or {}).get("perspectief") in (None, path)


def path_table(cmap: dict, from_doc: str) -> str:
    """The start page's table in MyST Markdown: every page of each path, phase pages included."""
    base = Path(from_doc).parent
    names = list(cmap["titles"])
    header = ["Pagina", *(cmap["titles"][name] for name in names), "Tijd"]
    lines = ["| " + " | ".join(header) + " |", "|" + "---|" * len(header)]
    for page in cmap["pages"]:
        rel = Path(page["doc"]).relative_to(base).as_posix()
        marks = ["ja" if name in page["paths"] else "nee" for name in names]
        lines.append("| " + " | ".join([f"{{doc}}`{rel}`", *marks, page["time"] or "eigen tempo"]) + " |")
    return "\n".join(lines) + "\n"


def exercise_table(cmap: dict, from_doc: str) -> str:
    """The start page's table in MyST Markdown: every exercise on a path's page, and
    which path counts it (:func:`on_path`)."""
    base = Path(from_doc).parent
    names = list(cmap["titles"])
    specs = cmap.get("specs", {})
    header = ["Oefening", "Hoofdstuk", *(cmap["titles"][name] for name in names)]
    lines = ["| " + " | ".join(header) + " |", "|" + "---|" * len(header)]
    for page in cmap["pages"]:
        rel = Path(page["doc"]).relative_to(base).as_posix()
        for exercise_id in page["exercises"]:
            if exercise_id not in specs:
                continue
            spec = specs[exercise_id]
            marks = ["ja" if name in page["paths"] and on_path(spec, name) else "nee" for name in names]
            lines.append("| " + " | ".join([spec["title"], f"{{doc}}`{rel}`", *marks]) + " |")
    return "\n".join(lines) + "\n"
