"""`/menu`, the main menu button and the profile screen."""

from __future__ import annotations

from telegram import Update

from bot import callback
from bot.actions import action
from bot.context import ZiContext
from bot.messaging import show
from bot.screens.menu import callers_unit, send_main_menu
from bot.views import menu as view


async def menu_command(update: Update, context: ZiContext) -> None:
    """`/menu`."""
    assert update.effective_chat is not None
    await send_main_menu(context, update.effective_chat.id)


@action("menu")
async def menu_button(update: Update, context: ZiContext, _pressed: callback.Callback) -> None:
    """« Kembali to the main menu, edited in place."""
    assert update.callback_query is not None and context.me is not None
    text, keyboard = view.main_menu(context.me, await callers_unit(context), context.buttons)
    await show(update.callback_query, text, keyboard)


@action("profile")
async def profile_button(update: Update, context: ZiContext, _pressed: callback.Callback) -> None:
    """The caller's profile."""
    assert update.callback_query is not None and context.me is not None
    text, keyboard = view.profile(context.me, await callers_unit(context), context.buttons)
    await show(update.callback_query, text, keyboard)
