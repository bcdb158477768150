"""The ``sleutelcursus`` command: build, check and preview the course book.

Everything printed is Dutch and every mistake a user can make ends in one line and a
non-zero exit code, never a traceback.
"""

from __future__ import annotations

import argparse
import re
import sys
from pathlib import Path

from . import __version__
from .errors import SleutelcursusError, format_error

DEFAULT_OUT = Path("_build") / "html"
WORKDIR = Path("_build") / ".sleutelcursus"

# argparse speaks English; its few messages a user can trigger are translated here.
_ARGPARSE_DUTCH = [
    (r"the following arguments are required: (.*)", r"deze argumenten ontbreken: \1"),
    (r"unrecognized arguments: (.*)", r"onbekende argumenten: \1"),
    (r"argument (\S+): invalid int value: (.*)", r"argument \1: \2 is geen geheel getal"),
    (r"argument (\S+): invalid choice: (.*?) \(choose from (.*)\)", r"argument \1: onbekende keuze \2 (kies uit \3)"),
    (r"argument (\S+): expected one argument", r"argument \1: verwacht een waarde"),
]


class _DutchFormatter(argparse.RawDescriptionHelpFormatter):
    def add_usage(self, usage, actions, groups, prefix=None):
        return super().add_usage(usage, actions, groups, prefix="Gebruik: ")


class _Parser(argparse.ArgumentParser):
    def __init__(self, *args, **kwargs):
        kwargs.setdefault("formatter_class", _DutchFormatter)
        kwargs.setdefault("add_help", False)
        super().__init__(*args, **kwargs)
        self._positionals.title = "argumenten"
        self._optionals.title = "opties"
        self.add_argument("-h", "--help", action="help", help="toon deze hulp en stop")

    def error(self, message: str):
        for pattern, dutch in _ARGPARSE_DUTCH:
            message = re.sub(pattern, dutch, message)
        self.exit(2, f"Fout: {message}. Zie '{self.prog} --help'.\n")


def _port(value: str) -> int:
    try:
        number = int(value)
    except ValueError:
        raise argparse.ArgumentTypeError(f"{value!r} is geen poortnummer") from None
    if not 1 <= number <= 65535:
        raise argparse.ArgumentTypeError(f"poort {number} bestaat niet (kies 1 tot 65535)")
    return number


def _existing_dir(value: str) -> Path:
    path = Path(value)
    if path.is_file():
        raise argparse.ArgumentTypeError(f"{value} is een bestand, geen map; geef de map waar het bestand in staat")
    if not path.is_dir():
        raise argparse.ArgumentTypeError(f"map {value} bestaat niet")
    return path


def _safe_out(out: Path) -> Path:
    resolved, here = out.resolve(), Path.cwd().resolve()
    if resolved == here or resolved in here.parents or resolved == WORKDIR.resolve():
        raise SleutelcursusError(f"--out {out} zou deze map zelf vervangen; kies een eigen map, zoals site.")
    return out


def _compile(args, fresh: bool = False):
    from .book.sphinx_run import run_sphinx
    from .book.build import prepare

    prepared = prepare(args.plugins_dir)
    with prepared.kernel_environment(WORKDIR):
        return run_sphinx(WORKDIR, prepared.files, verbose=args.verbose, fresh=fresh, origin=prepared.origin)


def _serve_hint(out: Path) -> str:
    """The command that shows the book just built (``--dir`` unless it is the default)."""
    if out.resolve() == DEFAULT_OUT.resolve():
        return "sleutelcursus serve"
    return f"sleutelcursus serve --dir {out}"


def cmd_build(args) -> int:
    from .book.source import replace_dir

    out = _safe_out(args.out)
    result = _compile(args)
    replace_dir(result.html, out)
    for message in result.warnings:
        print(message.line(), file=sys.stderr)
    print(
        f"Boek gebouwd in {out}/ ({result.pages} pagina's, {result.seconds:.1f} s, "
        f"{len(result.warnings)} waarschuwing(en)). Bekijk het met: {_serve_hint(out)}"
    )
    return 0


def cmd_check(args) -> int:
    # Every page is read again, so warnings of unchanged pages are reported too.
    result = _compile(args, fresh=True)
    for message in result.warnings:
        print(message.line(), file=sys.stderr)
    if result.warnings:
        print(f"Controle mislukt: {len(result.warnings)} waarschuwing(en).", file=sys.stderr)
        return 1
    print(f"Controle geslaagd: {result.pages} pagina's, 0 waarschuwingen.")
    return 0


def cmd_plugins(args) -> int:
    import json

    from .book.build import base_config
    from .plugins.manager import get_plugin_manager, plugins_dir_from
    from .plugins.registry import collect

    pm = get_plugin_manager(plugins_dir_from(args.plugins_dir))
    # With the book's configuration, so what a plugin changes in it is listed too.
    registered = collect(pm, base_config()).by_plugin()
    listing = [
        {
            "name": name,
            "version": pm.sleutelcursus_versions.get(name, ""),
            "hooks": sorted(caller.name for caller in pm.get_hookcallers(plugin) or []),
            "registered": registered.get(name, {}),
        }
        for name, plugin in pm.list_name_plugin()
    ]
    print(json.dumps(listing, indent=2, ensure_ascii=False))
    return 0


