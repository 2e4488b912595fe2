"""Flood control: an optional per-chat-per-second limit and test-forced error answers (429,
or any other error such as a 500)."""

from __future__ import annotations

import math
import time
from collections import defaultdict, deque
from collections.abc import Iterable
from dataclasses import dataclass

from emulator.errors import ApiError, too_many_requests

LIMITED_METHODS = frozenset({"sendmessage", "senddocument", "sendphoto", "editmessagetext"})


@dataclass
class _Forced:
    remaining: int
    error: ApiError
    methods: frozenset[str]
    chat_id: int | None


class RateLimiter:
    """Decides whether a call is answered 429 and with which retry_after."""

    def __init__(self, per_chat_per_second: float | None = None) -> None:
        self.per_chat_per_second = per_chat_per_second
        self._hits: dict[int, deque[float]] = defaultdict(deque)
        self._forced: list[_Forced] = []

    def force(
        self,
        count: int = 1,
        retry_after: int = 1,
        *,
        methods: Iterable[str] | None = None,
        chat_id: int | None = None,
    ) -> None:
        """Answer the next `count` matching calls with 429 (default: the limited methods)."""
        self.force_error(too_many_requests(retry_after), count, methods=methods, chat_id=chat_id)

    def force_error(
        self,
        error: ApiError,
        count: int = 1,
        *,
        methods: Iterable[str] | None = None,
        chat_id: int | None = None,
    ) -> None:
        """Answer the next `count` matching calls with `error` (default: the limited methods)."""
        names = frozenset(m.lower() for m in methods) if methods is not None else LIMITED_METHODS
        self._forced.append(_Forced(count, error, names, chat_id))

    def check(self, method: str, chat_id: int | None) -> ApiError | None:
        """The error to answer this call with, else None (and count the call)."""
        method = method.lower()
        for rule in self._forced:
            if method in rule.methods and rule.chat_id in (None, chat_id):
                rule.remaining -= 1
                if rule.remaining <= 0:
                    self._forced.remove(rule)
                return rule.error
        if self.per_chat_per_second is None or method not in LIMITED_METHODS or chat_id is None:
            return None
        now = time.monotonic()
        window = self._hits[chat_id]
        while window and now - window[0] >= 1.0:
            window.popleft()
        if len(window) >= self.per_chat_per_second:
            return too_many_requests(max(1, math.ceil(1.0 - (now - window[0]))))
        window.append(now)
        return None
