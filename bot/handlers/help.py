"""`/bantuan` and the LKE explanations ("Penjelasan"), browsable from any screen."""

from __future__ import annotations

from telegram import Update

from bot import callback
from bot.actions import Stale, action
from bot.context import ZiContext
from bot.messaging import show
from bot.views import help as help_view
from bot.views import lke as lke_view
from bot.worksheet import question_named


async def help_command(update: Update, context: ZiContext) -> None:
    """`/bantuan`, for everyone (registered or not)."""
    assert update.effective_message is not None
    me = context.me
    ready = me is not None and me.active and me.onboarding_step is None
    keyboard = help_view.help_keyboard(context.buttons) if ready else None
    await update.effective_message.reply_text(help_view.help_text(me), reply_markup=keyboard)


@action("help")
async def help_button(update: Update, context: ZiContext, _p: callback.Callback) -> None:
    """Help, from the main menu."""
    assert update.callback_query is not None
    await show(update.callback_query, help_view.help_text(context.me),
               help_view.help_keyboard(context.buttons))


async def _show(update: Update, screen: tuple) -> None:
    assert update.callback_query is not None
    await show(update.callback_query, *screen)


@action("lke")
async def lke_areas(update: Update, context: ZiContext, _p: callback.Callback) -> None:
    """The areas of the worksheet."""
    await _show(update, lke_view.areas(context.lke, context.buttons))


@action("lkea")
async def lke_area(update: Update, context: ZiContext, pressed: callback.Callback) -> None:
    """One area's indicators."""
    area = context.lke.area(pressed.arg(0))
    if area is None:
        raise Stale(pressed.arg(0))
    await _show(update, lke_view.area(area, pressed.int_arg(1), context.buttons))


@action("lkei")
async def lke_indicator(update: Update, context: ZiContext, pressed: callback.Callback) -> None:
    """One indicator's questions."""
    lke = context.lke
    indicator = lke.indicator(pressed.arg(0))
    area = lke.area(indicator.area_key) if indicator else None
    if indicator is None or area is None:
        raise Stale(pressed.arg(0))
    await _show(update, lke_view.indicator(area, indicator, context.buttons))


@action("lkeq")
async def lke_question(update: Update, context: ZiContext, pressed: callback.Callback) -> None:
    """One question's explanation."""
    await _show(update, lke_view.question(question_named(context.lke, pressed.arg(0)),
                                          context.buttons))
