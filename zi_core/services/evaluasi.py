"""The TPI's evaluation of a unit: every evaluator's answers, the decisions on disagreements,
the effective answers, the figures, and finalising (a frozen, hashed snapshot) or reopening.

Each evaluator keeps an own answer row per question (kind `tpi`); where they differ, the
secretary or the chair sets the one `final` answer. Which answer counts is decided by
`zi_core.domain.konsensus` (final → agreed → the lowest-valued while undecided). A refusal is
`EvaluationRefused` with `reason`:

- "not_evaluator": the user may not evaluate this unit (not assigned, inactive, not TPI);
- "not_allowed": the step needs the secretary (final answers) or the chair (finalise, reopen);
- "final": the evaluation is finalised; reopen it first;
- "stale": the answer changed since the screen showed it (reload);
- "option" / "inputs": no such option, or the percentage inputs do not fit;
- "disagreements": evaluators disagree on a question nobody decided;
- "not_final": reopening an evaluation that is open;
- "not_designated": finalising a unit that was never designated (no penetapan yet);
- "empty" / "too_long": a recommendation's text.
"""

from __future__ import annotations

import hashlib
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date
from fractions import Fraction
from typing import Any

from sqlalchemy.ext.asyncio import AsyncSession

from zi_core import scorecard
from zi_core.answers import AnswerError, AnswerSet, percent_ratio, to_fraction
from zi_core.db.canonical import canonical_json
from zi_core.db.repositories import assessments, audit, evaluations, tpi_answers, units
from zi_core.domain import konsensus
from zi_core.domain.errors import NotFound, StaleVersion
from zi_core.domain.penilaian import AssessmentDTO, EvaluationDTO
from zi_core.domain.people import UserDTO
from zi_core.domain.roles import Permission, may
from zi_core.domain.statuses import AssessmentKind, EvaluationStatus
from zi_core.domain.unit import SnapshotDTO, UnitDTO
from zi_core.domain.unit_life import FINALISABLE, Event, after
from zi_core.lke.model import AnswerType, Lke, Question
from zi_core.services import prasyarat, snapshot
from zi_core.services.assignments import current, unit_to_evaluate
from zi_core.services.evaluasi_errors import EvaluationRefused, Reason
from zi_core.services.rekomendasi import (
    RekomendasiDTO,
    flag_recheck,
    open_rechecks,
    recommend,
    recommendations,
)
from zi_core.services.rekomendasi import clear_recheck as _clear_recheck
from zi_core.thresholds import UnitFacts

__all__ = ["Disagreement", "EvaluationRefused", "Reason", "RekomendasiDTO", "Scored",
           "SnapshotDTO", "answer_tpi", "answer_version", "disagreements", "effective_answers",
           "evaluation_of", "evaluator_answer", "finalise", "flag_recheck", "is_final",
           "latest_snapshot", "open_rechecks", "progress", "recommend", "recommendations",
           "reopen", "set_final", "unit_answers", "unit_assessment"]

Answer = str | Fraction


@dataclass(frozen=True)
class Disagreement:
    """A question the evaluators answered differently (user id → answer), and any decision."""

    question_id: str
    answers: dict[int, str]
    final: str | None


@dataclass(frozen=True)
class Scored:
    """An evaluator's stored answer, and the unit as it is after it."""

    assessment: AssessmentDTO
    unit: UnitDTO


async def answer_tpi(session: AsyncSession, evaluator: UserDTO, lke: Lke, unit_id: int,
                     question_id: str, *, option: str | None = None,
                     inputs: Mapping[str, int] | None = None,
                     expected_version: int | None = None) -> Scored:
    """Store the evaluator's own answer; `expected_version` is the version of this
    evaluator's row that the screen showed (0: it showed no answer yet)."""
    unit = await unit_to_evaluate(session, evaluator, unit_id)
    if unit is None:
        raise EvaluationRefused("not_evaluator")
    question = _question(lke, question_id)
    await _lock_open(session, lke, unit_id, exclusive=False)
    answer, clean = _answer(question, option, inputs)
    before = await tpi_answers.current(session, unit_id, question.id, AssessmentKind.TPI,
                                       evaluator.id)
    try:
        result = await assessments.upsert_answer(
            session, unit_id=unit_id, question_id=question.id, kind=AssessmentKind.TPI,
            evaluator_user_id=evaluator.id, answer=answer, inputs=clean,
            expected_version=expected_version)
    except StaleVersion as exc:
        raise EvaluationRefused("stale") from exc
    if result.changed:
        await _audit_answer(session, "penilaian.tpi", evaluator, result.assessment, before)
    await _clear_recheck(session, evaluator, unit_id, question.id)
    return Scored(result.assessment, await _start_evaluasi(session, unit))


