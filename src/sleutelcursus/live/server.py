"""What ``sleutelcursus live`` runs: open the database, pick the session, print the
addresses, serve with uvicorn.

One process (uvicorn, one worker) is right for a training room with SQLite: SQLite
takes one writer at a time, and the rate limits live in the process's memory. Beside it
runs one helper process that only reads: it builds the trainer's stand
(:mod:`sleutelcursus.live.stand_worker`), started here before serving and ended after. A
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
from dataclasses import dataclass
from datetime import datetime, timezone
from pathlib import Path

from sqlalchemy.exc import SQLAlchemyError

from ..clock import local_time
from ..errors import SleutelcursusError
from . import codes
from .server_lock import ServerLock
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


def sqlite_file(url: str) -> Path | None:
    """The file of a ``sqlite:///`` URL; None for any other database."""
    return Path(url[len("sqlite:///"):]) if url.startswith("sqlite:///") else None


def check_db_outside_book(url: str, book_dir: Path) -> None:
    """Refuse a SQLite file inside the served folder: the server would hand it out."""
    if (path := sqlite_file(url)) is not None:
        path = path.resolve()
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

    ``--sessie CODE`` continues that session; a closed or expired one too, read-only,
    until the server wipes it (:attr:`Session.wiped_at`): the trainer may have stopped the
    server before downloading the report. Otherwise a trainer's own SQLite file continues
    its newest open session unless ``--nieuw``; a shared database (PostgreSQL) never does
    that by itself: it may hold other trainers' sessions, and taking one over would
    replace that trainer's token.
    """
    if options.session is not None:
        session = store.session_by_code(options.session)
        if session is None:
            raise SleutelcursusError(f"geen sessie met code {options.session} in deze database; misschien is ze "
                                     "al gewist. Begin een nieuwe sessie zonder --sessie.", exit_code=2)
        if session.wiped_at <= datetime.now(timezone.utc):
            # The server wipes at start anyway (app.wiping_lifespan); here it says so.
            store.wipe_ended()
            raise SleutelcursusError(
                f"de sessie {codes.shown(session.code)} is {ended_word(session)} op {_when(session.ended_at)}, meer dan "
                "een uur geleden; daarom is ze nu gewist, met alle bijnamen en antwoorden. Begin een nieuwe sessie "
                "zonder --sessie.", exit_code=2)
        return session, store.new_trainer_token(session.id), True
    if not options.new and not shared:
        session = store.latest_open_session()
        if session is not None:
            return session, store.new_trainer_token(session.id), True
    session, token = store.create_session(str(Path(options.book_dir).resolve()), options.hours)
    return session, token, False


def ended_word(session: Session) -> str:
    """``"gesloten"`` (by the trainer) or ``"verlopen"`` (past its time), as the trainer page says."""
    # The trainer page's module is imported on use, not at the top: --wis need not wait for pandas.
    from .view import session_state

    return session_state(session)


def _when(moment: datetime) -> str:
    return local_time(moment)


def report_hint(session: Session) -> str:
    """How to still get the report of an ended session that is not yet wiped."""
    return (f"Het rapport en de CSV haal je tot {_when(session.wiped_at)} nog op: start dezelfde opdracht met "
            f"--sessie {codes.shown(session.code)} erachter en open de nieuwe trainerlink.")


def earlier_session(store: LiveStore, current: Session) -> list[str]:
    """A line about the trainer's previous session when it ended but is not yet wiped:
    a restart with the same command began a new one, and its report can still be had."""
    previous = store.latest_session(other_than=current.id)
    if previous is None or previous.is_open() or previous.wiped_at <= datetime.now(timezone.utc):
        return []
    return [f"De vorige sessie {codes.shown(previous.code)} is {ended_word(previous)}. {report_hint(previous)}"]


def public_url(host: str, port: int) -> str:
    """The server's address as trainees reach it, e.g. ``http://192.168.1.20:8000``."""
    return f"http://{shown_host(host)}:{port}"


def announce(session: Session, token: str, resumed: bool, host: str, port: int, shared: bool = False) -> list[str]:
    """The Dutch lines the trainer reads when the server starts."""
    base = public_url(host, port)
    code = codes.shown(session.code)
    trainer = f"Trainer (geheim, niet delen): {base}/trainer?token={token}"
    if not session.is_open():
        # Resumed with --sessie to download the report: nobody can join any more.
        word = ended_word(session)
        return [
            f"{word.capitalize()} sessie: code {code} ({word} op {_when(session.ended_at)}). Alleen inzien: "
            "deelnemers kunnen niet meer meedoen of antwoorden sturen.",
            trainer,
            f"Download het rapport en de CSV op de trainerpagina. Op {_when(session.wiped_at)} wist de server de "
            "sessie, met alle bijnamen en antwoorden.",
            "Stop met Ctrl+C als je klaar bent.",
        ]
    until = _when(session.expires_at)
    lines = [
        f"{'Sessie hervat' if resumed else 'Nieuwe sessie'}: code {code} (open tot {until}).",
        f"Deelnemers: {base}/doe-mee/{code}",
        trainer,
    ]
    if host in ("127.0.0.1", "localhost", "::1"):
        lines.append("Alleen bereikbaar vanaf deze computer; gebruik --host 0.0.0.0 voor het netwerk van de zaal.")
    if shared:
        lines.append(f"Stop met Ctrl+C; de sessie blijft bewaard. Ga later verder met --sessie {code}.")
    else:
        lines.append("Stop met Ctrl+C; de sessie blijft bewaard en gaat verder bij de volgende start.")
    return lines


