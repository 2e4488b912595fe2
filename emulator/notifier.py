"""A tiny broadcast signal: waiters sleep until something changed or a timeout passed."""

from __future__ import annotations

import asyncio
import contextlib


class Notifier:
    """Wakes every current waiter on notify(); check the condition, then wait (no lost wake-up)."""

    def __init__(self) -> None:
        self._event = asyncio.Event()

    def notify(self) -> None:
        """Wake all tasks currently in wait()."""
        self._event.set()
        self._event = asyncio.Event()

    async def wait(self, timeout: float) -> None:
        """Sleep until the next notify() or `timeout` seconds, whichever comes first."""
        event = self._event
        if timeout <= 0:
            return
        with contextlib.suppress(TimeoutError):
            await asyncio.wait_for(event.wait(), timeout)
