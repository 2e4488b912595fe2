"""The unit of work a service or query opens its transaction on (cosmicpython's pattern).

The bot's per-update context is one: its write transaction also marks the update applied in
the durable inbox. `SessionUnitOfWork` is the plain one, for the command line and tests.
"""

from __future__ import annotations

from collections.abc import AsyncIterator
from contextlib import AbstractAsyncContextManager, asynccontextmanager
from typing import Protocol

from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker


class UnitOfWork(Protocol):
    """Where a change is committed (`transaction`) and a screen is read (`reading`).

    `answered`: the change answers the acting user's waiting prompt, forgotten with it.
    """

    def transaction(self, *, answered: bool = False
                    ) -> AbstractAsyncContextManager[AsyncSession]: ...

    def reading(self) -> AbstractAsyncContextManager[AsyncSession]: ...


class SessionUnitOfWork:
    """A unit of work over a session factory: each block is one transaction."""

    def __init__(self, sessions: async_sessionmaker) -> None:
        self._sessions = sessions

    @asynccontextmanager
    async def transaction(self, *, answered: bool = False) -> AsyncIterator[AsyncSession]:
        # No chat here: nobody has a prompt waiting, so `answered` has nothing to forget.
        async with self._sessions() as session, session.begin():
            yield session

    def reading(self) -> AbstractAsyncContextManager[AsyncSession]:
        return self.transaction()
