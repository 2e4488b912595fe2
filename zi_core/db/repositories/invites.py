"""Invites: single-use, expiring codes (deep link `/start <code>`) that give a role."""

from __future__ import annotations

import secrets
from datetime import datetime, timedelta

from sqlalchemy import select, update
from sqlalchemy.ext.asyncio import AsyncSession
from sqlalchemy.orm import aliased

from zi_core.db.models import Invite, Unit, User
from zi_core.db.repositories import users
from zi_core.db.types import utcnow
from zi_core.domain.errors import InviteFailure, InviteInvalid
from zi_core.domain.people import InviteDTO, OutstandingInvite, RedeemResult
from zi_core.domain.roles import Role

DEFAULT_VALIDITY = timedelta(days=7)
CODE_BYTES = 16
"""16 random bytes: 22 url-safe characters, well inside Telegram's 64-character start payload."""


def new_code() -> str:
    """A fresh random url-safe invite code, never starting with "-" (a command line would
    take it for an option)."""
    while True:
        code = secrets.token_urlsafe(CODE_BYTES)
        if not code.startswith("-"):
            return code


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
        revoked_at=row.revoked_at,
        revoked_by_user_id=row.revoked_by_user_id,
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

    The claim is one atomic UPDATE guarded by `used_at IS NULL AND revoked_at IS NULL AND
    expires_at > now`, so of two concurrent redeems (or a redeem and a revocation) exactly one
    wins; the other gets InviteInvalid("used") (or "revoked"). A new
    Telegram user is created and starts onboarding; a known one gets the role and is
    re-activated.
    """
    now = now or utcnow()
    claimed = await session.execute(
        update(Invite)
        .where(Invite.code == code, *_open(now))
        .values(used_at=now)
        .returning(Invite.id)
        .execution_options(synchronize_session=False)
    )
    invite_id = claimed.scalar_one_or_none()
    if invite_id is None:
        raise InviteInvalid(await failure_reason(session, code=code))

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


def _open(now: datetime) -> tuple:
    """An invite still usable at `now`: neither used, revoked nor expired."""
    return Invite.used_at.is_(None), Invite.revoked_at.is_(None), Invite.expires_at > now


async def failure_reason(session: AsyncSession, *, code: str | None = None,
                         invite_id: int | None = None) -> InviteFailure:
    """Why the invite with this code (or id) cannot be used."""
    which = Invite.code == code if code is not None else Invite.id == invite_id
    row = await session.execute(select(Invite.used_at, Invite.revoked_at).where(which))
    found = row.one_or_none()
    if found is None:
        return "unknown"
    if found.used_at is not None:
        return "used"
    return "revoked" if found.revoked_at is not None else "expired"


async def outstanding(session: AsyncSession, now: datetime | None = None, *,
                      invite_id: int | None = None) -> list[OutstandingInvite]:
    """Every invite still usable (neither used, revoked nor expired), soonest to expire
    first (or only the one with `invite_id`), with its unit and the name of who made it: one
    query."""
    maker = aliased(User)
    query = (select(Invite, Unit.code, Unit.name, maker.full_name)
             .outerjoin(Unit, Unit.id == Invite.unit_id)
             .outerjoin(maker, maker.id == Invite.created_by_user_id)
             .where(*_open(now or utcnow()))
             .order_by(Invite.expires_at, Invite.id))
    if invite_id is not None:
        query = query.where(Invite.id == invite_id)
    rows = await session.execute(query)
    return [OutstandingInvite(to_dto(invite), unit_code, unit_name, created_by)
            for invite, unit_code, unit_name, created_by in rows]


async def revoke(session: AsyncSession, code: str, by_user_id: int | None,
                 now: datetime | None = None) -> InviteDTO:
    """Make a usable invite unusable; InviteInvalid (unknown, used, expired, revoked) when
    it is not usable any more. One guarded UPDATE, so a redeem racing it either wins or
    finds it revoked."""
    now = now or utcnow()
    revoked = await session.execute(
        update(Invite).where(Invite.code == code, *_open(now))
        .values(revoked_at=now, revoked_by_user_id=by_user_id)
        .returning(Invite.id).execution_options(synchronize_session=False))
    invite_id = revoked.scalar_one_or_none()
    if invite_id is None:
        raise InviteInvalid(await failure_reason(session, code=code))
    return to_dto(await session.get_one(Invite, invite_id, populate_existing=True))


async def usable_made_by(session: AsyncSession, user_id: int,
                         now: datetime | None = None) -> list[InviteDTO]:
    """The invites this user made that are still usable."""
    rows = await session.scalars(select(Invite).where(Invite.created_by_user_id == user_id,
                                                      *_open(now or utcnow()))
                                 .order_by(Invite.id))
    return [to_dto(row) for row in rows]


async def latest_by_creator(session: AsyncSession, user_id: int) -> InviteDTO | None:
    """The newest invite this user made, or None."""
    row = await session.scalar(select(Invite).where(Invite.created_by_user_id == user_id)
                               .order_by(Invite.id.desc()).limit(1))
    return to_dto(row) if row else None
