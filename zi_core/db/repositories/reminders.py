"""Reminders sent: claiming one (user, kind, day) makes sure nobody gets it twice a day."""

from __future__ import annotations

from datetime import date

from sqlalchemy.ext.asyncio import AsyncSession

from zi_core.db.models import ReminderSent
from zi_core.db.repositories._upsert import insert_for


async def claim(session: AsyncSession, user_id: int, kind: str, day: date) -> bool:
    """Take the right to send `kind` to the user today; False when it was already sent."""
    statement = (insert_for(session, ReminderSent)
                 .values(user_id=user_id, kind=kind, day=day)
                 .on_conflict_do_nothing(index_elements=["user_id", "kind", "day"])
                 .returning(ReminderSent.id))
    return (await session.execute(statement)).scalar_one_or_none() is not None
