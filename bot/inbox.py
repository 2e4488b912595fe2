"""The durable inbox (DESIGN.md section 5): nothing received is lost, nothing handled twice.

The loop asks Telegram for updates itself (PTB's Updater confirms an update before it is
handled): it stores every raw update and commits, and only then confirms the offset with the
next getUpdates; it hands each update to the Application and marks it handled once the
handlers returned. At start every stored, unhandled update is replayed first, in order;
`applied_at` (written in the handler's own transaction) tells a replay that the change is
already in, on every retry: the replay, and a retry within the run after a passing failure.
A re-delivered update_id is stored once and handled once. While the database is away
(`DatabaseWatch`) the loop waits with backoff instead of ending, and does not confirm the
offset; a malformed update is kept as failed with its reason (`bot.update_check`).
"""

from __future__ import annotations

import asyncio
import contextlib
import functools
import json
import logging
import time
import warnings

from telegram.error import NetworkError, RetryAfter, TelegramError, TimedOut
from telegram.ext import Application
from telegram.warnings import PTBUserWarning

from bot.context import SESSIONS, applied_updates
from bot.db_watch import DatabaseWatch
from bot.errors import FAILED, RETRYING, is_transient
from bot.sanitise import clean_update
from bot.update_check import MalformedUpdate, parse, update_id_of
from zi_core.db.repositories import inbox
from zi_core.db.repositories.inbox import StoreOutcome

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
        self.watch = DatabaseWatch(lambda: self._sessions)

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
            # While the database is away the batch waits here: no getUpdates, so the offset
            # is not confirmed and Telegram keeps every update.
            fresh = await self.watch.call(functools.partial(self.store, raw))
            for update_id, payload in fresh:
                await self.handle(update_id, payload, applied=False)

    async def replay(self) -> int:
        """Handle every stored update that was not handled (a crash or a kill); how many."""
        pending = await self.watch.call(self._unhandled)
        for row in pending:
            log.info("replaying update %s", row.update_id)
            await self.handle(row.update_id, _decoded(row.payload),
                              applied=row.applied_at is not None)
        return len(pending)

    async def _unhandled(self) -> list:
        async with self._sessions() as session:
            return await inbox.unhandled(session)

    async def _applied(self, update_id: int) -> bool:
        """Whether the update's change was committed (a retry must not apply it again)."""
        async with self._sessions() as session:
            stored = await inbox.get(session, update_id)
        return stored is not None and stored.applied_at is not None

    async def _finish(self, update_id: int, error: BaseException | None) -> None:
        async with self._sessions() as session, session.begin():
            if error is not None:
                await inbox.mark_failed(session, update_id, repr(error))
            await inbox.mark_handled(session, update_id)

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
        fresh, seen = [], []
        async with self._sessions() as session, session.begin():
            for payload in raw:
                try:
                    update_id = update_id_of(payload)
                except MalformedUpdate as exc:  # without an id it cannot even be stored
                    log.warning("update without an id skipped: %s", exc)
                    continue
                seen.append(update_id)
                if await inbox.store(session, update_id, payload) is StoreOutcome.STORED:
                    fresh.append((update_id, payload))
                else:
                    log.info("update %s delivered again; already stored", update_id)
        # Confirmed by the next getUpdates, only now that the batch is committed.
        if seen:
            self._offset = max(seen) + 1
        return fresh

    async def handle(self, update_id: int, payload: object, *, applied: bool) -> None:
        """Handle a stored update and log one line about it (never the token or the text)."""
        started = time.perf_counter()
        error = await self._handle(update_id, payload, applied=applied)
        log.info("update=%s user=%s kind=%s outcome=%s ms=%.0f", update_id,
                 _user_of(payload), _kind_of(payload),
                 "ok" if error is None else type(error).__name__,
                 (time.perf_counter() - started) * 1000)

    async def _handle(self, update_id: int, payload: object, *,
                      applied: bool) -> BaseException | None:
        """Handle an update and mark it handled (failed, with its error, if it failed)."""
        try:
            parse(payload, self.application.bot)
        except MalformedUpdate as exc:  # kept as failed with its reason, never replayed
            log.warning("update %s cannot be parsed: %s", update_id, exc)
            error: BaseException | None = exc
        else:
            assert isinstance(payload, dict)
            error = await self._attempts(update_id, payload, applied=applied)
        await self.watch.call(lambda: self._finish(update_id, error))
        return error

    async def _attempts(self, update_id: int, payload: dict, *,
                        applied: bool) -> BaseException | None:
        """Run the handlers; a passing failure (database busy, network) is tried again, and
        a retry after the handler's commit knows the change is in (`applied`)."""
        retrying = self.application.bot_data.setdefault(RETRYING, set())
        attempt = 0
        while True:
            attempt += 1
            if attempt < ATTEMPTS:
                retrying.add(update_id)
            try:
                error = await self._attempt(update_id, payload, applied=applied)
            finally:
                retrying.discard(update_id)
            if error is None or not is_transient(error) or attempt >= ATTEMPTS:
                return error
            await self._sleep(RETRY_PAUSE * attempt)
            if await self.watch.wait_until_up():
                attempt = 0  # an outage, waited out: the tries start over
            applied = await self.watch.call(lambda: self._applied(update_id))

    async def _attempt(self, update_id: int, payload: dict, *,
                       applied: bool) -> BaseException | None:
        application = self.application
        update = parse(payload, application.bot)
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


def _decoded(body: str) -> object:
    """A stored body as JSON; the text itself when it is not JSON (then it fails to parse)."""
    try:
        return json.loads(body)
    except (ValueError, RecursionError):
        return body


def _part(value: object, key: str) -> dict:
    """`value[key]` when both are objects, else {} (the log line never fails on a body)."""
    found = value.get(key) if isinstance(value, dict) else None
    return found if isinstance(found, dict) else {}


def _user_of(payload: object) -> object:
    for key in ("message", "callback_query", "edited_message"):
        if _part(payload, key):
            return _part(_part(payload, key), "from").get("id")
    return None


def _kind_of(payload: object) -> str:
    """What kind of update, for the log: a command, a button's action, text, a file."""
    if _part(payload, "callback_query"):
        parts = str(_part(payload, "callback_query").get("data") or "").split(":")
        return f"button:{parts[1] if len(parts) > 2 else '?'}"
    message = _part(payload, "message") or _part(payload, "edited_message")
    text = message.get("text") or ""
    if not isinstance(text, str):
        return "other"
    if text.startswith("/"):
        return "command:" + text.split(maxsplit=1)[0].split("@")[0][:32]
    for kind in ("document", "photo"):
        if kind in message:
            return kind
    return "text" if text else "other"
