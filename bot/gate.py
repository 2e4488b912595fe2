"""The gate (handler group -1): who is asking, in which language, and may they go on.

It loads the caller from the database on every update (never from callback data or memory),
sets the translation for the update, and stops what an unknown, deactivated or not yet
onboarded user may not do: those get one sentence and, for presses, an audit record. A user
in the middle of onboarding has their messages routed to the onboarding step.
"""

from __future__ import annotations

from telegram import Update
from telegram.ext import ApplicationHandlerStop

from bot import pending
from bot.actions import refuse
from bot.context import ZiContext, applied_updates
from bot.handlers import onboarding
from bot.i18n import _, pick_locale, set_locale
from bot.messaging import answer
from zi_core.db.repositories import users
from zi_core.services import lke_versions

OPEN_COMMANDS = ("/start", "/bantuan", "/help")
"""Commands anyone may send: `/start <code>` is how a role is obtained; help explains it."""


async def gate(update: Update, context: ZiContext) -> None:
    """Load the caller and stop what they may not do."""
    sender = update.effective_user
    if sender is None or update.effective_chat is None or update.edited_message is not None:
        raise ApplicationHandlerStop
    context.update_id = update.update_id
    context.already_applied = update.update_id in applied_updates(context.application)
    async with context.reading() as session:
        me = await users.get_by_telegram_id(session, sender.id)
        context.installed_lke = await lke_versions.in_force(session)
    context.me = me
    set_locale(pick_locale(me.locale if me else None, sender.language_code))
    if update.effective_chat.type != "private":
        raise ApplicationHandlerStop
    if _is_open_command(update):
        return
    if me is None or not me.active:
        await _turn_away(update, context, registered=me is not None)
        raise ApplicationHandlerStop
    if me.onboarding_step is not None:
        await onboarding.continue_step(update, context)
        raise ApplicationHandlerStop
    await _awaited_input(update, context)


async def _awaited_input(update: Update, context: ZiContext) -> None:
    """A typed answer or file the bot asked for goes to its handler; a command drops it."""
    message = update.message
    if message is None or context.me is None or context.me.pending_input is None:
        return
    command = _command(message.text)
    if command:
        if command != "/batal":
            await pending.forget(context)
        return
    if await pending.route(update, context):
        raise ApplicationHandlerStop


def _command(text: str | None) -> str:
    if not text or not text.startswith("/"):
        return ""
    return text.split(maxsplit=1)[0].split("@")[0]


def _is_open_command(update: Update) -> bool:
    return _command(update.message.text if update.message else None) in OPEN_COMMANDS


async def _turn_away(update: Update, context: ZiContext, *, registered: bool) -> None:
    if registered:
        text = _("Akses Anda telah dinonaktifkan. Hubungi admin Inspektorat bila ini keliru.")
    else:
        text = _("Anda belum terdaftar. Minta tautan undangan kepada admin Inspektorat, "
                 "lalu buka tautan itu (atau kirim /start KODE).")
    if update.callback_query is not None:
        await refuse(context, "inactive" if registered else "unknown_user",
                     {"data": (update.callback_query.data or "")[:64]})
        await answer(update.callback_query, text, alert=True)
    elif update.effective_message is not None:
        await update.effective_message.reply_text(text)
