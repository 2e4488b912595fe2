"""What was committed is always delivered: notices to other people after a change.

A handler owes its notices (`owe`) in the same transaction as the change, rendered in each
reader's language and cut into pieces; so a commit means the notice is owed, and a replayed
update owes nothing twice (each piece is keyed by update, notice, recipient and piece). One
sender per process (`run`, started with the bot, draining what a stop left owed) delivers
them oldest first, one recipient's pieces in order: a flood limit waits its retry_after, any
other passing failure (a 500, the network) backs off exponentially, and only a lasting
refusal (blocked, chat not found) gives a piece up, with the reason kept.
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
from zi_core.db.dto import UserDTO
from zi_core.db.repositories import notices
from zi_core.db.repositories.notices import NoticeDTO, Owed
from zi_core.db.types import utcnow

log = logging.getLogger(__name__)

BACKOFF_BASE = 1.0
BACKOFF_MAX = 600.0
"""Seconds before trying a piece again after its n-th passing failure: 1, 2, 4 … 600."""
IDLE = 60.0
"""With nothing due, look again this often anyway (a notice owed by another process)."""
PARALLEL = 10


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
    """Deliver what is owed, now and whenever more is owed or due, until cancelled."""
    wake = application.bot_data.setdefault(NOTICE_WAKE, asyncio.Event())
    failures = 0
    while True:
        wake.clear()
        try:
            delay = await deliver_due(application)
            failures = 0
        except Exception:  # the database away, say: never let the sender die
            log.exception("notice outbox: delivery round failed")
            delay, failures = backoff(failures), failures + 1
        with contextlib.suppress(TimeoutError):
            await asyncio.wait_for(wake.wait(), timeout=IDLE if delay is None else delay)


async def deliver_due(application: Application) -> float | None:
    """One round: each recipient's due pieces in order; seconds until the next is due."""
    sessions = application.bot_data[SESSIONS]
    async with sessions() as session:
        owed = await notices.pending(session)
    queues: dict[int, list[NoticeDTO]] = {}
    for piece in owed:
        queues.setdefault(piece.user_id, []).append(piece)
    now = utcnow()
    later = [q[0].next_attempt_at for q in queues.values() if q[0].next_attempt_at > now]
    limit = asyncio.Semaphore(PARALLEL)

    async def serve(queue: list[NoticeDTO]) -> datetime | None:
        async with limit:
            return await _deliver_queue(application, queue)

    later += [until for until in await asyncio.gather(
        *(serve(q) for q in queues.values() if q[0].next_attempt_at <= now)) if until]
    if not later:
        return None
    return max(0.0, (min(later) - utcnow()).total_seconds())


async def _deliver_queue(application: Application, queue: list[NoticeDTO]) -> datetime | None:
    """One recipient's pieces in order; stops at a passing failure and says until when."""
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
            return until
    return None


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
