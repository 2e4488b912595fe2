"""Penilaian mandiri: the unit answers each LKE question itself, beside its evidence, so that
the TPI sees the unit's claim. One tap per question; the next unanswered one opens."""

from __future__ import annotations

from telegram import Update

from bot import callback, pending, percent_input
from bot.actions import Stale, action
from bot.context import ZiContext
from bot.handlers.help import current_lke, question_named
from bot.handlers.menu import buttons_for
from bot.handlers.unit_common import my_unit
from bot.i18n import _
from bot.keyboards import markup
from bot.messaging import show
from bot.views import question as view
from zi_core.db.repositories import evidence, users
from zi_core.domain.roles import Permission
from zi_core.lke import Question
from zi_core.services import penilaian


async def _claims(context: ZiContext, unit_id: int):
    async with context.reading() as session:
        claims = await penilaian.unit_claims(session, unit_id)
        counts = await evidence.count_by_question(session, unit_id)
    return claims, counts


async def _indicator_screen(context: ZiContext, indicator_id: str) -> tuple:
    lke = current_lke(context)
    if lke.indicator(indicator_id) is None:
        raise Stale(indicator_id)
    unit = await my_unit(context)
    claims, _counts = await _claims(context, unit.id)
    return view.indicator_questions(lke, unit.name, indicator_id, claims, buttons_for(context))


async def question_screen(context: ZiContext, question: Question) -> tuple:
    """A question as the unit answers it."""
    unit = await my_unit(context)
    claims, counts = await _claims(context, unit.id)
    buttons = buttons_for(context)
    count = counts.get(question.id, 0)
    rows = view.option_rows(question, buttons, "saa")
    files = [buttons.button(_("📎 Unggah bukti"), "evup", "q", question.id)]
    if count:
        files.append(buttons.button(_("📂 Lihat bukti ({count})").format(count=count), "evls",
                                    "q", question.id))
    rows += [files, [buttons.button(_("❓ Penjelasan"), "lkeq", question.id),
                     buttons.back("sa", question.indicator_id)]]
    text = view.body(current_lke(context), unit.name, question, claims.get(question.id), count)
    return text, markup(rows)


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
    question = question_named(current_lke(context), pressed.arg(0))
    await show(update.callback_query, *await question_screen(context, question))


async def _next_screen(context: ZiContext, question: Question) -> tuple:
    """The next unanswered question of the indicator, else the indicator's list."""
    unit = await my_unit(context)
    claims, _counts = await _claims(context, unit.id)
    indicator = current_lke(context).indicator(question.indicator_id)
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
    question = question_named(current_lke(context), pressed.arg(0))
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
    question = question_named(current_lke(context), pressed.arg(0))
    await percent_input.ask_first(update.callback_query, context, question, "sanum",
                                  question.id)


@pending.expects("sanum", Permission.SELF_ASSESS)
async def number_typed(update: Update, context: ZiContext, args: tuple[str, ...]) -> None:
    """One typed number; after the last, the ratio is computed and shown back."""
    message = update.effective_message
    me = context.me
    assert message is not None and me is not None
    question = question_named(current_lke(context), args[0])
    inputs = await percent_input.take_typed(message, context, question, "sanum", (question.id,),
                                            [int(v) for v in args[1:]])
    if inputs is None:
        return
    async with context.transaction() as session:
        saved = await penilaian.answer_mandiri(session, me, question, inputs=inputs)
        context.me = await users.set_pending_input(session, me.id, None)
    summary = _("Tersimpan ✅ {id}: {answer}").format(
        id=question.id, answer=view.answer_text(question, saved))
    text, keyboard = await _next_screen(context, question)
    await message.reply_text(summary + "\n\n" + text, reply_markup=keyboard)
