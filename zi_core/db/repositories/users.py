"""Users: look up by Telegram id, create, change role or profile, deactivate, list."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import bindparam, select
from sqlalchemy.ext.asyncio import AsyncSession

from zi_core.db.models import User
from zi_core.db.types import utcnow
from zi_core.domain.errors import NotFound
from zi_core.domain.people import UserDTO
from zi_core.domain.roles import Role

ONBOARDING_FIRST_STEP = "full_name"
"""The step a user redeeming an invite starts at; None means onboarding is done."""

_UNSET = object()


def to_dto(row: User) -> UserDTO:
    """Copy a user row into its DTO."""
    return UserDTO(
        id=row.id,
        telegram_id=row.telegram_id,
        full_name=row.full_name,
        nip=row.nip,
        jabatan=row.jabatan,
        role=Role(row.role),
        unit_id=row.unit_id,
        locale=row.locale,
        active=row.active,
        onboarding_step=row.onboarding_step,
        created_at=row.created_at,
        deactivated_at=row.deactivated_at,
        pending_input=row.pending_input,
        pending_input_at=row.pending_input_at,
    )


def check_role_unit(role: Role, unit_id: int | None) -> Role:
    """The role as a `Role`; ValueError unless unit roles have a unit and others have none."""
    role = Role(role)
    if role.has_unit and unit_id is None:
        raise ValueError(f"role {role} needs a unit")
    if not role.has_unit and unit_id is not None:
        raise ValueError(f"role {role} belongs to no unit")
    return role


async def get(session: AsyncSession, user_id: int) -> UserDTO | None:
    """The user with this id, or None."""
    row = await session.get(User, user_id)
    return to_dto(row) if row else None


_BY_TELEGRAM_ID = select(User).where(User.telegram_id == bindparam("telegram_id"))
"""Every update looks its sender up: built once."""


async def get_by_telegram_id(session: AsyncSession, telegram_id: int) -> UserDTO | None:
    """The user with this Telegram id (active or not), or None."""
    row = await session.scalar(_BY_TELEGRAM_ID, {"telegram_id": telegram_id})
    return to_dto(row) if row else None


async def create(
    session: AsyncSession,
    *,
    telegram_id: int,
    role: Role,
    unit_id: int | None = None,
    full_name: str | None = None,
    locale: str | None = None,
    onboarding_step: str | None = None,
) -> UserDTO:
    """Create an active user; IntegrityError if the Telegram id is already known."""
    row = User(
        telegram_id=telegram_id,
        role=check_role_unit(role, unit_id).value,
        unit_id=unit_id,
        full_name=full_name,
        locale=locale,
        active=True,
        onboarding_step=onboarding_step,
    )
    session.add(row)
    await session.flush()
    return to_dto(row)


async def set_role(
    session: AsyncSession, user_id: int, role: Role, unit_id: int | None = None
) -> UserDTO:
    """Give a user a new role (and unit, for unit roles). A real change drops what the bot
    was waiting for them to type: that prompt belonged to the old role or unit."""
    row = await _load(session, user_id)
    role_value = check_role_unit(role, unit_id).value
    if (row.role, row.unit_id) != (role_value, unit_id):
        _forget_pending(row)
    row.role = role_value
    row.unit_id = unit_id
    await session.flush()
    return to_dto(row)


async def update_profile(
    session: AsyncSession,
    user_id: int,
    *,
    full_name: str | None | object = _UNSET,
    nip: str | None | object = _UNSET,
    jabatan: str | None | object = _UNSET,
    locale: str | None | object = _UNSET,
    onboarding_step: str | None | object = _UNSET,
) -> UserDTO:
    """Change the given profile fields (onboarding answers, locale); others stay as they are."""
    row = await _load(session, user_id)
    changes = {
        "full_name": full_name,
        "nip": nip,
        "jabatan": jabatan,
        "locale": locale,
        "onboarding_step": onboarding_step,
    }
    for field, value in changes.items():
        if value is not _UNSET:
            setattr(row, field, value)
    await session.flush()
    return to_dto(row)


async def deactivate(session: AsyncSession, user_id: int, now: datetime | None = None) -> UserDTO:
    """Mark a user inactive (blocked the bot, left the unit); the row stays for the record."""
    row = await _load(session, user_id)
    if row.active:
        row.active = False
        row.deactivated_at = now or utcnow()
        _forget_pending(row)
        await session.flush()
    return to_dto(row)


async def activate(session: AsyncSession, user_id: int) -> UserDTO:
    """Mark a user active again (with nothing awaited from before)."""
    row = await _load(session, user_id)
    if not row.active:
        _forget_pending(row)
    row.active = True
    row.deactivated_at = None
    await session.flush()
    return to_dto(row)


async def list_all(
    session: AsyncSession,
    *,
    role: Role | None = None,
    unit_id: int | None = None,
    active_only: bool = True,
) -> list[UserDTO]:
    """Users, optionally of one role and/or unit, ordered by name then id."""
    query = select(User)
    if role is not None:
        query = query.where(User.role == Role(role).value)
    if unit_id is not None:
        query = query.where(User.unit_id == unit_id)
    if active_only:
        query = query.where(User.active.is_(True))
    rows = await session.scalars(query.order_by(User.full_name.asc().nulls_last(), User.id))
    return [to_dto(row) for row in rows]


async def _load(session: AsyncSession, user_id: int) -> User:
    row = await session.get(User, user_id)
    if row is None:
        raise NotFound("user", user_id)
    return row


def _forget_pending(row: User) -> None:
    row.pending_input = None
    row.pending_input_at = None


async def set_pending_input(session: AsyncSession, user_id: int, pending: str | None,
                            now: datetime | None = None) -> UserDTO:
    """Remember what the user's next typed text or file answers (None forgets it)."""
    row = await _load(session, user_id)
    row.pending_input = pending
    row.pending_input_at = (now or utcnow()) if pending else None
    await session.flush()
    return to_dto(row)
