"""Evidence rows: add, list the current revisions per action item, question or unit, count
them, mark them deleted.

A row is *current* while it is neither deleted nor replaced by a newer row
(`replaces_evidence_id` pointing at it); the others stay as history and are listed only
with `include_history=True`.
"""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import ColumnElement, Select, exists, func, select, text
from sqlalchemy.ext.asyncio import AsyncSession
from sqlalchemy.orm import aliased

from zi_core.db.models import ActionItem, Evidence
from zi_core.db.models.base import NAME_LENGTH
from zi_core.db.models.rencana_aksi import LKE_ID_LENGTH
from zi_core.db.types import utcnow
from zi_core.domain.bukti import EvidenceDTO
from zi_core.domain.errors import NotFound

FILE_NAME_LENGTH = NAME_LENGTH
"""The longest file name and MIME type the columns hold."""
QUESTION_ID_LENGTH = LKE_ID_LENGTH
CAPTION_LENGTH = 1024
"""Telegram's caption limit, and the column's."""

ADVISORY_LOCK_KEY = 0x5A49_E71D
"""With the unit id, the PostgreSQL advisory lock (an int4 pair) on a unit's evidence."""


def to_dto(row: Evidence) -> EvidenceDTO:
    """Copy an evidence row into its DTO."""
    return EvidenceDTO(
        id=row.id,
        unit_id=row.unit_id,
        action_item_id=row.action_item_id,
        question_id=row.question_id,
        sha256=row.sha256,
        file_name=row.file_name,
        mime_type=row.mime_type,
        size=row.size,
        telegram_file_id=row.telegram_file_id,
        telegram_file_unique_id=row.telegram_file_unique_id,
        caption=row.caption,
        uploaded_by_user_id=row.uploaded_by_user_id,
        uploaded_at=row.uploaded_at,
        replaces_evidence_id=row.replaces_evidence_id,
        deleted_at=row.deleted_at,
        deleted_by_user_id=row.deleted_by_user_id,
    )


_NEWER = aliased(Evidence)


def is_current() -> ColumnElement[bool]:
    """SQL: the row is not deleted and no row replaces it (indexed: replaces_evidence_id)."""
    return Evidence.deleted_at.is_(None) & ~exists().where(
        _NEWER.replaces_evidence_id == Evidence.id
    )


async def lock_unit(session: AsyncSession, unit_id: int) -> None:
    """Serialise evidence writes of one unit until the transaction ends.

    SQLite's `BEGIN IMMEDIATE` already holds the database's write lock; PostgreSQL takes a
    transaction-level advisory lock, so a check-then-insert cannot race a twin.
    """
    if session.get_bind().dialect.name == "postgresql":
        await session.execute(
            text("SELECT pg_advisory_xact_lock(:k, :u)"),
            {"k": ADVISORY_LOCK_KEY, "u": unit_id},
        )


async def add(
    session: AsyncSession,
    *,
    unit_id: int,
    uploaded_by_user_id: int,
    sha256: str,
    file_name: str,
    mime_type: str,
    size: int,
    telegram_file_id: str,
    telegram_file_unique_id: str,
    action_item_id: int | None = None,
    question_id: str | None = None,
    caption: str | None = None,
    replaces_evidence_id: int | None = None,
    now: datetime | None = None,
) -> EvidenceDTO:
    """Insert an evidence row for an action item or a question (the caller checks which)."""
    row = Evidence(
        unit_id=unit_id,
        action_item_id=action_item_id,
        question_id=question_id,
        sha256=sha256,
        file_name=file_name,
        mime_type=mime_type,
        size=size,
        telegram_file_id=telegram_file_id,
        telegram_file_unique_id=telegram_file_unique_id,
        caption=caption,
        uploaded_by_user_id=uploaded_by_user_id,
        uploaded_at=now or utcnow(),
        replaces_evidence_id=replaces_evidence_id,
    )
    session.add(row)
    await session.flush()
    return to_dto(row)


