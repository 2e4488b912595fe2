"""Answering on the `/nilai` question screen: one tap per option (the next unanswered question
of the indicator opens), percentages typed number by number, the unit's evidence sent on
request, and a recommendation per question (Perbup Pasal 7(2)b) told to the unit."""

from __future__ import annotations

from telegram import Update

from bot import callback, pending, percent_input
from bot.actions import Stale, action
from bot.context import ZiContext
from bot.evidence_files import send_evidence
from bot.i18n import _
from bot.messaging import answer, send_text, show
from bot.notify import notify_unit
from bot.screens.nilai import (
    QuestionRead,
    draw_question,
    evaluable_unit,
    indicator_screen,
    question_screen,
    read_question,
)
from bot.views import nilai as view
from bot.views.html import html
from bot.views.question import answer_text
from bot.worksheet import lke_for_unit, question_named
from zi_core.domain.errors import NotFound
from zi_core.domain.roles import Permission
from zi_core.domain.unit import UnitDTO
from zi_core.lke import Lke, Question
from zi_core.queries import bukti
from zi_core.services import evaluasi, layar_tpi, lke_versions
from zi_core.services.rencana_aksi import area_of


async def _next_question(session, context: ZiContext, unit: UnitDTO, lke: Lke,
                         question: Question, final: bool | None = None) -> QuestionRead | None:
    """The next question of the indicator this evaluator has not answered (None: all are)."""
    me = context.me
    assert me is not None
    indicator = lke.indicator(question.indicator_id)
    if indicator is None:
        raise Stale(question.indicator_id)
    found = await layar_tpi.next_unanswered(session, unit.id, me.id,
                                            [q.id for q in indicator.questions], final=final)
    if found is None:
        return None
    question_id, shown = found
    return await read_question(session, context, unit, question_id, shown)


async def _after_answer(context: ZiContext, unit: UnitDTO, lke: Lke, question: Question,
                        upcoming: QuestionRead | None = None) -> tuple:
    """The screen after an answer: the next unanswered question (`upcoming`, when it was read
    with the answer), else the indicator's list."""
    if upcoming is None:
        async with context.reading() as session:
            upcoming = await _next_question(session, context, unit, lke, question)
    if upcoming is None:
        return await indicator_screen(context, unit, question.indicator_id)
    return draw_question(context, unit, upcoming)


@action("nqa", Permission.SCORE)
async def option_button(update: Update, context: ZiContext, pressed: callback.Callback) -> None:
    """An answer by one tap; the next unanswered question opens."""
    query = update.callback_query
    me = context.me
    assert query is not None and me is not None
    upcoming = None
    if context.already_applied:
        unit = await evaluable_unit(context, pressed.int_arg(0))
        lke = await lke_for_unit(context, unit.id)
        question = question_named(lke, pressed.arg(1))
    else:
        # One transaction checks the caller, stores the answer with the worksheet of the
        # unit's evaluation and reads the next question (drawn after the commit): the hot
        # path of scoring reads nothing twice.
        try:
            async with context.transaction() as session:
                lke = await lke_versions.for_evaluation(session, pressed.int_arg(0),
                                                        context.lke)
                question = question_named(lke, pressed.arg(1))
                scored = await evaluasi.answer_tpi(session, me, lke, pressed.int_arg(0),
                                                   question.id, option=pressed.arg(2),
                                                   expected_version=pressed.int_arg(3))
                unit = scored.unit
                upcoming = await _next_question(session, context, unit, lke, question,
                                                final=False)
        except evaluasi.EvaluationRefused as exc:
            unit = await evaluable_unit(context, pressed.int_arg(0))  # NotFound when not allowed
            await show(query, *await question_screen(context, unit, pressed.arg(1)),
                       view.refused(exc.reason), alert=True)
            return
        except NotFound as exc:
            raise NotFound("unit", pressed.int_arg(0)) from exc
    await show(query, *await _after_answer(context, unit, lke, question, upcoming),
               _("Tersimpan ✅"))


@action("nqn", Permission.SCORE)
async def numbers_button(update: Update, context: ZiContext, pressed: callback.Callback) -> None:
    """Type the numbers of a percentage question, one at a time."""
    assert update.callback_query is not None
    unit = await evaluable_unit(context, pressed.int_arg(0))
    question = question_named(await lke_for_unit(context, unit.id), pressed.arg(1))
    await percent_input.ask_first(update.callback_query, context, question, "nqnum", unit.id,
                                  question.id, pressed.int_arg(2))


