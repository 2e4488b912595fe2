"""`/bantuan` and the LKE explanations ("Penjelasan"), browsable from any screen."""

from __future__ import annotations

from telegram import Update

from bot import callback
from bot.actions import Stale, action
from bot.context import ZiContext
from bot.handlers.menu import buttons_for
from bot.messaging import show
from bot.views import help as help_view
from bot.views import lke as lke_view
from zi_core.lke import Lke, Question
from zi_core.services import lke_versions

LKE = "lke"


def current_lke(context: ZiContext) -> Lke:
    """The worksheet version in force for this update (installed, else the bundled file)."""
    return context.lke if context.lke is not None else context.bot_data[LKE]


async def lke_for_unit(context: ZiContext, unit_id: int) -> Lke:
    """The worksheet the unit's evaluation is scored with (the one in force before the unit
    has an evaluation): what every screen about that evaluation shows and scores."""
    async with context.reading() as session:
        return await lke_versions.for_evaluation(session, unit_id, current_lke(context))


def question_named(lke: Lke, question_id: str) -> Question:
    """A question of `lke`; a button naming another is stale."""
    found = lke.question(question_id)
    if found is None:
        raise Stale(question_id)
    return found


async def help_command(update: Update, context: ZiContext) -> None:
    """`/bantuan`, for everyone (registered or not)."""
    assert update.effective_message is not None
    me = context.me
    ready = me is not None and me.active and me.onboarding_step is None
    keyboard = help_view.help_keyboard(buttons_for(context)) if ready else None
    await update.effective_message.reply_text(help_view.help_text(me), reply_markup=keyboard)


@action("help")
async def help_button(update: Update, context: ZiContext, _p: callback.Callback) -> None:
    """Help, from the main menu."""
    assert update.callback_query is not None
    await show(update.callback_query, help_view.help_text(context.me),
               help_view.help_keyboard(buttons_for(context)))


async def _show(update: Update, screen: tuple) -> None:
    assert update.callback_query is not None
    await show(update.callback_query, *screen)


@action("lke")
async def lke_areas(update: Update, context: ZiContext, _p: callback.Callback) -> None:
    """The areas of the worksheet."""
    await _show(update, lke_view.areas(current_lke(context), buttons_for(context)))


@action("lkea")
async def lke_area(update: Update, context: ZiContext, pressed: callback.Callback) -> None:
    """One area's indicators."""
    area = current_lke(context).area(pressed.arg(0))
    if area is None:
        raise Stale(pressed.arg(0))
    await _show(update, lke_view.area(area, pressed.int_arg(1), buttons_for(context)))


@action("lkei")
async def lke_indicator(update: Update, context: ZiContext, pressed: callback.Callback) -> None:
    """One indicator's questions."""
    lke = current_lke(context)
    indicator = lke.indicator(pressed.arg(0))
    area = lke.area(indicator.area_key) if indicator else None
    if indicator is None or area is None:
        raise Stale(pressed.arg(0))
    await _show(update, lke_view.indicator(area, indicator, buttons_for(context)))


@action("lkeq")
async def lke_question(update: Update, context: ZiContext, pressed: callback.Callback) -> None:
    """One question's explanation."""
    await _show(update, lke_view.question(question_named(current_lke(context), pressed.arg(0)),
                                          buttons_for(context)))
