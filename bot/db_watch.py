"""Waiting out a database that is away (locked by another process, or the server down).

The inbox runs its database work through `DatabaseWatch.call`: when the database is away the
work is tried again with backoff until it goes through, one line is logged when the outage
starts and one when it ends (never one per attempt), and `down` says so meanwhile for the
health endpoint. A failure that is not about the database being away is raised at once.
"""

from __future__ import annotations

import asyncio
import logging
import time
from collections.abc import Awaitable, Callable
from typing import TypeVar

from sqlalchemy.ext.asyncio import async_sessionmaker

from zi_core.db.health import database_away, probe

log = logging.getLogger(__name__)

T = TypeVar("T")
FIRST_PAUSE = 0.5
MAX_PAUSE = 10.0


class DatabaseWatch:
    """Retries database work through an outage and knows whether one is going on."""

    def __init__(self, sessions: Callable[[], async_sessionmaker]) -> None:
        self._sessions = sessions
        self._down_since: float | None = None
        self.outages = 0

    @property
    def down(self) -> bool:
        """Whether the last database work found the database away."""
        return self._down_since is not None

    async def call(self, work: Callable[[], Awaitable[T]]) -> T:
        """Run `work` until it goes through, waiting while the database is away."""
        pause = FIRST_PAUSE
        while True:
            try:
                result = await work()
            except Exception as exc:
                if not database_away(exc):
                    raise
                self.went_away(exc)
                await asyncio.sleep(pause)
                pause = min(pause * 2, MAX_PAUSE)
                continue
            self.came_back()
            return result

    async def wait_until_up(self) -> bool:
        """Return once the database takes a write; True if it was away meanwhile."""
        before = self.outages
        await self.call(self.probe)
        return self.outages != before

    async def probe(self) -> None:
        """One try: raise the database's error unless it takes a write now."""
        await probe(self._sessions())

    async def is_up(self) -> bool:
        """For the health check: whether a probe goes through now (and note the outage)."""
        try:
            await self.probe()
        except Exception as exc:
            if not database_away(exc):
                raise
            self.went_away(exc)
            return False
        self.came_back()
        return True

    def went_away(self, error: BaseException) -> None:
        """Note an outage (logged at its start only)."""
        if self._down_since is None:
            self._down_since = time.monotonic()
            self.outages += 1
            log.error("database away (%s); waiting for it, updates are kept by Telegram",
                      str(error).splitlines()[0][:200] if str(error) else type(error).__name__)

    def came_back(self) -> None:
        """Note that database work went through (logged when it ends an outage)."""
        if self._down_since is not None:
            log.warning("database back after %.0f s", time.monotonic() - self._down_since)
            self._down_since = None
