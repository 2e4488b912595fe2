"""Telling a unit what the TPI did: its leader, and the coordinator of the area concerned."""

from __future__ import annotations

from collections.abc import Callable

from bot.context import ZiContext
from bot.i18n import pick_locale, use_locale
from bot.messaging import send_text
from zi_core.db.repositories import tim, users
from zi_core.domain.roles import Role


async def notify_unit(context: ZiContext, unit_id: int, text: Callable[[], str],
                      area_key: str | None = None) -> int:
    """Send `text()` (rendered in each reader's language) to the leader(s) and, for an area,
    its coordinator; how many were reached."""
    async with context.reading() as session:
        people = {u.id: u for u in await users.list_all(session, unit_id=unit_id)}
        team = await tim.members(session, unit_id) if area_key else []
    chosen = [u for u in people.values() if u.role is Role.LEADER]
    chosen += [people[m.user_id] for m in team
               if m.area_key == area_key and m.coordinator and m.user_id in people
               and people[m.user_id] not in chosen]
    reached = 0
    for person in chosen:
        with use_locale(pick_locale(person.locale, None)):
            reached += await send_text(context.bot, person.telegram_id, text()) is not None
    return reached
