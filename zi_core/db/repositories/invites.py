"""Invites: single-use, expiring codes (deep link `/start <code>`) that give a role."""

from __future__ import annotations

import secrets
from datetime import datetime, timedelta

from sqlalchemy import select, update
from sqlalchemy.ext.asyncio import AsyncSession

from zi_core.db.dto import InviteDTO, RedeemResult
from zi_core.db.enums import Role
from zi_core.db.errors import InviteFailure, InviteInvalid
from zi_core.db.models import Invite, User
from zi_core.db.repositories import users
from zi_core.db.types import utcnow

DEFAULT_VALIDITY = timedelta(days=7)
CODE_BYTES = 16
"""16 random bytes: 22 url-safe characters, well inside Telegram's 64-character start payload."""


def new_code() -> str:
    """A fresh random url-safe invite code."""
    return secrets.token_urlsafe(CODE_BYTES)


def to_dto(row: Invite) -> InviteDTO:
    """Copy an invite row into its DTO."""
    return InviteDTO(
        id=row.id,
        code=row.code,
        role=Role(row.role),
        unit_id=row.unit_id,
        created_by_user_id=row.created_by_user_id,
        created_at=row.created_at,
        expires_at=row.expires_at,
        used_at=row.used_at,
        used_by_user_id=row.used_by_user_id,
    )


async def create(
    session: AsyncSession,
    *,
    role: Role,
    unit_id: int | None = None,
    created_by_user_id: int | None = None,
    valid_for: timedelta = DEFAULT_VALIDITY,
    now: datetime | None = None,
) -> InviteDTO:
    """Create an invite for `role` (and `unit_id` for unit roles) that expires after valid_for."""
    now = now or utcnow()
    row = Invite(
        code=new_code(),
        role=users.check_role_unit(role, unit_id).value,
        unit_id=unit_id,
        created_by_user_id=created_by_user_id,
        created_at=now,
        expires_at=now + valid_for,
    )
    session.add(row)
    await session.flush()
    return to_dto(row)


async def get_by_code(session: AsyncSession, code: str) -> InviteDTO | None:
    """The invite with this code, or None."""
    row = await session.scalar(select(Invite).where(Invite.code == code))
    return to_dto(row) if row else None


async def redeem(
    session: AsyncSession, code: str, telegram_id: int, now: datetime | None = None
) -> RedeemResult:
    """Use an invite once: give its role and unit to the user with `telegram_id`.

    The claim is one atomic UPDATE guarded by `used_at IS NULL AND expires_at > now`, so of
    two concurrent redeems exactly one wins; the other gets InviteInvalid("used"). A new
    Telegram user is created and starts onboarding; a known one gets the role and is
    re-activated.
    """
    now = now or utcnow()
    claimed = await session.execute(
        update(Invite)
        .where(Invite.code == code, Invite.used_at.is_(None), Invite.expires_at > now)
        .values(used_at=now)
        .returning(Invite.id)
        .execution_options(synchronize_session=False)
    )
    invite_id = claimed.scalar_one_or_none()
    if invite_id is None:
        raise InviteInvalid(await _failure_reason(session, code))

    invite = await session.get_one(Invite, invite_id, populate_existing=True)
    role = Role(invite.role)
    existing = await session.scalar(select(User).where(User.telegram_id == telegram_id))
    if existing is None:
        user = await users.create(
            session,
            telegram_id=telegram_id,
            role=role,
            unit_id=invite.unit_id,
            onboarding_step=users.ONBOARDING_FIRST_STEP,
        )
    else:
        await users.set_role(session, existing.id, role, invite.unit_id)
        user = await users.activate(session, existing.id)
    invite.used_by_user_id = user.id
    await session.flush()
    return RedeemResult(invite=to_dto(invite), user=user, user_created=existing is None)


async def _failure_reason(session: AsyncSession, code: str) -> InviteFailure:
    row = await session.execute(select(Invite.used_at).where(Invite.code == code))
    found = row.one_or_none()
    if found is None:
        return "unknown"
    return "used" if found.used_at is not None else "expired"


async def latest_by_creator(session: AsyncSession, user_id: int) -> InviteDTO | None:
    """The newest invite this user made, or None."""
    row = await session.scalar(select(Invite).where(Invite.created_by_user_id == user_id)
                               .order_by(Invite.id.desc()).limit(1))
    return to_dto(row) if row else None
