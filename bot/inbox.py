"""The durable inbox (DESIGN.md section 5): nothing received is lost, nothing handled twice.

The loop asks Telegram for updates itself (PTB's Updater confirms an update before it is
handled): it stores every raw update and commits, and only then confirms the offset with the
next getUpdates; it hands each update to the Application and marks it handled once the
handlers returned. At start every stored, unhandled update is replayed first, in order;
`applied_at` (written in the handler's own transaction) tells a replay that the change is
already in. A re-delivered update_id is stored once and handled once.
"""

from __future__ import annotations

import asyncio
import contextlib
import json
import logging
import time
import warnings

from telegram import Update
from telegram.error import NetworkError, RetryAfter, TelegramError, TimedOut
from telegram.ext import Application
from telegram.warnings import PTBUserWarning

from bot.context import SESSIONS, applied_updates
from bot.errors import FAILED, RETRYING, is_transient
from bot.sanitise import clean_update
from zi_core.db.dto import StoreOutcome
from zi_core.db.repositories import inbox

log = logging.getLogger(__name__)

# The raw JSON is what the inbox stores (Bot.get_updates would hand back parsed objects), so
# the generic call is deliberate here.
warnings.filterwarnings("ignore", message=r".*Bot\.getUpdates.*", category=PTBUserWarning)

ALLOWED_UPDATES = ["message", "callback_query"]
"""Edits of old messages are not asked for: an edit is never a new answer."""
POLL_TIMEOUT = 25
BACKOFF_MAX = 30.0
ATTEMPTS = 3
RETRY_PAUSE = 0.5


class DurableInbox:
    """Fetch, store, confirm, handle, mark: the bot's own getUpdates loop."""

    def __init__(self, application: Application, poll_timeout: int = POLL_TIMEOUT) -> None:
        self.application = application
        self.poll_timeout = poll_timeout
        self._offset: int | None = None
        self._stopping = asyncio.Event()

    @property
    def _sessions(self):
        return self.application.bot_data[SESSIONS]

    def stop(self) -> None:
        """Finish the update in hand, then leave the loop."""
        self._stopping.set()

    async def run(self) -> None:
        """Replay what was left unhandled, then poll until stopped."""
        await self.replay()
        backoff = 1.0
        while not self._stopping.is_set():
            try:
                raw = await self._fetch()
                backoff = 1.0
            except RetryAfter as exc:
                await self._sleep(float(exc.retry_after.total_seconds()
                                        if hasattr(exc.retry_after, "total_seconds")
                                        else exc.retry_after))
                continue
            except (TimedOut, NetworkError) as exc:
                log.warning("getUpdates failed (%s); retrying in %.0f s", exc, backoff)
                await self._sleep(backoff)
                backoff = min(backoff * 2, BACKOFF_MAX)
                continue
            fresh = await self.store(raw)
            for update_id, payload in fresh:
                await self.handle(update_id, payload, applied=False)

    async def replay(self) -> int:
        """Handle every stored update that was not handled (a crash or a kill); how many."""
        async with self._sessions() as session:
            pending = await inbox.unhandled(session)
        for row in pending:
            log.info("replaying update %s", row.update_id)
            await self.handle(row.update_id, json.loads(row.payload),
                              applied=row.applied_at is not None)
        return len(pending)

    async def _fetch(self) -> list[dict]:
        kwargs: dict = {"timeout": self.poll_timeout, "allowed_updates": ALLOWED_UPDATES}
        if self._offset is not None:
            kwargs["offset"] = self._offset
        result = await self.application.bot.do_api_request(
            "getUpdates", api_kwargs=kwargs,
            read_timeout=self.poll_timeout + 10, write_timeout=10, connect_timeout=10)
        return list(result or [])

    async def store(self, raw: list[dict]) -> list[tuple[int, dict]]:
        """Commit every update of the batch; return the ones not seen before."""
        if not raw:
            return []
        raw = [clean_update(payload) for payload in raw]  # before the database and handlers
        fresh = []
        async with self._sessions() as session, session.begin():
            for payload in raw:
                update_id = int(payload["update_id"])
                if await inbox.store(session, update_id, payload) is StoreOutcome.STORED:
                    fresh.append((update_id, payload))
                else:
                    log.info("update %s delivered again; already stored", update_id)
        # Confirmed by the next getUpdates, only now that the batch is committed.
        self._offset = max(int(p["update_id"]) for p in raw) + 1
        return fresh

    async def handle(self, update_id: int, payload: dict, *, applied: bool) -> None:
        """Handle a stored update and log one line about it (never the token or the text)."""
        started = time.perf_counter()
        error = await self._handle(update_id, payload, applied=applied)
        log.info("update=%s user=%s kind=%s outcome=%s ms=%.0f", update_id,
                 _user_of(payload), _kind_of(payload),
                 "ok" if error is None else type(error).__name__,
                 (time.perf_counter() - started) * 1000)

    async def _handle(self, update_id: int, payload: dict, *,
                      applied: bool) -> BaseException | None:
        """Handle an update; a passing failure (database busy, network) is tried again."""
        retrying = self.application.bot_data.setdefault(RETRYING, set())
        for attempt in range(1, ATTEMPTS + 1):
            if attempt < ATTEMPTS:
                retrying.add(update_id)
            try:
                error = await self._attempt(update_id, payload, applied=applied)
            finally:
                retrying.discard(update_id)
            if error is None or not is_transient(error) or attempt == ATTEMPTS:
                break
            await self._sleep(RETRY_PAUSE * attempt)
            async with self._sessions() as session:
                stored = await inbox.get(session, update_id)
            applied = stored is not None and stored.applied_at is not None
        async with self._sessions() as session, session.begin():
            if error is not None:
                await inbox.mark_failed(session, update_id, repr(error))
            await inbox.mark_handled(session, update_id)
        return error

    async def _attempt(self, update_id: int, payload: dict, *,
                       applied: bool) -> BaseException | None:
        application = self.application
        update = Update.de_json(payload, application.bot)
        if applied:
            applied_updates(application).add(update_id)
        try:
            await application.process_update(update)
        except TelegramError:
            log.exception("update %s: Telegram failed while handling", update_id)
        finally:
            applied_updates(application).discard(update_id)
        return application.bot_data.setdefault(FAILED, {}).pop(update_id, None)

    async def _sleep(self, seconds: float) -> None:
        with contextlib.suppress(TimeoutError):
            await asyncio.wait_for(self._stopping.wait(), timeout=seconds)


def _user_of(payload: dict) -> object:
    for key in ("message", "callback_query", "edited_message"):
        if key in payload:
            return (payload[key].get("from") or {}).get("id")
    return None


def _kind_of(payload: dict) -> str:
    """What kind of update, for the log: a command, a button's action, text, a file."""
    if "callback_query" in payload:
        parts = str(payload["callback_query"].get("data") or "").split(":")
        return f"button:{parts[1] if len(parts) > 2 else '?'}"
    message = payload.get("message") or payload.get("edited_message") or {}
    text = message.get("text") or ""
    if text.startswith("/"):
        return "command:" + text.split(maxsplit=1)[0].split("@")[0][:32]
    for kind in ("document", "photo"):
        if kind in message:
            return kind
    return "text" if text else "other"
