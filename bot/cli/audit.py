"""`zi-bot audit verify`: recompute the audit trail's hash chain on the configured database.

Prints "jejak audit utuh: N peristiwa, kepala <hash12>" when every event is intact; otherwise
exits 1 with one line naming the first altered, removed or reordered event.
"""

from __future__ import annotations

import argparse

from bot.cli import database
from bot.cli.errors import CliError
from zi_core.db.dto import VerifyResult
from zi_core.db.repositories import audit

HASH_SHOWN = 12


def register(commands: argparse._SubParsersAction) -> None:
    """Add `audit verify` to the `zi-bot` subcommands."""
    trail = commands.add_parser("audit", help="the append-only audit trail")
    actions = trail.add_subparsers(dest="action", required=True, parser_class=type(trail))
    check = actions.add_parser("verify", help="recompute the hash chain of every event")
    check.set_defaults(run=lambda a: verify())


def verify() -> str:
    """Verify the chain; the one-line verdict, or a CliError (exit 1) naming the event."""
    return describe(database.in_transaction(audit.verify))


def describe(result: VerifyResult) -> str:
    """The verdict as one line; a broken chain raises CliError with exit status 1."""
    if not result.ok:
        raise CliError(f"jejak audit rusak pada peristiwa seq {result.first_bad_seq}: "
                       f"{result.reason}", code=1)
    head = result.head.hash[:HASH_SHOWN] if result.head else "-"
    return f"jejak audit utuh: {result.checked} peristiwa, kepala {head}"
