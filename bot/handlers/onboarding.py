"""`/start [code]` and the three onboarding questions (nama lengkap, NIP, jabatan)."""

from __future__ import annotations

from telegram import Update

from bot.commands import set_user_commands
from bot.context import ZiContext
from bot.i18n import pick_locale, set_locale
from bot.messaging import answer
from bot.refusal import refuse
from bot.screens.menu import send_main_menu
from bot.views import onboarding as view
from zi_core import queries
from zi_core.domain.errors import InviteInvalid
from zi_core.services import onboarding

START_PAYLOAD_MAX = 64


async def start(update: Update, context: ZiContext) -> None:
    """`/start <code>` redeems an invite; plain `/start` greets or opens the menu."""
    message = update.effective_message
    sender = update.effective_user
    assert message is not None and sender is not None
    code = context.args[0] if context.args else ""
    if not code or len(code) > START_PAYLOAD_MAX:
        await _start_without_code(update, context)
        return
    try:
        async with context.transaction() as session:
            redeemed = await onboarding.redeem(session, code, sender.id,
                                               pick_locale(None, sender.language_code))
    except InviteInvalid as exc:
        if exc.reason == "deactivated":  # recorded: a person shut out tried to get back in
            await refuse(context, "inactive", {"invite": code[:8]})
        await message.reply_text(view.invite_refused(exc.reason))
        return
    user = redeemed.user
    context.me = user
    set_locale(pick_locale(user.locale, sender.language_code))
    if user.onboarding_step is not None:
        unit = await queries.units.unit(context, user.unit_id)
        await message.reply_text(view.welcome(user, unit))
        return
    await set_user_commands(context.bot, user)
    await send_main_menu(context, user.telegram_id)


async def _start_without_code(update: Update, context: ZiContext) -> None:
    me = context.me
    message = update.effective_message
    assert message is not None
    if me is None or not me.active:
        await message.reply_text(view.no_invite())
    elif me.onboarding_step is not None:
        await message.reply_text(view.prompt(me.onboarding_step))
    else:
        await send_main_menu(context, me.telegram_id)


async def continue_step(update: Update, context: ZiContext) -> None:
    """Take the answer to the current onboarding question (called by the gate)."""
    me = context.me
    message = update.effective_message
    assert me is not None and me.onboarding_step is not None
    if update.callback_query is not None:
        await answer(update.callback_query, view.plain(view.prompt(me.onboarding_step)))
        return
    if message is None:
        return
    if not message.text:
        await message.reply_text(view.text_needed(me.onboarding_step))
        return
    if context.already_applied:
        user = me
    else:
        try:
            async with context.transaction() as session:
                user = await onboarding.answer(session, me, message.text)
        except onboarding.AnswerRefused as exc:
            await message.reply_text(view.refused(exc))
            return
    if user.onboarding_step is not None:
        await message.reply_text(view.prompt(user.onboarding_step))
        return
    user, unit = await queries.people.person_and_unit(context, user.id)
    context.me = user
    await message.reply_text(view.finished(user, unit))
    await set_user_commands(context.bot, user)
    await send_main_menu(context, user.telegram_id)
