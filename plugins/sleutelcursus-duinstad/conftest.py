"""pytest-instellingen voor de notebooks van deze plugin (nbval).

Een notebookpagina toont een oefening van deze plugin. De kernel vindt die oefening zoals
een bouw dat doet: via de geïnstalleerde plugin, of via SLEUTELCURSUS_PLUGINS_DIR. In de
repository van de cursus is dit pakket niet geïnstalleerd. Daarom start de kernel van elk
notebook hier met de map src/ als map met lokale plugins, en zonder geïnstalleerde
plugins: anders zou Duinstad er twee keer in zitten als het pakket wel is geïnstalleerd.
"""

import os
from pathlib import Path

import pytest

KERNEL_ENV = {
    "SLEUTELCURSUS_PLUGINS_DIR": str(Path(__file__).resolve().parent / "src"),
    "SLEUTELCURSUS_LOAD_PLUGINS": "",
}


@pytest.hookimpl(hookwrapper=True)
def pytest_runtest_setup(item):
    # nbval start de kernel tijdens de setup van de eerste cel; alleen dan geldt deze omgeving.
    if item.path.suffix != ".ipynb":
        yield
        return
    saved = {key: os.environ.get(key) for key in KERNEL_ENV}
    os.environ.update(KERNEL_ENV)
    try:
        yield
    finally:
        for key, value in saved.items():
            if value is None:
                os.environ.pop(key, None)
            else:
                os.environ[key] = value
