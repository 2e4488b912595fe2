"""The weekly summary: built from the database, stored as the week's figures, sent through
a per-recipient outbox so that a crash or a flood limit resumes without duplicates; a week
whose run was missed (the bot was down) is sent once at the next start."""

from __future__ import annotations

import asyncio
import io
import logging
from dataclasses import dataclass
from datetime import date, datetime, time

from telegram import Bot
from telegram.error import TelegramError
from telegram.ext import Application, CallbackContext

from bot.context import SESSIONS, SETTINGS
from bot.i18n import _, pick_locale, use_locale
from bot.messaging import lasting_failure, send_text
from bot.views.summary import summary_text
from zi_core.db.repositories import laporan, users
from zi_core.domain.roles import Permission, may
from zi_core.reports.chart import render_chart
from zi_core.reports.summary import Summary, build_summary, store_week, week_start
from zi_core.reports.workbook import lke_rows, render_summary_workbook
from zi_core.services import lke_versions

log = logging.getLogger(__name__)

SENDING = "summary_sending"
DAYS = {"sun": 0, "mon": 1, "tue": 2, "wed": 3, "thu": 4, "fri": 5, "sat": 6}


@dataclass(frozen=True)
class Schedule:
    """When the weekly summary goes out: a time and the weekdays (PTB: 0 = Sunday)."""

    at: time
    days: tuple[int, ...]


def parse_schedule(cron: str) -> Schedule:
    """`M H * * DOW` (DOW: names or 0-6, lists with ','); ValueError otherwise."""
    parts = cron.split()
    if len(parts) != 5 or parts[2] != "*" or parts[3] != "*":
        raise ValueError(f"WEEKLY_SUMMARY_CRON {cron!r}: pakai bentuk 'M H * * hari'")
    minute, hour = int(parts[0]), int(parts[1])
    days = []
    for item in parts[4].lower().split(","):
        number = DAYS.get(item[:3]) if not item.isdigit() else int(item) % 7
        if number is None:
            raise ValueError(f"WEEKLY_SUMMARY_CRON: hari {item!r} tidak dikenal")
        days.append(number)
    return Schedule(time(hour, minute), tuple(sorted(set(days))))


@dataclass(frozen=True)
class Parts:
    """What a recipient receives."""

    summary: Summary
    chart: bytes
    workbook: bytes


async def build(application: Application, today: date) -> Parts:
    """Build the summary and its attachments (the heavy parts off the event loop)."""
    async with application.bot_data[SESSIONS]() as session:
        lke = await lke_versions.in_force(session)
        summary = await build_summary(session, lke, today)
        worksheets = await lke_versions.by_unit(session, lke)
        sheets = {row.unit_id: await lke_rows(session, worksheets.get(row.unit_id, lke),
                                              row.unit_id)
                  for row in summary.units}
    chart = await asyncio.to_thread(render_chart, summary, lke)
    workbook = await asyncio.to_thread(render_summary_workbook, summary, lke, sheets)
    return Parts(summary, chart, workbook)


PACE = 1.05
"""Seconds between the parts sent to one chat: Telegram allows about one message a second
per chat; different chats are served at the same time (AIORateLimiter keeps the overall
30 per second)."""
PARALLEL = 10


async def deliver(bot: Bot, chat_id: int, parts: Parts, locale: str | None,
                  pace: float = 0.0) -> None:
    """Send the message, the chart and the workbook to one chat, `pace` seconds apart."""
    with use_locale(pick_locale(locale, None)):
        await send_text(bot, chat_id, summary_text(parts.summary))
        await asyncio.sleep(pace)
        await bot.send_photo(chat_id, io.BytesIO(parts.chart),
                             caption=_("Nilai total per unit dan peta panas area"))
        await asyncio.sleep(pace)
        await bot.send_document(chat_id, io.BytesIO(parts.workbook),
                                filename=f"ringkasan-zi-{parts.summary.week_start}.xlsx")


