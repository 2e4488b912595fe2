"""Scheduled jobs: a daily reminder to people who took an invite but did not finish signing up.

A recipient who blocked the bot is marked inactive (recorded in the audit trail) and the job
goes on with the others: one blocked chat never stops a job.
"""

from __future__ import annotations

import logging
from datetime import datetime, time, timedelta

from telegram.error import TelegramError
from telegram.ext import Application, CallbackContext

from bot import summary
from bot.context import SESSIONS, SETTINGS
from bot.i18n import _, pick_locale, use_locale
from bot.messaging import send_text
from bot.reminders import send_plan_reminders
from bot.views.onboarding import prompt
from zi_core.db.repositories import audit, users
from zi_core.db.types import utcnow

log = logging.getLogger(__name__)

REMINDER_TIME = time(8, 0)
"""08.00 in the bot's time zone (Asia/Pontianak by default)."""
GRACE = timedelta(hours=12)
"""Someone who took an invite less than this long ago is not reminded yet."""


def schedule(application: Application) -> None:
    """Register the daily jobs, and catch up today's plan reminders if their time has passed
    while the bot was down (what was sent already is not sent again)."""
    settings = application.bot_data[SETTINGS]
    queue = application.job_queue
    if queue is None:
        return
    queue.run_daily(lambda context: remind_unfinished(context.application),
                    REMINDER_TIME.replace(tzinfo=settings.zone), name="onboarding-reminder")
    plan_time = settings.reminder_time.replace(tzinfo=settings.zone)
    queue.run_daily(_plan_job, plan_time, name="plan-reminder")
    now = datetime.now(settings.zone)
    if now.time() >= settings.reminder_time:
        queue.run_once(_plan_job, 5, name="plan-reminder-catch-up")
    summary.schedule(application)


async def _plan_job(context: CallbackContext) -> None:
    settings = context.application.bot_data[SETTINGS]
    await send_plan_reminders(context.application, datetime.now(settings.zone).date())


async def remind_unfinished(application: Application) -> int:
    """Remind everyone still onboarding of the question they are at; how many were reached."""
    sessions = application.bot_data[SESSIONS]
    async with sessions() as session:
        pending = [u for u in await users.list_all(session)
                   if u.onboarding_step is not None and u.created_at < utcnow() - GRACE]
    reached = 0
    for user in pending:
        async def blocked(chat_id: int, user_id: int = user.id) -> None:
            await _mark_blocked(application, user_id, chat_id)

        with use_locale(pick_locale(user.locale, None)):
            text = _("Pendaftaran Anda di ZI Assistant belum selesai.") + "\n\n" + prompt(
                user.onboarding_step)
            try:
                sent = await send_text(application.bot, user.telegram_id, text,
                                       on_blocked=blocked)
            except TelegramError:
                log.warning("reminder to %s failed", user.telegram_id, exc_info=True)
                continue
        reached += sent is not None
    log.info("onboarding reminder: %s of %s reached", reached, len(pending))
    return reached


async def _mark_blocked(application: Application, user_id: int, chat_id: int) -> None:
    async with application.bot_data[SESSIONS]() as session, session.begin():
        await users.deactivate(session, user_id)
        await audit.append(session, action="user.blocked_bot", entity="user", entity_id=user_id,
                           actor_telegram_id=chat_id, payload={"active": False})
