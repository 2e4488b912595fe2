"""TPI assignments: which evaluators the secretary or chair put on which unit."""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy import bindparam, delete, exists, select
from sqlalchemy.ext.asyncio import AsyncSession

from zi_core.db.models import TpiAssignment, Unit, User
from zi_core.db.repositories import units, users
from zi_core.db.repositories._upsert import insert_for
from zi_core.domain.people import UserDTO
from zi_core.domain.roles import Role
from zi_core.domain.unit import UnitDTO


@dataclass(frozen=True)
class Standing:
    """A unit, and where a user stands with it now: role, active, assigned to it."""

    unit: UnitDTO
    role: Role
    active: bool
    assigned: bool


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


_STANDING = (
    select(Unit, User.role, User.active,
           exists().where(TpiAssignment.unit_id == Unit.id,
                          TpiAssignment.user_id == User.id).label("assigned"))
    .join(User, User.id == bindparam("user_id")).where(Unit.id == bindparam("unit_id")))


async def standing(session: AsyncSession, unit_id: int, user_id: int) -> Standing | None:
    """The unit with the user's stored role, active flag and assignment to it, in one query
    (None when either is missing): what every TPI step checks first."""
    row = (await session.execute(_STANDING, {"unit_id": unit_id,
                                             "user_id": user_id})).one_or_none()
    if row is None:
        return None
    return Standing(units.to_dto(row.Unit), Role(row.role), row.active, row.assigned)


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
