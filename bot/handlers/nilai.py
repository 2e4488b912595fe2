"""`/nilai`: the TPI finds a unit and a question to score: its units with their progress, then
Pemenuhan / Reform / Hasil, area, indicator and the question screen (`nilai_jawab` answers it,
`nilai_hasil` takes the Hasil component)."""

from __future__ import annotations

from telegram import Update

from bot import callback
from bot.actions import Stale, action, refuse_command
from bot.context import ZiContext
from bot.messaging import show
from bot.screens.nilai import (
    _mine,
    evaluable_unit,
    indicator_screen,
    question_screen,
    unit_screen,
    units_screen,
)
from bot.views import nilai as view
from bot.worksheet import lke_for_unit
from zi_core.domain.roles import Permission


async def nilai_command(update: Update, context: ZiContext) -> None:
    """`/nilai`."""
    if not await refuse_command(update, context, Permission.SCORE):
        assert update.effective_message is not None
        text, keyboard = await units_screen(context)
        await update.effective_message.reply_text(text, reply_markup=keyboard)


@action("nilai", Permission.SCORE)
async def units_button(update: Update, context: ZiContext, _p: callback.Callback) -> None:
    assert update.callback_query is not None
    await show(update.callback_query, *await units_screen(context))


@action("nu", Permission.SCORE)
async def unit_button(update: Update, context: ZiContext, pressed: callback.Callback) -> None:
    assert update.callback_query is not None
    await show(update.callback_query, *await unit_screen(context, pressed.int_arg(0)))


@action("np", Permission.SCORE)
async def part_button(update: Update, context: ZiContext, pressed: callback.Callback) -> None:
    """Pemenuhan or Reform."""
    assert update.callback_query is not None
    unit = await evaluable_unit(context, pressed.int_arg(0))
    key = pressed.arg(1)
    if key not in view.PARTS:
        raise Stale(key)
    await show(update.callback_query, *view.part(unit, await lke_for_unit(context, unit.id), key,
                                                 await _mine(context, unit.id),
                                                 context.buttons))


@action("na", Permission.SCORE)
async def half_button(update: Update, context: ZiContext, pressed: callback.Callback) -> None:
    """A half-area's indicators."""
    assert update.callback_query is not None
    unit = await evaluable_unit(context, pressed.int_arg(0))
    lke = await lke_for_unit(context, unit.id)
    if not any(h.id == pressed.arg(1) for h in lke.halves()):
        raise Stale(pressed.arg(1))
    await show(update.callback_query, *view.half(unit, lke, pressed.arg(1),
                                                 await _mine(context, unit.id),
                                                 context.buttons))


@action("ni", Permission.SCORE)
async def indicator_button(update: Update, context: ZiContext,
                           pressed: callback.Callback) -> None:
    assert update.callback_query is not None
    unit = await evaluable_unit(context, pressed.int_arg(0))
    await show(update.callback_query, *await indicator_screen(context, unit, pressed.arg(1)))


@action("nq", Permission.SCORE)
async def question_button(update: Update, context: ZiContext,
                          pressed: callback.Callback) -> None:
    assert update.callback_query is not None
    unit = await evaluable_unit(context, pressed.int_arg(0))
    await show(update.callback_query, *await question_screen(context, unit, pressed.arg(1)))
