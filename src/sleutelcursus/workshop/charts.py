"""Charts a trainer can project: horizontal bars as inline SVG, each beside its table.

No plotting library and no font files: the SVG comes from a jinja2 template
(``templates/report/parts.html.j2``, autoescaped) and its text uses the system's
sans-serif, so a chart works offline and in any notebook or browser. This module
computes what the templates draw: the bars' geometry and the tables' cells. Every
chart has a ``<title>`` and an ``aria-label``, and the same figures stand in an HTML
table beside it, for screen readers and for anyone who wants the exact numbers.
Colours meet WCAG AA on white (text at least 4.5:1, bars at least 3:1).

Each label stands above its bar, and the chart is :data:`WIDTH` units wide: an SVG
scales down with the page, and a trainer reading the report on a 360 px phone (328 px
of content) still gets labels of at least 12 px. (Labels beside the bars needed a
640-unit chart: 7 px labels on that phone.) On a desktop and on A4 the chart is drawn
at its own width, with 14 px text.
"""

from __future__ import annotations

import functools
import math
import textwrap
from dataclasses import dataclass, field

import jinja2
import pandas as pd
from markupsafe import Markup

TEXT = "#1a1a1a"
BAR = "#2a5d9f"  # 6.7:1 on white
AXIS = "#595959"
# 14 units of text * 328 / 360 = 12.8 px on a 360 px phone. WRAP keeps a label's line
# inside WIDTH at 14 px (system sans-serif averages about 7 px a character).
WIDTH, VALUE_WIDTH, FONT_SIZE = 360, 60, 14
LINE, PAD, WRAP, BAR_HEIGHT = 17, 8, 44, 14


def coordinate(value: float) -> str:
    """A chart coordinate as short as it is exact to a tenth of a pixel: ``13`` for 13.0."""
    return f"{value:.1f}".removesuffix(".0")


@functools.cache
def environment() -> jinja2.Environment:
    """The report's templates, with autoescape on for every file."""
    env = jinja2.Environment(
        loader=jinja2.PackageLoader("sleutelcursus.workshop", "templates/report"),
        autoescape=True,
        undefined=jinja2.StrictUndefined,
        keep_trailing_newline=True,
    )
    env.filters["coordinate"] = coordinate
    return env


def render(name: str, **context) -> Markup:
    """One template of ``templates/report`` rendered with ``context``."""
    return Markup(environment().get_template(name).render(**context))


def _parts():
    return environment().get_template("parts.html.j2").module


def _plain(value):
    # numpy scalars (what pandas hands out) as the Python numbers they stand for
    return value.item() if type(value).__module__ == "numpy" else value


def _missing(value) -> bool:
    return value is None or value is pd.NA or (isinstance(value, float) and math.isnan(value))


def number(value, decimals: int = 1) -> str:
    """A figure as a Dutch reader writes it: decimal comma, "–" for no value."""
    value = _plain(value)
    if _missing(value):
        return "–"
    if isinstance(value, bool):
        return "ja" if value else "nee"
    if isinstance(value, float) and not value.is_integer():
        return f"{value:.{decimals}f}".replace(".", ",")
    if isinstance(value, float):
        return str(int(value))
    return str(value)


@dataclass
class Bar:
    """One bar: its label's lines (y, text) above it, the bar's middle y, its length and value text."""

    lines: list[tuple[float, str]]
    middle: float
    length: float
    shown: str

    @property
    def top(self) -> float:
        return self.middle - BAR_HEIGHT / 2


@dataclass
class Chart:
    """What ``parts.bar_chart`` draws."""

    label: str
    height: float
    bars: list[Bar] = field(default_factory=list)
    width: int = WIDTH
    font_size: int = FONT_SIZE
    # A "J" or "T" reaches a unit left of its x: at 0 the chart's edge would clip it.
    label_x: int = 2
    bar_height: int = BAR_HEIGHT
    text: str = TEXT
    bar: str = BAR
    axis: str = AXIS


def chart(title: str, bars: list[tuple[str, float | None]], maximum: float, unit: str = "") -> Chart:
    """The geometry of a bar chart with one horizontal bar per (label, value), each
    label above its bar (see the module docstring).

    :param maximum: the value of a full-length bar (100 for percentages)
    :param unit: written after each value, e.g. ``"%"``
    """
    scale = (WIDTH - VALUE_WIDTH) / (maximum or 1)
    drawn, y = [], PAD / 2
    for label, value in bars:
        lines = textwrap.wrap(str(label), WRAP) or [""]
        middle = y + len(lines) * LINE + 1 + BAR_HEIGHT / 2
        missing = _missing(value)
        length = 0 if missing else max(0.0, min(float(value), maximum)) * scale
        shown = "–" if missing else number(value) + unit
        drawn.append(Bar([(y + LINE / 2 + i * LINE, line) for i, line in enumerate(lines)], middle, length, shown))
        y = middle + BAR_HEIGHT / 2 + PAD
    return Chart(f"{title}. De cijfers staan ook in de tabel.", y - PAD / 2, drawn)


def bar_chart(title: str, bars: list[tuple[str, float | None]], maximum: float, unit: str = "") -> Markup:
    """An inline SVG with one horizontal bar per (label, value); ``None`` draws no bar."""
    return _parts().bar_chart(chart(title, bars, maximum, unit))


@dataclass
class Cell:
    text: str
    numeric: bool


@dataclass
class Table:
    """What ``parts.table`` draws: the first cell of each row heads it; ``names``: those
    cells are people's names, kept on one line on paper."""

    caption: str
    headings: list[str]
    rows: list[list[Cell]]
    names: bool = False


def table_data(frame: pd.DataFrame, caption: str, headers: dict[str, str], names: bool = False) -> Table:
    """The columns in ``headers`` (column -> heading): numbers the Dutch way, right-aligned.

    :param names: the first column holds people's names (:class:`Table`)
    """
    rows = []
    for record in frame[list(headers)].itertuples(index=False):
        values = [_plain(value) for value in record]
        rows.append([Cell(number(v), isinstance(v, (int, float)) and not isinstance(v, bool)) for v in values])
    return Table(caption, list(headers.values()), rows, names)


def table(frame: pd.DataFrame, caption: str, headers: dict[str, str]) -> Markup:
    """An HTML table of the columns in ``headers`` (column -> heading), with a caption."""
    return table_html(table_data(frame, caption, headers))


def table_html(data: Table) -> Markup:
    """The HTML table of :func:`table_data`'s result."""
    return _parts().table(data)


def show(body: Markup, example: bool = False):
    """``body`` as one styled ``IPython.display.HTML`` for a notebook cell.

    :param example: say above it that the figures are the example group's
    """
    from IPython.display import HTML

    return HTML(str(render("notebook.html.j2", body=body, example=example)))


def stylesheet() -> str:
    """The report's CSS (``groep.css``: charts, tables, colours), for a page that links it
    instead of inlining it."""
    return environment().get_template("groep.css").render()
