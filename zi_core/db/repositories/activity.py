"""Which audit events are about a unit, and when each unit last did anything.

An event is about a unit when it names the unit (or its evaluation) or something the unit
owns: its users, action items, evidence, assessments, consultations, recommendations and
recheck flags. Entity ids are text in the audit trail, so rows are matched by their id as
text.
"""

from __future__ import annotations

from datetime import datetime
from typing import Any

from sqlalchemy import ColumnElement, String, and_, cast, func, or_, select, union_all
from sqlalchemy.ext.asyncio import AsyncSession

from zi_core.db.models import (
    ActionItem,
    Assessment,
    AuditEvent,
    Consultation,
    Evidence,
    Recheck,
    Rekomendasi,
    Unit,
    User,
)
from zi_core.db.repositories.audit import to_dto
from zi_core.domain.audit import AuditEventDTO

UNIT_ENTITIES = ("unit", "evaluation")
"""Entities whose id is the unit's own id."""
OWNED: dict[str, Any] = {
    "user": User,
    "action_item": ActionItem,
    "evidence": Evidence,
    "assessment": Assessment,
    "consultation": Consultation,
    "rekomendasi": Rekomendasi,
    "recheck": Recheck,
}
"""Entities owned by a unit, with the table that says which unit."""


def about_unit(unit_id: int) -> ColumnElement[bool]:
    """SQL: the audit event is about this unit."""
    owned = [
        and_(AuditEvent.entity == name,
             AuditEvent.entity_id.in_(select(cast(table.id, String))
                                      .where(table.unit_id == unit_id)))
        for name, table in OWNED.items()
    ]
    return or_(and_(AuditEvent.entity.in_(UNIT_ENTITIES),
                    AuditEvent.entity_id == str(unit_id)), *owned)


async def recent_for_unit(session: AsyncSession, unit_id: int,
                          limit: int = 20) -> list[AuditEventDTO]:
    """The newest events about the unit, newest first."""
    rows = await session.scalars(select(AuditEvent).where(about_unit(unit_id))
                                 .order_by(AuditEvent.seq.desc()).limit(limit))
    return [to_dto(row) for row in rows]


async def last_activity(session: AsyncSession) -> dict[int, datetime]:
    """Per unit, the latest of: audit events about it, evidence uploads, assessment updates."""
    own = (select(Unit.id.label("unit_id"), func.max(AuditEvent.at).label("at"))
           .join(Unit, AuditEvent.entity_id == cast(Unit.id, String))
           .where(AuditEvent.entity.in_(UNIT_ENTITIES)).group_by(Unit.id))
    parts = [own]
    for name, table in OWNED.items():
        parts.append(select(table.unit_id, func.max(AuditEvent.at))
                     .join(table, and_(AuditEvent.entity == name,
                                       AuditEvent.entity_id == cast(table.id, String)))
                     .where(table.unit_id.is_not(None)).group_by(table.unit_id))
    parts.append(select(Evidence.unit_id, func.max(Evidence.uploaded_at))
                 .group_by(Evidence.unit_id))
    parts.append(select(Assessment.unit_id, func.max(Assessment.updated_at))
                 .group_by(Assessment.unit_id))
    latest: dict[int, datetime] = {}
    for unit_id, at in await session.execute(union_all(*parts)):
        if at is not None and (unit_id not in latest or at > latest[unit_id]):
            latest[unit_id] = at
    return latest
