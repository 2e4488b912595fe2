"""A unit's recent history: the audit events about it and about what it owns (its users,
action items, evidence, assessments, consultations), newest first."""

from __future__ import annotations

from sqlalchemy.ext.asyncio import AsyncSession

from zi_core.db.repositories import activity
from zi_core.domain.audit import AuditEventDTO

MAX_LIMIT = 200


async def recent_history(session: AsyncSession, unit_id: int,
                         limit: int = 20) -> list[AuditEventDTO]:
    """The newest `limit` (1..200) events about the unit, newest first."""
    if not 0 < limit <= MAX_LIMIT:
        raise ValueError(f"limit must be 1-{MAX_LIMIT}")
    return await activity.recent_for_unit(session, unit_id, limit)
