"""The chair's and secretary's part: evaluators per unit, disagreements and final answers,
finalising (a frozen snapshot) and reopening."""

from __future__ import annotations

from fractions import Fraction

from telegram import Update

from bot import callback
from bot.actions import Stale, action
from bot.context import ZiContext
from bot.i18n import _, number
from bot.keyboards import markup
from bot.messaging import answer, show
from bot.notify import notify_unit
from bot.screens.nilai import draw_question, evaluable_unit, read_question, unit_screen
from bot.views import nilai as view
from bot.views.common import crumbs, plain
from bot.views.html import html
from bot.views.question import answer_text
from bot.views.status import VERDICTS
from bot.worksheet import lke_for_unit, question_named
from zi_core import queries
from zi_core.domain.roles import Permission, Role
from zi_core.services import assignments, evaluasi, lke_versions


async def _disagreements_screen(context: ZiContext, unit_id: int) -> tuple:
    unit = await evaluable_unit(context, unit_id)
    async with context.reading() as session:
        lke = await lke_versions.for_evaluation(session, unit.id, context.lke)
        found = await evaluasi.disagreements(session, lke, unit.id)
    buttons = context.buttons
    lines = [crumbs(unit.name, _("Perbedaan jawaban"))]
    if not found:
        lines.append(_("Tidak ada perbedaan jawaban antarpenilai."))
    rows = []
    for item in found:
        mark = "✅" if item.final else "⚖️"
        answers = " / ".join(sorted(set(item.answers.values())))
        lines.append(html("{mark} <b>{id}</b>: {answers}", mark=mark, id=item.question_id,
                          answers=answers))
        rows.append([buttons.button(f"{mark} {item.question_id}", "ndq", unit.id,
                                    item.question_id)])
    rows.append([buttons.back("nu", unit.id)])
    return "\n".join(lines), markup(rows)


@action("nd", Permission.ASSIGN_EVALUATORS)
async def disagreements_button(update: Update, context: ZiContext,
                               pressed: callback.Callback) -> None:
    """Where the evaluators of a unit disagree."""
    assert update.callback_query is not None
    await show(update.callback_query, *await _disagreements_screen(context, pressed.int_arg(0)))


@action("ndq", Permission.ASSIGN_EVALUATORS)
async def disagreement_button(update: Update, context: ZiContext,
                              pressed: callback.Callback) -> None:
    """One disputed question: take one evaluator's answer as the final one."""
    me = context.me
    assert update.callback_query is not None and me is not None
    unit = await evaluable_unit(context, pressed.int_arg(0))
    async with context.reading() as session:
        read = await read_question(session, context, unit, pressed.arg(1))
    question = read.question
    # The screen already names the other evaluators; the caller is the one not among them.
    names = {row.evaluator_user_id: name for name, row in read.others} | {me.id: me.full_name}
    buttons = context.buttons
    text, _keyboard = draw_question(context, unit, read)
    rows = [[buttons.button(_("Pakai jawaban {name}: {answer}").format(
        name=(names.get(uid) or "—")[:20],
        answer=row.answer if question.answer_type.has_options
        else number(Fraction(row.answer) * 100) + "%")[:60],
        "ndx", unit.id, question.id, uid)] for uid, row in read.shown.answers.items()]
    rows.append([buttons.back("nd", unit.id)])
    await show(update.callback_query, text, markup(rows))


@action("ndx", Permission.ASSIGN_EVALUATORS)
async def final_answer_button(update: Update, context: ZiContext,
                              pressed: callback.Callback) -> None:
    """Set the final answer from the chosen evaluator's answer."""
    query = update.callback_query
    me = context.me
    assert query is not None and me is not None
    unit = await evaluable_unit(context, pressed.int_arg(0))
    lke = await lke_for_unit(context, unit.id)
    question = question_named(lke, pressed.arg(1))
    try:
        async with context.transaction() as session:
            chosen = await evaluasi.evaluator_answer(session, pressed.int_arg(2), unit.id,
                                                     question.id)
            if chosen is None:
                raise Stale(pressed.arg(2))  # nothing written: the transaction rolls back
            given = ({"option": chosen.answer} if question.answer_type.has_options
                     else {"inputs": chosen.inputs or {}})
            await evaluasi.set_final(session, me, lke, unit.id, question.id,
                                     **given)
    except evaluasi.EvaluationRefused as exc:
        await answer(query, view.refused(exc.reason), alert=True)
        return
    await show(query, *await _disagreements_screen(context, unit.id),
               _("Jawaban akhir {id}: {answer} ✅").format(
                   id=question.id, answer=plain(answer_text(question, chosen))))


