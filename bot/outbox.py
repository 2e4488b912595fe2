"""What was committed is always delivered: notices to other people after a change.

A handler owes its notices (`owe`) in the same transaction as the change, rendered in each
reader's language and cut into pieces; so a commit means the notice is owed, and a replayed
update owes nothing twice (each piece is keyed by update, notice, recipient and piece). One
sender per process (`run`, started with the bot, draining what a stop left owed) delivers
them oldest first, one recipient's pieces in order: a flood limit waits its retry_after, any
other passing failure (a 500, the network) backs off exponentially, and only a lasting
refusal (blocked, chat not found) gives a piece up, with the reason kept. A piece is marked
sent right after Telegram took it: a crash in between sends it once more (at least once).
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
import uuid
from collections.abc import Callable, Iterable
from datetime import datetime, timedelta

from sqlalchemy.ext.asyncio import AsyncSession
from telegram import Bot
from telegram.error import RetryAfter, TelegramError
from telegram.ext import Application

from bot.context import NOTICE_WAKE, OWED, SESSIONS, ZiContext
from bot.i18n import pick_locale, use_locale
from bot.messaging import lasting_failure, split_text
from zi_core.db.repositories import notices
from zi_core.db.repositories.notices import NoticeDTO, Owed
from zi_core.db.types import utcnow
from zi_core.domain.people import UserDTO

log = logging.getLogger(__name__)

BACKOFF_BASE = 1.0
BACKOFF_MAX = 600.0
"""Seconds before trying a piece again after its n-th passing failure: 1, 2, 4 … 600."""
IDLE = 60.0
"""With nothing due, look again this often anyway (a notice owed by another process)."""
PARALLEL = 10
"""Recipients served at the same time (AIORateLimiter keeps the overall 30 per second)."""
PARALLEL_KEY = "notice_parallel"


async def owe(session: AsyncSession, context: ZiContext, people: Iterable[UserDTO],
              text: Callable[[], str], notice: str) -> None:
    """Owe `text()` to each person, in their language, within the change's transaction;
    `notice` names this notice among the update's others."""
    origin = f"u{context.update_id}" if context.update_id is not None else uuid.uuid4().hex
    pieces = []
    for person in {p.id: p for p in people}.values():
        with use_locale(pick_locale(person.locale, None)):
            rendered = text()
        pieces += [Owed(f"{origin}:{notice}:{person.id}:{n}", person.id, piece)
                   for n, piece in enumerate(split_text(rendered))]
    await notices.owe(session, pieces)
    session.info[OWED] = True


def backoff(attempts: int) -> float:
    """Seconds to wait after the `attempts`-th passing failure."""
    return min(BACKOFF_BASE * 2 ** attempts, BACKOFF_MAX)


async def run(application: Application) -> None:
    """Deliver what is owed, now and whenever more is owed or due, until cancelled.

    Each recipient's queue is served by its own task, so a recipient waiting out a flood
    limit holds up nobody else; a finished task wakes the loop to look again."""
    wake = application.bot_data.setdefault(NOTICE_WAKE, asyncio.Event())
    busy: dict[int, asyncio.Task] = {}
    finished: set[int] = set()
    failures = 0
    try:
        while True:
            wake.clear()
            finished.clear()
            try:
                queues = await _queues(application)
                # A recipient whose task ended while the queues were read was read before
                # its last piece was marked sent: serve it on the next round (its end woke
                # the loop), never from this stale read, which would send that piece again.
                fresh = {user: queue for user, queue in queues.items() if user not in finished}
                delay = _start_due(application, fresh, busy, wake, finished)
                failures = 0
            except Exception:  # the database away, say: never let the sender die
                log.exception("notice outbox: reading what is owed failed")
                delay, failures = backoff(failures), failures + 1
            with contextlib.suppress(TimeoutError):
                await asyncio.wait_for(wake.wait(), timeout=IDLE if delay is None else delay)
    finally:
        for task in busy.values():
            task.cancel()
        await asyncio.gather(*busy.values(), return_exceptions=True)


