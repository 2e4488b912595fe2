"""Small builders for database tests: a unit, a user, both committed."""

from __future__ import annotations

import itertools

from sqlalchemy.ext.asyncio import async_sessionmaker

from zi_core.db.repositories import units, users
from zi_core.domain.people import UserDTO
from zi_core.domain.roles import Role
from zi_core.domain.unit import UnitDTO

_telegram_ids = itertools.count(10_000)


async def add_unit(factory: async_sessionmaker, code: str = "DINKES") -> UnitDTO:
    """Commit a unit with this code."""
    async with factory() as session, session.begin():
        return await units.add(session, code=code, name=f"Unit {code}")


async def add_user(
    factory: async_sessionmaker,
    role: Role = Role.TPI_MEMBER,
    unit_id: int | None = None,
    telegram_id: int | None = None,
) -> UserDTO:
    """Commit a user with this role (and unit)."""
    async with factory() as session, session.begin():
        return await users.create(
            session,
            telegram_id=telegram_id or next(_telegram_ids),
            role=role,
            unit_id=unit_id,
            full_name="Tester",
        )