async def evaluator_answer(session: AsyncSession, evaluator_id: int, unit_id: int,
                           question_id: str) -> AssessmentDTO | None:
    """One evaluator's current answer to a question of the unit, or None."""
    return await tpi_answers.current(session, unit_id, question_id, AssessmentKind.TPI,
                                     evaluator_id)


async def answer_version(session: AsyncSession, evaluator_id: int, unit_id: int,
                         question_id: str) -> int:
    """The version of the evaluator's answer row (0 when there is no answer yet)."""
    found = await evaluator_answer(session, evaluator_id, unit_id, question_id)
    return found.version if found else 0


async def set_final(session: AsyncSession, actor: UserDTO, lke: Lke, unit_id: int,
                    question_id: str, *, option: str | None = None,
                    inputs: Mapping[str, int] | None = None) -> AssessmentDTO:
    """Decide the answer of a question (secretary or chair); replaces any earlier decision."""
    boss = await _holder(session, actor, Permission.ASSIGN_EVALUATORS)
    question = _question(lke, question_id)
    unit = await _unit(session, unit_id)
    await _lock_open(session, lke, unit_id, exclusive=True)
    answer, clean = _answer(question, option, inputs)
    result, before = await tpi_answers.set_final(session, unit_id=unit_id,
                                                 question_id=question.id, actor_id=boss.id,
                                                 answer=answer, inputs=clean)
    if result.changed:
        await _audit_answer(session, "penilaian.final", boss, result.assessment, before)
    await _clear_recheck(session, boss, unit_id, question.id)
    await _start_evaluasi(session, unit)
    return result.assessment


async def unit_answers(session: AsyncSession, lke: Lke,
                       unit_id: int) -> dict[str, dict[int, AssessmentDTO]]:
    """Per question of the LKE, the TPI answers by evaluator id (questions without any absent)."""
    tpi, _ = await _rows(session, unit_id)
    return {q.id: tpi[q.id] for q in lke.questions() if q.id in tpi}


async def disagreements(session: AsyncSession, lke: Lke, unit_id: int) -> list[Disagreement]:
    """The questions the evaluators answered differently, in worksheet order."""
    tpi, finals = await _rows(session, unit_id)
    found = []
    for question in lke.questions():
        given = {uid: row.answer for uid, row in tpi.get(question.id, {}).items()}
        if konsensus.disagree(question, given.values()):
            final = finals.get(question.id)
            found.append(Disagreement(question.id, given, final.answer if final else None))
    return found


async def effective_answers(session: AsyncSession, lke: Lke, unit_id: int) -> dict[str, Answer]:
    """The answer that counts per question: the final one, else the agreed TPI answer, else
    (evaluators disagree, nobody decided) the lowest-valued one — conservative.

    Option answers are option keys, percentage answers `Fraction`s; unanswered questions
    are absent.
    """
    tpi, finals = await _rows(session, unit_id)
    found: dict[str, Answer] = {}
    for question in lke.questions():
        given = [row.answer for row in tpi.get(question.id, {}).values()]
        final = finals.get(question.id)
        value = konsensus.effective(question, given, final.answer if final else None)
        if value is not None:
            found[question.id] = value
    return found


async def unit_assessment(session: AsyncSession, lke: Lke, unit_id: int,
                          today: date) -> scorecard.Assessment:
    """The unit's figures, checks and verdict from its effective answers, the Hasil inputs and
    the prerequisites of `today`'s year."""
    unit = await _unit(session, unit_id)
    return (await _assess(session, lke, unit, today))[0]


