"""The TPI's scoring screens that several handlers show: the units to evaluate, a unit, an
indicator's questions, a question."""

from __future__ import annotations

from dataclasses import dataclass

from bot.actions import Stale
from bot.context import ZiContext
from bot.keyboards import markup
from bot.views import nilai as view
from bot.views.common import crumbs
from bot.views.question import answer_text
from bot.worksheet import lke_for_unit, question_named
from zi_core.db.repositories import users
from zi_core.domain.errors import NotFound
from zi_core.domain.penilaian import AssessmentDTO
from zi_core.domain.roles import Permission, may
from zi_core.domain.unit import UnitDTO
from zi_core.lke import Lke, Question
from zi_core.services import assignments, evaluasi, layar_tpi, lke_versions


async def evaluable_unit(context: ZiContext, unit_id: int) -> UnitDTO:
    """A unit the caller may evaluate (NotFound otherwise, so nothing leaks)."""
    me = context.me
    assert me is not None
    async with context.reading() as session:
        unit = await assignments.unit_to_evaluate(session, me, unit_id)
    if unit is None:
        raise NotFound("unit", unit_id)
    return unit


async def units_screen(context: ZiContext) -> tuple:
    me = context.me
    assert me is not None
    async with context.reading() as session:
        found = []
        for unit in await assignments.evaluable_units(session, me):
            lke = await lke_versions.for_evaluation(session, unit.id, context.lke)
            found.append((unit, *await evaluasi.progress(session, lke, unit.id, me.id)))
    return view.units(found, context.buttons)


async def unit_screen(context: ZiContext, unit_id: int) -> tuple:
    """The unit's scoring home."""
    me = context.me
    assert me is not None
    unit = await evaluable_unit(context, unit_id)
    async with context.reading() as session:
        lke = await lke_versions.for_evaluation(session, unit.id, context.lke)
        done, total = await evaluasi.progress(session, lke, unit.id, me.id)
        final = await evaluasi.is_final(session, unit.id)
        chair = may(me.role, Permission.ASSIGN_EVALUATORS)
        split = len(await evaluasi.disagreements(session, lke, unit.id)) if chair else 0
    return view.unit(unit, done, total, final, split, may(me.role, Permission.FINALISE),
                     chair, context.buttons)


async def indicator_screen(context: ZiContext, unit: UnitDTO, indicator_id: str) -> tuple:
    """An indicator's questions, each with this evaluator's answer."""
    lke = await lke_for_unit(context, unit.id)
    indicator = lke.indicator(indicator_id)
    if indicator is None:
        raise Stale(indicator_id)
    mine = await _mine(context, unit.id)
    buttons = context.buttons
    rows = [[buttons.button(f"{'✅' if q.id in mine else '⬜'} {q.id}", "nq", unit.id, q.id)]
            for q in indicator.questions]
    half_id = next(h.id for h in lke.halves() if indicator in h.indicators)
    rows.append([buttons.back("na", unit.id, half_id)])
    lines = [crumbs(unit.name, indicator.name)]
    lines += [f"{'✅' if q.id in mine else '⬜'} <b>{q.id}</b> "
              f"{answer_text(q, mine.get(q.id))}" for q in indicator.questions]
    return "\n".join(lines), markup(rows)


@dataclass(frozen=True)
class QuestionRead:
    """What a question screen shows, as read from the database (drawn after the reading),
    with the worksheet of the unit's evaluation."""

    lke: Lke
    question: Question
    shown: layar_tpi.QuestionView
    others: list[tuple[str, AssessmentDTO]]


async def question_screen(context: ZiContext, unit: UnitDTO, question_id: str) -> tuple:
    """One question as the evaluator sees it."""
    async with context.reading() as session:
        read = await read_question(session, context, unit, question_id)
    return draw_question(context, unit, read)


async def read_question(session, context: ZiContext, unit: UnitDTO, question_id: str,
                        shown: layar_tpi.QuestionView | None = None) -> QuestionRead:
    """A question screen's data, in the caller's transaction (`shown`, when already read);
    the chair and the secretary also see the other evaluators' answers by name. A question
    the unit's worksheet does not have is stale."""
    me = context.me
    assert me is not None
    lke = await lke_versions.for_evaluation(session, unit.id, context.lke)
    question = question_named(lke, question_id)
    if shown is None:
        shown = await layar_tpi.question_view(session, unit.id, question.id)
    others = []
    if may(me.role, Permission.ASSIGN_EVALUATORS):
        for user_id, row in shown.answers.items():
            if user_id != me.id:
                person = await users.get(session, user_id)
                others.append((person.full_name if person else "—", row))
    return QuestionRead(lke, question, shown, others)


def draw_question(context: ZiContext, unit: UnitDTO, read: QuestionRead) -> tuple:
    """The question screen's text and buttons."""
    me, shown = context.me, read.shown
    assert me is not None
    return view.question(unit, read.lke, read.question, shown.claim,
                         shown.answers.get(me.id), read.others, shown.evidence_count,
                         shown.recheck, shown.notes, shown.final, context.buttons)


async def _mine(context: ZiContext, unit_id: int) -> dict:
    me = context.me
    assert me is not None
    async with context.reading() as session:
        return await layar_tpi.answered_by(session, unit_id, me.id)
