"""The build step that makes every page light: the theme's stylesheets cut to the rules
the built pages can use (:mod:`.theme_css`), then its icon fonts cut to the icons those
rules still draw (:mod:`.icon_font`).

Runs when Sphinx has written every page (``build-finished``), over the whole output
folder, so a page that a municipality's plugin adds is judged like any other. Sphinx
copies the theme's files again on every build, so each build trims the originals.
A step that fails leaves the files it would have changed as the theme shipped them,
and the build says so in a warning: a heavier site, never a broken one.
"""

from __future__ import annotations

from pathlib import Path

from sphinx.application import Sphinx
from sphinx.util import logging

from . import icon_font, theme_css

logger = logging.getLogger(__name__)

# Our own files in _static/ are small and written for the pages; they stay as they are.
OWN_FOLDER = "sleutelcursus"
# Never loaded by a page of this book (sphinxext.lighter_head drops it), and it names
# every icon there is: its words would keep every icon rule.
UNLOADED_SCRIPTS = {"fontawesome.js"}
SKIPPED_FOLDERS = {"_static", "_sources", "_images"}


def built_pages(outdir: Path) -> list[Path]:
    """Every HTML page of the built site."""
    return sorted(p for p in outdir.rglob("*.html") if not SKIPPED_FOLDERS.intersection(p.relative_to(outdir).parts))


def theme_stylesheets(outdir: Path) -> list[Path]:
    """The stylesheets in ``_static`` that came from the theme and the extensions."""
    static = outdir / "_static"
    return sorted(p for p in static.rglob("*.css") if OWN_FOLDER not in p.relative_to(static).parts[:1])


def site_scripts(outdir: Path) -> list[Path]:
    """Every script in ``_static`` a page can load (ours included: they build markup too)."""
    return sorted(p for p in (outdir / "_static").rglob("*.js") if p.name not in UNLOADED_SCRIPTS)


def _trim_stylesheets(outdir: Path, sheets: list[Path]) -> bool:
    originals = {sheet: sheet.read_bytes() for sheet in sheets}
    try:
        sizes = theme_css.trim_site_stylesheets(sheets, built_pages(outdir), site_scripts(outdir))
    except Exception as error:  # any failure: the theme's own files, untouched
        for sheet, data in originals.items():
            sheet.write_bytes(data)
        logger.warning("De stijlbestanden van het thema zijn niet ingekort (%s); de pagina's blijven zwaarder.", error)
        return False
    before, after = (sum(size[i] for size in sizes.values()) for i in (0, 1))
    logger.info("Stijlbestanden van het thema ingekort: %d KB naar %d KB.", before // 1024, after // 1024)
    return True


def _subset_fonts(sheets: list[Path]) -> None:
    texts = {sheet: sheet.read_text(encoding="utf-8") for sheet in sheets}
    characters = icon_font.used_characters(list(texts.values()))
    fonts = sorted({font for sheet, text in texts.items() for font in icon_font.font_files(sheet, text)})
    for font in fonts:
        try:
            icon_font.subset_font(font, characters)
        except Exception as error:  # the subset is written beside the font and only then replaces it
            logger.warning("Het lettertype %s is niet verkleind (%s); het blijft zoals het thema het levert.", font.name, error)


def lighten(app: Sphinx, exception) -> None:
    """Sphinx ``build-finished`` handler: trim the stylesheets, then subset the fonts."""
    if exception is not None or app.builder.format != "html":
        return
    outdir = Path(app.outdir)
    sheets = theme_stylesheets(outdir)
    if sheets and _trim_stylesheets(outdir, sheets):
        _subset_fonts(sheets)
