"""Charts a trainer can project: horizontal bars as inline SVG, each beside its table.

No plotting library and no font files: the SVG is written here and its text uses the
system's sans-serif, so a chart works offline and in any notebook or browser. Every
chart has a ``<title>`` and an ``aria-label``, and the same figures stand in an HTML
table beside it, for screen readers and for anyone who wants the exact numbers.
Colours meet WCAG AA on white (text at least 4.5:1, bars at least 3:1).
"""

from __future__ import annotations

import math
import textwrap
from html import escape

import pandas as pd

STYLE = """
.sc-groep { color: #1a1a1a; background: #ffffff; font-family: system-ui, -apple-system, "Segoe UI", Roboto, sans-serif; line-height: 1.5; }
.sc-figuur { display: flex; flex-wrap: wrap; gap: 1.5rem; align-items: flex-start; margin: 1rem 0 2rem; }
.sc-figuur svg { max-width: 100%; height: auto; }
.sc-groep table { border-collapse: collapse; font-size: 0.95rem; }
.sc-groep caption { text-align: left; font-weight: 600; padding-bottom: 0.4rem; }
.sc-groep th, .sc-groep td { border: 1px solid #767676; padding: 0.25rem 0.6rem; text-align: left; vertical-align: top; }
.sc-groep thead th { background: #e8eef6; }
.sc-groep td.sc-getal { text-align: right; font-variant-numeric: tabular-nums; }
"""

TEXT = "#1a1a1a"
BAR = "#2a5d9f"  # 6.7:1 on white
AXIS = "#595959"
WIDTH, LABEL_WIDTH, VALUE_WIDTH = 640, 260, 70
LINE, PAD, WRAP = 18, 10, 32


def _plain(value):
    # numpy scalars (what pandas hands out) as the Python numbers they stand for
    return value.item() if type(value).__module__ == "numpy" else value


def number(value, decimals: int = 1) -> str:
    """A figure as a Dutch reader writes it: decimal comma, "–" for no value."""
    value = _plain(value)
    if value is None or value is pd.NA or (isinstance(value, float) and math.isnan(value)):
        return "–"
    if isinstance(value, bool):
        return "ja" if value else "nee"
    if isinstance(value, float) and not value.is_integer():
        return f"{value:.{decimals}f}".replace(".", ",")
    if isinstance(value, float):
        return str(int(value))
    return str(value)


def bar_chart(title: str, bars: list[tuple[str, float | None]], maximum: float, unit: str = "") -> str:
    """An inline SVG with one horizontal bar per (label, value); ``None`` draws no bar.

    :param maximum: the value of a full-length bar (100 for percentages)
    :param unit: written after each value, e.g. ``"%"``
    """
    scale = (WIDTH - LABEL_WIDTH - VALUE_WIDTH) / (maximum or 1)
    rows, y = [], PAD
    for label, value in bars:
        lines = textwrap.wrap(str(label), WRAP) or [""]
        height = max(len(lines) * LINE, 24)
        middle = y + height / 2
        first = middle - (len(lines) - 1) * LINE / 2
        spans = "".join(
            f'<tspan x="{LABEL_WIDTH - 10}" y="{first + i * LINE:.1f}">{escape(line)}</tspan>' for i, line in enumerate(lines)
        )
        rows.append(f'<text text-anchor="end" dominant-baseline="middle">{spans}</text>')
        missing = value is None or value is pd.NA or (isinstance(value, float) and math.isnan(value))
        length = 0 if missing else max(0.0, min(float(value), maximum)) * scale
        if length:
            rows.append(f'<rect x="{LABEL_WIDTH}" y="{middle - 9:.1f}" width="{length:.1f}" height="18" fill="{BAR}"/>')
        shown = "–" if missing else number(value) + unit
        rows.append(f'<text x="{LABEL_WIDTH + length + 6:.1f}" y="{middle:.1f}" dominant-baseline="middle">{escape(shown)}</text>')
        y += height + PAD
    label = f"{title}. De cijfers staan ook in de tabel."
    return (
        f'<svg role="img" aria-label="{escape(label)}" width="{WIDTH}" height="{y}" viewBox="0 0 {WIDTH} {y}" '
        f'font-family="system-ui, sans-serif" font-size="14" fill="{TEXT}">'
        f"<title>{escape(label)}</title>"
        f'<line x1="{LABEL_WIDTH}" y1="{PAD / 2}" x2="{LABEL_WIDTH}" y2="{y - PAD / 2}" stroke="{AXIS}"/>'
        + "".join(rows) + "</svg>"
    )


def table(frame: pd.DataFrame, caption: str, headers: dict[str, str]) -> str:
    """An HTML table of the columns in ``headers`` (column -> heading), with a caption.

    The first column heads its row; numbers are right-aligned and written the Dutch way.
    """
    names = list(headers)
    head = "".join(f'<th scope="col">{escape(headers[name])}</th>' for name in names)
    body = []
    for record in frame[names].itertuples(index=False):
        cells = []
        for i, value in enumerate(record):
            value = _plain(value)
            numeric = isinstance(value, (int, float)) and not isinstance(value, bool)
            text = escape(number(value))
            if i == 0:
                cells.append(f'<th scope="row">{text}</th>')
            else:
                cells.append(f'<td class="sc-getal">{text}</td>' if numeric else f"<td>{text}</td>")
        body.append("<tr>" + "".join(cells) + "</tr>")
    return (
        f"<table><caption>{escape(caption)}</caption><thead><tr>{head}</tr></thead>"
        f"<tbody>{''.join(body)}</tbody></table>"
    )


def figure(title: str, bars: list[tuple[str, float | None]], maximum: float, unit: str, table_html: str) -> str:
    """A chart and its table side by side (they wrap below each other on a narrow screen)."""
    return f'<div class="sc-figuur">{bar_chart(title, bars, maximum, unit)}{table_html}</div>'


def show(*fragments: str):
    """The fragments as one ``IPython.display.HTML``, styled, for a notebook cell."""
    from IPython.display import HTML

    return HTML(f'<style>{STYLE}</style><div class="sc-groep">{"".join(fragments)}</div>')
