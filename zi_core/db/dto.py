"""Frozen data returned by the repositories; ORM objects never cross this boundary."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime
from decimal import Decimal
from enum import StrEnum
from typing import Any

from zi_core.db.enums import (
    AssessmentKind,
    ConsultationStatus,
    EvaluationStatus,
    Role,
    UnitStatus,
)


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
    pending_input: str | None = None
    pending_input_at: datetime | None = None


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
    revoked_at: datetime | None
    revoked_by_user_id: int | None


@dataclass(frozen=True)
class OutstandingInvite:
    """An invite still waiting to be used, with what a list of them shows."""

    invite: InviteDTO
    unit_code: str | None
    unit_name: str | None
    created_by: str | None
    """The full name of the person who made it (None when made from the command line)."""


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


@dataclass(frozen=True)
class EvidenceDTO:
    """A file uploaded as evidence for an action item or an LKE question of a unit.

    `replaces_evidence_id` links a revision to the one it replaced; a replaced or deleted
    row stays for the record.
    """

    id: int
    unit_id: int
    action_item_id: int | None
    question_id: str | None
    sha256: str
    file_name: str
    mime_type: str
    size: int
    telegram_file_id: str
    telegram_file_unique_id: str
    caption: str | None
    uploaded_by_user_id: int
    uploaded_at: datetime
    replaces_evidence_id: int | None
    deleted_at: datetime | None
    deleted_by_user_id: int | None

    @property
    def deleted(self) -> bool:
        """Whether the file was deleted (the row stays, for the record)."""
        return self.deleted_at is not None


@dataclass(frozen=True)
class EvaluationDTO:
    """Where the TPI's evaluation of a unit stands ('open' or 'final')."""

    unit_id: int
    status: EvaluationStatus
    version: int
    finalised_at: datetime | None
    finalised_by: int | None
    reopened_at: datetime | None
    reopened_by: int | None
    lke_version: str | None = None

    @property
    def final(self) -> bool:
        """Whether the evaluation is finalised (answers are frozen)."""
        return self.status is EvaluationStatus.FINAL


@dataclass(frozen=True)
class SnapshotDTO:
    """A finalised evaluation's frozen record; `verdict` and `total` come from its payload."""

    id: int
    unit_id: int
    created_at: datetime
    created_by: int
    lke_version: str
    sha256: str
    verdict: str
    total: str


@dataclass(frozen=True)
class RekomendasiDTO:
    """An evaluator's recommendation about one question of a unit."""

    id: int
    unit_id: int
    question_id: str
    author_user_id: int
    text: str
    created_at: datetime


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


@dataclass(frozen=True)
class InstansiDTO:
    """The regency's prerequisites for one year."""

    year: int
    opini_bpk: str | None
    sakip: str | None
    indeks_rb: str | None
    spip_level: int | None
    entered_by_user_id: int
    entered_at: datetime


@dataclass(frozen=True)
class UnitPrerequisiteDTO:
    """A unit's prerequisites for one year."""

    unit_id: int
    year: int
    tindak_lanjut_percent: Decimal | None
    lhkpn_percent: Decimal | None
    lhkasn_percent: Decimal | None
    sakip_internal: str | None
    core_service: bool | None
    significant_impact: bool | None
    holds_wbk: bool | None
    entered_by_user_id: int
    entered_at: datetime
    wbk_predicate_date: date | None = None


@dataclass(frozen=True)
class HasilDTO:
    """The Hasil inputs stored for one unit and year, with who entered them."""

    unit_id: int
    year: int
    ipak: Decimal | None
    ipkp: Decimal | None
    kinerja: str | None
    entered_by_user_id: int
    entered_at: datetime
