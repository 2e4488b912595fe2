"""Invites: the only way to a role (DESIGN.md section 3), made by an admin or the CLI."""

from __future__ import annotations

from datetime import timedelta

from sqlalchemy.ext.asyncio import AsyncSession

from zi_core.db.repositories import audit, invites, units
from zi_core.domain.errors import InviteInvalid
from zi_core.domain.people import InviteDTO, OutstandingInvite, UserDTO
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


async def latest_made_by(session: AsyncSession, maker_id: int) -> InviteDTO | None:
    """The newest invite this person made: what a re-delivered "make an invite" shows again."""
    return await invites.latest_by_creator(session, maker_id)


async def outstanding(session: AsyncSession) -> list[OutstandingInvite]:
    """Every invite that can still be used, soonest to expire first."""
    return await invites.outstanding(session)


async def outstanding_one(session: AsyncSession, invite_id: int) -> OutstandingInvite:
    """One invite that can still be used; InviteInvalid with the reason when it cannot."""
    found = await invites.outstanding(session, invite_id=invite_id)
    if not found:
        raise InviteInvalid(await invites.failure_reason(session, invite_id=invite_id))
    return found[0]


async def revoke(session: AsyncSession, code: str, actor: UserDTO | None) -> InviteDTO:
    """Revoke a usable invite (InviteInvalid with the reason when it is not usable); audited
    with the actor (None from the command line)."""
    invite = await invites.revoke(session, code.strip(), actor.id if actor else None)
    await _revoked(session, invite, actor, "revoked")
    return invite


async def revoke_made_by(session: AsyncSession, maker: UserDTO,
                         actor: UserDTO | None) -> list[InviteDTO]:
    """Revoke every usable invite `maker` made (their access is ending); each audited."""
    revoked = []
    for invite in await invites.usable_made_by(session, maker.id):
        revoked.append(await invites.revoke(session, invite.code, actor.id if actor else None))
        await _revoked(session, revoked[-1], actor, "maker_deactivated")
    return revoked


async def _revoked(session: AsyncSession, invite: InviteDTO, actor: UserDTO | None,
                   why: str) -> None:
    await audit.append(session, action="invite.revoked", entity="invite", entity_id=invite.id,
                       actor=actor,
                       payload={"role": invite.role.value, "unit_id": invite.unit_id,
                                "created_by_user_id": invite.created_by_user_id, "why": why})


def start_link(bot_username: str, code: str) -> str:
    """The deep link that opens the bot with `/start <code>`."""
    return f"https://t.me/{bot_username.lstrip('@')}?start={code}"
