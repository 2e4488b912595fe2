"""Units as screens list and show them."""

from __future__ import annotations

from zi_core.db.repositories import units
from zi_core.domain.errors import NotFound
from zi_core.domain.unit import UnitDTO
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