async def recipients(application: Application) -> list:
    """Who gets the weekly summary: every active user whose role receives it, plus the
    configured extra Telegram ids that belong to active users."""
    settings = application.bot_data[SETTINGS]
    async with application.bot_data[SESSIONS]() as session:
        people = await users.list_all(session)
    chosen = {u.id: u for u in people
              if u.onboarding_step is None and may(u.role, Permission.RECEIVE_SUMMARY)}
    extra = set(settings.summary_recipients)
    chosen.update({u.id: u for u in people if u.telegram_id in extra})
    return list(chosen.values())


async def run_week(application: Application, today: date) -> int:
    """Send this week's summary to everyone not served yet; how many copies went out."""
    week = week_start(today)
    sessions = application.bot_data[SESSIONS]
    people = await recipients(application)
    async with sessions() as session, session.begin():
        await laporan.start_run(session, week)
        await laporan.enqueue(session, week, [u.id for u in people])
    return await _send_pending(application, week, today)


async def _send_pending(application: Application, week: date, today: date) -> int:
    # One sender at a time: the start-up catch-up and the weekly job must never both work
    # through the same outbox (each would send what the other has not marked yet).
    lock = application.bot_data.setdefault(SENDING, asyncio.Lock())
    async with lock:
        return await _send_pending_locked(application, week, today)


async def _send_pending_locked(application: Application, week: date, today: date) -> int:
    sessions = application.bot_data[SESSIONS]
    async with sessions() as session:
        queue = await laporan.pending(session, week)
    if not queue:
        async with sessions() as session, session.begin():
            await laporan.finish_run(session, week)
        return 0
    parts = await build(application, today)
    async with sessions() as session, session.begin():
        await store_week(session, parts.summary)
    pace = application.bot_data[SETTINGS].summary_pace_seconds
    limit = asyncio.Semaphore(PARALLEL)

    async def one(user_id: int) -> bool:
        async with limit:
            async with sessions() as session:
                person = await users.get(session, user_id)
            reason = None
            if person is None or not person.active:
                reason = "inactive"
            else:
                try:
                    await deliver(application.bot, person.telegram_id, parts, person.locale,
                                  pace)
                except TelegramError as exc:
                    log.warning("summary to %s failed: %s", user_id, exc)
                    reason = (lasting_failure(exc) or type(exc).__name__)[:64]
            async with sessions() as session, session.begin():
                await laporan.mark_delivery(session, week, user_id, reason)
            return reason is None

    sent = sum(await asyncio.gather(*(one(item.user_id) for item in queue)))
    async with sessions() as session, session.begin():
        if not await laporan.pending(session, week):
            await laporan.finish_run(session, week)
    return sent


def schedule(application: Application) -> None:
    """The weekly job, and a catch-up at start for a week whose time has passed unsent."""
    settings = application.bot_data[SETTINGS]
    queue = application.job_queue
    if queue is None:
        return
    plan = parse_schedule(settings.weekly_summary_cron)
    queue.run_daily(_job, plan.at.replace(tzinfo=settings.zone), days=plan.days,
                    name="weekly-summary")
    queue.run_once(_catch_up, 3, name="weekly-summary-catch-up")


async def _job(context: CallbackContext) -> None:
    settings = context.application.bot_data[SETTINGS]
    await run_week(context.application, datetime.now(settings.zone).date())


async def _catch_up(context: CallbackContext) -> None:
    await catch_up(context.application, datetime.now(
        context.application.bot_data[SETTINGS].zone))


async def catch_up(application: Application, now: datetime) -> int:
    """Finish weeks left half-sent, and send this week's when its time passed while the bot
    was down; how many copies went out."""
    settings = application.bot_data[SETTINGS]
    sessions = application.bot_data[SESSIONS]
    sent = 0
    async with sessions() as session:
        unfinished = await laporan.unsent_runs(session)
    for week in unfinished:
        sent += await _send_pending(application, week, now.date())
    plan = parse_schedule(settings.weekly_summary_cron)
    week = week_start(now.date())
    # PTB counts days from Sunday (0); the week starts on Monday.
    moments = [datetime.combine(date.fromordinal(week.toordinal() + (d - 1) % 7), plan.at,
                                tzinfo=now.tzinfo) for d in plan.days]
    async with sessions() as session:
        started = await laporan.run_exists(session, week)
    if not started and any(moment <= now for moment in moments):
        sent += await run_week(application, now.date())
    return sent
