"""The toolkit's browser modules in the built book, minified and each addressed by its content.

The exercise host, the exercise types and the learning-path scripts are copied into
``_static/sleutelcursus/`` and imported as ES modules, also by one another
(``host.js`` imports ``./answerstore.js``; ``progress.js`` imports ``./scenario.js``
when a trainee's answers ask for it). A browser keeps a module file as long as its
cache allows: after an update, a returning trainee could run a new ``host.js`` with
last month's ``answerstore.js``. So every module is requested as ``name.js?v=<checksum
of its content>``: the page's start script names its imports that way, and an import
map (:func:`import_map`) sends each import between modules to the same address.
The map is plain data in the page: it needs no server and works offline, like the
``data:`` import map of the workshop exports (:mod:`sleutelcursus.workshop.export`).
"""

from __future__ import annotations

import html
import json
import zlib
from pathlib import Path

import minify
import rcssmin

from ..exercises.single_module import local_imports
from ..hosting import FRONTEND, HOST_MODULES

HERE = Path(__file__).resolve().parent
STATIC = HERE / "static"
STATIC_SUBDIR = "sleutelcursus"
FOLDERS = (FRONTEND, STATIC)
# Every page links the toolkit's stylesheets as this one file (stylesheet_bundles.py):
# first those on every page, in the order they override one another, then the exercise
# types' (each scoped to its own type's classes).
TOOLKIT_STYLESHEET = "sleutelcursus.css"
_STYLESHEET_ORDER = ("book", "host", "live", "leerpad", "exercise")


def minified_script(text: str) -> str:
    """A script without comments and spare whitespace, its local names shortened
    (tdewolff's minifier, Hugo's; licence comments ``/*! */`` stay). A module's
    exports and imports keep their names."""
    return minify.string("application/javascript", text)


def minified(path: Path) -> bytes:
    """A toolkit file as the book serves it: scripts and stylesheets without comments
    and spare whitespace (:func:`minified_script`, rcssmin; licence comments ``/*! */``
    stay), any other file as it is. The sources keep their comments for whoever reads them."""
    if path.suffix == ".js":
        return minified_script(path.read_text(encoding="utf-8")).encode("utf-8")
    if path.suffix == ".css":
        return rcssmin.cssmin(path.read_text(encoding="utf-8"), keep_bang_comments=True).encode("utf-8")
    return path.read_bytes()


def checksum(data: bytes) -> str:
    """The checksum Sphinx puts after its own assets (``?v=``): CRC-32 of the content,
    so ``leerpad.js``, which Sphinx links itself, has one address either way."""
    return f"{zlib.crc32(data):08x}"


def copy_modules(outdir: Path) -> dict[str, str]:
    """Copy the toolkit's browser files, minified, into ``outdir/_static/sleutelcursus``;
    return each module's name -> the checksum of the copy a page will load."""
    target = Path(outdir) / "_static" / STATIC_SUBDIR
    target.mkdir(parents=True, exist_ok=True)
    versions, stylesheets = {}, {}
    for source in sorted(p for folder in FOLDERS for p in folder.iterdir() if p.is_file()):
        data = minified(source)
        _write_if_changed(target / source.name, data)
        if source.suffix == ".js":
            versions[source.stem] = checksum(data)
        elif source.suffix == ".css":
            stylesheets[source.stem] = data
    order = sorted(stylesheets, key=lambda name: (_STYLESHEET_ORDER + (name,)).index(name))
    _write_if_changed(target / TOOLKIT_STYLESHEET, b"\n".join(stylesheets[name] for name in order))
    return versions


def _write_if_changed(path: Path, data: bytes) -> None:
    # An unchanged file keeps its time, so a rebuild leaves the browser's copy valid.
    if not path.is_file() or path.read_bytes() != data:
        path.write_bytes(data)


