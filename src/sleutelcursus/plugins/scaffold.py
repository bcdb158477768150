"""``sleutelcursus new-plugin``: a working plugin package for a municipality.

The package is written from the template files in ``templates/plugin/`` (``string.Template``
placeholders, ``.tmpl`` suffix; a path part ``__module__`` becomes the module name), so
the generated code, pages and tests can be read and changed as ordinary files.
"""

from __future__ import annotations

import re
import shutil
import unicodedata
from pathlib import Path
from string import Template

from .. import __version__
from ..errors import SleutelcursusError

TEMPLATES = Path(__file__).resolve().parent / "templates"
SUFFIX = ".tmpl"
MODULE_PART = "__module__"
# The name ends up in Python, TOML, YAML and JSON strings; these characters are safe in
# all four and cover Dutch municipality names ('s-Hertogenbosch, Súdwest-Fryslân).
_NAME = re.compile(r"^[\w' .()-]+$")


def slug_of(name: str) -> str:
    """``"Súdwest-Fryslân"`` -> ``"sudwest-fryslan"``: lower-case ASCII letters, digits, '-'."""
    ascii_name = unicodedata.normalize("NFKD", name).encode("ascii", "ignore").decode("ascii")
    return re.sub(r"[^a-z0-9]+", "-", ascii_name.lower()).strip("-")


def plugin_values(name: str) -> dict[str, str]:
    """The placeholder values for municipality ``name``.

    :raises SleutelcursusError: the name is empty or holds characters a name cannot have
    """
    name = " ".join(name.split())
    if not name or not _NAME.match(name):
        raise SleutelcursusError(
            f"{name!r} is geen bruikbare naam; geef de naam van je gemeente, "
            "met alleen letters, cijfers, spaties en - ' . ( )."
        )
    slug = slug_of(name)
    if not slug:
        raise SleutelcursusError(f"in de naam {name!r} staan geen letters of cijfers; geef bijvoorbeeld Duinstad.")
    return {
        "name": name,
        "slug": slug,
        "module": "sleutelcursus_" + slug.replace("-", "_"),
        "version": __version__,
    }


def _render(values: dict[str, str], target: Path) -> None:
    for template in sorted(TEMPLATES.rglob(f"*{SUFFIX}")):
        parts = [values["module"] if part == MODULE_PART else part for part in template.relative_to(TEMPLATES).parts]
        dest = target.joinpath(*parts).with_suffix("")
        dest.parent.mkdir(parents=True, exist_ok=True)
        # substitute(), not safe_substitute(): a placeholder without a value is a bug in
        # the templates and must fail here, not end up in a municipality's package.
        text = Template(template.read_text(encoding="utf-8")).substitute(values)
        dest.write_text(text, encoding="utf-8")


def new_plugin(name: str, folder: Path | None) -> Path:
    """Write the plugin package for municipality ``name`` and return its folder.

    :param name: the municipality's name, e.g. ``"Duinstad"`` (slug ``duinstad``,
        package ``sleutelcursus-duinstad``, module ``sleutelcursus_duinstad``)
    :param folder: where the package goes; default ``./sleutelcursus-<slug>``
    :raises SleutelcursusError: the folder exists already, or the name is unusable
    """
    values = plugin_values(name)
    folder = Path(folder) if folder is not None else Path(f"sleutelcursus-{values['slug']}")
    if folder.exists():
        raise SleutelcursusError(
            f"map {folder} bestaat al; kies een andere map met --map, of verwijder de oude map eerst."
        )
    # Written next to the target and renamed at the end, so a failure leaves no half package.
    partial = folder.with_name(f".{folder.name}.nieuw")
    shutil.rmtree(partial, ignore_errors=True)
    try:
        partial.mkdir(parents=True)
        _render(values, partial)
        partial.rename(folder)
    except OSError as exc:
        shutil.rmtree(partial, ignore_errors=True)
        raise SleutelcursusError(f"kan de plugin niet schrijven in {folder} ({exc.strerror}).") from None
    return folder
