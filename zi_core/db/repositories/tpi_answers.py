"""The TPI's rows of the assessment table: one evaluator's current answer, and the single
FINAL answer per unit and question that the secretary or chair sets on a disagreement."""

from __future__ import annotations

from collections.abc import Mapping
from datetime import datetime
from typing import Any

from sqlalchemy import bindparam, select
from sqlalchemy.ext.asyncio import AsyncSession

from zi_core.db.canonical import canonical_json
from zi_core.db.models import Assessment, AssessmentHistory
from zi_core.db.repositories import assessments
from zi_core.db.types import utcnow
from zi_core.domain.penilaian import AssessmentDTO, UpsertResult
from zi_core.domain.statuses import AssessmentKind

_CURRENT = (select(Assessment).where(
    Assessment.unit_id == bindparam("unit_id"), Assessment.question_id == bindparam("question_id"),
    Assessment.kind == bindparam("kind"), Assessment.evaluator_user_id == bindparam("evaluator"))
    .execution_options(populate_existing=True))


async def current(session: AsyncSession, unit_id: int, question_id: str, kind: AssessmentKind,
                  evaluator_user_id: int) -> AssessmentDTO | None:
    """One evaluator's current answer of this kind, or None."""
    row = await session.scalar(_CURRENT, {"unit_id": unit_id, "question_id": question_id,
                                          "kind": AssessmentKind(kind).value,
                                          "evaluator": evaluator_user_id})
    return assessments.to_dto(row) if row else None


async def answered(session: AsyncSession, unit_id: int, question_id: str) -> bool:
    """Whether the TPI answered the question (any evaluator, or a FINAL answer)."""
    found = await session.scalar(select(Assessment.id).where(
        Assessment.unit_id == unit_id, Assessment.question_id == question_id,
        Assessment.kind.in_((AssessmentKind.TPI.value, AssessmentKind.FINAL.value))).limit(1))
    return found is not None


async def set_final(session: AsyncSession, *, unit_id: int, question_id: str, actor_id: int,
                    answer: str, inputs: Mapping[str, Any] | None = None,
                    now: datetime | None = None) -> tuple[UpsertResult, AssessmentDTO | None]:
    """Set the one FINAL answer of a question, taking over another actor's row if there is
    one (so its history stays with it); the result and the row as it was before.

    The caller holds the unit's evaluation lock exclusively, so two FINAL rows never race.
    """
    now = now or utcnow()
    body = canonical_json(dict(inputs)) if inputs is not None else None
    row = await session.scalar(
        select(Assessment).where(
            Assessment.unit_id == unit_id, Assessment.question_id == question_id,
            Assessment.kind == AssessmentKind.FINAL.value)
        .order_by(Assessment.id).limit(1).execution_options(populate_existing=True))
    if row is None:
        result = await assessments.upsert_answer(
            session, unit_id=unit_id, question_id=question_id, kind=AssessmentKind.FINAL,
            evaluator_user_id=actor_id, answer=answer, inputs=inputs, now=now)
        return result, None
    before = assessments.to_dto(row)
    if (row.answer, row.inputs, row.evaluator_user_id) == (answer, body, actor_id):
        return UpsertResult(before, changed=False), before
    row.evaluator_user_id, row.answer, row.inputs, row.updated_at = actor_id, answer, body, now
    session.add(AssessmentHistory(assessment_id=row.id, answer=answer, inputs=body,
                                  note=row.note, changed_by_user_id=actor_id, changed_at=now))
    await session.flush()  # the mapper's version counter bumps `version`
    return UpsertResult(assessments.to_dto(row), changed=True), before