async def get(session: AsyncSession, evidence_id: int) -> EvidenceDTO | None:
    """The evidence row with this id (current or not) as stored now, or None."""
    row = await session.get(Evidence, evidence_id, populate_existing=True)
    return to_dto(row) if row else None


async def replacement_of(session: AsyncSession, evidence_id: int) -> EvidenceDTO | None:
    """The row that replaced this one, or None."""
    row = await session.scalar(
        select(Evidence).where(Evidence.replaces_evidence_id == evidence_id)
        .order_by(Evidence.id).limit(1)
    )
    return to_dto(row) if row else None


async def find_current(
    session: AsyncSession,
    *,
    unit_id: int,
    sha256: str,
    action_item_id: int | None = None,
    question_id: str | None = None,
) -> EvidenceDTO | None:
    """The current row with this content on this target, or None."""
    query = select(Evidence).where(
        Evidence.unit_id == unit_id, Evidence.sha256 == sha256, is_current(),
        _target(action_item_id, question_id),
    )
    row = await session.scalar(query.order_by(Evidence.id).limit(1))
    return to_dto(row) if row else None


async def list_for_item(
    session: AsyncSession, action_item_id: int, *, include_history: bool = False
) -> list[EvidenceDTO]:
    """The evidence of one action item, oldest first."""
    query = select(Evidence).where(Evidence.action_item_id == action_item_id)
    return await _list(session, query, include_history)


async def list_for_question(
    session: AsyncSession, unit_id: int, question_id: str, *, include_history: bool = False
) -> list[EvidenceDTO]:
    """The evidence a unit attached to one LKE question, oldest first."""
    query = select(Evidence).where(
        Evidence.unit_id == unit_id, Evidence.question_id == question_id
    )
    return await _list(session, query, include_history)


async def list_for_unit(
    session: AsyncSession, unit_id: int, *, include_history: bool = False
) -> list[EvidenceDTO]:
    """All evidence of a unit, oldest first."""
    return await _list(session, select(Evidence).where(Evidence.unit_id == unit_id),
                       include_history)


async def count_by_item(session: AsyncSession, unit_id: int) -> dict[int, int]:
    """Current evidence per action item of a unit (items without any are absent)."""
    rows = await session.execute(
        select(Evidence.action_item_id, func.count())
        .where(Evidence.unit_id == unit_id, Evidence.action_item_id.is_not(None), is_current())
        .group_by(Evidence.action_item_id)
    )
    return {item_id: count for item_id, count in rows}


async def count_by_question(session: AsyncSession, unit_id: int) -> dict[str, int]:
    """Current evidence per LKE question of a unit (questions without any are absent)."""
    rows = await session.execute(
        select(Evidence.question_id, func.count())
        .where(Evidence.unit_id == unit_id, Evidence.question_id.is_not(None), is_current())
        .group_by(Evidence.question_id)
    )
    return {question_id: count for question_id, count in rows}


async def mark_deleted(
    session: AsyncSession, evidence_id: int, *, by_user_id: int, now: datetime | None = None
) -> EvidenceDTO:
    """Mark a row deleted (it stays, for the record); a second call changes nothing."""
    row = await session.get(Evidence, evidence_id)
    if row is None:
        raise NotFound("evidence", evidence_id)
    if row.deleted_at is None:
        row.deleted_at = now or utcnow()
        row.deleted_by_user_id = by_user_id
        await session.flush()
    return to_dto(row)


async def item_unit_id(session: AsyncSession, action_item_id: int) -> int | None:
    """The unit an action item belongs to, or None if there is no such item."""
    return await session.scalar(select(ActionItem.unit_id).where(ActionItem.id == action_item_id))


def _target(action_item_id: int | None, question_id: str | None) -> ColumnElement[bool]:
    if action_item_id is not None:
        return Evidence.action_item_id == action_item_id
    return Evidence.question_id == question_id


async def _list(
    session: AsyncSession, query: Select[tuple[Evidence]], include_history: bool
) -> list[EvidenceDTO]:
    if not include_history:
        query = query.where(is_current())
    rows = await session.scalars(query.order_by(Evidence.uploaded_at, Evidence.id))
    return [to_dto(row) for row in rows]
