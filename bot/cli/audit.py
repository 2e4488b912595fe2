"""`zi-bot audit verify [--expect-head SEQ:HASH]`: recompute the audit trail's hash chain on
the configured database.

Prints "jejak audit utuh: N peristiwa, kepala SEQ:HASH" and how the chain is keyed when every
event is intact; otherwise exits 1 with one line naming the first altered, removed or
reordered event. `--expect-head` takes a head written down elsewhere (the weekly summary
prints it): fewer events than SEQ, or another hash at SEQ, is a truncated or rewritten trail.
"""

from __future__ import annotations

import argparse
import re
from functools import partial

from bot.cli import database
from bot.cli.errors import CliError
from zi_core.db.repositories import audit
from zi_core.domain.audit import AuditHead, VerifyResult

HEAD_FORM = re.compile(r"(\d{1,18}):([0-9a-fA-F]{64})")


def register(commands: argparse._SubParsersAction) -> None:
    """Add `audit verify` to the `zi-bot` subcommands."""
    trail = commands.add_parser("audit", help="the append-only audit trail")
    actions = trail.add_subparsers(dest="action", required=True, parser_class=type(trail))
    check = actions.add_parser("verify", help="recompute the hash chain of every event")
    check.add_argument("--expect-head", metavar="SEQ:HASH",
                       help="a head recorded earlier (e.g. from the weekly summary)")
    check.set_defaults(run=lambda a: verify(a.expect_head))


def parse_head(text: str) -> AuditHead:
    """`SEQ:HASH` as a head; CliError (exit 2) otherwise."""
    match = HEAD_FORM.fullmatch(text.strip())
    if match is None:
        raise CliError(f"--expect-head {text!r}: tulis SEQ:HASH, mis. 42:<64 digit heksadesimal>")
    return AuditHead(int(match[1]), match[2].lower())


def verify(expect_head: str | None = None) -> str:
    """Verify the chain; the verdict, or a CliError (exit 1) naming the event."""
    anchor = parse_head(expect_head) if expect_head is not None else None
    keyed = database.settings().chain_key() is not None
    return describe(database.in_transaction(partial(audit.verify, anchor=anchor)), keyed)


def describe(result: VerifyResult, keyed: bool = False) -> str:
    """The verdict (head, then how it is keyed); a broken chain raises CliError, exit 1."""
    if not result.ok:
        raise CliError(f"jejak audit rusak pada peristiwa seq {result.first_bad_seq}: "
                       f"{result.reason}", code=1)
    head = f"{result.head.seq}:{result.head.hash}" if result.head else "-"
    if not keyed:
        how = "SHA-256 tanpa kunci (AUDIT_KEY belum diatur): simpan kepala di luar basis data"
    elif result.unkeyed:
        how = f"HMAC dengan AUDIT_KEY; {result.unkeyed} peristiwa lama tanpa kunci"
    else:
        how = "HMAC dengan AUDIT_KEY"
    return f"jejak audit utuh: {result.checked} peristiwa, kepala {head}\n{how}"
