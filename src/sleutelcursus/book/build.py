"""One build's preparation: load plugins, collect what they register, stage the book."""

from __future__ import annotations

import contextlib
import json
import os
from dataclasses import dataclass
from pathlib import Path

from .staging import assemble, page_origins
from .source import book_source, load_yaml
from ..plugins.manager import DIR_ENV, get_plugin_manager, plugins_dir_from
from ..plugins.registry import REGISTRY_ENV, Module, Registry, collect, write_specs

# The kernels the build starts read their IPython configuration from here: the
# "Kernel is running over TCP" warning each prints is about the local socket the
# kernel manager chose, not about the book; errors are still printed.
_KERNEL_CONFIG = {"IPKernelApp": {"log_level": "ERROR"}}


def base_config() -> dict:
    """The national book's configuration (``_config.yml``), before plugins change it."""
    return load_yaml(book_source() / "_config.yml")


@dataclass
class Prepared:
    files: dict[str, Path | bytes]
    registry: Registry
    plugins_dir: Path | None = None

    def origin(self, staged: str) -> tuple[Module, Path] | None:
        """The plugin module and page as shipped behind a staged page, or None (national)."""
        return page_origins(self.registry).get(staged)

    @contextlib.contextmanager
    def kernel_environment(self, workdir: Path):
        """While building: notebook kernels get the build's validated exercise specs
        (no plugin is loaded again per kernel), the same local plugins folder for anything
        else, and a quiet IPython configuration."""
        profile = workdir / "ipython" / "profile_default"
        profile.mkdir(parents=True, exist_ok=True)
        (profile / "ipython_kernel_config.json").write_text(json.dumps(_KERNEL_CONFIG), encoding="utf-8")
        values = {
            REGISTRY_ENV: str(write_specs(self.registry, workdir / "registry.json").resolve()),
            "IPYTHONDIR": str(profile.parent.resolve()),
        }
        if self.plugins_dir is not None:
            values[DIR_ENV] = str(self.plugins_dir.resolve())
        previous = {name: os.environ.get(name) for name in values}
        os.environ.update(values)
        try:
            yield
        finally:
            for name, value in previous.items():
                if value is None:
                    os.environ.pop(name, None)
                else:
                    os.environ[name] = value


def prepare(plugins_dir: Path | None) -> Prepared:
    """Everything a build needs before Sphinx runs; plugin errors surface here."""
    folder = plugins_dir_from(plugins_dir)
    source = book_source()
    registry = collect(get_plugin_manager(folder), load_yaml(source / "_config.yml"))
    return Prepared(assemble(source, registry), registry, folder)
