"""What a refusal is made of, for buttons and typed answers alike: `Stale` (the screen an
action belongs to no longer matches the data) and `refuse` (the refused attempt recorded in
the audit trail: who, what, why)."""

from __future__ import annotations

import logging

from bot.context import ZiContext
from zi_core.db.repositories import audit

log = logging.getLogger(__name__)


class Stale(Exception):
    """The menu a button belongs to no longer matches the data (changed or removed)."""


async def refuse(context: ZiContext, reason: str, details: dict[str, object]) -> None:
    """Record a refused attempt (who, what, why) in the audit trail."""
    me = context.me
    log.info("refused update %s: %s %s", context.update_id, reason, details)
    async with context.transaction() as session:
        await audit.append(session, action="access.denied", entity="user",
                           entity_id=me.id if me else None,
                           actor_user_id=me.id if me else None,
                           actor_telegram_id=context._user_id,
                           payload={"reason": reason, **details})
