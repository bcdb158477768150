"""Turn the national book plus what plugins registered into the files to build.

The result maps paths inside the staged book to their content (a source path or
bytes); :func:`sleutelcursus.book.sync_tree` writes it to the work folder.
"""

from __future__ import annotations

import copy
import hashlib
import json
from pathlib import Path

import nbformat
import yaml

from .source import book_files, load_yaml
from .contact_page import contact_page
from .paths import EXERCISE_TABLE_FILE, PATHS_FILE, TABLE_FILE, course_map, exercise_table, path_table
from .progress_page import PROGRESS_DOC, progress_page
from ..errors import BuildError, PluginError
from ..exercises.spec_reference import REFERENCE_DOC, reference_page
from ..plugins.registry import Module, Registry
from .statement import STATEMENT_DOC, load_results, statement_page

LOCAL_DIR = "course/lokaal"
LOCAL_CAPTION = "Lokaal"
CONTACT_DOC = "course/contact"
LOCAL_MODULES_DOC = "course/gemeenten/lokale-modules"
# Cell ids the staging gives cells that have none (see _staged_notebook).
_CELL_ID_PREFIX = "sleutelcursus-cel-"


def _entries(node) -> list[dict]:
    """Every toc entry (chapters and sections, at any depth) below ``node``."""
    found = []
    for key in ("parts", "chapters", "sections"):
        for child in node.get(key, []) or []:
            found.append(child)
            found.extend(_entries(child))
    return found


def _part_of(toc: dict, docname: str) -> dict | None:
    for part in toc.get("parts", []) or []:
        if any(entry.get("file") == docname for entry in _entries(part)):
            return part
    return None


def module_pages(module: Module) -> list[tuple[str, Path]]:
    """(path in the staged book, page the plugin ships) for each page of ``module``."""
    folder = f"{LOCAL_DIR}/{module.id}"
    pages = []
    for index, path in enumerate([module.page, *module.pages]):
        rel = f"{folder}/{'index' if index == 0 else path.stem}{path.suffix}"
        if any(rel == taken for taken, _ in pages):
            raise PluginError(f"module {module.id!r} heeft twee pagina's met de naam {path.name}.", plugin=module.plugin)
        pages.append((rel, path))
    return pages


def page_origins(registry: Registry) -> dict[str, tuple[Module, Path]]:
    """Staged path -> (module, page as shipped) of every plugin page, for error messages."""
    return {rel: (module, path) for module in registry.modules for rel, path in module_pages(module)}


def _module_entry(module: Module, staged: dict[str, Path | bytes]) -> dict:
    docs = []
    for rel, path in module_pages(module):
        staged[rel] = path
        docs.append(rel.rsplit(".", 1)[0])
    entry: dict = {"file": docs[0], "title": module.title}
    if docs[1:]:
        entry["sections"] = [{"file": doc} for doc in docs[1:]]
    return entry


def _siblings(node: dict, docname: str) -> list[dict] | None:
    """The list (chapters or sections, at any depth) holding the entry ``docname``."""
    for key in ("chapters", "sections"):
        children = node.get(key) or []
        if any(child.get("file") == docname for child in children):
            return children
        for child in children:
            found = _siblings(child, docname)
            if found is not None:
                return found
    return None


def _place(toc: dict, module: Module, entry: dict) -> bool:
    """Put ``entry`` where the module asked; False when the book has no such phase."""
    place, before = (module.before, True) if module.before else (module.after, False)
    phase, _, chapter = place.partition("/")
    part = _part_of(toc, f"course/{phase}/index")
    if part is None:
        return False
    if not chapter:
        chapters = part.setdefault("chapters", [])
        chapters.insert(0 if before else len(chapters), entry)
        return True
    anchor = f"course/{phase}/{chapter}"
    siblings = _siblings(part, anchor)
    if siblings is None:
        known = ", ".join(e["file"].removeprefix("course/") for e in _entries(part) if "file" in e
                          and e["file"].startswith(f"course/{phase}/"))
        raise PluginError(f"module {module.id!r}: {'before' if before else 'after'}={place!r}: dat hoofdstuk "
                          f"bestaat niet; kies uit {known}.", plugin=module.plugin)
    index = next(i for i, e in enumerate(siblings) if e.get("file") == anchor)
    siblings.insert(index if before else index + 1, entry)
    return True


def _insert_modules(toc: dict, registry: Registry, staged: dict) -> None:
    local: list[dict] = []
    for module in registry.modules:
        entry = _module_entry(module, staged)
        placed = (module.after or module.before) and _place(toc, module, entry)
        if placed:
            continue
        if (module.after or module.before) and "chapters" in toc:
            # A book without phases (a test or trial book): chapters in module order.
            toc["chapters"].append(entry)
        else:
            local.append(entry)
    if not local:
        return
    if "parts" in toc:
        after = _part_of(toc, "course/fase-3/index")
        position = toc["parts"].index(after) + 1 if after is not None else len(toc["parts"])
        toc["parts"].insert(position, {"caption": LOCAL_CAPTION, "chapters": local})
    else:
        toc.setdefault("chapters", []).extend(local)


def _insert_after(toc: dict, anchor: str, docname: str) -> None:
    """Put ``docname`` right after the chapter ``anchor``, or at the end of the book."""
    entry = {"file": docname}
    part = _part_of(toc, anchor)
    chapters = part.get("chapters", []) if part is not None else []
    index = next((i for i, c in enumerate(chapters) if c.get("file") == anchor), None)
    if index is not None:
        chapters.insert(index + 1, entry)
    elif toc.get("parts"):
        toc["parts"][-1].setdefault("chapters", []).append(entry)
    else:
        toc.setdefault("chapters", []).append(entry)


