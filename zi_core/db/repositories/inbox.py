"""The durable inbox of raw Telegram updates: store once, mark handled, replay the rest."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from datetime import datetime
from enum import StrEnum
from functools import cache
from typing import Any

from sqlalchemy import bindparam, select, update
from sqlalchemy.ext.asyncio import AsyncSession

from zi_core.db.canonical import canonical_json
from zi_core.db.models import InboxUpdate
from zi_core.db.repositories._upsert import dialect_of, insert_in
from zi_core.db.types import utcnow


class StoreOutcome(StrEnum):
    """What `inbox.store` did with an update."""

    STORED = "stored"
    DUPLICATE = "duplicate"


@dataclass(frozen=True)
class InboxUpdateDTO:
    """A stored raw update."""

    update_id: int
    payload: str
    received_at: datetime
    applied_at: datetime | None
    handled_at: datetime | None
    attempts: int
    last_error: str | None


ERROR_LENGTH = 4000
"""Keep the stored error short; the full traceback belongs in the log."""

# Every update passes through these: built once (building is most of their cost), values bound.
_APPLIED = (update(InboxUpdate)
            .where(InboxUpdate.update_id == bindparam("id"), InboxUpdate.applied_at.is_(None))
            .values(applied_at=bindparam("at"))
            .execution_options(synchronize_session=False))
_HANDLED = (update(InboxUpdate)
            .where(InboxUpdate.update_id == bindparam("id"), InboxUpdate.handled_at.is_(None))
            .values(handled_at=bindparam("at"), attempts=InboxUpdate.attempts + 1)
            .execution_options(synchronize_session=False))


@cache
def _store(dialect: str) -> Any:
    return (insert_in(dialect, InboxUpdate.__table__)
            .values(update_id=bindparam("id"), payload=bindparam("body"),
                    received_at=bindparam("at"), attempts=0)
            .on_conflict_do_nothing(index_elements=[InboxUpdate.update_id])
            .returning(InboxUpdate.update_id))


def to_dto(row: InboxUpdate) -> InboxUpdateDTO:
    """Copy an inbox row into its DTO."""
    return InboxUpdateDTO(
        update_id=row.update_id,
        payload=row.payload,
        received_at=row.received_at,
        applied_at=row.applied_at,
        handled_at=row.handled_at,
        attempts=row.attempts,
        last_error=row.last_error,
    )


async def store(
    session: AsyncSession,
    update_id: int,
    payload: Mapping[str, Any] | str,
    now: datetime | None = None,
) -> StoreOutcome:
    """Store an update unless its id is already there (then it is left alone: DUPLICATE)."""
    body = payload if isinstance(payload, str) else canonical_json(dict(payload))
    inserted = (await session.execute(_store(dialect_of(session)), {
        "id": update_id, "body": body, "at": now or utcnow()})).scalar_one_or_none()
    return StoreOutcome.STORED if inserted is not None else StoreOutcome.DUPLICATE


async def get(session: AsyncSession, update_id: int) -> InboxUpdateDTO | None:
    """The stored update with this id, or None."""
    row = await session.get(InboxUpdate, update_id, populate_existing=True)
    return to_dto(row) if row else None


async def mark_applied(session: AsyncSession, update_id: int, now: datetime | None = None) -> None:
    """Record, inside the handler's transaction, that the update's changes are being committed."""
    await session.execute(_APPLIED, {"id": update_id, "at": now or utcnow()})


async def mark_handled(session: AsyncSession, update_id: int, now: datetime | None = None) -> bool:
    """Record that the update's handler committed; False if it was unknown or already done."""
    result = await session.execute(_HANDLED, {"id": update_id, "at": now or utcnow()})
    return result.rowcount == 1


async def mark_failed(session: AsyncSession, update_id: int, error: str) -> None:
    """Count a failed attempt and keep its error; the update stays unhandled for a replay."""
    await session.execute(
        update(InboxUpdate)
        .where(InboxUpdate.update_id == update_id)
        .values(attempts=InboxUpdate.attempts + 1, last_error=error[:ERROR_LENGTH])
        .execution_options(synchronize_session=False)
    )


async def unhandled(session: AsyncSession, limit: int | None = None) -> list[InboxUpdateDTO]:
    """Updates not yet handled, oldest update_id first."""
    query = (
        select(InboxUpdate)
        .where(InboxUpdate.handled_at.is_(None))
        .order_by(InboxUpdate.update_id)
        .limit(limit)
        .execution_options(populate_existing=True)
    )
    return [to_dto(row) for row in await session.scalars(query)]