async def deliver_due(application: Application) -> float | None:
    """One whole round: every due queue served to its end; seconds until the next is due."""
    busy: dict[int, asyncio.Task] = {}
    _start_due(application, await _queues(application), busy, asyncio.Event(), set())
    await asyncio.gather(*busy.values())
    return _start_due(application, await _queues(application), {}, None, set())


async def _queues(application: Application) -> dict[int, list[NoticeDTO]]:
    """What is owed, per recipient, oldest first."""
    async with application.bot_data[SESSIONS]() as session:
        owed = await notices.pending(session)
    queues: dict[int, list[NoticeDTO]] = {}
    for piece in owed:
        queues.setdefault(piece.user_id, []).append(piece)
    return queues


def _start_due(application: Application, queues: dict[int, list[NoticeDTO]],
               busy: dict[int, asyncio.Task], wake: asyncio.Event | None,
               finished: set[int]) -> float | None:
    """Start a task for each idle recipient whose next piece is due (none when `wake` is
    None); seconds until the first of the others is due. A task's end is noted in
    `finished` and wakes `wake`."""
    now = utcnow()
    later = []
    limit = application.bot_data.setdefault(PARALLEL_KEY, asyncio.Semaphore(PARALLEL))
    for user_id, queue in queues.items():
        if user_id in busy:
            continue
        if queue[0].next_attempt_at > now or wake is None:
            later.append(queue[0].next_attempt_at)
            continue
        busy[user_id] = asyncio.create_task(_serve(application, queue, limit))
        busy[user_id].add_done_callback(
            lambda task, uid=user_id: _done(task, uid, busy, wake, finished))
    return max(0.0, (min(later) - now).total_seconds()) if later else None


def _done(task: asyncio.Task, user_id: int, busy: dict[int, asyncio.Task],
          wake: asyncio.Event, finished: set[int]) -> None:
    busy.pop(user_id, None)
    finished.add(user_id)
    if not task.cancelled() and task.exception() is not None:
        log.error("notice outbox: delivery to user %s failed", user_id,
                  exc_info=task.exception())
    wake.set()


async def _serve(application: Application, queue: list[NoticeDTO],
                 limit: asyncio.Semaphore) -> None:
    async with limit:
        await _deliver_queue(application, queue)


async def _deliver_queue(application: Application, queue: list[NoticeDTO]) -> None:
    """One recipient's pieces in order; stops at a passing failure (the rest wait behind)."""
    sessions = application.bot_data[SESSIONS]
    for piece in queue:
        until, reason = await _send(application.bot, piece)
        async with sessions() as session, session.begin():
            if until is not None:
                await notices.postpone(session, piece.id, until)
            elif reason is not None:
                await notices.give_up(session, piece.id, reason)
            else:
                await notices.mark_sent(session, piece.id)
        if until is not None:
            return


async def _send(bot: Bot, piece: NoticeDTO) -> tuple[datetime | None, str | None]:
    """Send one piece: (retry at, None), (None, why given up) or (None, None) when sent."""
    try:
        await bot.send_message(piece.chat_id, piece.text)
    except RetryAfter as exc:
        wait = exc.retry_after
        seconds = wait.total_seconds() if isinstance(wait, timedelta) else float(wait)
        log.info("notice %s: flood limit, again in %.0f s", piece.id, seconds)
        return utcnow() + timedelta(seconds=seconds), None
    except TelegramError as exc:
        reason = lasting_failure(exc)
        if reason is not None:
            log.info("notice %s to user %s given up: %s", piece.id, piece.user_id, reason)
            return None, reason
        wait = backoff(piece.attempts)
        log.warning("notice %s failed (%s); again in %.0f s", piece.id, exc, wait)
        return utcnow() + timedelta(seconds=wait), None
    return None, None
