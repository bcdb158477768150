"""The plugin manager: default plugins, installed plugins, a local plugins folder.

Load order (and so the order of everything registered): the built-in default plugin
(the national exercises and contact point), then installed plugins (entry-point group
``sleutelcursus``), then the ``.py`` modules and packages of a local plugins folder.
"""

from __future__ import annotations

import difflib
import importlib
import importlib.metadata
import importlib.util
import inspect
import os
import sys
from pathlib import Path

import pluggy

from .. import __version__
from . import hookspecs
from ..errors import PluginError

PROJECT = "sleutelcursus"
DEFAULT_PLUGINS = ("sleutelcursus.plugins.default",)
LOAD_ENV = "SLEUTELCURSUS_LOAD_PLUGINS"
DIR_ENV = "SLEUTELCURSUS_PLUGINS_DIR"
_HOOKS = [name for name in dir(hookspecs) if name.startswith(("register_", "update_"))]


def _allowed_names() -> set[str] | None:
    # SLEUTELCURSUS_LOAD_PLUGINS="a,b" loads only those installed plugins; "" none.
    value = os.environ.get(LOAD_ENV)
    if value is None:
        return None
    return {name.strip() for name in value.split(",") if name.strip()}


def _import_error(name: str, exc: BaseException) -> PluginError:
    reason = f"{type(exc).__name__}: {exc}".splitlines()[0]
    return PluginError(f"importeren mislukt ({reason}).", plugin=name)


def _required_parameters(function) -> list[str]:
    # pluggy passes a hook implementation only the parameters it names without a default.
    return [p.name for p in inspect.signature(function).parameters.values()
            if p.default is p.empty and p.kind in (p.POSITIONAL_ONLY, p.POSITIONAL_OR_KEYWORD)]


def _parameter_error(name: str, plugin: object, exc: pluggy.PluginValidationError) -> PluginError:
    """pluggy's refusal of a hook implementation, as the parameters the hook does give."""
    for hook in _HOOKS:
        function = getattr(plugin, hook, None)
        if not hasattr(function, f"{PROJECT}_impl"):
            continue
        given = _required_parameters(getattr(hookspecs, hook))
        unknown = [param for param in _required_parameters(function) if param not in given]
        if unknown:
            noun = "de parameter" if len(unknown) == 1 else "de parameters"
            return PluginError(
                f"hook {hook} kent {noun} {', '.join(unknown)} niet; deze hook geeft alleen "
                f"{', '.join(given)} (schrijf: def {hook}({', '.join(given)}):).", plugin=name)
    reason = str(exc).splitlines()[-1]
    return PluginError(f"een hook van deze plugin klopt niet ({reason}).", plugin=name)


def _register(pm: pluggy.PluginManager, plugin: object, name: str) -> None:
    try:
        pm.register(plugin, name=name)
    except pluggy.PluginValidationError as exc:
        raise _parameter_error(name, plugin, exc) from exc


def _load_entry_points(pm: pluggy.PluginManager, versions: dict[str, str]) -> None:
    allowed = _allowed_names()
    for entry_point in importlib.metadata.entry_points(group=PROJECT):
        if allowed is not None and entry_point.name not in allowed:
            continue
        if pm.get_plugin(entry_point.name) is not None:
            continue
        try:
            plugin = entry_point.load()
        except Exception as exc:  # any error in a plugin's import is the plugin's
            raise _import_error(entry_point.name, exc) from exc
        _register(pm, plugin, entry_point.name)
        dist = getattr(entry_point, "dist", None)
        versions[entry_point.name] = dist.version if dist is not None else ""


def _load_folder(pm: pluggy.PluginManager, folder: Path, versions: dict[str, str]) -> None:
    candidates = sorted(folder.glob("*.py")) + sorted(p.parent for p in folder.glob("*/__init__.py"))
    for path in candidates:
        name = path.stem if path.suffix == ".py" else path.name
        if name.startswith(("_", ".")):
            continue
        module_name = f"sleutelcursus_lokaal.{name}"
        location = path if path.suffix == ".py" else path / "__init__.py"
        spec = importlib.util.spec_from_file_location(module_name, location)
        module = importlib.util.module_from_spec(spec)
        sys.modules[module_name] = module
        try:
            spec.loader.exec_module(module)
        except Exception as exc:
            sys.modules.pop(module_name, None)
            raise _import_error(name, exc) from exc
        try:
            _register(pm, module, name)
        except PluginError:
            sys.modules.pop(module_name, None)
            raise
        versions[name] = "lokaal"


def _check_pending(pm: pluggy.PluginManager) -> None:
    try:
        pm.check_pending()
    except pluggy.PluginValidationError as exc:
        name = pm.get_name(exc.plugin) or "?"
        unknown = next(
            (attr for attr in dir(exc.plugin) if hasattr(getattr(exc.plugin, attr), "sleutelcursus_impl")
             and attr not in _HOOKS),
            "?",
        )
        hint = difflib.get_close_matches(unknown, _HOOKS, n=1)
        suggestion = f"; bedoel je {hint[0]}?" if hint else ""
        raise PluginError(f'onbekende hook "{unknown}"{suggestion}', plugin=name) from exc


def plugins_dir_from(option: Path | None) -> Path | None:
    """The local plugins folder: the option, else $SLEUTELCURSUS_PLUGINS_DIR, else ./plugins."""
    if option is not None:
        return option
    env = os.environ.get(DIR_ENV)
    if env:
        return Path(env)
    default = Path("plugins")
    return default if default.is_dir() else None


def get_plugin_manager(plugins_dir: Path | None = None, entry_points: bool = True) -> pluggy.PluginManager:
    """A fresh plugin manager with every plugin loaded and checked.

    :param plugins_dir: a folder of local plugin modules, or None for none
    :param entry_points: load installed plugins (group ``sleutelcursus``)
    :raises PluginError: a plugin failed to import or implements an unknown hook
    """
    pm = pluggy.PluginManager(PROJECT)
    pm.add_hookspecs(hookspecs)
    # The running code's own version: the installed metadata may belong to another copy.
    versions: dict[str, str] = {PROJECT: __version__}
    for name in DEFAULT_PLUGINS:
        pm.register(importlib.import_module(name), name=PROJECT if name == DEFAULT_PLUGINS[0] else name)
    if entry_points:
        _load_entry_points(pm, versions)
    if plugins_dir is not None:
        _load_folder(pm, Path(plugins_dir), versions)
    _check_pending(pm)
    pm.sleutelcursus_versions = versions  # read by the listing
    return pm
