"""The main menu, sent after onboarding and a change of language too."""

from __future__ import annotations

from bot.context import ZiContext
from bot.messaging import send_text
from bot.views import menu as view
from zi_core import queries
from zi_core.domain.unit import UnitDTO


async def callers_unit(context: ZiContext) -> UnitDTO | None:
    """The caller's unit, for the menu and profile (None for roles without one)."""
    assert context.me is not None
    return await queries.units.unit(context, context.me.unit_id)


async def send_main_menu(context: ZiContext, chat_id: int) -> None:
    """Send the caller's main menu as a new message."""
    assert context.me is not None
    text, keyboard = view.main_menu(context.me, await callers_unit(context), context.buttons)
    await send_text(context.bot, chat_id, text, keyboard)
