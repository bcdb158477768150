"""Turn the national book plus what plugins registered into the files to build.

The result maps paths inside the staged book to their content (a source path or
bytes); :func:`sleutelcursus.book.sync_tree` writes it to the work folder.
"""

from __future__ import annotations

import copy
import hashlib
import json
from pathlib import Path

import yaml

from .source import book_files
from .contact_page import contact_page
from ..errors import PluginError
from ..plugins.registry import Module, Registry
from .statement import STATEMENT_DOC, load_results, statement_page

LOCAL_DIR = "course/lokaal"
LOCAL_CAPTION = "Lokaal"
CONTACT_DOC = "course/contact"


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


def _module_entry(module: Module, staged: dict[str, Path | bytes]) -> dict:
    folder = f"{LOCAL_DIR}/{module.id}"
    docs = []
    for index, path in enumerate([module.page, *module.pages]):
        stem = "index" if index == 0 else path.stem
        rel = f"{folder}/{stem}{path.suffix}"
        if rel in staged:
            raise PluginError(f"module {module.id!r} heeft twee pagina's met de naam {path.name}.", plugin=module.plugin)
        staged[rel] = path
        docs.append(f"{folder}/{stem}")
    entry: dict = {"file": docs[0], "title": module.title}
    if docs[1:]:
        entry["sections"] = [{"file": doc} for doc in docs[1:]]
    return entry


def _insert_modules(toc: dict, registry: Registry, staged: dict) -> None:
    local: list[dict] = []
    for module in registry.modules:
        entry = _module_entry(module, staged)
        part = _part_of(toc, f"course/{module.after}/index") if module.after else None
        if part is not None:
            part.setdefault("chapters", []).append(entry)
        elif module.after and "chapters" in toc:
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


def _stamp_notebook(path: Path, stamp: str) -> bytes:
    # jupyter-cache keys a notebook on its code cells, metadata included: the stamp
    # re-executes a page when an exercise spec it may show has changed.
    notebook = json.loads(path.read_text(encoding="utf-8"))
    for cell in notebook.get("cells", []):
        if cell.get("cell_type") == "code" and "sleutelcursus" in "".join(cell.get("source", [])):
            cell.setdefault("metadata", {})["sleutelcursus"] = {"oefeningen": stamp}
    return (json.dumps(notebook, ensure_ascii=False, indent=1) + "\n").encode("utf-8")


def assemble(source: Path, registry: Registry) -> dict[str, Path | bytes]:
    """The staged book: national files, plugin modules, contact and statement pages, final config."""
    staged: dict[str, Path | bytes] = dict(book_files(source))
    toc = yaml.safe_load(Path(staged["_toc.yml"]).read_text(encoding="utf-8"))
    _insert_modules(toc, registry, staged)
    staged[f"{CONTACT_DOC}.md"] = contact_page(registry.contacts).encode("utf-8")
    _insert_after(toc, "course/bronnen", CONTACT_DOC)
    staged[f"{STATEMENT_DOC}.md"] = statement_page(load_results(), _docs(toc)).encode("utf-8")
    _insert_after(toc, CONTACT_DOC, STATEMENT_DOC)
    staged["_toc.yml"] = yaml.safe_dump(toc, allow_unicode=True, sort_keys=False).encode("utf-8")
    if registry.config is not None:
        config = copy.deepcopy(registry.config)
        logo = config.get("logo")
        if logo and Path(logo).is_absolute():
            staged[f"_logo/{Path(logo).name}"] = Path(logo)
            config["logo"] = f"_logo/{Path(logo).name}"
        staged["_config.yml"] = yaml.safe_dump(config, allow_unicode=True, sort_keys=False).encode("utf-8")
    stamp = hashlib.sha256(json.dumps(registry.exercises, sort_keys=True).encode("utf-8")).hexdigest()[:16]
    for rel, content in list(staged.items()):
        if rel.endswith(".ipynb") and isinstance(content, Path):
            staged[rel] = _stamp_notebook(content, stamp)
    return staged
