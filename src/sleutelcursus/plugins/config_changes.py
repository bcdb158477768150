"""Which plugin changed which book setting, and refusing two plugins that set one.

``update_book_config`` hands every plugin the same configuration in turn. Without a
check, the last plugin to set the title wins silently while the logo and author of the
other stay. So each plugin's changes are recorded as dotted keys (``title``,
``launch_buttons.jupyterhub_url``); a key that a second plugin changes again is an error
naming both, unless the second says it overrides on purpose with
:meth:`BookConfig.override`.
"""

from __future__ import annotations

from typing import Any

from ..errors import PluginError

_MISSING = object()


class BookConfig(dict):
    """The configuration a plugin's ``update_book_config`` receives: a dict, plus
    :meth:`override` for a setting another plugin may already have set."""

    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.overrides: set[str] = set()

    def override(self, key: str, value: Any) -> None:
        """Set the dotted ``key`` (``"title"``, ``"launch_buttons.jupyterhub_url"``) to
        ``value``, replacing what another plugin set there, on purpose."""
        *parents, last = key.split(".")
        node = self
        for part in parents:
            node = node.setdefault(part, {})
        node[last] = value
        self.overrides.add(key)


def leaves(config: Any, prefix: str = "") -> dict[str, Any]:
    """Every setting as ``dotted key -> value``; lists and other values are leaves."""
    if not isinstance(config, dict) or (prefix and not config):
        return {prefix: config}
    found: dict[str, Any] = {}
    for key, value in config.items():
        found.update(leaves(value, f"{prefix}.{key}" if prefix else str(key)))
    return found


def changed_keys(before: dict, after: dict) -> list[str]:
    """The dotted keys whose value differs (added, changed or removed), sorted."""
    old, new = leaves(before), leaves(after)
    return sorted(key for key in old.keys() | new.keys() if old.get(key, _MISSING) != new.get(key, _MISSING))


def _related(key: str, other: str) -> bool:
    # "launch_buttons" replaced as a whole touches "launch_buttons.jupyterhub_url".
    return key == other or key.startswith(other + ".") or other.startswith(key + ".")


class ChangeLog:
    """What each plugin changed, in the order the plugins ran."""

    def __init__(self) -> None:
        self.by_plugin: dict[str, list[str]] = {}

    def record(self, plugin: str, keys: list[str], overrides: set[str]) -> None:
        """Add ``plugin``'s changed ``keys``; refuse one another plugin already set.

        :raises PluginError: naming both plugins and the setting
        """
        for key in keys:
            if any(_related(key, wanted) for wanted in overrides):
                continue
            for earlier, their_keys in self.by_plugin.items():
                if earlier != plugin and any(_related(key, theirs) for theirs in their_keys):
                    raise PluginError(
                        f'deze instelling is al gezet door plugin "{earlier}". Kies één plugin voor deze '
                        f'instelling, of schrijf config.override("{key}", ...) als deze plugin hem bewust vervangt.',
                        plugin=plugin, field=key)
        if keys:
            self.by_plugin.setdefault(plugin, []).extend(keys)
