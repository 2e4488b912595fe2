"""LKE answers: one current row per (unit, question, kind, evaluator), plus its history.

`upsert_answer` is a single INSERT ... ON CONFLICT DO UPDATE that only updates (and bumps the
version) when the answer, inputs or note differ, so a repeated click or a re-delivered update
changes nothing twice; every distinct value is appended to `assessment_history`.
"""

from __future__ import annotations

import json
from collections.abc import Mapping
from datetime import datetime
from functools import cache
from typing import Any

from sqlalchemy import and_, bindparam, insert, or_, select
from sqlalchemy.ext.asyncio import AsyncSession

from zi_core.db.canonical import canonical_json
from zi_core.db.models import Assessment, AssessmentHistory
from zi_core.db.repositories._upsert import dialect_of, insert_in
from zi_core.db.types import utcnow
from zi_core.domain.errors import StaleVersion
from zi_core.domain.penilaian import AssessmentChangeDTO, AssessmentDTO, UpsertResult
from zi_core.domain.statuses import AssessmentKind

NATURAL_KEY = ("unit_id", "question_id", "kind", "evaluator_user_id")
VALUES = (*NATURAL_KEY, "answer", "inputs", "note", "updated_at")
_HISTORY = insert(AssessmentHistory.__table__)


@cache
def _upsert(dialect: str, compare_version: bool) -> Any:
    """The upsert of one answer, built once per dialect (building it costs more than running
    it); values are bound at execution, `expected_version` too when `compare_version`."""
    statement = insert_in(dialect, Assessment.__table__).values(
        {**{name: bindparam(f"v_{name}") for name in VALUES}, "version": 1})
    new = statement.excluded
    differs = or_(
        Assessment.answer.is_distinct_from(new.answer),
        Assessment.inputs.is_distinct_from(new.inputs),
        Assessment.note.is_distinct_from(new.note),
    )
    if compare_version:
        differs = and_(differs, Assessment.version == bindparam("expected_version"))
    return statement.on_conflict_do_update(
        index_elements=[getattr(Assessment, column) for column in NATURAL_KEY],
        set_={
            "answer": new.answer,
            "inputs": new.inputs,
            "note": new.note,
            "version": Assessment.version + 1,
            "updated_at": new.updated_at,
        },
        where=differs,
    ).returning(*Assessment.__table__.c)


def to_dto(row: Any) -> AssessmentDTO:
    """Copy an assessment row (ORM object or result row) into its DTO."""
    return AssessmentDTO(
        id=row.id,
        unit_id=row.unit_id,
        question_id=row.question_id,
        kind=AssessmentKind(row.kind),
        evaluator_user_id=row.evaluator_user_id,
        answer=row.answer,
        inputs=json.loads(row.inputs) if row.inputs is not None else None,
        note=row.note,
        version=row.version,
        updated_at=row.updated_at,
    )


async def upsert_answer(
    session: AsyncSession,
    *,
    unit_id: int,
    question_id: str,
    kind: AssessmentKind,
    evaluator_user_id: int,
    answer: str,
    inputs: Mapping[str, Any] | None = None,
    note: str | None = None,
    changed_by_user_id: int | None = None,
    expected_version: int | None = None,
    now: datetime | None = None,
) -> UpsertResult:
    """Set the current answer; history is written only when something actually changed.

    `expected_version` (the version the evaluator saw) turns the update into a
    compare-and-set: if the row moved on meanwhile, StaleVersion is raised and nothing is
    written. Inputs (a percentage question's named numbers) are stored as canonical JSON.
    """
    now = now or utcnow()
    kind = AssessmentKind(kind)
    body = canonical_json(dict(inputs)) if inputs is not None else None
    values = {"v_unit_id": unit_id, "v_question_id": question_id, "v_kind": kind.value,
              "v_evaluator_user_id": evaluator_user_id, "v_answer": answer, "v_inputs": body,
              "v_note": note, "v_updated_at": now}
    if expected_version is not None:
        values["expected_version"] = expected_version
    statement = _upsert(dialect_of(session), expected_version is not None)
    written = (await session.execute(statement, values)).one_or_none()

    if written is None:
        current = await _current(session, unit_id, question_id, kind, evaluator_user_id)
        if (current.answer, current.inputs, current.note) != (answer, body, note):
            # Only a version mismatch leaves a differing row untouched.
            key = (unit_id, question_id, kind.value, evaluator_user_id)
            raise StaleVersion("assessment", key, expected_version or 0, current.version)
        return UpsertResult(to_dto(current), changed=False)

    await session.execute(_HISTORY, {
        "assessment_id": written.id, "answer": answer, "inputs": body, "note": note,
        "changed_by_user_id": changed_by_user_id or evaluator_user_id, "changed_at": now})
    return UpsertResult(to_dto(written), changed=True)


async def answers_for_unit(
    session: AsyncSession, unit_id: int, kind: AssessmentKind
) -> list[AssessmentDTO]:
    """Every current answer of one kind for a unit, by question then evaluator."""
    rows = await session.scalars(
        select(Assessment)
        .where(Assessment.unit_id == unit_id, Assessment.kind == AssessmentKind(kind).value)
        .order_by(Assessment.question_id, Assessment.evaluator_user_id)
        .execution_options(populate_existing=True)
    )
    return [to_dto(row) for row in rows]


async def history(session: AsyncSession, assessment_id: int) -> list[AssessmentChangeDTO]:
    """The distinct values an assessment has held, oldest first."""
    rows = await session.scalars(
        select(AssessmentHistory)
        .where(AssessmentHistory.assessment_id == assessment_id)
        .order_by(AssessmentHistory.id)
    )
    return [
        AssessmentChangeDTO(
            assessment_id=row.assessment_id,
            answer=row.answer,
            inputs=json.loads(row.inputs) if row.inputs is not None else None,
            note=row.note,
            changed_by_user_id=row.changed_by_user_id,
            changed_at=row.changed_at,
        )
        for row in rows
    ]


async def _current(
    session: AsyncSession,
    unit_id: int,
    question_id: str,
    kind: AssessmentKind,
    evaluator_user_id: int,
) -> Assessment:
    return await session.scalar(
        select(Assessment)
        .where(
            Assessment.unit_id == unit_id,
            Assessment.question_id == question_id,
            Assessment.kind == kind.value,
            Assessment.evaluator_user_id == evaluator_user_id,
        )
        .execution_options(populate_existing=True)
    )
