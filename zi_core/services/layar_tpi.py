"""What the TPI's question screen shows, read with a handful of narrow queries (the screen is
redrawn after every tap, so it must not grow with the size of the unit or the regency)."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from sqlalchemy import func, select
from sqlalchemy.ext.asyncio import AsyncSession

from zi_core.db.dto import AssessmentDTO
from zi_core.db.enums import AssessmentKind
from zi_core.db.models import Assessment, Evidence
from zi_core.db.models.evaluasi import Rekomendasi
from zi_core.db.repositories import assessments, evaluations, rekomendasi
from zi_core.db.repositories.evidence import is_current


@dataclass(frozen=True)
class QuestionView:
    """One question of one unit, as the evaluator's screen needs it."""

    answers: dict[int, AssessmentDTO]
    claim: AssessmentDTO | None
    evidence_count: int
    recheck: bool
    notes: list[str]
    final: bool


async def question_view(session: AsyncSession, unit_id: int, question_id: str) -> QuestionView:
    """Every evaluator's answer, the unit's claim, evidence count, recheck flag, notes."""
    rows = await session.execute(
        select(Assessment).where(Assessment.unit_id == unit_id,
                                 Assessment.question_id == question_id,
                                 Assessment.kind.in_((AssessmentKind.TPI.value,
                                                      AssessmentKind.MANDIRI.value))))
    answers: dict[int, AssessmentDTO] = {}
    claim = None
    for (row,) in rows:
        dto = assessments.to_dto(row)
        if dto.kind is AssessmentKind.TPI:
            answers[dto.evaluator_user_id] = dto
        elif claim is None or dto.updated_at > claim.updated_at:
            claim = dto
    count = await session.scalar(
        select(func.count()).select_from(Evidence).where(
            Evidence.unit_id == unit_id, Evidence.question_id == question_id, is_current()))
    notes = list(await session.scalars(
        select(Rekomendasi.text).where(Rekomendasi.unit_id == unit_id,
                                       Rekomendasi.question_id == question_id)
        .order_by(Rekomendasi.id)))
    evaluation = await evaluations.get(session, unit_id)
    return QuestionView(answers=answers, claim=claim, evidence_count=count or 0,
                        recheck=await rekomendasi.open_flag(session, unit_id, question_id)
                        is not None,
                        notes=notes, final=evaluation is not None and evaluation.final)


async def answered_by(session: AsyncSession, unit_id: int, evaluator_id: int,
                      question_ids: Iterable[str] | None = None) -> dict[str, AssessmentDTO]:
    """One evaluator's current answers in a unit (optionally only these questions)."""
    query = select(Assessment).where(Assessment.unit_id == unit_id,
                                     Assessment.kind == AssessmentKind.TPI.value,
                                     Assessment.evaluator_user_id == evaluator_id)
    if question_ids is not None:
        query = query.where(Assessment.question_id.in_(list(question_ids)))
    return {row.question_id: assessments.to_dto(row) for row in await session.scalars(query)}
