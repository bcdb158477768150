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


def _error(message: str, key: str | None = None) -> SleutelcursusError:
    return SleutelcursusError(message, field=key, exit_code=2)


def _section(config: dict, key: str) -> dict:
    value = config.setdefault(key, {})
    if not isinstance(value, dict):
        raise _error("deze instelling moet een mapping zijn.", key)
    return value


def _check_repository(config: dict) -> None:
    """Launch buttons open a notebook from a repository: without its address, branch and
    the book's folder in it, Jupyter Book falls back to its own repository."""
    if "repository" not in config:
        raise _error("ontbreekt; launch-knoppen hebben repository.url, repository.branch en "
                     "repository.path_to_book nodig.", "repository")
    repository = _section(config, "repository")
    url = repository.get("url")
    if not isinstance(url, str) or not url.startswith("https://") or len(url.rstrip("/").split("/")) < 5:
        raise _error("ontbreekt of is geen adres van een repository (https://github.com/organisatie/repository); "
                     "launch-knoppen openen de notebooks daaruit.", "repository.url")
    branch = repository.get("branch")
    if not isinstance(branch, str) or not branch.strip() or any(c.isspace() for c in branch):
        raise _error("ontbreekt; geef de branch waarvan de notebooks komen, bijvoorbeeld main.", "repository.branch")
    folder = repository.get("path_to_book")
    if not isinstance(folder, str) or folder.startswith("/") or ".." in folder.split("/"):
        raise _error('ontbreekt; geef de map van het boek in de repository ("" als het boek in de hoofdmap staat).',
                     "repository.path_to_book")


def validate_config(config: Any, base: Path | None) -> dict:
    """Return ``config`` checked (and a relative logo resolved against ``base``).

    :raises SleutelcursusError: one Dutch line naming the field at fault
    """
    if not isinstance(config, dict):
        raise _error("de boekconfiguratie moet een mapping zijn.")
    title = config.get("title")
    if not isinstance(title, str) or not title.strip():
        raise _error("deze instelling moet een tekst zijn die niet leeg is.", "title")
    sphinx = _section(config, "sphinx")
    sphinx_config = _section(sphinx, "config")
    if sphinx_config.get("language") != "nl":
        raise _error("deze instelling moet 'nl' blijven: de cursus is Nederlandstalig.", "sphinx.config.language")
    extensions = sphinx.get("extra_extensions") or []
    if EXTENSION not in extensions:
        raise _error(f"deze instelling moet {EXTENSION} blijven bevatten.", "sphinx.extra_extensions")
    launch = _section(config, "launch_buttons")
    if launch.get("thebe"):
        raise _error("deze instelling moet uit blijven: thebe laadt scripts van buiten de site.", "launch_buttons.thebe")
    for key in URL_KEYS:
        url = launch.get(key) or ""
        if not isinstance(url, str) or url and not url.startswith(("https://", "http://")):
            raise _error("deze instelling moet leeg zijn of met https:// beginnen.", f"launch_buttons.{key}")
    if any(launch.get(key) for key in URL_KEYS):
        _check_repository(config)
    logo = config.get("logo")
    if logo:
        path = Path(logo)
        if not path.is_absolute() and base is not None:
            path = base / path
        if path.is_absolute():
            if not path.is_file():
                raise _error(f"het bestand {path} bestaat niet.", "logo")
            if path.suffix.lower() not in LOGO_SUFFIXES:
                raise _error(f"{path.name} is geen afbeelding ({', '.join(LOGO_SUFFIXES)}).", "logo")
            config["logo"] = str(path)
    return config