def farewell(store: LiveStore, session: Session, shared: bool) -> list[str]:
    """The Dutch lines printed after Ctrl+C: what happens to the session now.

    ``session`` is the one the server ran, as it was at start; its stored state decides
    (the trainer may have closed it, it may have expired or been wiped meanwhile).
    """
    code = codes.shown(session.code)
    now = store.session(session.id)
    if now is None:
        return [f"Gestopt. De sessie {code} is gewist, met alle bijnamen en antwoorden."]
    if now.is_open():
        how = (f"ga verder met dezelfde opdracht en --sessie {code} erachter" if shared
               else "start opnieuw met dezelfde opdracht om haar te hervatten")
        return [f"Gestopt. De sessie {code} is nog open tot {_when(now.expires_at)}; {how}."]
    return [
        f"Gestopt. De sessie {code} is {ended_word(now)}. De server wist haar gegevens op {_when(now.wiped_at)}; "
        "staat hij dan uit, dan bij zijn volgende start.",
        report_hint(now),
        f"Meteen wissen: sleutelcursus live --wis {code}",
    ]


def _discard_sqlite(path: Path) -> None:
    """Remove a SQLite file this start created, with its WAL companions."""
    for name in (path, path.with_name(path.name + "-wal"), path.with_name(path.name + "-shm")):
        name.unlink(missing_ok=True)


def run(options: LiveOptions) -> int:
    """``sleutelcursus live``: wipe and stop, or serve the session until Ctrl+C."""
    url = options.db or LiveStore.default_url(Path.cwd())
    database = sqlite_file(url)
    if options.wipe is not None:
        if database is not None and not database.is_file():
            raise SleutelcursusError(f"geen database {database} in deze map; geef --wis in de map "
                                     "waar je 'sleutelcursus live' startte, of kies de database met --db.", exit_code=2)
        store = LiveStore(url)
        if not store.wipe(options.wipe):
            raise SleutelcursusError(f"geen sessie met code {options.wipe} in deze database.", exit_code=2)
        print(f"Sessie {options.wipe} gewist: deelnemers en antwoorden zijn verwijderd.")
        return 0
    check_book(options.book_dir)
    check_db_outside_book(url, options.book_dir)
    shared = not url.startswith("sqlite")
    # Before anything else: a second server on the same database refuses, touching nothing.
    lock = ServerLock(database) if database is not None and database.parent.is_dir() else None
    if lock is not None:
        lock.acquire()
    try:
        return _serve(options, url, database, shared, lock)
    finally:
        if lock is not None:
            lock.release()


def _serve(options: LiveOptions, url: str, database: Path | None, shared: bool, lock: ServerLock | None) -> int:
    # The port first: a start that cannot listen leaves no database behind.
    sock = bind(options.host, options.port)
    created = database if database is not None and not database.exists() else None
    store = None
    try:
        store = LiveStore(url)
        session, token, resumed = choose_session(store, options, shared=shared)

        import uvicorn

        from . import stand_worker
        from .app import create_app
        from .trainer import trainer_routes

        port = sock.getsockname()[1]
        app = create_app(store, options.book_dir, session.id, allowed_origin=options.allowed_origin,
                         extra_routes=trainer_routes(store), public_url=public_url(options.host, port))
    except BaseException:
        sock.close()
        if created is not None:
            if store is not None:
                store.engine.dispose()
            _discard_sqlite(created)
        raise
    if lock is not None:
        lock.serving(public_url(options.host, port), codes.shown(session.code))
    lines = announce(session, token, resumed, options.host, port, shared=shared)
    if not resumed and not shared:
        lines += earlier_session(store, session)
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
    # The stand's worker imports pandas while the trainer reads the links.
    stand_worker.warm_up()
    try:
        print("\n".join(lines), flush=True)
        server.run(sockets=[sock])
    except KeyboardInterrupt:
        # uvicorn raises Ctrl+C again once it has shut down (or it came before uvicorn
        # took over); what happens to the session now is said below.
        pass
    finally:
        stand_worker.stop()
    try:
        lines = farewell(store, session, shared)
    except SQLAlchemyError:  # the database went away meanwhile: say only what is sure
        lines = ["Gestopt."]
    for line in lines:
        print(line)
    return 0
