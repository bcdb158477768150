"""Launch buttons: a municipality's JupyterHub or Binder on the book's notebook pages.

Jupyter Book 1 passes ``launch_buttons`` and ``repository`` from ``_config.yml`` (or a
plugin's ``update_book_config``) to sphinx-book-theme, which adds a rocket menu with
one link per service to pages built from a notebook. Thebe stays off.
"""

from __future__ import annotations

import shutil
from pathlib import Path
from urllib.parse import parse_qs, urlparse

import pytest
import yaml
from bs4 import BeautifulSoup

from sleutelcursus import cli

MINI = Path(__file__).parent / "books" / "mini"
HUB = "https://hub.gemeente.example"
BINDER = "https://mybinder.org"
# The book in a folder of the repository, so the test sees that folder in the links.
REPOSITORY = {"url": "https://github.com/gemeente-voorbeeld/sleutelcursus", "branch": "werkplaats", "path_to_book": "cursus"}


def build_mini(tmp_path: Path, monkeypatch, launch: dict, repository: dict | None = None, code: int = 0) -> Path:
    """Build a copy of the small test book with these launch settings; return the site.

    :param code: the exit code the build must give
    """
    book = tmp_path / "boek"
    shutil.copytree(MINI, book)
    config = yaml.safe_load((book / "_config.yml").read_text(encoding="utf-8"))
    config["launch_buttons"].update(launch)
    if repository:
        config["repository"] = repository
    (book / "_config.yml").write_text(yaml.safe_dump(config, allow_unicode=True, sort_keys=False), encoding="utf-8")
    work = tmp_path / "werk"
    work.mkdir()
    monkeypatch.chdir(work)
    monkeypatch.setenv("SLEUTELCURSUS_BOOK", str(book))
    assert cli.main(["build", "--out", "site"]) == code
    return work / "site"


def launch_links(page: Path) -> dict[str, str]:
    """Service name -> link of the page's launch menu."""
    soup = BeautifulSoup(page.read_text(encoding="utf-8"), "html.parser")
    return {
        link.get_text(strip=True): link["href"]
        for link in soup.select(".dropdown-launch-buttons a.dropdown-item")
    }


def test_hub_and_binder_addresses_give_launch_links_on_notebook_pages(tmp_path, monkeypatch):
    site = build_mini(tmp_path, monkeypatch, {"jupyterhub_url": HUB, "binderhub_url": BINDER}, REPOSITORY)
    links = launch_links(site / "course" / "rekenen.html")
    assert set(links) == {"JupyterHub", "Binder"}
    hub = urlparse(links["JupyterHub"])
    assert f"{hub.scheme}://{hub.netloc}{hub.path}" == f"{HUB}/hub/user-redirect/git-pull"
    # nbgitpuller clones the repository into a folder of its name, then opens the page.
    assert parse_qs(hub.query) == {
        "repo": [REPOSITORY["url"]],
        "urlpath": ["tree/sleutelcursus/cursus/course/rekenen.ipynb"],
        "branch": ["werkplaats"],
    }
    binder = urlparse(links["Binder"])
    assert f"{binder.scheme}://{binder.netloc}{binder.path}" == f"{BINDER}/v2/gh/gemeente-voorbeeld/sleutelcursus/werkplaats"
    assert parse_qs(binder.query) == {"urlpath": ["tree/cursus/course/rekenen.ipynb"]}
    # Only notebooks can be launched; thebe (scripts from a CDN) stays off.
    assert launch_links(site / "course" / "tweede.html") == {}
    for page in (site / "course").glob("*.html"):
        soup = BeautifulSoup(page.read_text(encoding="utf-8"), "html.parser")
        loaded = [tag.get("src") or tag.get("href") for tag in soup.select("script[src], link[href]")]
        assert not [url for url in loaded if "thebe" in url.lower()], page.name
        assert "initThebe" not in soup.get_text(), page.name


def test_without_addresses_no_launch_menu_appears(tmp_path, monkeypatch):
    site = build_mini(tmp_path, monkeypatch, {})
    page = (site / "course" / "rekenen.html").read_text(encoding="utf-8")
    assert "dropdown-launch-buttons" not in page
    assert "/hub/user-redirect/" not in page and "/v2/gh/" not in page



@pytest.mark.parametrize(
    "repository, key",
    [
        (None, "repository"),
        ({"branch": "main", "path_to_book": ""}, "repository.url"),
        ({"url": "https://github.com/gemeente-voorbeeld", "branch": "main", "path_to_book": ""}, "repository.url"),
        ({"url": REPOSITORY["url"], "path_to_book": ""}, "repository.branch"),
        ({"url": REPOSITORY["url"], "branch": "main"}, "repository.path_to_book"),
    ],
)
def test_a_launch_button_without_its_repository_stops_the_build_with_one_line(tmp_path, monkeypatch, capsys, repository, key):
    site = build_mini(tmp_path, monkeypatch, {"jupyterhub_url": HUB}, repository, code=2)
    err = capsys.readouterr().err.strip().splitlines()
    assert len(err) == 1 and err[0].startswith(f"Fout in veld '{key}': ") and "Traceback" not in err[0]
    assert not site.exists()
