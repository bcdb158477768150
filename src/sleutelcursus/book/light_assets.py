"""The build step that makes every page light: the theme's stylesheets cut to the rules
the built pages can use (:mod:`.theme_css`), then its icon fonts cut to the icons those
rules still draw (:mod:`.icon_font`).

Runs when Sphinx has written every page (``build-finished``), over the whole output
folder, so a page that a municipality's plugin adds is judged like any other. Sphinx
copies the theme's files again on every build, so each build trims the originals.
A step that fails leaves the files it would have changed as the theme shipped them,
and the build says so in a warning: a heavier site, never a broken one.

Trimming reads every page (seconds per build), while most rebuilds change only words:
the result is kept in the build's work folder under a key of everything the trim can
see except the text between tags (stylesheets, scripts, each page's markup and inline
scripts), and reused while that key holds. When the key changes, each page's selector
matches are still kept (:class:`.theme_css.SiteMatcher`): only pages whose markup
changed are matched again, and the trim comes out as a full one would.
"""

from __future__ import annotations

import hashlib
import json
import re
import shutil
import time
from pathlib import Path

from sphinx.application import Sphinx
from sphinx.util import logging

from . import font_preload, icon_font, theme_css

logger = logging.getLogger(__name__)

# The theme's one stylesheet for the pages, made from the trimmed ones (stylesheet_bundles.py).
THEME_BUNDLE = "styles/sleutelcursus-thema.css"
# The bundle's address in a page; its version is the hash of the bundle, put in after the
# trim (stylesheet_bundles.py), so the trim does not count it (:func:`page_text`).
BUNDLE_ADDRESS = re.compile(re.escape(THEME_BUNDLE) + r"\?v=\w+")
# Our own files in _static/ are small and written for the pages; they stay as they are.
OWN_FOLDER = "sleutelcursus"
# Never loaded by a page of this book (sphinxext.lighter_head drops it), and it names
# every icon there is: its words would keep every icon rule.
UNLOADED_SCRIPTS = {"fontawesome.js"}
SKIPPED_FOLDERS = {"_static", "_sources", "_images"}
CACHE_FOLDER = "sleutelcursus-licht"
# Each page's selector matches, kept beside the trim for the next one.
MEMO_FILE = "matches.json"
# Each file the trim changed (path -> hash as trimmed); the theme's own copies of them
# are kept in ORIGINALS_FOLDER.
MANIFEST_FILE = "files.json"
ORIGINALS_FOLDER = "originals"
_SCRIPT = re.compile(rb"<script\b[^>]*>.*?</script>", re.DOTALL | re.IGNORECASE)
_TEXT = re.compile(rb">[^<]+<")


def built_pages(outdir: Path) -> list[Path]:
    """Every HTML page of the built site."""
    return sorted(p for p in outdir.rglob("*.html") if not SKIPPED_FOLDERS.intersection(p.relative_to(outdir).parts))


def page_text(page: Path) -> str:
    """A built page as the trim sees it: the theme bundle's address without its version,
    and without the icon font's preload, both put in after the trim (a page Sphinx did
    not write again still has the last ones; its elements are what they were)."""
    return font_preload.without_preload(BUNDLE_ADDRESS.sub(THEME_BUNDLE, page.read_text(encoding="utf-8")))


def theme_stylesheets(outdir: Path) -> list[Path]:
    """The stylesheets in ``_static`` that came from the theme and the extensions."""
    static = outdir / "_static"
    bundle = static / THEME_BUNDLE  # written from the trimmed sheets, after them
    return sorted(p for p in static.rglob("*.css") if OWN_FOLDER not in p.relative_to(static).parts[:1] and p != bundle)


def site_scripts(outdir: Path) -> list[Path]:
    """Every script in ``_static`` a page can load (ours included: they build markup too)."""
    return sorted(p for p in (outdir / "_static").rglob("*.js") if p.name not in UNLOADED_SCRIPTS)


