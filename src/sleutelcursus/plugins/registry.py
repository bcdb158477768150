"""What the plugins registered, checked item by item and attributed to its plugin.

Each plugin's hook implementation is called through pluggy on its own (a subset hook
caller holding that implementation and every wrapper), with a ``register`` callback
bound to that plugin, so a bad item names the plugin (and file, and field) that gave
it, while hook wrappers and pluggy's tracing see every call.
"""

from __future__ import annotations

import copy
import functools
import inspect
import json
import os
import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Callable

import pluggy
from email_validator import EmailNotValidError, validate_email

from .config_changes import BookConfig, ChangeLog, changed_keys
from ..errors import PluginError, SleutelcursusError, SpecError
from ..exercises.fields import ID_PATTERN
from ..exercises.loader import load_spec_file, validate_spec

PHASES = ("fase-1", "fase-2", "fase-3")
# The course's learning paths (their titles are in course/leerpaden.yml).
LEARNING_PATHS = ("ambtenaar", "sleutelpersoon")
PAGE_SUFFIXES = (".md", ".ipynb")
# A place in the book: a phase ("fase-2") or a chapter of a phase ("fase-2/kennischeck").
_PLACE = re.compile(r"^(fase-[123])(?:/([a-z0-9][a-z0-9_-]*))?$")
# The validated registry a build hands to its notebook kernels (see registered_specs).
REGISTRY_ENV = "SLEUTELCURSUS_REGISTRY"


@dataclass
class Module:
    plugin: str
    id: str
    title: str
    page: Path
    after: str | None
    pages: list[Path] = field(default_factory=list)
    before: str | None = None
    base: Path | None = None  # the folder relative page paths were given from
    learning_paths: tuple[str, ...] = LEARNING_PATHS
    times: dict[Path, str] = field(default_factory=dict)  # page -> "15 minuten", as on the start page

    def shipped(self, path: Path) -> str:
        """``path`` as the plugin ships it: relative to its module's folder when inside it."""
        if self.base is not None and path.is_relative_to(self.base):
            return path.relative_to(self.base).as_posix()
        return str(path)


@dataclass
class Contact:
    plugin: str
    name: str
    description: str = ""
    email: str | None = None
    phone: str | None = None
    website: str | None = None
    hours: str | None = None
    replaces_national: bool = False


@dataclass
class Registry:
    modules: list[Module] = field(default_factory=list)
    exercises: dict[str, dict] = field(default_factory=dict)
    exercise_plugins: dict[str, str] = field(default_factory=dict)
    contacts: list[Contact] = field(default_factory=list)
    config: dict | None = None
    config_plugins: list[str] = field(default_factory=list)
    config_changes: dict[str, list[str]] = field(default_factory=dict)

    def by_plugin(self) -> dict[str, dict[str, list[str]]]:
        """What each plugin registered, for ``sleutelcursus plugins``."""
        out: dict[str, dict[str, list[str]]] = {}
        for module in self.modules:
            out.setdefault(module.plugin, {}).setdefault("modules", []).append(module.id)
        for exercise_id, plugin in self.exercise_plugins.items():
            out.setdefault(plugin, {}).setdefault("exercises", []).append(exercise_id)
        for contact in self.contacts:
            out.setdefault(contact.plugin, {}).setdefault("contacts", []).append(contact.name)
        for plugin, keys in self.config_changes.items():
            out.setdefault(plugin, {})["config"] = list(keys)
        return out


def _fail(plugin: str, message: str) -> PluginError:
    return PluginError(message, plugin=plugin)


def _resolve(plugin: str, base: Path, value: Any, what: str) -> Path:
    if not isinstance(value, (str, Path)) or not str(value).strip():
        raise _fail(plugin, f"{what} moet een bestandspad zijn, niet {value!r}.")
    path = Path(value)
    path = path if path.is_absolute() else base / path
    if not path.is_file():
        raise _fail(plugin, f"{what} {path} bestaat niet.")
    return path


def _text(plugin: str, value: Any, what: str) -> str:
    if not isinstance(value, str) or not value.strip():
        raise _fail(plugin, f"{what} moet een tekst zijn die niet leeg is.")
    return value.strip()


def _check_place(plugin: str, module_id: str, after: Any, before: Any) -> None:
    if after is not None and before is not None:
        raise _fail(plugin, f"module {module_id!r}: geef after of before, niet allebei.")
    for name, value in (("after", after), ("before", before)):
        if value is not None and not (isinstance(value, str) and _PLACE.match(value)):
            raise _fail(plugin, f"module {module_id!r}: {name}={value!r}; kies een fase (fase-1, fase-2, fase-3), "
                                f"een hoofdstuk van een fase (zoals fase-2/kennischeck) of None.")