@pending.expects("nqnum", Permission.SCORE)
async def number_typed(update: Update, context: ZiContext, args: tuple[str, ...]) -> None:
    """One number; after the last the ratio is computed, saved and shown back."""
    message = update.effective_message
    me = context.me
    assert message is not None and me is not None
    unit = await evaluable_unit(context, int(args[0]))
    lke = await lke_for_unit(context, unit.id)
    question = question_named(lke, args[1])
    version = int(args[2])
    inputs = await percent_input.take_typed(message, context, question, "nqnum",
                                            (unit.id, question.id, version),
                                            [int(v) for v in args[3:]])
    if inputs is None:
        return
    try:
        async with context.transaction(answered=True) as session:
            scored = await evaluasi.answer_tpi(session, me, lke, unit.id, question.id,
                                               inputs=inputs, expected_version=version)
            upcoming = await _next_question(session, context, scored.unit, lke, question,
                                            final=False)
    except evaluasi.EvaluationRefused as exc:
        await pending.forget(context)
        text, keyboard = await question_screen(context, unit, question.id)
        await message.reply_text(view.refused(exc.reason) + "\n\n" + text,
                                 reply_markup=keyboard)
        return
    summary = _("Tersimpan ✅ {id}: {answer}").format(id=question.id,
                                                      answer=answer_text(question,
                                                                         scored.assessment))
    text, keyboard = await _after_answer(context, scored.unit, lke, question, upcoming)
    await message.reply_text(summary + "\n\n" + text, reply_markup=keyboard)


@action("nev", Permission.SCORE)
async def evidence_button(update: Update, context: ZiContext,
                          pressed: callback.Callback) -> None:
    """Send the evaluator the unit's files for this question."""
    query = update.callback_query
    me = context.me
    assert query is not None and me is not None
    unit = await evaluable_unit(context, pressed.int_arg(0))
    question = question_named(await lke_for_unit(context, unit.id), pressed.arg(1))
    rows = await bukti.of_question(context, unit.id, question.id)
    await answer(query, _("Mengirim {count} berkas…").format(count=len(rows)))
    for row in rows:
        caption = f"{question.id} · {row.file_name}" + (f"\n{row.caption}" if row.caption
                                                         else "")
        await send_evidence(context, me.telegram_id, row, caption,
                            photo=row.mime_type.startswith("image/"))


@action("nrec", Permission.RECOMMEND)
async def recommend_button(update: Update, context: ZiContext,
                           pressed: callback.Callback) -> None:
    """Ask for a recommendation on this question."""
    query = update.callback_query
    assert query is not None and context.me is not None
    unit = await evaluable_unit(context, pressed.int_arg(0))
    question = question_named(await lke_for_unit(context, unit.id), pressed.arg(1))
    await pending.ask(context, "nrect", unit.id, question.id)
    await answer(query)
    await send_text(context.bot, context.me.telegram_id,
                    html(_("Tulis rekomendasi untuk {unit} pada {id}, atau /batal."),
                         unit=unit.name, id=question.id))


@pending.expects("nrect", Permission.RECOMMEND)
async def recommendation_typed(update: Update, context: ZiContext,
                               args: tuple[str, ...]) -> None:
    """The recommendation: stored, and the unit's leader and area coordinator are told."""
    message = update.effective_message
    me = context.me
    assert message is not None and me is not None
    unit = await evaluable_unit(context, int(args[0]))
    lke = await lke_for_unit(context, unit.id)
    question = question_named(lke, args[1])
    try:
        async with context.transaction(answered=True) as session:
            await evaluasi.recommend(session, me, unit.id, question.id, message.text or "")
            await notify_unit(session, context, unit.id, lambda: html(_(
                "💬 <b>Rekomendasi TPI</b> untuk {id}:\n{text}\n\nJawab dengan mengunggah "
                "bukti baru lewat /rencana → 📝 Penilaian mandiri."),
                    id=question.id, text=message.text or ""),
                "nrect", area_of(question.indicator_id, lke))
    except evaluasi.EvaluationRefused as exc:
        await message.reply_text(view.refused(exc.reason) + "\n" + _("Coba lagi, atau /batal."))
        return
    screen, keyboard = await question_screen(context, unit, question.id)
    await message.reply_text(_("Rekomendasi tersimpan dan dikirim ke unit ✅") + "\n\n" + screen,
                             reply_markup=keyboard)