def module_url(pathto, versions: dict[str, str], name: str) -> str:
    """The address of module ``name`` from the page ``pathto`` belongs to, with its checksum."""
    url = f"{pathto(f'_static/{STATIC_SUBDIR}/{name}.js', 1)}?v={versions[name]}"
    # An import takes a path relative to the page only with "./" or "../" in front; a
    # page at the top of the book (search.html) gets a bare "_static/...".
    return url if url.startswith(("/", "./", "../")) or "://" in url else f"./{url}"


def import_map(pathto, versions: dict[str, str]) -> str:
    """The page's import map: each module's plain address -> the address with its
    checksum, so an import between modules loads the current file and the same module
    instance the page's own scripts load."""
    imports = {pathto(f"_static/{STATIC_SUBDIR}/{name}.js", 1): module_url(pathto, versions, name) for name in sorted(versions)}
    return json.dumps({"imports": imports}, separators=(",", ":")).replace("</", "<\\/")


def start_script(pathto, versions: dict[str, str], kinds) -> str:
    """The page's inline start module: it imports the host and the page's exercise types
    and mounts the exercises as soon as they are loaded. Its imports are fetched in
    parallel while the page is parsed, and it runs before the theme's deferred scripts.
    The live workshop comes as its stand-in (:func:`live_on_demand`)."""
    kinds = sorted(set(kinds))
    lines = [f"import {{ mountAll }} from {json.dumps(module_url(pathto, versions, 'host'))};"]
    lines += [f"import * as {kind} from {json.dumps(module_url(pathto, versions, kind))};" for kind in kinds]
    lines.append(live_on_demand(pathto, versions))
    lines.append(f"mountAll(document, {{ {', '.join(kinds)} }}, live);")
    return "\n".join(lines)


def live_on_demand(pathto, versions: dict[str, str]) -> str:
    """Module code that makes ``live``: livedoor.js's stand-in for live.js, which imports
    live.js (the workshop's bar and sending, with livejoin.js and livesession.js some 13 KB)
    only when it has something to show: a click on "Doe mee met de workshop", a join
    link, a session kept in this browser or started in another tab. A page costs
    nothing extra for the trainees who never join."""
    door, live = (json.dumps(module_url(pathto, versions, name)) for name in ("livedoor", "live"))
    return f"import {{ onDemand }} from {door};\nconst live = onDemand(() => import({live}));"


def live_script(pathto, versions: dict[str, str]) -> str:
    """The inline module of a page without exercises: the live workshop's bar and join
    form, loaded as on an exercise page (:func:`live_on_demand`)."""
    return f"{live_on_demand(pathto, versions)}\nlive.start();"


def module_preloads(pathto, versions: dict[str, str], kinds) -> str:
    """``<link rel="modulepreload">`` for every module the start script loads, the host's
    own imports included, for the top of the head (after the import map). Without them
    the browser finds the host only when the parser reaches the start script (after the
    theme's blocking scripts) and the host's imports only once the host is in: two round
    trips after the page is parsed before the exercises can mount. Each at the address
    the module is imported from: the host's and the exercise types' own imports too
    (scenario.js imports scenariowalk.js), as the import map sends them."""
    kinds = sorted(set(kinds))
    own = [name for kind in kinds for name in local_imports(kind)]
    names = dict.fromkeys(["host", *kinds, *own, "livedoor", *HOST_MODULES])
    return "".join(f'\n<link rel="modulepreload" href="{html.escape(module_url(pathto, versions, name))}" />' for name in names)



# What a learning-path page's leerpad.js imports at once (progress.js only on demand).
PATH_MODULES = ("leerpad", "answerstore", "dom", "pathchoice")


def path_preloads(pathto, versions: dict[str, str], present: str = "") -> str:
    """``<link rel="modulepreload">`` for leerpad.js and its imports, leaving out those
    already in ``present``: without them the browser asks for dom.js and pathchoice.js
    only once leerpad.js is in, a round trip after the page's other files."""
    links = (f'\n<link rel="modulepreload" href="{html.escape(module_url(pathto, versions, name))}" />' for name in PATH_MODULES)
    return "".join(link for link in links if link.strip() not in present)
