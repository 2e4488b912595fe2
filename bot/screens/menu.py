"""The main menu, sent after onboarding and a change of language too."""

from __future__ import annotations

from bot.context import ZiContext
from bot.messaging import send_text
from bot.views import menu as view
from zi_core.db.repositories import units


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
    text, keyboard = view.main_menu(context.me, await _unit(context), context.buttons)
    await send_text(context.bot, chat_id, text, keyboard)