def cmd_new_plugin(args) -> int:
    from .plugins.scaffold import new_plugin

    folder = new_plugin(args.naam, Path(args.map) if args.map else None)
    # The tests of the new plugin need its test extra, as the chapter says.
    print(f"Plugin aangemaakt in {folder}/. Installeer met: cd {folder} && pip install -e \".[test]\"")
    return 0


def cmd_schema(args) -> int:
    from .exercises import schema_path

    # The shipped file, byte for byte: what an editor's YAML extension reads.
    sys.stdout.write(schema_path(args.soort).read_text(encoding="utf-8"))
    return 0


def cmd_serve(args) -> int:
    from .book.serve import serve

    return serve(args.dir, args.port)


def cmd_groep(args) -> int:
    from .workshop.report import group_report

    report = group_report(args.map, args.uit, pseudonymise=args.pseudoniem)
    for line in [*report.problems, *report.warnings]:
        print(line, file=sys.stderr)
    if report.html is None:
        raise SleutelcursusError(report.summary())
    print(report.summary())
    return 0


def cmd_export_workshop(args) -> int:
    from .workshop.export import export_workshop

    formats = ["dia", "hand-out"] if args.soort == "beide" else [args.soort]
    for path in export_workshop(args.notebook, args.uit, formats):
        print(f"Geschreven: {path}")
    return 0


def _hours(value: str) -> float:
    from .live.codes import MAX_HOURS

    try:
        hours = float(value.replace(",", "."))
    except ValueError:
        raise argparse.ArgumentTypeError(f"{value!r} is geen aantal uren") from None
    # The join code is safe against guessing for at most MAX_HOURS (live/codes.py).
    if not 0 < hours <= MAX_HOURS:
        raise argparse.ArgumentTypeError(f"kies meer dan 0 en hoogstens {MAX_HOURS} uur")
    return hours


def cmd_live(args) -> int:
    from .live.server import LiveOptions, run

    return run(LiveOptions(book_dir=args.dir, host=args.host, port=args.port, db=args.db, hours=args.uren,
                           new=args.nieuw, session=args.sessie, wipe=args.wis, allowed_origin=args.boek_adres))


