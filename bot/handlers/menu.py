"""`/menu`, the main menu button and the profile screen."""

from __future__ import annotations

from telegram import Update

from bot import callback
from bot.actions import action
from bot.context import ZiContext
from bot.keyboards import Buttons
from bot.messaging import send_text, show
from bot.views import menu as view
from zi_core.db.repositories import units


def buttons_for(context: ZiContext) -> Buttons:
    """Buttons signed for the caller."""
    assert context.me is not None
    return Buttons(context.signing_key, context.me.telegram_id)


async def _unit(context: ZiContext):
    me = context.me
    assert me is not None
    if me.unit_id is None:
        return None
    async with context.reading() as session:
        return await units.get(session, me.unit_id)


async def send_main_menu(context: ZiContext, chat_id: int) -> None:
    """Send the caller's main menu as a new message."""
    assert context.me is not None
    text, keyboard = view.main_menu(context.me, await _unit(context), buttons_for(context))
    await send_text(context.bot, chat_id, text, keyboard)


async def menu_command(update: Update, context: ZiContext) -> None:
    """`/menu`."""
    assert update.effective_chat is not None
    await send_main_menu(context, update.effective_chat.id)


@action("menu")
async def menu_button(update: Update, context: ZiContext, _pressed: callback.Callback) -> None:
    """« Kembali to the main menu, edited in place."""
    assert update.callback_query is not None and context.me is not None
    text, keyboard = view.main_menu(context.me, await _unit(context), buttons_for(context))
    await show(update.callback_query, text, keyboard)


@action("profile")
async def profile_button(update: Update, context: ZiContext, _pressed: callback.Callback) -> None:
    """The caller's profile."""
    assert update.callback_query is not None and context.me is not None
    text, keyboard = view.profile(context.me, await _unit(context), buttons_for(context))
    await show(update.callback_query, text, keyboard)
