"""sleutelcursus: an online course on key-person networks, with exercises and plugins.

Public API:

- :data:`hookimpl`: decorator for plugin hook implementations;
- :func:`exercise`: show a registered exercise instance (in a notebook or book page);
- :func:`load_exercise`: a widget for a spec file or dict of your own.
"""

from __future__ import annotations

import pluggy

__version__ = "0.1.0"

hookimpl = pluggy.HookimplMarker("sleutelcursus")


def exercise(exercise_id: str, answers=None):
    """Return the widget of the registered exercise ``exercise_id``.

    >>> exercise("rolscan")          # in a notebook cell: shows the role scan
    """
    from .plugins.registry import get_spec
    from .exercises.widget import make_widget

    return make_widget(get_spec(exercise_id), answers)


def load_exercise(source, answers=None):
    """Return a widget for a spec given as a YAML file path or as a dict."""
    from pathlib import Path

    from .exercises.loader import load_spec_file, validate_spec
    from .exercises.widget import make_widget

    if isinstance(source, dict):
        spec = validate_spec(source, source="<dict>")
    else:
        spec = load_spec_file(Path(source))
    return make_widget(spec, answers)


__all__ = ["hookimpl", "exercise", "load_exercise", "__version__"]
