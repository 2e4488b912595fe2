"""Units as screens list and show them."""

from __future__ import annotations

from zi_core.db.repositories import units
from zi_core.domain.errors import NotFound
from zi_core.domain.people import UserDTO
from zi_core.domain.roles import Role
from zi_core.domain.unit import UnitDTO
from zi_core.services import assignments
from zi_core.unit_of_work import UnitOfWork


async def unit(uow: UnitOfWork, unit_id: int | None) -> UnitDTO | None:
    """The unit, or None (also for no id)."""
    if unit_id is None:
        return None
    async with uow.reading() as session:
        return await units.get(session, unit_id)


async def existing_unit(uow: UnitOfWork, unit_id: int) -> UnitDTO:
    """The unit; NotFound when it does not exist."""
    found = await unit(uow, unit_id)
    if found is None:
        raise NotFound("unit", unit_id)
    return found


async def every_unit(uow: UnitOfWork) -> list[UnitDTO]:
    """Every registered unit, by code."""
    async with uow.reading() as session:
        return await units.list_all(session)


async def unit_for_prerequisites(uow: UnitOfWork, me: UserDTO, unit_id: int) -> UnitDTO:
    """The unit whose prerequisites `me` may see: one they evaluate or lead (else NotFound)."""
    async with uow.reading() as session:
        found = await units.get(session, unit_id)
        allowed = found is not None and (
            await assignments.may_evaluate(session, me, unit_id)
            or (me.role is Role.LEADER and me.unit_id == unit_id))
    if not allowed or found is None:
        raise NotFound("unit", unit_id)
    return found
