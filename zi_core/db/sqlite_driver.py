"""aiosqlite with one trip to its thread per statement.

aiosqlite runs the sqlite3 connection on a worker thread and each call (make a cursor,
execute, fetch the rows, close the cursor, begin, commit) is one round trip to that thread:
about 70 µs each on this machine, four for every SELECT that SQLAlchemy runs through it. A
press of a scoring button runs some 30 statements, so the round trips, not SQLite, were most
of its time (`python -m bench.tpi_button`).

`connect` gives SQLAlchemy an `aiosqlite.Connection` whose cursor does the whole statement
(cursor, execute, every row, close) in one call on the worker thread, and keeps what
SQLAlchemy reads afterwards (description, rows, rowcount, lastrowid) in memory. A `BEGIN`
asked for with `begin_later` travels with the transaction's first statement (or is dropped
when nothing ran before the commit or rollback), and a rollback outside a transaction (the
pool's reset of a connection whose transaction was committed) makes no trip. Everything else
is aiosqlite's own.
"""

from __future__ import annotations

import sqlite3
from collections import deque
from collections.abc import Iterable, Sequence
from typing import Any

import aiosqlite


class Connection(aiosqlite.Connection):
    """An aiosqlite connection with buffered, one-trip cursors and a deferred BEGIN."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self._begin: str | None = None

    def begin_later(self, statement: str) -> None:
        """Send `statement` (a BEGIN) just before the next statement, in the same trip."""
        self._begin = statement

    def cursor(self) -> BufferedCursor:  # type: ignore[override]
        return BufferedCursor(self)

    async def on_thread(self, work: Any) -> Any:
        """Run `work(sqlite3_connection)` on the worker thread, the pending BEGIN first."""
        begin, self._begin = self._begin, None

        def trip() -> Any:
            connection = self._conn
            if begin is not None:
                connection.execute(begin)
            return work(connection)

        try:
            return await self._execute(trip)
        except Exception:
            if begin is not None and self._connection is not None \
                    and not self._connection.in_transaction:
                # The BEGIN itself failed (database locked): the transaction has not begun, so
                # it is still owed; the next statement must not run outside one.
                self._begin = begin
            raise

    async def commit(self) -> None:
        if self._begin is not None:  # nothing ran in the transaction: nothing to commit
            self._begin = None
            return
        await super().commit()

    async def rollback(self) -> None:
        if self._begin is not None:
            self._begin = None
            return
        if not self.in_transaction:  # the pool's reset after a commit: nothing to undo
            return
        await super().rollback()


class BufferedCursor:
    """The cursor SQLAlchemy drives: one trip per execute, results kept in memory."""

    def __init__(self, connection: Connection) -> None:
        self._connection = connection
        self.description: Any = None
        self.rowcount = -1
        self.lastrowid: int | None = None
        self.arraysize = 1
        self._rows: deque = deque()

    async def __aenter__(self) -> BufferedCursor:
        return self

    async def __aexit__(self, *_exc: object) -> None:
        await self.close()

    async def execute(self, sql: str, parameters: Sequence[Any] | None = None
                      ) -> BufferedCursor:
        await self._run(lambda cursor: cursor.execute(sql, () if parameters is None
                                                      else parameters))
        return self

    async def executemany(self, sql: str, parameters: Iterable[Sequence[Any]]
                          ) -> BufferedCursor:
        await self._run(lambda cursor: cursor.executemany(sql, parameters))
        return self

    async def _run(self, statement: Any) -> None:
        def work(connection: sqlite3.Connection) -> tuple:
            cursor = connection.cursor()
            try:
                statement(cursor)
                rows = cursor.fetchall() if cursor.description else []
                return cursor.description, rows, cursor.rowcount, cursor.lastrowid
            finally:
                cursor.close()

        found = await self._connection.on_thread(work)
        self.description, rows, self.rowcount, self.lastrowid = found
        self._rows = deque(rows)

    async def fetchone(self) -> Any:
        return self._rows.popleft() if self._rows else None

    async def fetchmany(self, size: int | None = None) -> list:
        count = self.arraysize if size is None else size
        return [self._rows.popleft() for _ in range(min(count, len(self._rows)))]

    async def fetchall(self) -> list:
        rows, self._rows = list(self._rows), deque()
        return rows

    async def close(self) -> None:
        self._rows = deque()


def connect(database: str, *, iter_chunk_size: int = 64, **kwargs: Any) -> Connection:
    """What `aiosqlite.connect` does, with this module's connection (SQLAlchemy's
    `async_creator_fn` receives the same arguments)."""

    def connector() -> sqlite3.Connection:
        return sqlite3.connect(str(database), **kwargs)

    connection = Connection(connector, iter_chunk_size)
    # As SQLAlchemy does for aiosqlite's own connections: an engine left undisposed must not
    # keep the process alive (aiosqlite >= 0.22 holds the thread; before, it was the thread).
    thread = getattr(connection, "_thread", connection)
    thread.daemon = True
    return connection