def _learning_paths(plugin: str, module_id: str, value: Any) -> tuple[str, ...]:
    # ("ambtenaar") without its comma is a plain string: refused, so a module never
    # lands on a path other than the one its author meant.
    if not isinstance(value, (list, tuple)):
        example = value if isinstance(value, str) and value in LEARNING_PATHS else LEARNING_PATHS[0]
        raise _fail(plugin, f"module {module_id!r}: learning_paths={value!r} is geen lijst; "
                            f'schrijf learning_paths=("{example}",) met de komma, of learning_paths=["{example}"].')
    return tuple(value)


def _times(plugin: str, module_id: str, base: Path, value: Any, pages: list[Path]) -> dict[Path, str]:
    # Per page, like "tijd" in course/leerpaden.yml: a page without one shows "eigen tempo".
    if value is None:
        return {}
    if not isinstance(value, dict):
        raise _fail(plugin, f"module {module_id!r}: time={value!r} is geen dict; "
                            f'schrijf time={{"{pages[0].name}": "15 minuten"}} met een pagina van de module.')
    times = {}
    for page, text in value.items():
        path = _resolve(plugin, base, page, f"module {module_id!r}: time, pagina")
        if path not in pages:
            raise _fail(plugin, f"module {module_id!r}: time noemt {page!r}, maar dat is geen pagina van deze module.")
        times[path] = _text(plugin, text, f"module {module_id!r}: time van {page!r}")
    return times


def _module_register(registry: Registry, plugin: str, base: Path, taken: dict[str, str]) -> Callable:
    def register(id, title, page, after=None, pages=(), before=None, learning_paths=LEARNING_PATHS, time=None):
        module_id = _text(plugin, id, "module-id")
        if not ID_PATTERN.match(module_id):
            raise _fail(plugin, f"module-id {module_id!r} mag alleen kleine letters, cijfers, '-' en '_' bevatten.")
        if module_id in taken:
            raise _fail(plugin, f'module-id {module_id!r} is al in gebruik door plugin "{taken[module_id]}".')
        _check_place(plugin, module_id, after, before)
        paths = [_resolve(plugin, base, page, f"module {module_id!r}: pagina")]
        paths += [_resolve(plugin, base, extra, f"module {module_id!r}: pagina") for extra in pages]
        for path in paths:
            if path.suffix not in PAGE_SUFFIXES:
                raise _fail(plugin, f"module {module_id!r}: {path.name} is geen .md- of .ipynb-pagina.")
        chosen = _learning_paths(plugin, module_id, learning_paths)
        if not chosen or any(name not in LEARNING_PATHS for name in chosen):
            raise _fail(plugin, f"module {module_id!r}: learning_paths={learning_paths!r}; kies uit {', '.join(LEARNING_PATHS)}.")
        times = _times(plugin, module_id, base, time, paths)
        taken[module_id] = plugin
        registry.modules.append(
            Module(plugin, module_id, _text(plugin, title, "titel"), paths[0], after, paths[1:], before, base, chosen, times))

    return register


def _dict_source(spec: dict) -> str:
    # A spec given as a dict in a plugin's code has no file: name it by its id.
    exercise_id = spec.get("id")
    return f"oefening {exercise_id!r}" if isinstance(exercise_id, str) and exercise_id else "oefening zonder id"


def _exercise_register(registry: Registry, plugin: str, base: Path) -> Callable:
    def register(spec):
        try:
            if isinstance(spec, dict):
                validated = validate_spec(copy.deepcopy(spec), source=_dict_source(spec), base_dir=base)
            else:
                validated = load_spec_file(_resolve(plugin, base, spec, "oefening"))
        except PluginError:
            raise
        except SleutelcursusError as exc:
            raise PluginError.caused_by(plugin, exc) from exc
        owner = registry.exercise_plugins.get(validated["id"])
        if owner is not None:
            raise _fail(plugin, f'oefening-id {validated["id"]!r} is al in gebruik door plugin "{owner}".')
        registry.exercises[validated["id"]] = validated
        registry.exercise_plugins[validated["id"]] = plugin

    return register


def _contact_register(registry: Registry, plugin: str, base: Path) -> Callable:
    def register(name, description="", email=None, phone=None, website=None, hours=None, replaces_national=False):
        contact = Contact(plugin, _text(plugin, name, "contact: naam"), str(description or "").strip())
        for attr, value in (("email", email), ("phone", phone), ("website", website), ("hours", hours)):
            if value is not None:
                setattr(contact, attr, _text(plugin, value, f"contact {contact.name!r}: {attr}"))
        if not (contact.email or contact.phone or contact.website):
            raise _fail(plugin, f"contact {contact.name!r}: geef minstens een e-mailadres, telefoonnummer of website.")
        if contact.email:
            try:
                # Syntax only: a build makes no network requests.
                validate_email(contact.email, check_deliverability=False)
            except EmailNotValidError:
                raise _fail(plugin, f"contact {contact.name!r}: {contact.email!r} is geen e-mailadres.") from None
        if contact.website and not contact.website.startswith(("https://", "http://")):
            raise _fail(plugin, f"contact {contact.name!r}: website moet met https:// beginnen.")
        contact.replaces_national = bool(replaces_national)
        registry.contacts.append(contact)

    return register