def build_parser() -> argparse.ArgumentParser:
    parser = _Parser(
        prog="sleutelcursus",
        description="Bouw en bekijk de online cursus sleutelpersonennetwerk.",
    )
    parser.add_argument("--version", action="version", version=f"sleutelcursus {__version__}", help="toon de versie")
    commands = parser.add_subparsers(dest="command", title="opdrachten", metavar="OPDRACHT", parser_class=_Parser)
    commands.required = True

    build = commands.add_parser("build", prog="sleutelcursus build", help="bouw het boek (HTML)", description="Bouw het boek. De vorige uitvoer blijft staan als het bouwen mislukt.")
    build.add_argument("--out", type=Path, default=DEFAULT_OUT, metavar="MAP", help=f"uitvoermap (standaard {DEFAULT_OUT})")
    build.add_argument("--plugins-dir", type=_existing_dir, metavar="MAP", help="map met lokale plugins (standaard plugins/ als die bestaat)")
    build.add_argument("--verbose", action="store_true", help="toon alle uitvoer van Sphinx")
    build.set_defaults(func=cmd_build)

    check = commands.add_parser("check", prog="sleutelcursus check", help="controleer het boek: elke waarschuwing is een fout", description="Bouw het boek zonder uitvoer te schrijven; elke Sphinx-waarschuwing telt als fout (voor CI).")
    check.add_argument("--plugins-dir", type=_existing_dir, metavar="MAP", help="map met lokale plugins")
    check.add_argument("--verbose", action="store_true", help="toon alle uitvoer van Sphinx")
    check.set_defaults(func=cmd_check)

    serve = commands.add_parser("serve", prog="sleutelcursus serve", help="bekijk het gebouwde boek in je browser", description="Toon het gebouwde boek op http://127.0.0.1:POORT (alleen op deze computer).")
    serve.add_argument("--port", type=_port, default=8000, metavar="N", help="poort (standaard 8000)")
    serve.add_argument("--dir", type=Path, default=DEFAULT_OUT, metavar="MAP", help=f"map met het gebouwde boek (standaard {DEFAULT_OUT})")
    serve.set_defaults(func=cmd_serve)

    plugins = commands.add_parser("plugins", prog="sleutelcursus plugins", help="toon de geladen plugins (JSON)", description="Toon de geladen plugins als JSON: naam, versie, hooks en wat elke plugin registreert.")
    plugins.add_argument("--plugins-dir", type=_existing_dir, metavar="MAP", help="map met lokale plugins")
    plugins.set_defaults(func=cmd_plugins)

    new = commands.add_parser("new-plugin", prog="sleutelcursus new-plugin", help="maak een nieuwe gemeenteplugin", description="Maak een werkende plugin voor je gemeente: een pakket met een modulepagina, een scenario en een test.")
    new.add_argument("naam", metavar="NAAM", help="naam van je gemeente, bijvoorbeeld 'Duinstad'")
    new.add_argument("--map", metavar="MAP", help="waar het pakket komt (standaard sleutelcursus-<naam>)")
    new.set_defaults(func=cmd_new_plugin)

    from .exercises import schema_kinds

    schema = commands.add_parser("schema", prog="sleutelcursus schema", help="toon het JSON-schema van een soort oefening", description="Toon het JSON-schema (Draft 2020-12) van een soort oefening, bijvoorbeeld voor de YAML-uitbreiding van je editor: sleutelcursus schema scenario > scenario.schema.json")
    schema.add_argument("soort", choices=schema_kinds(), metavar="SOORT", help=f"soort oefening: {', '.join(schema_kinds())}")
    schema.set_defaults(func=cmd_schema)

    groep = commands.add_parser("groep", prog="sleutelcursus groep", help="maak een groepsrapport van antwoordbestanden", description="Lees alle antwoordbestanden (*.json) in MAP en maak groepsrapport.html en groepsresultaten.csv. Bestanden die niet kloppen worden overgeslagen, met één regel per bestand. De bestanden in MAP veranderen niet.")
    groep.add_argument("map", type=_existing_dir, metavar="MAP", help="map met de gedownloade antwoordbestanden")
    groep.add_argument("--uit", type=Path, metavar="MAP", help="waar rapport en CSV komen (standaard de map groepsrapport-<naam van MAP> naast MAP; nooit in MAP; een rapport van een andere map wordt nooit vervangen)")
    groep.add_argument("--pseudoniem", action="store_true", help="toon iedereen als 'Deelnemer N', ook wie een bijnaam invulde; schrijft groepsrapport-pseudoniem.html en groepsresultaten-pseudoniem.csv, naast het rapport met bijnamen")
    groep.set_defaults(func=cmd_groep)

    live = commands.add_parser("live", prog="sleutelcursus live", help="start een live workshop: antwoorden komen binnen terwijl de groep werkt", description="Serveer het gebouwde boek met een live sessie. Deelnemers doen mee met de code; hun antwoorden gaan dan naar de groepspagina van de trainer. Zonder mee te doen wordt niets verstuurd. De sessie gaat verder bij een volgende start, tot ze gesloten is of verloopt.")
    live.add_argument("--port", type=_port, default=8000, metavar="N", help="poort (standaard 8000)")
    live.add_argument("--host", default="127.0.0.1", metavar="ADRES", help="adres om op te luisteren (standaard 127.0.0.1: alleen deze computer; 0.0.0.0 voor het netwerk van de zaal)")
    live.add_argument("--db", metavar="URL", help="database als SQLAlchemy-adres (standaard sqlite:///sleutelcursus-live.db in deze map; ook postgresql+psycopg://...)")
    live.add_argument("--dir", type=Path, default=DEFAULT_OUT, metavar="MAP", help=f"map met het gebouwde boek (standaard {DEFAULT_OUT})")
    live.add_argument("--uren", type=_hours, default=12, metavar="N", help="hoe lang een nieuwe sessie open blijft (standaard 12, hoogstens 72)")
    live.add_argument("--nieuw", action="store_true", help="begin een nieuwe sessie, ook als er nog een open is")
    live.add_argument("--sessie", metavar="CODE", help="ga verder met de sessie met deze code (nodig bij een gedeelde database zoals PostgreSQL); een gesloten of verlopen sessie opent alleen voor het rapport en de CSV, tot de server haar wist")
    live.add_argument("--wis", metavar="CODE", help="wis alle gegevens van de sessie met deze code en stop")
    live.add_argument("--boek-adres", metavar="URL", help="adres van het boek als dat op een andere server staat (dan mag die pagina antwoorden sturen; standaard alleen hetzelfde adres)")
    live.set_defaults(func=cmd_live)

    export = commands.add_parser("export-workshop", prog="sleutelcursus export-workshop", help="maak dia's en een hand-out van een workshopnotebook", description="Voer een kopie van het workshopnotebook uit en maak er dia's en een hand-out om te printen van. Elk bestand is één HTML-bestand dat zonder internet werkt, ook met de oefeningen. Het notebook zelf verandert niet.")
    export.add_argument("notebook", type=Path, metavar="NOTEBOOK", help="het workshopnotebook (.ipynb), bijvoorbeeld exercises/workshop-fase-1.ipynb")
    export.add_argument("--uit", type=Path, metavar="MAP", help="map voor de HTML-bestanden (standaard _build/workshops)")
    export.add_argument("--soort", choices=["dia", "hand-out", "beide"], default="beide", help="wat je maakt: dia, hand-out of beide (standaard beide)")
    export.set_defaults(func=cmd_export_workshop)
    return parser


def main(argv: list[str] | None = None) -> int:
    parser = build_parser()
    args = parser.parse_args(argv)
    try:
        return args.func(args)
    except SleutelcursusError as error:
        print(format_error(error), file=sys.stderr)
        return error.exit_code
    except KeyboardInterrupt:
        print("Gestopt.", file=sys.stderr)
        return 130


if __name__ == "__main__":
    sys.exit(main())
