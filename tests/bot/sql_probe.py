"""Counting what one update does to the database: its transactions and its statements.

The bot's engine is watched while the update is handled; each transaction (from its first
statement to its commit or rollback) is kept with its statements. The durable inbox's own
transactions (storing the update, marking it handled) touch only `inbox_update` and are told
apart from the update's work.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from typing import Any

from sqlalchemy import event

INBOX_TABLE = "inbox_update"
_FIRST_FROM = re.compile(r"\bFROM\s+\"?(\w+)", re.IGNORECASE)
_TABLES = re.compile(r"\b(?:FROM|INTO|UPDATE|JOIN)\s+\"?(\w+)", re.IGNORECASE)


@dataclass
class Transaction:
    statements: list[str] = field(default_factory=list)

    def tables(self) -> set[str]:
        return {t for s in self.statements for t in _TABLES.findall(s)}

    @property
    def inbox_only(self) -> bool:
        return self.tables() <= {INBOX_TABLE}


@dataclass
class Probe:
    """The transactions the engine ran while it watched, in the order they ended."""

    ended: list[Transaction] = field(default_factory=list)
    _open: dict[int, Transaction] = field(default_factory=dict)

    def work(self) -> list[Transaction]:
        """The update's own transactions: every one but the inbox's store and finish."""
        return [t for t in self.ended if t.statements and not t.inbox_only]

    def reads_of(self, table: str) -> int:
        """Statements that select rows of `table` (its first FROM), not counts or joins."""
        return sum(1 for t in self.ended for s in t.statements if _selects_rows_of(s, table))


def _selects_rows_of(statement: str, table: str) -> bool:
    found = _FIRST_FROM.search(statement)
    return (statement.lstrip().upper().startswith("SELECT") and "count(" not in statement
            and found is not None and found.group(1) == table)


@contextmanager
def watching(sync_engine: Any) -> Iterator[Probe]:
    probe = Probe()

    def before(conn: Any, _cursor: Any, statement: str, *_: Any) -> None:
        probe._open.setdefault(id(conn), Transaction()).statements.append(statement)

    def ended(conn: Any) -> None:
        probe.ended.append(probe._open.pop(id(conn), Transaction()))

    listeners = (("before_cursor_execute", before), ("commit", ended), ("rollback", ended))
    for name, listener in listeners:
        event.listen(sync_engine, name, listener)
    try:
        yield probe
    finally:
        for name, listener in listeners:
            event.remove(sync_engine, name, listener)
