"""Checks on the book configuration after plugins changed it.

The configuration may change freely, except where a change would break a promise of
the course: Dutch pages, no request outside the site, our Sphinx extension present.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from ..errors import SleutelcursusError

EXTENSION = "sleutelcursus.book.sphinxext"
LOGO_SUFFIXES = (".png", ".svg", ".jpg", ".jpeg", ".gif", ".webp")
URL_KEYS = ("binderhub_url", "jupyterhub_url", "colab_url")


def _error(message: str) -> SleutelcursusError:
    return SleutelcursusError(f"Fout: {message}")


def _section(config: dict, key: str) -> dict:
    value = config.setdefault(key, {})
    if not isinstance(value, dict):
        raise _error(f"configuratie '{key}' moet een mapping zijn.")
    return value


def validate_config(config: Any, base: Path | None) -> dict:
    """Return ``config`` checked (and a relative logo resolved against ``base``).

    :raises SleutelcursusError: one Dutch line naming the field at fault
    """
    if not isinstance(config, dict):
        raise _error("de boekconfiguratie moet een mapping zijn.")
    title = config.get("title")
    if not isinstance(title, str) or not title.strip():
        raise _error("configuratie 'title' moet een tekst zijn die niet leeg is.")
    sphinx = _section(config, "sphinx")
    sphinx_config = _section(sphinx, "config")
    if sphinx_config.get("language") != "nl":
        raise _error("configuratie 'sphinx.config.language' moet 'nl' blijven: de cursus is Nederlandstalig.")
    extensions = sphinx.get("extra_extensions") or []
    if EXTENSION not in extensions:
        raise _error(f"configuratie 'sphinx.extra_extensions' moet {EXTENSION} blijven bevatten.")
    launch = _section(config, "launch_buttons")
    if launch.get("thebe"):
        raise _error("configuratie 'launch_buttons.thebe' moet uit blijven: thebe laadt scripts van buiten de site.")
    for key in URL_KEYS:
        url = launch.get(key) or ""
        if not isinstance(url, str) or url and not url.startswith(("https://", "http://")):
            raise _error(f"configuratie 'launch_buttons.{key}' moet leeg zijn of met https:// beginnen.")
    logo = config.get("logo")
    if logo:
        path = Path(logo)
        if not path.is_absolute() and base is not None:
            path = base / path
        if path.is_absolute():
            if not path.is_file():
                raise _error(f"configuratie 'logo': bestand {path} bestaat niet.")
            if path.suffix.lower() not in LOGO_SUFFIXES:
                raise _error(f"configuratie 'logo': {path.name} is geen afbeelding ({', '.join(LOGO_SUFFIXES)}).")
            config["logo"] = str(path)
    return config
