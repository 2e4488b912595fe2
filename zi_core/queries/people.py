"""People as screens list and show them."""

from __future__ import annotations

from zi_core.db.repositories import units, users
from zi_core.domain.errors import NotFound
from zi_core.domain.people import UserDTO
from zi_core.domain.roles import Role
from zi_core.domain.unit import UnitDTO
from zi_core.unit_of_work import UnitOfWork


async def person(uow: UnitOfWork, user_id: int) -> UserDTO | None:
    """The user with this id, or None."""
    async with uow.reading() as session:
        return await users.get(session, user_id)


async def person_and_unit(uow: UnitOfWork, user_id: int) -> tuple[UserDTO, UnitDTO | None]:
    """A user and their unit (None for roles without one); NotFound for an unknown id."""
    async with uow.reading() as session:
        found = await users.get(session, user_id)
        if found is None:
            raise NotFound("user", user_id)
        unit = await units.get(session, found.unit_id) if found.unit_id else None
    return found, unit


async def people(uow: UnitOfWork, *, role: Role | None = None, unit_id: int | None = None,
                 active_only: bool = True, registered: bool = False) -> list[UserDTO]:
    """Users by name, optionally of one role and/or unit; `registered`: only those who
    finished onboarding."""
    async with uow.reading() as session:
        found = await users.list_all(session, role=role, unit_id=unit_id,
                                     active_only=active_only)
    return [u for u in found if u.onboarding_step is None] if registered else found