async def progress(session: AsyncSession, lke: Lke, unit_id: int,
                   evaluator_id: int | None = None) -> tuple[int, int]:
    """Questions answered (by the evaluator, or effectively) out of all pengungkit questions."""
    total = len(lke.questions())
    if evaluator_id is None:
        return len(await effective_answers(session, lke, unit_id)), total
    tpi, _ = await _rows(session, unit_id)
    return sum(evaluator_id in tpi.get(q.id, {}) for q in lke.questions()), total


async def is_final(session: AsyncSession, unit_id: int) -> bool:
    """Whether the unit's evaluation is finalised."""
    found = await evaluations.get(session, unit_id)
    return found is not None and found.final


async def evaluation_of(session: AsyncSession, unit_id: int) -> EvaluationDTO | None:
    """The unit's evaluation row (status, version, who finalised or reopened), or None."""
    return await evaluations.get(session, unit_id)


async def latest_snapshot(session: AsyncSession, unit_id: int) -> SnapshotDTO | None:
    """The newest snapshot of the unit's evaluation, or None."""
    return await evaluations.latest_snapshot(session, unit_id)


async def finalise(session: AsyncSession, chair: UserDTO, lke: Lke, unit_id: int,
                   today: date) -> SnapshotDTO:
    """Freeze the evaluation: a hashed snapshot of everything it rests on, the evaluation
    final, and the unit's status set by the verdict."""
    boss = await _holder(session, chair, Permission.FINALISE)
    unit = await _unit(session, unit_id)
    await _lock_open(session, lke, unit_id, exclusive=True)
    if unit.status not in FINALISABLE:
        raise EvaluationRefused("not_designated")
    if any(d.final is None for d in await disagreements(session, lke, unit_id)):
        raise EvaluationRefused("disagreements")
    assessment, facts = await _assess(session, lke, unit, today)
    card = scorecard.as_json(assessment)
    status = after(Event.FINALISE, unit.status, card["verdict"])
    evaluation = await evaluations.set_status(session, unit_id, EvaluationStatus.FINAL, boss.id)
    tpi, finals = await _rows(session, unit_id)
    payload = await snapshot.payload(
        session, lke=lke, unit=unit, status_after=status, assessment=assessment, card=card,
        facts=facts, today=today, finalised_by=boss.id, evaluation_version=evaluation.version,
        tpi=tpi, finals=finals)
    body = canonical_json(payload)
    digest = hashlib.sha256(body.encode("utf-8")).hexdigest()
    frozen = await evaluations.add_snapshot(session, unit_id=unit_id, created_by=boss.id,
                                            lke_version=lke.version, payload=body,
                                            sha256=digest)
    if status is not unit.status:
        await units.set_status(session, unit_id, status)
    await audit.append(session, action="evaluation.finalised", entity="evaluation",
                       entity_id=unit_id, actor=boss,
                       payload={"snapshot_id": frozen.id, "sha256": digest,
                                "verdict": frozen.verdict, "total": frozen.total,
                                "version": evaluation.version,
                                "status": {"before": unit.status.value, "after": status.value}})
    return frozen


async def reopen(session: AsyncSession, chair: UserDTO, unit_id: int) -> None:
    """Open a finalised evaluation again; the unit goes back to evaluasi (a TPN predicate it
    held before the evaluation stays). Snapshots stay, for the record."""
    boss = await _holder(session, chair, Permission.FINALISE)
    unit = await _unit(session, unit_id)
    if not (await evaluations.lock(session, unit_id, exclusive=True)).final:
        raise EvaluationRefused("not_final")
    latest = await evaluations.latest_snapshot(session, unit_id)
    before = await snapshot.status_before(session, latest.id) if latest else None
    status = after(Event.REOPEN, unit.status, before)
    evaluation = await evaluations.set_status(session, unit_id, EvaluationStatus.OPEN, boss.id)
    if status is not unit.status:
        await units.set_status(session, unit_id, status)
    await audit.append(session, action="evaluation.reopened", entity="evaluation",
                       entity_id=unit_id, actor=boss,
                       payload={"version": evaluation.version,
                                "status": {"before": unit.status.value, "after": status.value}})


