"""Penetapan (Pasal 4): the Inspektorat records why a unit is designated a ZI unit."""

from __future__ import annotations

from sqlalchemy.ext.asyncio import AsyncSession

from zi_core.db.repositories import audit, units
from zi_core.domain.errors import NotFound
from zi_core.domain.people import UserDTO
from zi_core.domain.unit import UnitDTO
from zi_core.domain.unit_life import Event, TransitionRefused, after

MAX_NOTE = 1000


class PenetapanRefused(ValueError):
    """A penetapan that cannot be recorded; `reason` picks the message."""

    def __init__(self, reason: str) -> None:
        super().__init__(reason)
        self.reason = reason


async def record(session: AsyncSession, actor: UserDTO, unit_id: int, *, core_service: bool,
                 high_risk: bool, wide_impact: bool, note: str | None) -> UnitDTO:
    """Record (or correct) the designation criteria of a declared unit."""
    unit = await units.get(session, unit_id)
    if unit is None:
        raise NotFound("unit", unit_id)
    if not (core_service or high_risk or wide_impact):
        raise PenetapanRefused("no_criterion")
    note = " ".join(note.split()) if note else None
    if note and len(note) > MAX_NOTE:
        raise PenetapanRefused("too_long")
    try:
        status = after(Event.PENETAPAN, unit.status)
    except TransitionRefused as exc:
        raise PenetapanRefused(exc.reason) from exc
    updated = await units.set_penetapan(session, unit.id, core_service=core_service,
                                        high_risk=high_risk, wide_impact=wide_impact,
                                        note=note, by_user_id=actor.id, status=status)
    await audit.append(session, action="unit.penetapan", entity="unit", entity_id=unit.id,
                       actor=actor,
                       payload={"core_service": core_service, "high_risk": high_risk,
                                "wide_impact": wide_impact, "note": note,
                                "status": {"before": unit.status.value,
                                           "after": status.value}})
    return updated
