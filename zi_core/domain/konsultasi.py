"""Konsultasi: a unit's question to the TPI and its thread."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from zi_core.domain.statuses import ConsultationStatus


@dataclass(frozen=True)
class ConsultationDTO:
    """A unit's question to the TPI."""

    id: int
    unit_id: int
    asked_by_user_id: int
    indicator_id: str | None
    status: ConsultationStatus
    created_at: datetime


@dataclass(frozen=True)
class MessageDTO:
    """One message of a consultation thread."""

    id: int
    consultation_id: int
    author_user_id: int
    text: str
    created_at: datetime