async def _assess(session: AsyncSession, lke: Lke, unit: UnitDTO,
                  today: date) -> tuple[scorecard.Assessment, UnitFacts]:
    answers = await effective_answers(session, lke, unit.id)
    hasil = await prasyarat.hasil_for(session, unit.id, today.year)
    facts = await prasyarat.facts_for(session, lke, unit, today.year, today)
    return scorecard.assess(lke, AnswerSet(answers, hasil), facts), facts


async def _rows(session: AsyncSession, unit_id: int) -> tuple[
        dict[str, dict[int, AssessmentDTO]], dict[str, AssessmentDTO]]:
    """TPI answers per question and evaluator, and the final answer per question."""
    tpi: dict[str, dict[int, AssessmentDTO]] = {}
    for row in await assessments.answers_for_unit(session, unit_id, AssessmentKind.TPI):
        tpi.setdefault(row.question_id, {})[row.evaluator_user_id] = row
    finals: dict[str, AssessmentDTO] = {}
    for row in await assessments.answers_for_unit(session, unit_id, AssessmentKind.FINAL):
        known = finals.get(row.question_id)
        if known is None or row.updated_at > known.updated_at:
            finals[row.question_id] = row
    return tpi, finals


def _question(lke: Lke, question_id: str) -> Question:
    question = lke.question(question_id)
    if question is None:
        raise NotFound("question", question_id)
    return question


def _answer(question: Question, option: str | None,
            inputs: Mapping[str, int] | None) -> tuple[str, dict[str, int] | None]:
    """The stored text of an answer (option key or exact ratio) and its clean inputs."""
    if question.answer_type is AnswerType.PERSEN:
        if inputs is None:
            raise EvaluationRefused("inputs")
        try:
            ratio = percent_ratio(question, dict(inputs))
            clean = {key: int(to_fraction(value, key)) for key, value in inputs.items()}
        except AnswerError as exc:
            raise EvaluationRefused("inputs") from exc
        return str(ratio), clean
    chosen = question.option(option) if isinstance(option, str) else None
    if chosen is None:
        raise EvaluationRefused("option")
    return chosen.key, None


async def _holder(session: AsyncSession, actor: UserDTO, permission: Permission) -> UserDTO:
    fresh = await current(session, actor)
    if fresh is None or not may(fresh.role, permission):
        raise EvaluationRefused("not_allowed")
    return fresh


async def _unit(session: AsyncSession, unit_id: int) -> UnitDTO:
    unit = await units.get(session, unit_id)
    if unit is None:
        raise NotFound("unit", unit_id)
    return unit


async def _lock_open(session: AsyncSession, lke: Lke, unit_id: int, *,
                     exclusive: bool) -> None:
    """Lock the open evaluation; a worksheet other than the evaluation's own is stale (the
    screen was drawn before another LKE version came into force)."""
    evaluation = await evaluations.lock(session, unit_id, exclusive=exclusive)
    if evaluation.final:
        raise EvaluationRefused("final")
    if evaluation.lke_version not in (None, lke.version):
        raise EvaluationRefused("stale")


async def _start_evaluasi(session: AsyncSession, unit: UnitDTO) -> UnitDTO:
    """The first answer of the TPI moves the unit into evaluasi (the unit as it is now)."""
    status = after(Event.EVALUATE, unit.status)
    if status is unit.status:
        return unit
    return await units.set_status(session, unit.id, status)


def _state(row: AssessmentDTO | None) -> dict[str, Any] | None:
    if row is None:
        return None
    return {"answer": row.answer, "inputs": row.inputs, "evaluator_user_id":
            row.evaluator_user_id, "version": row.version}


async def _audit_answer(session: AsyncSession, action: str, actor: UserDTO,
                        row: AssessmentDTO, before: AssessmentDTO | None) -> None:
    await audit.append(session, action=action, entity="assessment", entity_id=row.id,
                       actor=actor,
                       payload={"unit_id": row.unit_id, "question_id": row.question_id,
                                "before": _state(before), "after": _state(row)})
