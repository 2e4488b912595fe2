"""People and their access: users with their role, and the invites that give one."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from zi_core.domain.roles import Role


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
