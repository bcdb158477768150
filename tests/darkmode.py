"""The theme's colour modes in a test: switch a page as the theme's switch does, and run
axe on it in dark mode.
"""

from __future__ import annotations

from trainees import axe_run

# The theme's own switch sets these two attributes; "auto" then follows the system.
# The theme animates colours when the mode changes (CSS transitions): axe must judge the
# colours after those transitions end, not halfway (it then measured #c4c7ca, #a1a5ab, ...).
_THEME = """async (mode) => { const root = document.documentElement;
  root.dataset.mode = mode; root.dataset.theme = mode === 'auto' ? 'light' : mode;
  await new Promise((done) => requestAnimationFrame(() => requestAnimationFrame(done)));
  const ends = document.getAnimations().map((a) => a.finished.catch(() => null));
  await Promise.race([Promise.all(ends), new Promise((done) => setTimeout(done, 2000))]); }"""


def set_theme(page, mode: str) -> None:
    """Put ``page`` in the theme's ``mode`` (light, dark, auto), as its switch does."""
    page.evaluate(_THEME, mode)


def dark_mode_violations(page) -> dict[str, int]:
    """axe's violations on ``page`` in the theme's dark mode (the page is light again after)."""
    set_theme(page, "dark")
    try:
        return {v["id"]: len(v["nodes"]) for v in axe_run(page)["violations"]}
    finally:
        set_theme(page, "light")
