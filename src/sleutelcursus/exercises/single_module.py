"""A browser module as one text, the modules it imports from its own folder put inline.

The book serves every module of ``frontend/`` as a file of its own, so ``scenario.js``
imports ``./scenariowalk.js`` as any module does. Two hosts give a module no address a
relative import could start from: Jupyter (anywidget runs a widget's module from a
``blob:`` URL) and the offline workshop exports (``data:`` URLs, since browsers refuse
module files from ``file://``). For them :func:`single_module` puts the code of each
imported module where its import was, without its ``export`` keywords.

Kept deliberately small: only ``import { a, b } from "./name.js";`` of a module that
imports nothing itself and exports only declarations (``export function``, ``export
const`` ...). Anything else is a :class:`ValueError`, found by the tests, never by a trainee.
"""

from __future__ import annotations

import re

from . import FRONTEND

__all__ = ["local_imports", "single_module"]

_IMPORT = re.compile(r'^import \{([^}]*)\} from "\./([\w-]+)\.js";\n', re.M)
_ANY_IMPORT = re.compile(r"^\s*import\b|^export\b[^\n]*\bfrom\b", re.M)
_EXPORTED = re.compile(r"^export (?=(?:async )?(?:function|const|let|class)\b)", re.M)
_EXPORT = re.compile(r"^export\b", re.M)
_DECLARED = r"^(?:async )?(?:function\*?|const|let|class) {name}\b"


def _source(name: str) -> str:
    return (FRONTEND / f"{name}.js").read_text(encoding="utf-8")


def local_imports(name: str) -> list[str]:
    """The modules ``frontend/<name>.js`` imports from its own folder, in order."""
    return [match[2] for match in _IMPORT.finditer(_source(name))]


def single_module(name: str) -> str:
    """``frontend/<name>.js`` with each module it imports from its own folder inline.

    :raises ValueError: when an imported module imports in turn, exports other than
        declarations, or does not declare a name that is imported from it
    """

    def inline(match: re.Match) -> str:
        imported = match[2]
        text = _source(imported)
        if _ANY_IMPORT.search(text):
            raise ValueError(f"{imported}.js imports other modules; it cannot be put inline in {name}.js")
        body = _EXPORTED.sub("", text)
        if _EXPORT.search(body):
            raise ValueError(f"{imported}.js exports more than declarations; it cannot be put inline in {name}.js")
        for wanted in (part.strip() for part in match[1].split(",") if part.strip()):
            if not re.search(_DECLARED.format(name=re.escape(wanted)), body, re.M):
                raise ValueError(f"{name}.js imports {wanted} from {imported}.js, which does not declare it")
        return f"// ---- {imported}.js, put inline\n{body}// ---- end of {imported}.js\n"

    return _IMPORT.sub(inline, _source(name))
