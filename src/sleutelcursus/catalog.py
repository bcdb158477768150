"""The exercise instances a notebook can show: the national ones and the plugins'."""

from __future__ import annotations

import functools

from .errors import SpecError


@functools.lru_cache(maxsize=None)
def registered_specs() -> dict[str, dict]:
    """Every registered exercise spec by id, collected once per process.

    Loads the same plugins as the build that started this kernel: installed ones and
    the local folder in ``$SLEUTELCURSUS_PLUGINS_DIR`` (set by ``sleutelcursus build``).
    """
    from .plugins import get_plugin_manager, plugins_dir_from
    from .registry import collect

    return collect(get_plugin_manager(plugins_dir_from(None))).exercises


def get_spec(exercise_id: str) -> dict:
    """The validated spec of ``exercise_id``; a clear error when unknown."""
    specs = registered_specs()
    try:
        return specs[exercise_id]
    except KeyError:
        known = ", ".join(sorted(specs)) or "geen"
        raise SpecError(exercise_id, "id", f"onbekende oefening; bekend zijn: {known}.") from None