def _docs(toc: dict) -> list[str]:
    """Every page of the book, as doc names in table-of-contents order."""
    return [toc["root"], *(entry["file"] for entry in _entries(toc) if "file" in entry)]


def _module_docs(registry: Registry) -> dict[str, tuple[Module, Path]]:
    """Doc name -> the module and page as shipped, for every page of every module."""
    return {rel.rsplit(".", 1)[0]: origin for rel, origin in page_origins(registry).items()}


def _add_paths(toc: dict, staged: dict, registry: Registry, config: dict) -> None:
    """The learning paths: the start page's table, the progress page, the data for the browser."""
    if PATHS_FILE not in staged:  # a trial book without learning paths
        return
    _insert_after(toc, CONTACT_DOC, PROGRESS_DOC)
    cmap = course_map(_docs(toc), staged, _module_docs(registry))
    ids = {exercise_id for page in cmap["pages"] for exercise_id in page["exercises"]}
    cmap["specs"] = {exercise_id: registry.exercises[exercise_id] for exercise_id in sorted(ids) if exercise_id in registry.exercises}
    cmap["title"] = config.get("title", "")
    cmap["root"] = toc["root"]
    staged[TABLE_FILE] = path_table(cmap, toc["root"]).encode("utf-8")
    staged[EXERCISE_TABLE_FILE] = exercise_table(cmap, toc["root"]).encode("utf-8")
    staged[f"{PROGRESS_DOC}.md"] = progress_page().encode("utf-8")
    # A Sphinx setting: when the paths change, Sphinx rewrites every page.
    config.setdefault("sphinx", {}).setdefault("config", {})["sleutelcursus_leerpaden"] = cmap


def _staged_notebook(path: Path, stamp: str) -> bytes:
    """The notebook as staged: valid for nbformat, stamped for jupyter-cache.

    A notebook written by hand or by an older tool may lack the cell ids nbformat 4.5
    requires (nbformat warns in English, and its later versions refuse it). Missing
    ids are filled in from the cell's position, not nbformat's random ones: the same
    source stages the same bytes, so an unchanged page is not read again. The
    plugin's own file is left as it is.
    """
    try:
        # Read without validating: validation is what warns about the missing ids.
        notebook = nbformat.reader.reads(path.read_text(encoding="utf-8"))
    except (ValueError, nbformat.ValidationError):  # not JSON, or not a notebook nbformat reads
        raise BuildError("geen geldig notebook: open en bewaar het opnieuw in Jupyter.", file=path) from None
    # An old (v3) notebook gets nbformat's random ids from the upgrade: rare enough
    # not to matter that such a page is read again on every build.
    notebook = nbformat.convert(notebook, 4)
    if notebook.nbformat_minor >= 5:
        for index, cell in enumerate(notebook.cells):
            cell.setdefault("id", f"{_CELL_ID_PREFIX}{index}")
    _, notebook = nbformat.validator.normalize(notebook)
    # jupyter-cache keys a notebook on its code cells, metadata included: the stamp
    # re-executes a page when an exercise spec it may show has changed.
    for cell in notebook.cells:
        if cell.cell_type == "code" and "sleutelcursus" in cell.source:
            cell.metadata["sleutelcursus"] = {"oefeningen": stamp}
    return nbformat.writes(notebook).encode("utf-8")


def assemble(source: Path, registry: Registry) -> dict[str, Path | bytes]:
    """The staged book: national files, plugin modules, generated pages, final config."""
    staged: dict[str, Path | bytes] = dict(book_files(source))
    toc = load_yaml(Path(staged["_toc.yml"]))
    config = copy.deepcopy(registry.config) if registry.config is not None else load_yaml(Path(staged["_config.yml"])) or {}
    _insert_modules(toc, registry, staged)
    if f"{LOCAL_MODULES_DOC}.md" in staged:
        # The spec reference belongs with the chapter for municipalities, regenerated
        # from the shipped schemas on every build.
        staged[f"{REFERENCE_DOC}.md"] = reference_page().encode("utf-8")
        _insert_after(toc, LOCAL_MODULES_DOC, REFERENCE_DOC)
    staged[f"{CONTACT_DOC}.md"] = contact_page(registry.contacts).encode("utf-8")
    _insert_after(toc, "course/bronnen", CONTACT_DOC)
    _add_paths(toc, staged, registry, config)
    staged[f"{STATEMENT_DOC}.md"] = statement_page(load_results(), _docs(toc)).encode("utf-8")
    _insert_after(toc, CONTACT_DOC, STATEMENT_DOC)
    staged["_toc.yml"] = yaml.safe_dump(toc, allow_unicode=True, sort_keys=False).encode("utf-8")
    logo = config.get("logo")
    if logo and Path(logo).is_absolute():
        staged[f"_logo/{Path(logo).name}"] = Path(logo)
        config["logo"] = f"_logo/{Path(logo).name}"
    staged["_config.yml"] = yaml.safe_dump(config, allow_unicode=True, sort_keys=False).encode("utf-8")
    stamp = hashlib.sha256(json.dumps(registry.exercises, sort_keys=True).encode("utf-8")).hexdigest()[:16]
    for rel, content in list(staged.items()):
        if rel.endswith(".ipynb") and isinstance(content, Path):
            staged[rel] = _staged_notebook(content, stamp)
    return staged
