"""Municipality plugins (pluggy): the hooks, the plugin manager and what plugins registered.

- :mod:`.hookspecs`: the hooks a plugin can implement (``from sleutelcursus import hookimpl``);
- :mod:`.manager`: a fresh plugin manager with the default, installed and local plugins;
- :mod:`.registry`: everything the plugins registered, validated and attributed;
- :mod:`.book_config`: what a plugin may change in the book's configuration;
- :mod:`.default`: the national course's own plugin;
- :mod:`.scaffold`: ``sleutelcursus new-plugin``.
"""

from .manager import get_plugin_manager
from .registry import Registry, collect

__all__ = ["get_plugin_manager", "collect", "Registry"]
