"""Holding calls: a test keeps the bot's calls of a method waiting (the bot is mid-request).

While a method is held, its calls wait inside the emulator; released, they go on as usual;
dropped (the bot was killed meanwhile), they end without effect, as a request whose client
has gone would.
"""

from __future__ import annotations

import asyncio
from dataclasses import dataclass, field


@dataclass
class _Hold:
    gate: asyncio.Event = field(default_factory=asyncio.Event)
    waiting: int = 0
    drop: bool = False


class Holds:
    """The methods currently held, and how many calls wait on each."""

    def __init__(self) -> None:
        self._holds: dict[str, _Hold] = {}

    def hold(self, method: str) -> None:
        self._holds[method.lower()] = _Hold()

    def waiting(self, method: str) -> int:
        hold = self._holds.get(method.lower())
        return hold.waiting if hold else 0

    def release(self, method: str, *, drop: bool = False) -> None:
        hold = self._holds.pop(method.lower(), None)
        if hold is not None:
            hold.drop = drop
            hold.gate.set()

    async def pass_through(self, method: str) -> bool:
        """Wait while `method` is held; False when the held call was dropped."""
        hold = self._holds.get(method)
        if hold is None:
            return True
        hold.waiting += 1
        await hold.gate.wait()
        return not hold.drop
