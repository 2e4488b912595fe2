"""Penilaian mandiri: the unit answers each LKE question itself, beside its evidence, so that
the TPI sees the unit's claim. One tap per question; the next unanswered one opens."""

from __future__ import annotations

from telegram import Update

from bot import callback, pending, percent_input
from bot.actions import Stale, action
from bot.context import ZiContext
from bot.i18n import _
from bot.messaging import show
from bot.screens.mandiri import _claims, question_screen
from bot.screens.unit import my_unit
from bot.views import question as view
from bot.worksheet import question_named
from zi_core.domain.roles import Permission
from zi_core.lke import Question
from zi_core.services import penilaian


async def _indicator_screen(context: ZiContext, indicator_id: str) -> tuple:
    lke = context.lke
    if lke.indicator(indicator_id) is None:
        raise Stale(indicator_id)
    unit = await my_unit(context)
    claims, _counts = await _claims(context, unit.id)
    return view.indicator_questions(lke, unit.name, indicator_id, claims, context.buttons)


@action("sa", Permission.SELF_ASSESS)
async def indicator_button(update: Update, context: ZiContext,
                           pressed: callback.Callback) -> None:
    """An indicator's questions with the unit's answers."""
    assert update.callback_query is not None
    await show(update.callback_query, *await _indicator_screen(context, pressed.arg(0)))


@action("saq", Permission.SELF_ASSESS)
async def question_button(update: Update, context: ZiContext,
                          pressed: callback.Callback) -> None:
    """One question."""
    assert update.callback_query is not None
    question = question_named(context.lke, pressed.arg(0))
    await show(update.callback_query, *await question_screen(context, question))


async def _next_screen(context: ZiContext, question: Question) -> tuple:
    """The next unanswered question of the indicator, else the indicator's list."""
    unit = await my_unit(context)
    claims, _counts = await _claims(context, unit.id)
    indicator = context.lke.indicator(question.indicator_id)
    assert indicator is not None
    for candidate in indicator.questions:
        if candidate.id not in claims:
            return await question_screen(context, candidate)
    return await _indicator_screen(context, question.indicator_id)


@action("saa", Permission.SELF_ASSESS)
async def option_button(update: Update, context: ZiContext, pressed: callback.Callback) -> None:
    """Answer with an option; the next unanswered question opens."""
    query = update.callback_query
    me = context.me
    assert query is not None and me is not None
    question = question_named(context.lke, pressed.arg(0))
    if not context.already_applied:
        try:
            async with context.transaction() as session:
                await penilaian.answer_mandiri(session, me, question, option=pressed.arg(1))
        except penilaian.AnswerRefused:
            raise Stale(pressed.arg(1)) from None
    await show(query, *await _next_screen(context, question), _("Tersimpan ✅"))


@action("saan", Permission.SELF_ASSESS)
async def numbers_button(update: Update, context: ZiContext,
                         pressed: callback.Callback) -> None:
    """Start typing the numbers of a percentage question, one at a time."""
    assert update.callback_query is not None
    question = question_named(context.lke, pressed.arg(0))
    await percent_input.ask_first(update.callback_query, context, question, "sanum",
                                  question.id)


@pending.expects("sanum", Permission.SELF_ASSESS)
async def number_typed(update: Update, context: ZiContext, args: tuple[str, ...]) -> None:
    """One typed number; after the last, the ratio is computed and shown back."""
    message = update.effective_message
    me = context.me
    assert message is not None and me is not None
    question = question_named(context.lke, args[0])
    inputs = await percent_input.take_typed(message, context, question, "sanum", (question.id,),
                                            [int(v) for v in args[1:]])
    if inputs is None:
        return
    async with context.transaction(answered=True) as session:
        saved = await penilaian.answer_mandiri(session, me, question, inputs=inputs)
    summary = _("Tersimpan ✅ {id}: {answer}").format(
        id=question.id, answer=view.answer_text(question, saved))
    text, keyboard = await _next_screen(context, question)
    await message.reply_text(summary + "\n\n" + text, reply_markup=keyboard)
