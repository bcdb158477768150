"""The search page's own sentences in plain Dutch (``_static/translations.js``).

Sphinx's search script (``searchtools.js``) says what it found with texts from the
``sphinx`` domain's JavaScript catalog. Sphinx copies that catalog to
``_static/translations.js`` from the first ``<language>/LC_MESSAGES/sphinx.js`` in
``locale_dirs``, else from its own. Its own Dutch is formal ("Uw zoekopdracht leverde
geen resultaten op ... dat u voldoende categorieën hebt geselecteerd") or missing (the
number of pages found stayed English). Our catalog (``theme_labels.CATALOG``) holds
plain Dutch for those sentences under the context :data:`SEARCH_CONTEXT`; here Sphinx's
own ``sphinx.js`` is written again with them in place, into the build's doctree folder,
and that folder goes first in ``locale_dirs``.
"""

from __future__ import annotations

import json
from pathlib import Path

import sphinx
from sphinx.application import Sphinx

from .theme_labels import CATALOG, is_dutch, read_catalog

SEARCH_CONTEXT = "zoeken"
SPHINX_JS = Path(sphinx.__file__).resolve().parent / "locale" / "nl" / "LC_MESSAGES" / "sphinx.js"
CALL = "Documentation.addTranslations("


def search_messages(po: Path = CATALOG) -> dict[str, str]:
    """English -> plain Dutch for the search script's sentences, from our catalog."""
    catalog = read_catalog(po.read_bytes(), po)
    return {m.id: m.string for m in catalog if m.id and m.context == SEARCH_CONTEXT}


def translations_js(own: str, messages: dict[str, str]) -> str:
    """Sphinx's ``sphinx.js`` (``own``) with ``messages`` put in place of its own."""
    data = json.loads(own[own.index(CALL) + len(CALL):own.rindex(")")])
    data["messages"] = {**data["messages"], **messages}
    return f"{CALL}{json.dumps(data, ensure_ascii=False, indent=4, sort_keys=True)});\n"


def add_search_texts(app: Sphinx, config) -> None:
    """Write the Dutch ``sphinx.js`` and put its folder first in ``locale_dirs`` (config-inited)."""
    if not is_dutch(config.language) or not SPHINX_JS.is_file():
        return
    folder = Path(app.doctreedir) / "sleutelcursus-zoeken"
    target = folder / config.language / "LC_MESSAGES" / "sphinx.js"
    text = translations_js(SPHINX_JS.read_text(encoding="utf-8"), search_messages())
    if not target.is_file() or target.read_text(encoding="utf-8") != text:
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_text(text, encoding="utf-8")
    config.locale_dirs = [str(folder), *config.locale_dirs]
