"""Everything the weekly summary needs about every unit at once, in a handful of queries.

Each function returns plain data keyed by unit id; units without any row are absent. This
is the read side of the summary only: scoring stays in the core (`zi_core.scorecard`).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime

from sqlalchemy import func, select
from sqlalchemy.ext.asyncio import AsyncSession

from zi_core.db.models import (
    ActionItem,
    Assessment,
    Consultation,
    Evidence,
    HasilInput,
    PactSignature,
    UnitPrerequisite,
    User,
)
from zi_core.db.repositories.evidence import is_current
from zi_core.db.repositories.prasyarat import hasil_dto, unit_dto
from zi_core.domain.statuses import ActionItemStatus, AssessmentKind, ConsultationStatus
from zi_core.domain.unit import HasilDTO, UnitPrerequisiteDTO


@dataclass(frozen=True, slots=True)
class ItemState:
    """What the summary needs of one action item."""

    indicator_id: str
    ra_item_id: str | None
    done: bool
    target_date: date | None


async def tpi_answers(session: AsyncSession) -> dict[int, dict[str, list[str]]]:
    """Every unit's TPI answers: unit → question → the evaluators' stored answers."""
    found: dict[int, dict[str, list[str]]] = {}
    rows = await session.execute(
        select(Assessment.unit_id, Assessment.question_id, Assessment.answer)
        .where(Assessment.kind == AssessmentKind.TPI.value))
    for unit_id, question_id, answer in rows:
        found.setdefault(unit_id, {}).setdefault(question_id, []).append(answer)
    return found


async def final_answers(session: AsyncSession) -> dict[int, dict[str, str]]:
    """Every unit's decided answers: unit → question → the latest final answer."""
    found: dict[int, dict[str, tuple[datetime, str]]] = {}
    rows = await session.execute(
        select(Assessment.unit_id, Assessment.question_id, Assessment.answer,
               Assessment.updated_at)
        .where(Assessment.kind == AssessmentKind.FINAL.value))
    for unit_id, question_id, answer, updated_at in rows:
        known = found.setdefault(unit_id, {}).get(question_id)
        if known is None or updated_at > known[0]:
            found[unit_id][question_id] = (updated_at, answer)
    return {unit: {q: answer for q, (_, answer) in per.items()} for unit, per in found.items()}


async def hasil_rows(session: AsyncSession, year: int) -> dict[int, HasilDTO]:
    """Every unit's Hasil inputs of a year."""
    rows = await session.scalars(select(HasilInput).where(HasilInput.year == year))
    return {row.unit_id: hasil_dto(row) for row in rows}


async def unit_prerequisites(session: AsyncSession, year: int) -> dict[int, UnitPrerequisiteDTO]:
    """Every unit's prerequisites of a year."""
    rows = await session.scalars(select(UnitPrerequisite).where(UnitPrerequisite.year == year))
    return {row.unit_id: unit_dto(row) for row in rows}


async def evidence_counts(session: AsyncSession) -> dict[int, int]:
    """Current (neither replaced nor deleted) evidence per unit."""
    rows = await session.execute(
        select(Evidence.unit_id, func.count()).where(is_current()).group_by(Evidence.unit_id))
    return {unit_id: count for unit_id, count in rows}


async def items(session: AsyncSession) -> dict[int, list[ItemState]]:
    """Every unit's action items."""
    found: dict[int, list[ItemState]] = {}
    rows = await session.execute(
        select(ActionItem.unit_id, ActionItem.indicator_id, ActionItem.ra_item_id,
               ActionItem.status, ActionItem.target_date))
    done = ActionItemStatus.SELESAI.value
    for unit_id, indicator_id, ra_item_id, status, target in rows:
        found.setdefault(unit_id, []).append(
            ItemState(indicator_id, ra_item_id, status == done, target))
    return found


async def signer_counts(session: AsyncSession) -> dict[int, int]:
    """How many of a unit's active users signed the pakta (as `pakta.coverage` counts)."""
    rows = await session.execute(
        select(PactSignature.unit_id, func.count(func.distinct(PactSignature.user_id)))
        .join(User, User.id == PactSignature.user_id)
        .where(User.active.is_(True), User.unit_id == PactSignature.unit_id)
        .group_by(PactSignature.unit_id))
    return {unit_id: count for unit_id, count in rows}


async def user_counts(session: AsyncSession) -> dict[int, int]:
    """Active registered users per unit (the headcount when the leader entered none)."""
    rows = await session.execute(
        select(User.unit_id, func.count()).where(User.unit_id.is_not(None), User.active.is_(True))
        .group_by(User.unit_id))
    return {unit_id: count for unit_id, count in rows}


async def open_consultations(session: AsyncSession) -> int:
    """Consultation threads still waiting for the TPI."""
    return await session.scalar(
        select(func.count()).select_from(Consultation)
        .where(Consultation.status == ConsultationStatus.OPEN.value)) or 0
