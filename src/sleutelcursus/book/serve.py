"""Local preview of the built book: a static file server on 127.0.0.1 only."""

from __future__ import annotations

import functools
import http.server
from pathlib import Path

from ..errors import SleutelcursusError


class _Handler(http.server.SimpleHTTPRequestHandler):
    def log_message(self, format, *args):  # one short line per request is enough
        print(f"{self.address_string()} {format % args}")


def make_server(directory: Path, port: int) -> http.server.ThreadingHTTPServer:
    """A server for ``directory``; raises a Dutch error when it cannot start."""
    if not (directory / "index.html").is_file():
        raise SleutelcursusError(
            f"geen gebouwd boek in {directory}/; voer eerst 'sleutelcursus build' uit."
        )
    handler = functools.partial(_Handler, directory=str(directory))
    try:
        return http.server.ThreadingHTTPServer(("127.0.0.1", port), handler)
    except OSError as exc:
        raise SleutelcursusError(f"poort {port} is niet beschikbaar ({exc.strerror}); kies een andere met --port.") from None


def serve(directory: Path, port: int) -> int:
    server = make_server(directory, port)
    print(f"Het boek staat op http://127.0.0.1:{server.server_address[1]}/ (stop met Ctrl+C).")
    try:
        server.serve_forever()
    except KeyboardInterrupt:
        print("Gestopt.")
    finally:
        server.server_close()
    return 0
