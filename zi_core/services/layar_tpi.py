"""What the TPI's question screen shows, read with a handful of narrow queries (the screen is
redrawn after every tap, so it must not grow with the size of the unit or the regency)."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from sqlalchemy import bindparam, func, select
from sqlalchemy.ext.asyncio import AsyncSession

from zi_core.db.models import Assessment, Evidence
from zi_core.db.models.evaluasi import Rekomendasi
from zi_core.db.repositories import assessments, evaluations, rekomendasi
from zi_core.db.repositories.evidence import is_current
from zi_core.domain.penilaian import AssessmentDTO
from zi_core.domain.statuses import AssessmentKind

# Read after every tap: built once, values bound. The answers are read fresh even when the
# session holds them already: the one just stored (by an upsert) must show as stored.
_ANSWERS = select(Assessment).where(
    Assessment.unit_id == bindparam("unit_id"),
    Assessment.question_id.in_(bindparam("question_ids", expanding=True)),
    Assessment.kind.in_((AssessmentKind.TPI.value, AssessmentKind.MANDIRI.value))
).execution_options(populate_existing=True)
_EVIDENCE_COUNT = select(func.count()).select_from(Evidence).where(
    Evidence.unit_id == bindparam("unit_id"), Evidence.question_id == bindparam("question_id"),
    is_current())
_NOTES = select(Rekomendasi.text).where(
    Rekomendasi.unit_id == bindparam("unit_id"),
    Rekomendasi.question_id == bindparam("question_id")).order_by(Rekomendasi.id)


@dataclass(frozen=True)
class QuestionView:
    """One question of one unit, as the evaluator's screen needs it."""

    answers: dict[int, AssessmentDTO]
    claim: AssessmentDTO | None
    evidence_count: int
    recheck: bool
    notes: list[str]
    final: bool


async def question_view(session: AsyncSession, unit_id: int, question_id: str, *,
                        final: bool | None = None) -> QuestionView:
    """Every evaluator's answer, the unit's claim, evidence count, recheck flag, notes
    (`final`: whether the evaluation is finalised, when the caller already knows)."""
    rows = await _answers(session, unit_id, [question_id])
    return await _view(session, unit_id, question_id, rows, final)


async def next_unanswered(session: AsyncSession, unit_id: int, evaluator_id: int,
                          question_ids: Sequence[str], *, final: bool | None = None,
                          ) -> tuple[str, QuestionView] | None:
    """The first of these questions the evaluator has not answered, with its view (None when
    every one is answered); the answers to all of them are read at once."""
    rows = await _answers(session, unit_id, question_ids)
    mine = {row.question_id for row in rows
            if row.kind is AssessmentKind.TPI and row.evaluator_user_id == evaluator_id}
    for question_id in question_ids:
        if question_id not in mine:
            own = [row for row in rows if row.question_id == question_id]
            return question_id, await _view(session, unit_id, question_id, own, final)
    return None


async def _answers(session: AsyncSession, unit_id: int,
                   question_ids: Sequence[str]) -> list[AssessmentDTO]:
    """The TPI's and the unit's own answers to these questions."""
    rows = await session.scalars(_ANSWERS, {"unit_id": unit_id,
                                            "question_ids": list(question_ids)})
    return [assessments.to_dto(row) for row in rows]


async def _view(session: AsyncSession, unit_id: int, question_id: str,
                rows: list[AssessmentDTO], final: bool | None) -> QuestionView:
    answers: dict[int, AssessmentDTO] = {}
    claim = None
    for dto in rows:
        if dto.kind is AssessmentKind.TPI:
            answers[dto.evaluator_user_id] = dto
        elif claim is None or dto.updated_at > claim.updated_at:
            claim = dto
    where = {"unit_id": unit_id, "question_id": question_id}
    count = await session.scalar(_EVIDENCE_COUNT, where)
    notes = list(await session.scalars(_NOTES, where))
    if final is None:
        evaluation = await evaluations.get(session, unit_id)
        final = evaluation is not None and evaluation.final
    return QuestionView(answers=answers, claim=claim, evidence_count=count or 0,
                        recheck=await rekomendasi.open_flag(session, unit_id, question_id)
                        is not None,
                        notes=notes, final=final)


async def answered_by(session: AsyncSession, unit_id: int, evaluator_id: int,
                      question_ids: Iterable[str] | None = None) -> dict[str, AssessmentDTO]:
    """One evaluator's current answers in a unit (optionally only these questions)."""
    query = select(Assessment).where(Assessment.unit_id == unit_id,
                                     Assessment.kind == AssessmentKind.TPI.value,
                                     Assessment.evaluator_user_id == evaluator_id)
    if question_ids is not None:
        query = query.where(Assessment.question_id.in_(list(question_ids)))
    return {row.question_id: assessments.to_dto(row) for row in await session.scalars(query)}
