"""The one error handler: log with the update id, tell the user, notify the admin chat."""

from __future__ import annotations

import logging

from telegram import Update
from telegram.error import BadRequest, Forbidden, NetworkError, TelegramError, TimedOut
from telegram.ext import ApplicationHandlerStop

from bot.context import ZiContext
from bot.i18n import _
from bot.messaging import answer
from bot.views.html import html
from zi_core.db.health import database_away

log = logging.getLogger(__name__)

FAILED = "failed_updates"
RETRYING = "retrying_updates"
"""Update ids the inbox will try again if they fail for a passing reason."""


def is_transient(error: BaseException | None) -> bool:
    """A failure that may pass by itself: the database busy or away, the network down."""
    if error is not None and database_away(error):
        return True
    return isinstance(error, TimedOut | NetworkError) and not isinstance(
        error, BadRequest | Forbidden)


async def on_error(update: object, context: ZiContext) -> None:
    """Log first; then a short apology to the user and a note to the admin chat.

    It always ends by stopping the update: a failure in the gate must never let the update
    reach the handlers behind it.
    """
    try:
        await _report(update, context)
    finally:
        raise ApplicationHandlerStop


async def _report(update: object, context: ZiContext) -> None:
    error = context.error
    update_id = update.update_id if isinstance(update, Update) else None
    if isinstance(error, BadRequest) and "not modified" in error.message.lower():
        return
    if isinstance(error, Forbidden):
        log.info("update %s: the user has blocked the bot", update_id)
        return
    if update_id is not None:
        context.bot_data.setdefault(FAILED, {})[update_id] = error
    if update_id in context.bot_data.get(RETRYING, ()) and is_transient(error):
        log.warning("update %s failed for now (%r); the inbox tries it again", update_id, error)
        return
    log.error("update %s failed", update_id, exc_info=error)
    if isinstance(update, Update):
        await _apologise(update)
    admin_chat = context.bot_data["settings"].admin_chat_id
    if admin_chat:
        note = html("⚠️ update {id}: <code>{error}</code>", id=update_id,
                    error=repr(error)[:3500])
        try:
            await context.bot.send_message(admin_chat, note)
        except TelegramError:
            log.warning("could not notify the admin chat %s", admin_chat, exc_info=True)


async def _apologise(update: Update) -> None:
    text = _("Maaf, terjadi kesalahan. Periksa hasilnya lewat /menu dan ulangi bila perlu; "
             "laporannya sudah tercatat.")
    try:
        if update.callback_query is not None:
            await answer(update.callback_query, text, alert=True)
        elif update.effective_chat is not None:
            await update.get_bot().send_message(update.effective_chat.id, text)
    except TelegramError:
        log.warning("could not tell the user about update %s", update.update_id, exc_info=True)