@action("nfin", Permission.FINALISE)
async def finalise_button(update: Update, context: ZiContext, pressed: callback.Callback) -> None:
    """Ask before finalising."""
    assert update.callback_query is not None
    unit = await evaluable_unit(context, pressed.int_arg(0))
    buttons = context.buttons
    text = html(_("Finalkan evaluasi {unit}? Jawaban, nilai, versi LKE dan bukti dibekukan; "
                  "perubahan sesudahnya hanya setelah Ketua TPI membukanya kembali."),
                unit=unit.name)
    await show(update.callback_query, text, markup([
        [buttons.button(_("🔒 Ya, finalkan"), "nfinok", unit.id)],
        [buttons.back("nu", unit.id)]]))


def _finalised_notice(unit, snapshot, notes) -> str:
    """What the unit is told when its evaluation is finalised."""
    lines = [html(_("🔒 <b>Evaluasi TPI {unit} difinalkan</b>"), unit=unit.name),
             _("Nilai total: {total} · {verdict}").format(
                 total=snapshot.total, verdict=_(VERDICTS[snapshot.verdict]))]
    if notes:
        lines += ["", _("Rekomendasi TPI:")]
        lines += [html("• {id}: {text}", id=n.question_id, text=n.text) for n in notes]
    lines.append(_("Lihat rinciannya dengan /status."))
    return "\n".join(lines)


@action("nfinok", Permission.FINALISE)
async def finalise_confirmed(update: Update, context: ZiContext,
                             pressed: callback.Callback) -> None:
    """Finalise: snapshot, unit status by the verdict, the unit told with the recommendations."""
    query = update.callback_query
    me = context.me
    assert query is not None and me is not None
    unit = await evaluable_unit(context, pressed.int_arg(0))
    lke = await lke_for_unit(context, unit.id)
    if not context.already_applied:
        try:
            async with context.transaction() as session:
                snapshot = await evaluasi.finalise(session, me, lke, unit.id, context.today())
                notes = await evaluasi.recommendations(session, unit.id)
                await notify_unit(session, context, unit.id,
                                  lambda: _finalised_notice(unit, snapshot, notes), "final")
        except evaluasi.EvaluationRefused as exc:
            await answer(query, view.refused(exc.reason), alert=True)
            return
    await show(query, *await unit_screen(context, unit.id), _("Evaluasi difinalkan 🔒"))


@action("nreo", Permission.FINALISE)
async def reopen_button(update: Update, context: ZiContext, pressed: callback.Callback) -> None:
    """Reopen a finalised evaluation (audited)."""
    query = update.callback_query
    me = context.me
    assert query is not None and me is not None
    unit = await evaluable_unit(context, pressed.int_arg(0))
    if not context.already_applied:
        try:
            async with context.transaction() as session:
                await evaluasi.reopen(session, me, unit.id)
        except evaluasi.EvaluationRefused as exc:
            await answer(query, view.refused(exc.reason), alert=True)
            return
    await show(query, *await unit_screen(context, unit.id), _("Evaluasi dibuka kembali 🔓"))


async def _assign_screen(context: ZiContext, unit_id: int) -> tuple:
    unit = await evaluable_unit(context, unit_id)
    members = await queries.people.people(context, role=Role.TPI_MEMBER, registered=True)
    async with context.reading() as session:
        assigned = {u.id for u in await assignments.members_of(session, unit.id)}
    buttons = context.buttons
    # Each button names the state it sets (1 assign, 0 release), never "toggle": pressed
    # twice, or handled again after a failed edit, it sets the same state.
    rows = [[buttons.button(("✅ " if u.id in assigned else "⬜ ") + (u.full_name or "—"),
                            "nast", unit.id, u.id, 0 if u.id in assigned else 1)]
            for u in members]
    rows.append([buttons.back("nu", unit.id)])
    text = "\n".join([crumbs(unit.name, _("Penilai")),
                      _("Tekan nama anggota TPI untuk menugaskan (✅) atau melepasnya.")])
    return text, markup(rows)


@action("nas", Permission.ASSIGN_EVALUATORS)
async def assign_button(update: Update, context: ZiContext, pressed: callback.Callback) -> None:
    """The unit's evaluators."""
    assert update.callback_query is not None
    await show(update.callback_query, *await _assign_screen(context, pressed.int_arg(0)))


@action("nast", Permission.ASSIGN_EVALUATORS)
async def assign_set(update: Update, context: ZiContext, pressed: callback.Callback) -> None:
    """Assign a member to the unit (target 1) or release them (target 0)."""
    query = update.callback_query
    me = context.me
    assert query is not None and me is not None
    unit = await evaluable_unit(context, pressed.int_arg(0))
    member_id = pressed.int_arg(1)
    target = pressed.args[2] if len(pressed.args) > 2 else ""
    if target not in ("0", "1"):
        raise Stale(target)  # a toggle drawn by an older version: the menu must be reopened
    change = assignments.assign if target == "1" else assignments.unassign
    if not context.already_applied:
        try:
            async with context.transaction() as session:
                await change(session, me, unit.id, member_id)
        except assignments.AssignmentRefused as exc:
            await answer(query, view.refused(exc.reason), alert=True)
            return
    await show(query, *await _assign_screen(context, unit.id), _("Tersimpan ✅"))
