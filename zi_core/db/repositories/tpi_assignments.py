"""TPI assignments: which evaluators the secretary or chair put on which unit."""

from __future__ import annotations

from sqlalchemy import delete, select
from sqlalchemy.ext.asyncio import AsyncSession

from zi_core.db.dto import UnitDTO, UserDTO
from zi_core.db.models import TpiAssignment, Unit, User
from zi_core.db.repositories import units, users
from zi_core.db.repositories._upsert import insert_for


async def add(session: AsyncSession, unit_id: int, user_id: int, assigned_by: int) -> bool:
    """Assign an evaluator to a unit; False when already assigned."""
    statement = (insert_for(session, TpiAssignment)
                 .values(unit_id=unit_id, user_id=user_id, assigned_by_user_id=assigned_by)
                 .on_conflict_do_nothing(index_elements=["unit_id", "user_id"])
                 .returning(TpiAssignment.id))
    return (await session.execute(statement)).scalar_one_or_none() is not None


async def remove(session: AsyncSession, unit_id: int, user_id: int) -> bool:
    """Take an evaluator off a unit; False when not assigned."""
    result = await session.execute(delete(TpiAssignment).where(
        TpiAssignment.unit_id == unit_id, TpiAssignment.user_id == user_id))
    return result.rowcount > 0


async def is_assigned(session: AsyncSession, unit_id: int, user_id: int) -> bool:
    """Whether the evaluator is assigned to the unit."""
    found = await session.scalar(select(TpiAssignment.id).where(
        TpiAssignment.unit_id == unit_id, TpiAssignment.user_id == user_id))
    return found is not None


async def units_of(session: AsyncSession, user_id: int) -> list[UnitDTO]:
    """The units an evaluator is assigned to, by code."""
    rows = await session.scalars(
        select(Unit).join(TpiAssignment, TpiAssignment.unit_id == Unit.id)
        .where(TpiAssignment.user_id == user_id).order_by(Unit.code))
    return [units.to_dto(row) for row in rows]


async def members_of(session: AsyncSession, unit_id: int) -> list[UserDTO]:
    """The evaluators assigned to a unit (active or not), by name then id."""
    rows = await session.scalars(
        select(User).join(TpiAssignment, TpiAssignment.user_id == User.id)
        .where(TpiAssignment.unit_id == unit_id)
        .order_by(User.full_name.asc().nulls_last(), User.id))
    return [users.to_dto(row) for row in rows]
