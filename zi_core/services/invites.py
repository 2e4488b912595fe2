"""Invites: the only way to a role (DESIGN.md section 3), made by an admin or the CLI."""

from __future__ import annotations

from datetime import timedelta

from sqlalchemy.ext.asyncio import AsyncSession

from zi_core.db.dto import InviteDTO
from zi_core.db.repositories import audit, invites, units
from zi_core.domain.roles import Role, parse_role

MAX_DAYS = 90


class InviteInputError(ValueError):
    """A role, unit or validity that an invite cannot have."""


async def create(session: AsyncSession, *, role: Role | str, unit_code: str | None = None,
                 days: int = 7, actor_user_id: int | None = None) -> InviteDTO:
    """A single-use invite for `role` (with its unit for unit roles), valid for `days`."""
    try:
        role = parse_role(role)
    except ValueError as exc:
        raise InviteInputError(str(exc)) from exc
    if not 1 <= days <= MAX_DAYS:
        raise InviteInputError(f"masa berlaku harus 1-{MAX_DAYS} hari")
    unit_id = None
    if role.has_unit:
        if not unit_code:
            raise InviteInputError(f"peran {role} memerlukan unit (--unit KODE)")
        unit = await units.get_by_code(session, unit_code)
        if unit is None:
            raise InviteInputError(f"unit {unit_code!r} tidak terdaftar")
        unit_id = unit.id
    elif unit_code:
        raise InviteInputError(f"peran {role} tidak terikat pada unit; hapus --unit")
    invite = await invites.create(session, role=role, unit_id=unit_id,
                                  created_by_user_id=actor_user_id,
                                  valid_for=timedelta(days=days))
    await audit.append(session, action="invite.created", entity="invite", entity_id=invite.id,
                       actor_user_id=actor_user_id,
                       payload={"role": role.value, "unit_id": unit_id, "days": days})
    return invite


def start_link(bot_username: str, code: str) -> str:
    """The deep link that opens the bot with `/start <code>`."""
    return f"https://t.me/{bot_username.lstrip('@')}?start={code}"
