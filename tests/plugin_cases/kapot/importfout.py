"""Broken: imports a module that is not installed."""

import gemeentelijke_huisstijl  # noqa: F401
