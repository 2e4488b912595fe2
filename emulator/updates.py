"""The update queue behind getUpdates: ids, offset confirmation, long polling, redelivery."""

from __future__ import annotations

import copy
import time
from dataclasses import dataclass
from typing import Any

from emulator.errors import POLL_CONFLICT, ApiError
from emulator.notifier import Notifier


@dataclass
class _Entry:
    update: dict[str, Any]
    redelivery: bool = False
    confirm_offset: int | None = None

    @property
    def update_id(self) -> int:
        return int(self.update["update_id"])


class UpdateQueue:
    """Pending updates; an update with id < offset is dropped forever once offset is sent."""

    def __init__(self, start_id: int = 1) -> None:
        self.next_id = start_id
        self.history: dict[int, dict[str, Any]] = {}
        self._entries: list[_Entry] = []
        self._notifier = Notifier()
        self._generation = 0
        self.closed = False

    @property
    def pending(self) -> int:
        """Number of updates not yet confirmed."""
        return len(self._entries)

    def push(self, update: dict[str, Any]) -> int:
        """Queue `update` (assigning update_id if missing); returns its update_id."""
        update = dict(update)
        if "update_id" not in update:
            update = {"update_id": self.next_id, **update}
        self.next_id = max(self.next_id, int(update["update_id"]) + 1)
        self.history[int(update["update_id"])] = copy.deepcopy(update)
        self._entries.append(_Entry(update))
        self._notifier.notify()
        return int(update["update_id"])

    def redeliver(self, update_id: int) -> None:
        """Deliver an already pushed update once more, whatever offset the bot confirmed."""
        if update_id not in self.history:
            raise KeyError(f"no update with update_id {update_id} was ever pushed")
        self._entries.append(_Entry(copy.deepcopy(self.history[update_id]), redelivery=True))
        self._notifier.notify()

    def clear(self) -> None:
        """Drop every pending update (deleteWebhook with drop_pending_updates)."""
        self._entries.clear()

    def close(self) -> None:
        """Release every long poll with an empty answer (emulator shutdown)."""
        self.closed = True
        self._notifier.notify()

    def _confirm(self, offset: int) -> None:
        if offset < 0:
            self._entries = self._entries[offset:]
            return
        if offset == 0:
            return

        def confirmed(entry: _Entry) -> bool:
            if entry.redelivery:
                return entry.confirm_offset is not None and offset >= entry.confirm_offset
            return entry.update_id < offset

        self._entries = [e for e in self._entries if not confirmed(e)]

    async def get(self, offset: int = 0, limit: int = 100, timeout: float = 0) -> list[dict]:
        """getUpdates: confirm `offset`, then return up to `limit` updates, waiting `timeout` s."""
        self._generation += 1
        generation = self._generation
        self._notifier.notify()  # an older long poll, if any, now answers 409
        deadline = time.monotonic() + max(0.0, timeout)
        limit = min(max(limit, 1), 100)
        while True:
            if generation != self._generation:
                raise ApiError(409, POLL_CONFLICT)
            self._confirm(offset)
            if self._entries:
                batch = sorted(self._entries, key=lambda e: e.update_id)[:limit]
                for entry in batch:
                    if entry.redelivery:
                        entry.confirm_offset = batch[-1].update_id + 1
                return [copy.deepcopy(e.update) for e in batch]
            remaining = deadline - time.monotonic()
            if remaining <= 0 or self.closed:
                return []
            await self._notifier.wait(remaining)
