"""What a reader whose browser runs no JavaScript gets (a locked-down work laptop).

The text of every page is plain HTML and reads fine without scripts, but two things
went silent: an exercise is drawn by a script, so where it should be there was nothing,
after an introduction that asks the trainee to do it; and the theme's colours hang on
``data-theme``, which pydata-sphinx-theme writes as ``"auto"`` in the page and its head
script turns into ``"light"`` or ``"dark"``. Without the script no colour rule matched:
the sticky header had no background and the text scrolled through it.

So each exercise gets a ``<noscript>`` line in its place, and the theme's light colours
(its rule for a page with no ``data-theme`` at all) also hold for ``data-theme="auto"``,
which only a page whose scripts did not run still has.
"""

from __future__ import annotations

import re

EXERCISE_NOTICE = (
    '<noscript><p class="sc-noscript">Deze oefening werkt alleen met JavaScript. Zet JavaScript aan '
    "in je browser om de oefening te doen. Lukt dat niet, bijvoorbeeld op een laptop van je werk? "
    "Vraag dan je trainer om de oefening samen te doen.</p></noscript>"
)
_VIEW = re.compile(r'(<script type="application/vnd\.jupyter\.widget-view\+json">.*?</script>)', re.DOTALL)
# A rule whose whole selector is the theme's "no data-theme" one (in the minified bundle,
# after the end of the rule before it or a line break).
_NO_THEME_RULE = re.compile(r"(?<=[}\n])\s*html:not\(\[data-theme\]\)(?=\s*\{)")


def with_exercise_notices(body: str) -> str:
    """``body`` with :data:`EXERCISE_NOTICE` right after each exercise's view."""
    return _VIEW.sub(lambda m: m[1] + EXERCISE_NOTICE, body)


def with_unscripted_colours(css: str) -> str:
    """``css`` with each rule for ``html:not([data-theme])`` alone also applying to
    ``html[data-theme=auto]``."""
    return _NO_THEME_RULE.sub(lambda m: m[0] + ",html[data-theme=auto]", css)
