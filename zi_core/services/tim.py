"""Tim kerja (Pasal 5(3)-(4)): the leader forms a team per area, with one coordinator."""

from __future__ import annotations

from sqlalchemy.ext.asyncio import AsyncSession

from zi_core.db.repositories import audit, tim, users
from zi_core.domain.people import UserDTO
from zi_core.domain.roles import Role
from zi_core.domain.tim import TeamMemberDTO


class TeamRefused(ValueError):
    """A team change that cannot be made; `reason` picks the message."""

    def __init__(self, reason: str) -> None:
        super().__init__(reason)
        self.reason = reason


async def _member_of_unit(session: AsyncSession, leader: UserDTO, user_id: int) -> UserDTO:
    if leader.role is not Role.LEADER or leader.unit_id is None:
        raise TeamRefused("not_leader")
    person = await users.get(session, user_id)
    if person is None or person.unit_id != leader.unit_id or not person.active:
        raise TeamRefused("outside")
    return person


async def toggle_member(session: AsyncSession, leader: UserDTO, area_key: str,
                        user_id: int) -> bool:
    """Put a unit user on the area's team, or take them off; True when now a member."""
    person = await _member_of_unit(session, leader, user_id)
    unit_id = leader.unit_id
    assert unit_id is not None
    if await tim.add(session, unit_id, area_key, person.id):
        member = True
    else:
        await tim.remove(session, unit_id, area_key, person.id)
        member = False
    await audit.append(session, action="tim.member" if member else "tim.removed",
                       entity="unit", entity_id=unit_id, actor=leader,
                       payload={"area": area_key, "user_id": person.id})
    return member


async def make_coordinator(session: AsyncSession, leader: UserDTO, area_key: str,
                           user_id: int) -> None:
    """Make a team member the area's coordinator (the previous one stays a member)."""
    person = await _member_of_unit(session, leader, user_id)
    unit_id = leader.unit_id
    assert unit_id is not None
    team = [m for m in await tim.members(session, unit_id) if m.area_key == area_key]
    if not any(m.user_id == person.id for m in team):
        raise TeamRefused("not_member")
    await tim.set_coordinator(session, unit_id, area_key, person.id)
    await audit.append(session, action="tim.coordinator", entity="unit", entity_id=unit_id,
                       actor=leader,
                       payload={"area": area_key, "user_id": person.id})


async def teams(session: AsyncSession, unit_id: int) -> dict[str, list[TeamMemberDTO]]:
    """The unit's teams by area key."""
    found: dict[str, list[TeamMemberDTO]] = {}
    for member in await tim.members(session, unit_id):
        found.setdefault(member.area_key, []).append(member)
    return found
