"""Is the database there to take a write? The probe the inbox waits on during an outage and
the health endpoint and `zi-bot doctor` report.

SQLite runs in WAL mode, where a reader is never blocked: a database locked by another
process still answers `SELECT 1`. The probe therefore starts a write (an UPDATE that matches
no row takes the write lock, and on PostgreSQL needs a live connection) and rolls it back.
"""

from __future__ import annotations

from asyncpg.exceptions import InterfaceError as DriverInterfaceError
from sqlalchemy import false, update
from sqlalchemy.exc import DBAPIError, InterfaceError, OperationalError
from sqlalchemy.ext.asyncio import async_sessionmaker

from zi_core.db.models import InboxUpdate


def database_away(error: BaseException) -> bool:
    """A failure that says the database is unreachable or locked, not that a query is wrong."""
    if isinstance(error, OperationalError | InterfaceError):
        return True
    if isinstance(error, DBAPIError):
        return bool(error.connection_invalidated)
    # asyncpg raises the socket's own error when the server cannot be reached at all, and its
    # own "connection is closed" when a pooled connection dies as it is handed out (SQLAlchemy
    # does not wrap that one: it comes from resetting the connection, not from a statement).
    return isinstance(error, ConnectionError | TimeoutError | DriverInterfaceError)


async def probe(sessions: async_sessionmaker) -> None:
    """Return when the database takes a write; raise its error otherwise."""
    async with sessions() as session, session.begin():
        await session.execute(update(InboxUpdate).where(false())
                              .values(attempts=InboxUpdate.attempts)
                              .execution_options(synchronize_session=False))
        await session.rollback()