def _call(plugin: str, hook: str, caller: Callable, **argument: Any) -> None:
    try:
        caller(**argument)
    except PluginError:
        raise
    except Exception as exc:  # whatever a plugin raises is reported as its own
        reason = f"{type(exc).__name__}: {exc}".splitlines()[0]
        raise _fail(plugin, f"hook {hook} gaf een fout ({reason}).") from exc


def _callers(pm: pluggy.PluginManager, hook: str):
    """(plugin name, its module's folder, a hook caller) per plugin implementing ``hook``.

    Each caller runs one plugin's implementation inside every wrapper of the hook, so
    items are attributed to their plugin and wrappers still run. Plugins come in load
    order (national, installed, local), not pluggy's last-registered-first.
    """
    impls = getattr(pm.hook, hook).get_hookimpls()
    wrappers = {id(impl.plugin) for impl in impls if impl.wrapper or impl.hookwrapper}
    for impl in impls:
        if impl.wrapper or impl.hookwrapper:
            continue
        others = [i.plugin for i in impls if i.plugin is not impl.plugin and id(i.plugin) not in wrappers]
        base = Path(inspect.getfile(impl.function)).resolve().parent
        yield impl.plugin_name, base, pm.subset_hook_caller(hook, remove_plugins=others)


def collect(pm: pluggy.PluginManager, config: dict | None = None) -> Registry:
    """Call every plugin's hooks and return what they registered, validated.

    :param config: the base book configuration; when given, ``update_book_config``
        runs on a copy and :attr:`Registry.config` holds the validated result.
    """
    from .book_config import validate_config

    registry = Registry()
    taken: dict[str, str] = {}
    for plugin, base, caller in _callers(pm, "register_exercises"):
        _call(plugin, "register_exercises", caller, register=_exercise_register(registry, plugin, base))
    for plugin, base, caller in _callers(pm, "register_modules"):
        _call(plugin, "register_modules", caller, register=_module_register(registry, plugin, base, taken))
    for plugin, base, caller in _callers(pm, "register_contacts"):
        _call(plugin, "register_contacts", caller, register=_contact_register(registry, plugin, base))
    if config is not None:
        registry.config = _updated_config(pm, registry, config, validate_config)
    return registry


def _updated_config(pm: pluggy.PluginManager, registry: Registry, config: dict, validate: Callable) -> dict:
    # Every plugin changes the result of the ones before it; its changes are checked
    # (validate) and recorded, so a setting two plugins change is an error naming both.
    # Validated first, so sections the check adds are not counted as a plugin's change.
    current = validate(copy.deepcopy(config), None)
    log = ChangeLog()
    for plugin, base, caller in _callers(pm, "update_book_config"):
        before, given = copy.deepcopy(current), BookConfig(current)
        _call(plugin, "update_book_config", caller, config=given)
        try:
            current = dict(validate(given, base))
        except SleutelcursusError as exc:
            raise PluginError.caused_by(plugin, exc) from exc
        log.record(plugin, changed_keys(before, current), given.overrides)
        registry.config_plugins.append(plugin)
    registry.config_changes = log.by_plugin
    return validate(current, None)


# The exercise instances a notebook kernel can show: the national ones and the plugins'.


def write_specs(registry: Registry, path: Path) -> Path:
    """Save the validated exercise specs for :func:`registered_specs` in another process."""
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(json.dumps(registry.exercises, ensure_ascii=False), encoding="utf-8")
    return path


@functools.lru_cache(maxsize=None)
def registered_specs() -> dict[str, dict]:
    """Every registered exercise spec by id, collected once per process.

    In a notebook kernel that ``sleutelcursus build`` started, these are the specs the
    build validated (the file in ``$SLEUTELCURSUS_REGISTRY``), so no kernel loads the
    plugins again. Elsewhere (Jupyter, tests) the plugins are loaded: installed ones and
    the local folder in ``$SLEUTELCURSUS_PLUGINS_DIR``.
    """
    handed = os.environ.get(REGISTRY_ENV)
    if handed and Path(handed).is_file():
        return json.loads(Path(handed).read_text(encoding="utf-8"))
    from .manager import get_plugin_manager, plugins_dir_from

    return collect(get_plugin_manager(plugins_dir_from(None))).exercises


def get_spec(exercise_id: str) -> dict:
    """The validated spec of ``exercise_id``; a clear error when unknown."""
    specs = registered_specs()
    try:
        return specs[exercise_id]
    except KeyError:
        known = ", ".join(sorted(specs)) or "geen"
        raise SpecError(exercise_id, "id", f"onbekende oefening; bekend zijn: {known}.") from None
