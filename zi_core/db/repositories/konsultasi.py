"""Consultation threads: a unit's question to the TPI and the messages exchanged on it."""

from __future__ import annotations

from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession

from zi_core.db.models import Consultation, ConsultationMessage
from zi_core.domain.errors import NotFound
from zi_core.domain.konsultasi import ConsultationDTO, MessageDTO
from zi_core.domain.statuses import ConsultationStatus


def to_dto(row: Consultation) -> ConsultationDTO:
    """Copy a consultation row into its DTO."""
    return ConsultationDTO(row.id, row.unit_id, row.asked_by_user_id, row.indicator_id,
                           ConsultationStatus(row.status), row.created_at)


def message_dto(row: ConsultationMessage) -> MessageDTO:
    """Copy a message row into its DTO."""
    return MessageDTO(row.id, row.consultation_id, row.author_user_id, row.text,
                      row.created_at)


async def open_thread(session: AsyncSession, *, unit_id: int, asked_by_user_id: int,
                      indicator_id: str | None, body: str) -> ConsultationDTO:
    """Create an open consultation with its first message."""
    row = Consultation(unit_id=unit_id, asked_by_user_id=asked_by_user_id,
                       indicator_id=indicator_id, status=ConsultationStatus.OPEN.value)
    session.add(row)
    await session.flush()
    session.add(ConsultationMessage(consultation_id=row.id, author_user_id=asked_by_user_id,
                                    text=body))
    await session.flush()
    return to_dto(row)


async def get(session: AsyncSession, consultation_id: int,
              lock: bool = False) -> ConsultationDTO | None:
    """A consultation as stored now (row-locked when `lock`), or None."""
    query = (select(Consultation).where(Consultation.id == consultation_id)
             .execution_options(populate_existing=True))
    row = await session.scalar(query.with_for_update() if lock else query)
    return to_dto(row) if row else None


async def add_message(session: AsyncSession, consultation_id: int, author_user_id: int,
                      body: str) -> MessageDTO:
    """Append a message to a thread."""
    row = ConsultationMessage(consultation_id=consultation_id, author_user_id=author_user_id,
                              text=body)
    session.add(row)
    await session.flush()
    return message_dto(row)


async def set_status(session: AsyncSession, consultation_id: int,
                     status: ConsultationStatus) -> ConsultationDTO:
    """Store a thread's status."""
    row = await session.get(Consultation, consultation_id, populate_existing=True)
    if row is None:
        raise NotFound("consultation", consultation_id)
    row.status = ConsultationStatus(status).value
    await session.flush()
    return to_dto(row)


async def messages(session: AsyncSession, consultation_id: int) -> list[MessageDTO]:
    """A thread's messages, oldest first."""
    rows = await session.scalars(
        select(ConsultationMessage).where(ConsultationMessage.consultation_id == consultation_id)
        .order_by(ConsultationMessage.created_at, ConsultationMessage.id))
    return [message_dto(row) for row in rows]


async def with_status(session: AsyncSession, status: ConsultationStatus) -> list[ConsultationDTO]:
    """Threads in one status, oldest first."""
    rows = await session.scalars(
        select(Consultation).where(Consultation.status == ConsultationStatus(status).value)
        .order_by(Consultation.created_at, Consultation.id))
    return [to_dto(row) for row in rows]


async def for_unit(session: AsyncSession, unit_id: int) -> list[ConsultationDTO]:
    """A unit's threads, newest first."""
    rows = await session.scalars(
        select(Consultation).where(Consultation.unit_id == unit_id)
        .order_by(Consultation.created_at.desc(), Consultation.id.desc()))
    return [to_dto(row) for row in rows]
