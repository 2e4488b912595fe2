"""Who evaluates which unit: the TPI secretary or chair assigns members; the chair and the
secretary may evaluate every unit themselves.

An evaluator must be independent of the unit (Perbup 49/2022: the TPI evaluates others'
units): someone whose NIP is the NIP of any user of the unit is refused — the same civil
servant working there. A refusal is `AssignmentRefused` with `reason`:

- "not_allowed": the actor may not assign evaluators (inactive, or not secretary/chair);
- "unit": no such unit;
- "not_tpi": the member is unknown, inactive or holds no TPI role;
- "independence": the member is a user of the unit under another account.
"""

from __future__ import annotations

from typing import Literal

from sqlalchemy.ext.asyncio import AsyncSession

from zi_core.db.repositories import audit, tpi_assignments, units, users
from zi_core.domain.people import UserDTO
from zi_core.domain.roles import Permission, Role, may
from zi_core.domain.unit import UnitDTO

Reason = Literal["not_allowed", "not_tpi", "independence", "unit"]
EVALUATE_ALL = (Role.TPI_CHAIR, Role.TPI_SECRETARY)
"""Roles that may evaluate every unit without an assignment."""


class AssignmentRefused(ValueError):
    """An assignment that cannot be made; `reason` picks the message."""

    def __init__(self, reason: Reason) -> None:
        super().__init__(reason)
        self.reason: Reason = reason


async def current(session: AsyncSession, user: UserDTO) -> UserDTO | None:
    """The user as stored now, if still active (a DTO held by a caller may be stale)."""
    fresh = await users.get(session, user.id)
    return fresh if fresh is not None and fresh.active else None


async def assign(session: AsyncSession, actor: UserDTO, unit_id: int, member_id: int) -> bool:
    """Assign a TPI evaluator to a unit; True if newly assigned, False if already."""
    boss = await _assigner(session, actor, unit_id)
    member = await users.get(session, member_id)
    if member is None or not member.active or not member.role.is_tpi:
        raise AssignmentRefused("not_tpi")
    if member.nip and await _works_in(session, member.nip, unit_id):
        raise AssignmentRefused("independence")
    added = await tpi_assignments.add(session, unit_id, member.id, boss.id)
    if added:
        await audit.append(session, action="tpi.assigned", entity="unit", entity_id=unit_id,
                           actor=boss,
                           payload={"user_id": member.id})
    return added


async def unassign(session: AsyncSession, actor: UserDTO, unit_id: int, member_id: int) -> bool:
    """Take an evaluator off a unit; True if they were assigned."""
    boss = await _assigner(session, actor, unit_id)
    removed = await tpi_assignments.remove(session, unit_id, member_id)
    if removed:
        await audit.append(session, action="tpi.unassigned", entity="unit", entity_id=unit_id,
                           actor=boss,
                           payload={"user_id": member_id})
    return removed


async def units_of(session: AsyncSession, user_id: int) -> list[UnitDTO]:
    """The units a TPI user is assigned to, by code."""
    return await tpi_assignments.units_of(session, user_id)


async def members_of(session: AsyncSession, unit_id: int) -> list[UserDTO]:
    """The evaluators assigned to a unit (inactive ones too, so they can be taken off)."""
    return await tpi_assignments.members_of(session, unit_id)


async def unit_to_evaluate(session: AsyncSession, user: UserDTO,
                           unit_id: int) -> UnitDTO | None:
    """The unit, if the user (as stored now) may score, recommend and enter results for it."""
    found = await tpi_assignments.standing(session, unit_id, user.id)
    if found is None or not found.active:
        return None
    if found.role in EVALUATE_ALL or (found.role is Role.TPI_MEMBER and found.assigned):
        return found.unit
    return None


async def may_evaluate(session: AsyncSession, user: UserDTO, unit_id: int) -> bool:
    """Whether the user may score, recommend and enter results for this unit now."""
    return await unit_to_evaluate(session, user, unit_id) is not None


async def evaluable_units(session: AsyncSession, user: UserDTO) -> list[UnitDTO]:
    """The units the user may evaluate: all for chair and secretary, assigned ones for members."""
    fresh = await current(session, user)
    if fresh is None:
        return []
    if fresh.role in EVALUATE_ALL:
        return await units.list_all(session)
    if fresh.role is Role.TPI_MEMBER:
        return await tpi_assignments.units_of(session, fresh.id)
    return []


async def _assigner(session: AsyncSession, actor: UserDTO, unit_id: int) -> UserDTO:
    boss = await current(session, actor)
    if boss is None or not may(boss.role, Permission.ASSIGN_EVALUATORS):
        raise AssignmentRefused("not_allowed")
    if await units.get(session, unit_id) is None:
        raise AssignmentRefused("unit")
    return boss


async def _works_in(session: AsyncSession, nip: str, unit_id: int) -> bool:
    # Every user of the unit, deactivated ones too: someone who just left is not independent.
    people = await users.list_all(session, unit_id=unit_id, active_only=False)
    return any(person.nip == nip for person in people)
