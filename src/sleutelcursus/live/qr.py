"""The join URL as a QR code: an inline SVG made on the server, with no outside service.

The trainer page shows it big, so trainees in the room join with their phone's camera.
``segno`` draws it; the SVG has a ``viewBox`` and no size of its own, so the page's
CSS decides how large it is on the projector.
"""

from __future__ import annotations

import segno
from markupsafe import Markup


def join_qr(url: str) -> Markup:
    """An inline SVG QR code of ``url`` (dark on white, with its quiet zone).

    The SVG is decorative for screen readers: the page shows the same URL as text, so
    the caller wraps it in an element with a label rather than relying on the drawing.
    """
    code = segno.make(url, error="m")
    # segno writes only path data and the given colours: no text of ours, nothing to escape.
    svg = code.svg_inline(omitsize=True, dark="#000", light="#fff", svgclass="sc-qr-code", lineclass=None)
    return Markup(svg)
