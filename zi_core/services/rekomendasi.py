"""Recommendations of the TPI to a unit, and recheck flags: when a unit adds evidence to a
question the TPI already scored or commented on, the question is flagged until an evaluator
answers it again (re-scoring after a recommendation, DESIGN.md section 4).

At most one flag per question is open; flagging is serialised per unit.
"""

from __future__ import annotations

from sqlalchemy.ext.asyncio import AsyncSession

from zi_core.db.models.rencana_aksi import LKE_ID_LENGTH
from zi_core.db.repositories import audit, evidence, rekomendasi, tpi_answers
from zi_core.domain.penilaian import RekomendasiDTO
from zi_core.domain.people import UserDTO
from zi_core.services.assignments import may_evaluate
from zi_core.services.evaluasi_errors import EvaluationRefused, Reason

__all__ = ["MAX_TEXT", "EvaluationRefused", "Reason", "RekomendasiDTO", "clear_recheck",
           "flag_recheck", "open_rechecks", "recommend", "recommendations"]

MAX_TEXT = 2000


async def recommend(session: AsyncSession, evaluator: UserDTO, unit_id: int, question_id: str,
                    text: str) -> RekomendasiDTO:
    """Add an evaluator's recommendation about a question (1-2000 characters, trimmed)."""
    if not 0 < len(question_id) <= LKE_ID_LENGTH:
        raise ValueError(f"question id must be 1-{LKE_ID_LENGTH} characters")
    if not await may_evaluate(session, evaluator, unit_id):
        raise EvaluationRefused("not_evaluator")
    body = text.strip()
    if not body:
        raise EvaluationRefused("empty")
    if len(body) > MAX_TEXT:
        raise EvaluationRefused("too_long")
    added = await rekomendasi.add(session, unit_id=unit_id, question_id=question_id,
                                  author_user_id=evaluator.id, body=body)
    await audit.append(session, action="rekomendasi.added", entity="rekomendasi",
                       entity_id=added.id, actor=evaluator,
                       payload={"unit_id": unit_id, "question_id": question_id, "text": body})
    return added


async def recommendations(session: AsyncSession, unit_id: int) -> list[RekomendasiDTO]:
    """Every recommendation to a unit, oldest first."""
    return await rekomendasi.for_unit(session, unit_id)


async def flag_recheck(session: AsyncSession, unit_id: int, question_id: str,
                       evidence_id: int | None) -> bool:
    """Flag a question for a second look after new evidence; True if a new flag was opened.

    Only a question the TPI already answered or commented on is flagged; one already
    flagged stays as it is.
    """
    if evidence_id is not None:
        found = await evidence.get(session, evidence_id)
        if found is None or found.unit_id != unit_id:
            raise ValueError(f"evidence {evidence_id} is not evidence of unit {unit_id}")
    await rekomendasi.lock_rechecks(session, unit_id)
    if not (await tpi_answers.answered(session, unit_id, question_id)
            or await rekomendasi.exists_for(session, unit_id, question_id)):
        return False
    if await rekomendasi.open_flag(session, unit_id, question_id) is not None:
        return False
    flag_id = await rekomendasi.flag(session, unit_id, question_id, evidence_id)
    await audit.append(session, action="recheck.flagged", entity="recheck", entity_id=flag_id,
                       payload={"unit_id": unit_id, "question_id": question_id,
                                "evidence_id": evidence_id})
    return True


async def open_rechecks(session: AsyncSession, unit_id: int) -> set[str]:
    """The unit's questions flagged for a second look."""
    return await rekomendasi.open_questions(session, unit_id)


async def clear_recheck(session: AsyncSession, evaluator: UserDTO, unit_id: int,
                        question_id: str) -> bool:
    """Clear the question's open flag (an evaluator answered it again); True if one was open."""
    await rekomendasi.lock_rechecks(session, unit_id)
    if not await rekomendasi.clear(session, unit_id, question_id, evaluator.id):
        return False
    await audit.append(session, action="recheck.cleared", entity="unit", entity_id=unit_id,
                       actor=evaluator,
                       payload={"question_id": question_id})
    return True