def _trim_stylesheets(outdir: Path, sheets: list[Path], memo: dict | None = None) -> bool:
    originals = {sheet: sheet.read_bytes() for sheet in sheets}
    started = time.perf_counter()
    memo = {} if memo is None else memo
    pages = built_pages(outdir)
    try:
        sizes = theme_css.trim_site_stylesheets(sheets, pages, site_scripts(outdir), memo=memo, read_page=page_text)
    except Exception as error:  # any failure: the theme's own files, untouched
        for sheet, data in originals.items():
            sheet.write_bytes(data)
        logger.warning("De stijlbestanden van het thema zijn niet ingekort (%s); de pagina's blijven zwaarder.", error)
        return False
    before, after = (sum(size[i] for size in sizes.values()) for i in (0, 1))
    # benchmarks/build.py reads the seconds from build.log.
    logger.info("Stijlbestanden van het thema ingekort: %d KB naar %d KB in %.1f s (%d van %d pagina's opnieuw vergeleken).",
                before // 1024, after // 1024, time.perf_counter() - started, memo.get("fresh", len(pages)), len(pages))
    return True


def _subset_fonts(sheets: list[Path]) -> dict[Path, bytes]:
    """Subset the icon fonts the sheets use; return each subset font's bytes before."""
    texts = {sheet: sheet.read_text(encoding="utf-8") for sheet in sheets}
    characters = icon_font.used_characters(list(texts.values()))
    fonts = sorted({font for sheet, text in texts.items() for font in icon_font.font_files(sheet, text)})
    done = {}
    for font in fonts:
        original = font.read_bytes()
        try:
            icon_font.subset_font(font, characters)
            done[font] = original
        except Exception as error:  # the subset is written beside the font and only then replaces it
            logger.warning("Het lettertype %s is niet verkleind (%s); het blijft zoals het thema het levert.", font.name, error)
    return done


def _sha(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def restore_theme_files(app: Sphinx) -> None:
    """Sphinx ``builder-inited`` handler: put back, in the output, the theme's own copy
    of every file the last trim changed (kept in the cache). Sphinx does not copy the
    theme's files again on a rebuild that writes no page, and a trim of a trimmed sheet
    (or a subset of a subset font) could never bring back a rule or an icon that a
    changed page or a new toolkit needs. A cache from a toolkit that kept no copies
    empties the output once: Sphinx then writes every page and copies every file."""
    if app.builder.format != "html":
        return
    cache, outdir = Path(app.doctreedir) / CACHE_FOLDER, Path(app.outdir)
    manifest = cache / MANIFEST_FILE
    if not manifest.is_file():
        if (cache / "key").is_file():
            shutil.rmtree(outdir, ignore_errors=True)
            outdir.mkdir(parents=True)
            shutil.rmtree(cache)
        return
    for rel, trimmed in json.loads(manifest.read_text(encoding="utf-8")).items():
        path, stored = outdir / rel, cache / ORIGINALS_FOLDER / rel
        if path.is_file() and stored.is_file() and _sha(path.read_bytes()) == trimmed:
            shutil.copyfile(stored, path)


def trim_key(outdir: Path, originals: dict[str, str]) -> str:
    """A hash of what the trim depends on: not the words on the pages; the trim's own
    code is part of it, so a toolkit with a changed trim never reuses an old result."""
    digest = hashlib.sha256(json.dumps(originals, sort_keys=True).encode())
    for module in (theme_css, icon_font):
        digest.update(Path(module.__file__).read_bytes())
    # The scripts count by the words the trim takes from them. static_scripts.py minifies
    # them in place before the trim; on a rebuild that writes no page Sphinx does not copy
    # them again, they are minified a second time, and the bytes may differ, not the words.
    words = theme_css.script_words(p.read_text(encoding="utf-8", errors="replace") for p in site_scripts(outdir))
    digest.update("\n".join(sorted(words)).encode())
    for page in built_pages(outdir):
        data = page_text(page).encode()
        markup = _TEXT.sub(b"><", _SCRIPT.sub(b"<script></script>", data))
        digest.update(page.relative_to(outdir).as_posix().encode() + b"\0" + markup + b"".join(_SCRIPT.findall(data)))
    return digest.hexdigest()


def _reuse(cache: Path, key: str, outdir: Path) -> bool:
    if not (cache / "key").is_file() or (cache / "key").read_text(encoding="utf-8") != key:
        return False
    for stored in (p for p in (cache / "files").rglob("*") if p.is_file()):
        shutil.copyfile(stored, outdir / stored.relative_to(cache / "files"))
    return True


def _read_memo(cache: Path) -> dict:
    try:
        return json.loads((cache / MEMO_FILE).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return {}


def _remember(cache: Path, key: str, outdir: Path, originals: dict[Path, bytes], memo: dict) -> None:
    """Keep this trim for the next build: its result (reused while the key holds), each
    changed file as the theme shipped it (see :func:`restore_theme_files`) and the memo."""
    shutil.rmtree(cache, ignore_errors=True)
    cache.mkdir(parents=True)
    (cache / MEMO_FILE).write_text(json.dumps({k: memo[k] for k in ("bases", "pages") if k in memo}), encoding="utf-8")
    manifest = {}
    for path, original in originals.items():
        rel, now = path.relative_to(outdir), path.read_bytes()
        for folder, data in (("files", now), (ORIGINALS_FOLDER, original)):
            (cache / folder / rel).parent.mkdir(parents=True, exist_ok=True)
            (cache / folder / rel).write_bytes(data)
        manifest[rel.as_posix()] = _sha(now)
    (cache / MANIFEST_FILE).write_text(json.dumps(manifest), encoding="utf-8")
    (cache / "key").write_text(key, encoding="utf-8")  # last: a half-written cache has no key


def lighten(app: Sphinx, exception) -> None:
    """Sphinx ``build-finished`` handler: trim the stylesheets, then subset the fonts."""
    if exception is not None or app.builder.format != "html":
        return
    outdir = Path(app.outdir)
    sheets = theme_stylesheets(outdir)
    if not sheets:
        return
    cache = Path(app.doctreedir) / CACHE_FOLDER
    originals = {sheet: sheet.read_bytes() for sheet in sheets}
    key = trim_key(outdir, {sheet.relative_to(outdir).as_posix(): _sha(data) for sheet, data in originals.items()})
    if _reuse(cache, key, outdir):
        return
    memo = _read_memo(cache)
    if _trim_stylesheets(outdir, sheets, memo):
        _remember(cache, key, outdir, {**originals, **_subset_fonts(sheets)}, memo)
