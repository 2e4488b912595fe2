"""Parse `zi-bot` arguments and dispatch to one small function per command."""

from __future__ import annotations

import argparse
import sys
from collections.abc import Callable, Sequence

from bot.cli import lke
from bot.cli.errors import CliError


class _Parser(argparse.ArgumentParser):
    """An argument parser whose errors are one line on stderr, exit 2."""

    def error(self, message: str) -> None:  # type: ignore[override]
        raise CliError(f"{self.prog}: {message}")


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
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    """Entry point of the `zi-bot` console script."""
    try:
        args = build_parser().parse_args(argv)
        run: Callable[[argparse.Namespace], str | None] = args.run
        output = run(args)
    except CliError as exc:
        print(f"zi-bot: {exc}", file=sys.stderr)
        return exc.code
    except KeyboardInterrupt:
        return 130
    if output:
        print(output)
    return 0


if __name__ == "__main__":
    sys.exit(main())
