"""One build's preparation: load plugins, collect what they register, stage the book."""

from __future__ import annotations

import contextlib
import os
from dataclasses import dataclass
from pathlib import Path

import yaml

from .staging import assemble
from .source import book_source
from ..errors import BuildError
from ..plugins.manager import DIR_ENV, get_plugin_manager, plugins_dir_from
from ..plugins.registry import Registry, collect


@dataclass
class Prepared:
    files: dict[str, Path | bytes]
    registry: Registry
    plugins_dir: Path | None = None

    @contextlib.contextmanager
    def kernel_environment(self):
        """While building: notebook kernels load the same local plugins as the build."""
        if self.plugins_dir is None:
            yield
            return
        previous = os.environ.get(DIR_ENV)
        os.environ[DIR_ENV] = str(self.plugins_dir.resolve())
        try:
            yield
        finally:
            if previous is None:
                os.environ.pop(DIR_ENV, None)
            else:
                os.environ[DIR_ENV] = previous


def prepare(plugins_dir: Path | None) -> Prepared:
    """Everything a build needs before Sphinx runs; plugin errors surface here."""
    folder = plugins_dir_from(plugins_dir)
    source = book_source()
    try:
        base_config = yaml.safe_load((source / "_config.yml").read_text(encoding="utf-8"))
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        raise BuildError(f"geen geldige YAML ({exc.problem}).", file=source / "_config.yml",
                         line=mark.line + 1 if mark else None) from None
    registry = collect(get_plugin_manager(folder), base_config)
    return Prepared(assemble(source, registry), registry, folder)
