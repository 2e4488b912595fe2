"""Tim kerja rows: who is on which area's team of a unit, and who coordinates it."""

from __future__ import annotations

from sqlalchemy import delete, select, update
from sqlalchemy.ext.asyncio import AsyncSession

from zi_core.db.models import TeamMember
from zi_core.db.repositories._upsert import insert_for
from zi_core.domain.tim import TeamMemberDTO


async def members(session: AsyncSession, unit_id: int) -> list[TeamMemberDTO]:
    """Every team row of a unit."""
    rows = await session.scalars(select(TeamMember).where(TeamMember.unit_id == unit_id)
                                 .order_by(TeamMember.area_key, TeamMember.id))
    return [TeamMemberDTO(r.unit_id, r.area_key, r.user_id, r.coordinator) for r in rows]


async def add(session: AsyncSession, unit_id: int, area_key: str, user_id: int) -> bool:
    """Put a user on an area's team; False when already there."""
    statement = (insert_for(session, TeamMember)
                 .values(unit_id=unit_id, area_key=area_key, user_id=user_id, coordinator=False)
                 .on_conflict_do_nothing(index_elements=["unit_id", "area_key", "user_id"])
                 .returning(TeamMember.id))
    return (await session.execute(statement)).scalar_one_or_none() is not None


async def remove(session: AsyncSession, unit_id: int, area_key: str, user_id: int) -> bool:
    """Take a user off an area's team; False when not there."""
    result = await session.execute(delete(TeamMember).where(
        TeamMember.unit_id == unit_id, TeamMember.area_key == area_key,
        TeamMember.user_id == user_id))
    return result.rowcount > 0


async def set_coordinator(session: AsyncSession, unit_id: int, area_key: str,
                          user_id: int) -> None:
    """Make `user_id` (already a member) the area's only coordinator."""
    await session.execute(update(TeamMember)
                          .where(TeamMember.unit_id == unit_id, TeamMember.area_key == area_key)
                          .values(coordinator=TeamMember.user_id == user_id))
