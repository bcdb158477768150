"""What ``sleutelcursus live`` runs: open the database, pick the session, print the
addresses, serve with uvicorn.

One process (uvicorn, one worker) is right for a training room with SQLite: SQLite
takes one writer at a time, and the rate limits live in the process's memory. A
municipality that hosts many sessions runs several workers or machines against
PostgreSQL (``--db postgresql+psycopg://...``); each worker then keeps its own rate
limits, so the limits per client multiply by the number of workers.

Forwarded-for headers are not trusted (``proxy_headers=False``): behind a reverse proxy
every trainee has the proxy's address, so wrong join codes are then counted for the
whole room together (the limit of :mod:`sleutelcursus.live.codes` still holds).
"""

from __future__ import annotations

import errno
import ipaddress
import socket
import sys
from dataclasses import dataclass
from pathlib import Path

from ..errors import SleutelcursusError
from . import codes
from .storage import LiveStore, Session


KEEP_ALIVE_SECONDS = 75


@dataclass
class LiveOptions:
    """The options of ``sleutelcursus live`` (see the CLI for their Dutch help)."""

    book_dir: Path
    host: str = "127.0.0.1"
    port: int = 8000
    db: str | None = None
    hours: float = 12
    new: bool = False
    session: str | None = None
    wipe: str | None = None
    allowed_origin: str | None = None


def check_book(book_dir: Path) -> None:
    """A Dutch error (exit 2) unless ``book_dir`` holds a built book."""
    if not (Path(book_dir) / "index.html").is_file():
        raise SleutelcursusError(f"geen gebouwd boek in {book_dir}/; voer eerst 'sleutelcursus build' uit "
                                 "of kies de map met --dir.", exit_code=2)


def check_db_outside_book(url: str, book_dir: Path) -> None:
    """Refuse a SQLite file inside the served folder: the server would hand it out."""
    if url.startswith("sqlite:///"):
        path = Path(url[len("sqlite:///"):]).resolve()
        if path.is_relative_to(Path(book_dir).resolve()):
            raise SleutelcursusError(f"de database {path} staat in de map van het boek en zou dan te downloaden "
                                     "zijn; kies een andere plek met --db.", exit_code=2)


def lan_address() -> str:
    """This machine's address on the local network (what trainees in the room type).

    Asks the routing table which address a packet to the outside would leave from; a UDP
    "connect" sends nothing. Falls back to the host name's address, then loopback.
    """
    probe = socket.socket(socket.AF_INET, socket.SOCK_DGRAM)
    try:
        probe.connect(("192.0.2.1", 9))  # TEST-NET-1: never routed, nothing is sent
        return probe.getsockname()[0]
    except OSError:
        try:
            return socket.gethostbyname(socket.gethostname())
        except OSError:
            return "127.0.0.1"
    finally:
        probe.close()


def shown_host(host: str) -> str:
    """The host to print in addresses: the LAN address for a wildcard bind."""
    if host in ("0.0.0.0", "::", ""):
        return lan_address()
    try:
        return f"[{host}]" if ipaddress.ip_address(host).version == 6 else host
    except ValueError:  # a host name
        return host


def bind(host: str, port: int) -> socket.socket:
    """The listening socket, or a Dutch error when the address cannot be used."""
    try:
        infos = socket.getaddrinfo(host, port, type=socket.SOCK_STREAM, flags=socket.AI_PASSIVE)
    except socket.gaierror:
        raise SleutelcursusError(f"onbekend adres {host!r} voor --host.", exit_code=2) from None
    family, kind, proto, _name, address = infos[0]
    sock = socket.socket(family, kind, proto)
    sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
    try:
        sock.bind(address)
    except OSError as error:
        sock.close()
        reason = "al in gebruik" if error.errno == errno.EADDRINUSE else "niet te gebruiken"
        raise SleutelcursusError(f"poort {port} op {host} is {reason}; kies een andere met --port.",
                                 exit_code=2) from None
    sock.listen(2048)
    sock.set_inheritable(True)
    return sock


