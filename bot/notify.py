"""Telling a unit what the TPI did: its leader, and the coordinator of the area concerned."""

from __future__ import annotations

from collections.abc import Callable

from sqlalchemy.ext.asyncio import AsyncSession

from bot import outbox
from bot.context import ZiContext
from zi_core.db.repositories import tim, users
from zi_core.domain.roles import Role


async def notify_unit(session: AsyncSession, context: ZiContext, unit_id: int,
                      text: Callable[[], str], notice: str,
                      area_key: str | None = None) -> None:
    """Owe `text()` (rendered in each reader's language) to the leader(s) and, for an area,
    its coordinator, in the transaction of the change they are told about."""
    people = {u.id: u for u in await users.list_all(session, unit_id=unit_id)}
    team = await tim.members(session, unit_id) if area_key else []
    chosen = [u for u in people.values() if u.role is Role.LEADER]
    chosen += [people[m.user_id] for m in team
               if m.area_key == area_key and m.coordinator and m.user_id in people]
    await outbox.owe(session, context, chosen, text, notice)
