"""The unit's rencana aksi rows: created from Lampiran I, then worked through."""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date

from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession

from zi_core.db.models import ActionItem
from zi_core.db.repositories._upsert import insert_for
from zi_core.domain.errors import NotFound
from zi_core.domain.rencana_aksi import ActionItemDTO
from zi_core.domain.statuses import ActionItemStatus


def to_dto(row: ActionItem) -> ActionItemDTO:
    """Copy a row into its DTO."""
    return ActionItemDTO(row.id, row.unit_id, row.indicator_id, row.ra_item_id, row.text,
                         row.target_date, row.pic_user_id, ActionItemStatus(row.status),
                         row.version, row.updated_at)


async def ensure(session: AsyncSession, unit_id: int,
                 items: Iterable[tuple[str, str, str]]) -> int:
    """Create the missing Lampiran I rows (ra_item_id, indicator_id, text); how many."""
    created = 0
    for ra_item_id, indicator_id, text in items:
        statement = (insert_for(session, ActionItem)
                     .values(unit_id=unit_id, indicator_id=indicator_id, ra_item_id=ra_item_id,
                             text=text, status=ActionItemStatus.BELUM.value, version=1)
                     .on_conflict_do_nothing(index_elements=["unit_id", "ra_item_id"])
                     .returning(ActionItem.id))
        created += (await session.execute(statement)).scalar_one_or_none() is not None
    return created


async def add_own(session: AsyncSession, unit_id: int, indicator_id: str,
                  text: str) -> ActionItemDTO:
    """Add one of the unit's own items under an indicator."""
    row = ActionItem(unit_id=unit_id, indicator_id=indicator_id, ra_item_id=None, text=text,
                     status=ActionItemStatus.BELUM.value)
    session.add(row)
    await session.flush()
    return to_dto(row)


async def for_unit(session: AsyncSession, unit_id: int) -> list[ActionItemDTO]:
    """Every row of the unit's plan, in id order (Lampiran I order, then own items)."""
    rows = await session.scalars(select(ActionItem).where(ActionItem.unit_id == unit_id)
                                 .order_by(ActionItem.id))
    return [to_dto(row) for row in rows]


async def get(session: AsyncSession, item_id: int) -> ActionItemDTO | None:
    row = await session.get(ActionItem, item_id, populate_existing=True)
    return to_dto(row) if row else None


async def change(session: AsyncSession, item_id: int, **values: object) -> ActionItemDTO:
    """Set fields of a row (status, target_date, pic_user_id); its version goes up."""
    row = await session.get(ActionItem, item_id, populate_existing=True)
    if row is None:
        raise NotFound("action item", item_id)
    for field, value in values.items():
        setattr(row, field, value)
    await session.flush()
    return to_dto(row)


async def due_between(session: AsyncSession, first: date, last: date) -> list[ActionItemDTO]:
    """Unfinished rows with a PIC whose target date is in [first, last] (any unit)."""
    rows = await session.scalars(
        select(ActionItem).where(ActionItem.target_date.is_not(None),
                                 ActionItem.target_date >= first, ActionItem.target_date <= last,
                                 ActionItem.status != ActionItemStatus.SELESAI.value)
        .order_by(ActionItem.unit_id, ActionItem.target_date, ActionItem.id))
    return [to_dto(row) for row in rows]