def choose_session(store: LiveStore, options: LiveOptions, shared: bool) -> tuple[Session, str, bool]:
    """(session, fresh trainer token, resumed?).

    ``--sessie CODE`` continues that session. Otherwise a trainer's own SQLite file
    continues its newest open session unless ``--nieuw``; a shared database (PostgreSQL)
    never does that by itself: it may hold other trainers' sessions, and taking one over
    would replace that trainer's token.
    """
    if options.session is not None:
        session = store.session_by_code(options.session)
        if session is None:
            raise SleutelcursusError(f"geen sessie met code {options.session} in deze database.", exit_code=2)
        if not session.is_open():
            raise SleutelcursusError(f"de sessie {codes.shown(session.code)} is gesloten of verlopen; "
                                     "begin een nieuwe zonder --sessie.", exit_code=2)
        return session, store.new_trainer_token(session.id), True
    if not options.new and not shared:
        session = store.latest_open_session()
        if session is not None:
            return session, store.new_trainer_token(session.id), True
    session, token = store.create_session(str(Path(options.book_dir).resolve()), options.hours)
    return session, token, False


def public_url(host: str, port: int) -> str:
    """The server's address as trainees reach it, e.g. ``http://192.168.1.20:8000``."""
    return f"http://{shown_host(host)}:{port}"


def announce(session: Session, token: str, resumed: bool, host: str, port: int, shared: bool = False) -> list[str]:
    """The Dutch lines the trainer reads when the server starts."""
    base = public_url(host, port)
    until = session.expires_at.astimezone().strftime("%d-%m-%Y %H:%M")
    lines = [
        f"{'Sessie hervat' if resumed else 'Nieuwe sessie'}: code {codes.shown(session.code)} (open tot {until}).",
        f"Deelnemers: {base}/doe-mee/{codes.shown(session.code)}",
        f"Trainer (geheim, niet delen): {base}/trainer?token={token}",
    ]
    if host in ("127.0.0.1", "localhost", "::1"):
        lines.append("Alleen bereikbaar vanaf deze computer; gebruik --host 0.0.0.0 voor het netwerk van de zaal.")
    if shared:
        lines.append(f"Stop met Ctrl+C; de sessie blijft bewaard. Ga later verder met --sessie {codes.shown(session.code)}.")
    else:
        lines.append("Stop met Ctrl+C; de sessie blijft bewaard en gaat verder bij de volgende start.")
    return lines


def run(options: LiveOptions) -> int:
    """``sleutelcursus live``: wipe and stop, or serve the session until Ctrl+C."""
    url = options.db or LiveStore.default_url(Path.cwd())
    if options.wipe is not None:
        if url.startswith("sqlite:///") and not Path(url[len("sqlite:///"):]).is_file():
            raise SleutelcursusError(f"geen database {url[len('sqlite:///'):]} in deze map; geef --wis in de map "
                                     "waar je 'sleutelcursus live' startte, of kies de database met --db.", exit_code=2)
        store = LiveStore(url)
        if not store.wipe(options.wipe):
            raise SleutelcursusError(f"geen sessie met code {options.wipe} in deze database.", exit_code=2)
        print(f"Sessie {options.wipe} gewist: deelnemers en antwoorden zijn verwijderd.")
        return 0
    check_book(options.book_dir)
    check_db_outside_book(url, options.book_dir)
    store = LiveStore(url)
    sock = bind(options.host, options.port)
    session, token, resumed = choose_session(store, options, shared=not url.startswith("sqlite"))

    import uvicorn

    from .app import create_app
    from .trainer import trainer_routes

    port = sock.getsockname()[1]
    app = create_app(store, options.book_dir, session.id, allowed_origin=options.allowed_origin,
                     extra_routes=trainer_routes(store), public_url=public_url(options.host, port))
    for line in announce(session, token, resumed, options.host, port, shared=not url.startswith("sqlite")):
        print(line)
    sys.stdout.flush()
    # No access log: it would write every trainee's IP address to the screen and logs.
    # Trainees send every few seconds: an idle connection stays open a while (browsers keep
    # theirs for minutes) instead of uvicorn's 5 s, which closed connections just as a
    # trainee reused them.
    config = uvicorn.Config(app, log_level="warning", access_log=False, server_header=False,
                            proxy_headers=False, workers=1, timeout_keep_alive=KEEP_ALIVE_SECONDS)
    server = uvicorn.Server(config)
    # uvicorn waits for open responses on Ctrl+C; the trainer page's event stream asks
    # this and ends (live/trainer.py).
    app.state.stopping = lambda: server.should_exit
    server.run(sockets=[sock])
    print("Gestopt. Start opnieuw met dezelfde opdracht om de sessie te hervatten.")
    return 0
