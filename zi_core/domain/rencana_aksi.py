"""Rencana aksi: one row of a unit's action plan (Lampiran I), as it is worked through."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime

from zi_core.domain.statuses import ActionItemStatus


@dataclass(frozen=True)
class ActionItemDTO:
    """One row of a unit's action plan."""

    id: int
    unit_id: int
    indicator_id: str
    ra_item_id: str | None
    text: str
    target_date: date | None
    pic_user_id: int | None
    status: ActionItemStatus
    version: int
    updated_at: datetime
