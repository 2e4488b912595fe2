"""Answers to LKE questions: the unit's own claim (penilaian mandiri) and, later, the TPI's.

An answer is an option key (`Ya`, `A`…) or, for a percentage question, its named inputs,
from which the ratio is computed by the core; the answer row keeps both.
"""

from __future__ import annotations

from collections.abc import Mapping
from fractions import Fraction

from sqlalchemy.ext.asyncio import AsyncSession

from zi_core.answers import AnswerError, percent_ratio
from zi_core.db.repositories import assessments, audit
from zi_core.domain.penilaian import AssessmentDTO
from zi_core.domain.people import UserDTO
from zi_core.domain.statuses import AssessmentKind
from zi_core.lke import AnswerType, Question


class AnswerRefused(ValueError):
    """An answer the question cannot take; `reason` picks the message."""

    def __init__(self, reason: str, detail: str = "") -> None:
        super().__init__(f"{reason}: {detail}" if detail else reason)
        self.reason = reason
        self.detail = detail


def ratio_text(value: Fraction) -> str:
    """How a percentage answer is stored: the exact ratio ("5/6", "1", "0")."""
    return str(value)


async def answer_mandiri(session: AsyncSession, actor: UserDTO, question: Question, *,
                         option: str | None = None,
                         inputs: Mapping[str, int] | None = None) -> AssessmentDTO:
    """The unit's own answer to a question, given by one of its users."""
    if actor.unit_id is None or not actor.role.has_unit:
        raise AnswerRefused("not_member")
    if question.answer_type is AnswerType.PERSEN:
        if inputs is None:
            raise AnswerRefused("inputs")
        try:
            answer = ratio_text(percent_ratio(question, dict(inputs)))
        except AnswerError as exc:
            raise AnswerRefused("inputs", str(exc)) from exc
    else:
        if option is None or question.option(option) is None:
            raise AnswerRefused("option", str(option))
        answer, inputs = option, None
    result = await assessments.upsert_answer(
        session, unit_id=actor.unit_id, question_id=question.id, kind=AssessmentKind.MANDIRI,
        evaluator_user_id=actor.id, answer=answer, inputs=inputs)
    if result.changed:
        await audit.append(session, action="penilaian.mandiri", entity="assessment",
                           entity_id=result.assessment.id, actor=actor,
                           payload={"question_id": question.id, "answer": answer,
                                    "inputs": dict(inputs) if inputs else None})
    return result.assessment


async def unit_claims(session: AsyncSession, unit_id: int) -> dict[str, AssessmentDTO]:
    """The unit's own answer per question (the latest of its users)."""
    claims: dict[str, AssessmentDTO] = {}
    for row in await assessments.answers_for_unit(session, unit_id, AssessmentKind.MANDIRI):
        known = claims.get(row.question_id)
        if known is None or row.updated_at > known.updated_at:
            claims[row.question_id] = row
    return claims
