"""Parse `zi-bot` arguments and dispatch to one small function per command."""

from __future__ import annotations

import argparse
import sys
from collections.abc import Callable, Sequence

from bot.cli import admin, audit, backup, database, demo, doctor, lke, restore, run
from bot.cli.errors import CliError


class _Parser(argparse.ArgumentParser):
    """An argument parser whose errors are one line on stderr, exit 2."""

    def error(self, message: str) -> None:  # type: ignore[override]
        command = self.prog.removeprefix("zi-bot").strip()
        raise CliError(f"{command}: {message}" if command else message)


def build_parser() -> argparse.ArgumentParser:
    """The full command tree of `zi-bot`."""
    parser = _Parser(prog="zi-bot", description="ZI Assistant")
    commands = parser.add_subparsers(dest="command", required=True, parser_class=_Parser)

    lke_parser = commands.add_parser("lke", help="LKE worksheet: validate and score offline")
    lke_commands = lke_parser.add_subparsers(dest="action", required=True, parser_class=_Parser)
    validate = lke_commands.add_parser("validate", help="check an LKE data file")
    validate.add_argument("file")
    validate.set_defaults(run=lambda a: lke.validate(a.file))
    score = lke_commands.add_parser("score", help="score an ANSWERS.json file")
    score.add_argument("answers")
    score.add_argument("--json", action="store_true", help="print the scorecard as JSON")
    score.add_argument("--lke", help="an LKE data file other than the bundled one")
    score.set_defaults(run=lambda a: lke.score(a.answers, a.json, a.lke))
    put = lke_commands.add_parser("install", help="preview, then with --yes put an LKE in force")
    put.add_argument("file")
    put.add_argument("--yes", action="store_true", help="install (without it: preview only)")
    put.set_defaults(run=lambda a: lke.install(a.file, a.yes))
    _database_commands(commands)
    audit.register(commands)
    serve = commands.add_parser("run", help="run the bot (reads TELEGRAM_BOT_TOKEN, …)")
    serve.add_argument("--webhook", action="store_true",
                       help="serve WEBHOOK_URL (with WEBHOOK_SECRET) instead of polling")
    serve.set_defaults(run=lambda a: run.run(a.webhook))
    show = commands.add_parser("demo", help="the whole story offline, against the emulator")
    show.add_argument("--dir", help="the folder to leave everything in (new or empty)")
    show.add_argument("--interactive", action="store_true",
                      help="chat with the bot yourself as any demo user")
    show.set_defaults(run=lambda a: demo.demo(a.dir, a.interactive))
    check = commands.add_parser("doctor", help="check settings, database, files and Bot API")
    check.set_defaults(run=lambda a: doctor.doctor())
    save = commands.add_parser("backup", help="copy the database and evidence into DIR")
    save.add_argument("dir")
    save.set_defaults(run=lambda a: backup.backup(a.dir))
    load = commands.add_parser("restore", help="restore a backup made by `zi-bot backup`")
    load.add_argument("dir")
    load.add_argument("--force", action="store_true", help="overwrite the existing database")
    load.set_defaults(run=lambda a: restore.restore(a.dir, a.force))
    return parser


def _database_commands(commands: argparse._SubParsersAction) -> None:
    db = commands.add_parser("db", help="the database")
    db_commands = db.add_subparsers(dest="action", required=True, parser_class=_Parser)
    upgrade = db_commands.add_parser("upgrade", help="apply every pending migration")
    upgrade.set_defaults(run=lambda a: database.upgrade())

    unit = commands.add_parser("unit", help="units kerja (OPD)")
    unit_commands = unit.add_subparsers(dest="action", required=True, parser_class=_Parser)
    add = unit_commands.add_parser("add", help="register a unit")
    add.add_argument("--code", required=True, help="short code, e.g. DINKES")
    add.add_argument("--name", required=True, help='full name, e.g. "Dinas Kesehatan"')
    add.add_argument("--headcount", help="number of employees (for pact coverage)")
    add.set_defaults(run=lambda a: admin.unit_add(a.code, a.name, a.headcount))
    listing = unit_commands.add_parser("list", help="list every unit")
    listing.set_defaults(run=lambda a: admin.unit_list())

    importing = commands.add_parser("import", help="import data from a file")
    import_commands = importing.add_subparsers(dest="what", required=True, parser_class=_Parser)
    import_units = import_commands.add_parser(
        "units", help="units from a CSV with the header code,name[,headcount]")
    import_units.add_argument("file")
    import_units.set_defaults(run=lambda a: admin.import_units(a.file))

    invite = commands.add_parser("invite", help="invites that give a role")
    invite_commands = invite.add_subparsers(dest="action", required=True, parser_class=_Parser)
    create = invite_commands.add_parser("create", help="make a single-use invite")
    create.add_argument("--role", required=True,
                        help="admin, leader, staff, tpi_member, tpi_secretary or tpi_chair")
    create.add_argument("--unit", help="the unit's code (for leader and staff)")
    create.add_argument("--days", type=int, default=7, help="days it stays valid (default 7)")
    create.set_defaults(run=lambda a: admin.invite_create(a.role, a.unit, a.days))
    listing = invite_commands.add_parser("list", help="the invites nobody has used yet")
    listing.set_defaults(run=lambda a: admin.invite_list())
    revoke = invite_commands.add_parser("revoke", help="make an unused invite unusable")
    revoke.add_argument("code", help="the invite's code (from `zi-bot invite list`; an older "
                                     "code that starts with '-' goes after `--`)")
    revoke.set_defaults(run=lambda a: admin.invite_revoke(a.code))


def main(argv: Sequence[str] | None = None) -> int:
    """Entry point of the `zi-bot` console script."""
    try:
        args = build_parser().parse_args(argv)
        run: Callable[[argparse.Namespace], str | None] = args.run
        output = run(args)
    except CliError as exc:
        print("zi-bot: " + " ".join(str(exc).split()), file=sys.stderr)  # always one line
        return exc.code
    except KeyboardInterrupt:
        return 130
    if output:
        print(output)
    return 0


if __name__ == "__main__":
    sys.exit(main())
