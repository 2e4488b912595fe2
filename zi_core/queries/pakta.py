"""The pakta integritas as its screen shows it."""

from __future__ import annotations

from datetime import datetime

from zi_core.db.repositories import pakta
from zi_core.unit_of_work import UnitOfWork


async def signed_at(uow: UnitOfWork, user_id: int) -> datetime | None:
    """When the user signed the pakta integritas (None: not yet)."""
    async with uow.reading() as session:
        return await pakta.signed_at(session, user_id)
