"""Frozen data returned by the repositories; ORM objects never cross this boundary."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime
from enum import StrEnum
from typing import Any

from zi_core.db.enums import AssessmentKind, Role, UnitStatus


@dataclass(frozen=True)
class UnitDTO:
    """A unit kerja."""

    id: int
    code: str
    name: str
    status: UnitStatus
    headcount: int | None
    pencanangan_date: date | None
    core_service: bool | None
    high_risk: bool | None
    wide_impact: bool | None
    penetapan_note: str | None
    penetapan_at: datetime | None
    penetapan_by: int | None
    created_at: datetime


@dataclass(frozen=True)
class UserDTO:
    """A user and its role; `unit_id` is set for unit roles only."""

    id: int
    telegram_id: int
    full_name: str | None
    nip: str | None
    jabatan: str | None
    role: Role
    unit_id: int | None
    locale: str | None
    active: bool
    onboarding_step: str | None
    created_at: datetime
    deactivated_at: datetime | None


@dataclass(frozen=True)
class InviteDTO:
    """An invite code and whether it has been used."""

    id: int
    code: str
    role: Role
    unit_id: int | None
    created_by_user_id: int | None
    created_at: datetime
    expires_at: datetime
    used_at: datetime | None
    used_by_user_id: int | None


@dataclass(frozen=True)
class RedeemResult:
    """A redeemed invite and the user who now holds its role."""

    invite: InviteDTO
    user: UserDTO
    user_created: bool


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


class StoreOutcome(StrEnum):
    """What `inbox.store` did with an update."""

    STORED = "stored"
    DUPLICATE = "duplicate"


@dataclass(frozen=True)
class InboxUpdateDTO:
    """A stored raw update."""

    update_id: int
    payload: str
    received_at: datetime
    applied_at: datetime | None
    handled_at: datetime | None
    attempts: int
    last_error: str | None


@dataclass(frozen=True)
class AssessmentDTO:
    """The current answer of one evaluator to one question of a unit."""

    id: int
    unit_id: int
    question_id: str
    kind: AssessmentKind
    evaluator_user_id: int
    answer: str
    inputs: dict[str, Any] | None
    note: str | None
    version: int
    updated_at: datetime


@dataclass(frozen=True)
class UpsertResult:
    """An upserted assessment and whether this call changed it (and so wrote history)."""

    assessment: AssessmentDTO
    changed: bool


@dataclass(frozen=True)
class AssessmentChangeDTO:
    """One distinct value an assessment held, from its history."""

    assessment_id: int
    answer: str
    inputs: dict[str, Any] | None
    note: str | None
    changed_by_user_id: int
    changed_at: datetime
