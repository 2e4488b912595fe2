"""The audit trail's records: an event, the chain's head, a verification's verdict."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime


@dataclass(frozen=True)
class AuditEventDTO:
    """One event of the audit trail."""

    seq: int
    at: datetime
    actor_user_id: int | None
    actor_telegram_id: int | None
    action: str
    entity: str
    entity_id: str | None
    payload: str
    prev_hash: str
    hash: str
    scheme: int = 1


@dataclass(frozen=True)
class AuditHead:
    """The last event's sequence number and hash: what gets anchored outside the database."""

    seq: int
    hash: str


@dataclass(frozen=True)
class VerifyResult:
    """The audit chain's verdict: ok, or the first bad sequence number and why."""

    ok: bool
    first_bad_seq: int | None = None
    reason: str | None = None
    checked: int = 0
    head: AuditHead | None = None
    unkeyed: int = 0
    """How many verified events are not keyed with AUDIT_KEY (schemes 1 and 2)."""
