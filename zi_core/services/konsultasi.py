"""Konsultasi: a unit asks the TPI a question (optionally about one indicator) and the thread
goes back and forth until someone closes it.

A TPI reply marks the thread `answered`; a reply from the unit makes it `open` again, so the
TPI's queue holds exactly the threads waiting for the TPI. A refusal is `KonsultasiRefused`
with `reason` "not_allowed", "empty", "too_long" or "closed".
"""

from __future__ import annotations

from typing import Literal

from sqlalchemy.ext.asyncio import AsyncSession

from zi_core.db.models.rencana_aksi import LKE_ID_LENGTH
from zi_core.db.repositories import audit, konsultasi
from zi_core.domain.errors import NotFound
from zi_core.domain.konsultasi import ConsultationDTO, MessageDTO
from zi_core.domain.people import UserDTO
from zi_core.domain.roles import Permission, may
from zi_core.domain.statuses import ConsultationStatus
from zi_core.services.assignments import current

__all__ = ["MAX_TEXT", "ConsultationDTO", "KonsultasiRefused", "MessageDTO", "ask", "close",
           "for_unit", "open_queue", "reply", "thread"]

Reason = Literal["not_allowed", "empty", "too_long", "closed"]
MAX_TEXT = 3500
"""Below Telegram's 4096 characters, leaving room for the header a message is shown with."""


class KonsultasiRefused(ValueError):
    """A consultation step that cannot be taken; `reason` picks the message."""

    def __init__(self, reason: Reason) -> None:
        super().__init__(reason)
        self.reason: Reason = reason


async def ask(session: AsyncSession, user: UserDTO, text: str,
              indicator_id: str | None = None) -> ConsultationDTO:
    """Open a thread for the user's unit with its first message."""
    fresh = await current(session, user)
    if fresh is None or fresh.unit_id is None or not may(fresh.role, Permission.ASK_TPI):
        raise KonsultasiRefused("not_allowed")
    if indicator_id is not None and not 0 < len(indicator_id) <= LKE_ID_LENGTH:
        raise ValueError(f"indicator id must be 1-{LKE_ID_LENGTH} characters")
    body = _body(text)
    asked = await konsultasi.open_thread(session, unit_id=fresh.unit_id,
                                         asked_by_user_id=fresh.id, indicator_id=indicator_id,
                                         body=body)
    await _audit(session, "konsultasi.asked", asked.id, fresh,
                 {"unit_id": asked.unit_id, "indicator_id": indicator_id, "text": body})
    return asked


async def reply(session: AsyncSession, author: UserDTO, consultation_id: int,
                text: str) -> MessageDTO:
    """Add a message: the TPI's marks the thread answered, the unit's opens it again."""
    found = await _thread_row(session, consultation_id)
    fresh, from_tpi = await _participant(session, author, found)
    if found.status is ConsultationStatus.CLOSED:
        raise KonsultasiRefused("closed")
    body = _body(text)
    message = await konsultasi.add_message(session, consultation_id, fresh.id, body)
    status = ConsultationStatus.ANSWERED if from_tpi else ConsultationStatus.OPEN
    if status is not found.status:
        await konsultasi.set_status(session, consultation_id, status)
    await _audit(session, "konsultasi.replied", consultation_id, fresh,
                 {"message_id": message.id, "text": body,
                  "status": {"before": found.status.value, "after": status.value}})
    return message


async def close(session: AsyncSession, user: UserDTO, consultation_id: int) -> ConsultationDTO:
    """Close a thread (the unit's users or the TPI); closing it again changes nothing."""
    found = await _thread_row(session, consultation_id)
    fresh, _ = await _participant(session, user, found)
    if found.status is ConsultationStatus.CLOSED:
        return found
    closed = await konsultasi.set_status(session, consultation_id, ConsultationStatus.CLOSED)
    await _audit(session, "konsultasi.closed", consultation_id, fresh,
                 {"status": {"before": found.status.value, "after": closed.status.value}})
    return closed


async def open_queue(session: AsyncSession) -> list[ConsultationDTO]:
    """Threads waiting for the TPI, oldest first."""
    return await konsultasi.with_status(session, ConsultationStatus.OPEN)


async def thread(session: AsyncSession,
                 consultation_id: int) -> tuple[ConsultationDTO, list[MessageDTO]]:
    """A thread and its messages, oldest first."""
    found = await konsultasi.get(session, consultation_id)
    if found is None:
        raise NotFound("consultation", consultation_id)
    return found, await konsultasi.messages(session, consultation_id)


async def for_unit(session: AsyncSession, unit_id: int) -> list[ConsultationDTO]:
    """A unit's threads, newest first."""
    return await konsultasi.for_unit(session, unit_id)


def _body(text: str) -> str:
    body = text.strip()
    if not body:
        raise KonsultasiRefused("empty")
    if len(body) > MAX_TEXT:
        raise KonsultasiRefused("too_long")
    return body


async def _thread_row(session: AsyncSession, consultation_id: int) -> ConsultationDTO:
    # Locked, so a reply and a close of the same thread never interleave.
    found = await konsultasi.get(session, consultation_id, lock=True)
    if found is None:
        raise NotFound("consultation", consultation_id)
    return found


async def _participant(session: AsyncSession, user: UserDTO,
                       found: ConsultationDTO) -> tuple[UserDTO, bool]:
    """The user as stored now and whether they speak for the TPI; refused otherwise."""
    fresh = await current(session, user)
    if fresh is not None and may(fresh.role, Permission.ANSWER_CONSULTATION):
        return fresh, True
    if fresh is not None and fresh.role.has_unit and fresh.unit_id == found.unit_id:
        return fresh, False
    raise KonsultasiRefused("not_allowed")


async def _audit(session: AsyncSession, action: str, consultation_id: int, actor: UserDTO,
                 payload: dict[str, object]) -> None:
    await audit.append(session, action=action, entity="consultation", entity_id=consultation_id,
                       actor=actor,
                       payload=payload)
