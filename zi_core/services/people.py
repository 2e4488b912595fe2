"""What is changed about people, each audited: an admin changes a role, deactivates or
re-activates; each user chooses the language the bot speaks to them."""

from __future__ import annotations

from sqlalchemy.ext.asyncio import AsyncSession

from zi_core.db.repositories import audit, units, users
from zi_core.domain.errors import NotFound
from zi_core.domain.people import UserDTO
from zi_core.domain.roles import Role
from zi_core.services import invites
from zi_core.unit_of_work import UnitOfWork


class PeopleError(ValueError):
    """A change an admin asked for that cannot be made; `reason` picks the message."""

    def __init__(self, reason: str) -> None:
        super().__init__(reason)
        self.reason = reason


async def change_role(session: AsyncSession, actor: UserDTO, user_id: int, role: Role,
                      unit_id: int | None) -> UserDTO:
    """Give a user another role (and unit for unit roles)."""
    target = await _target(session, actor, user_id)
    role = Role(role)
    if role.has_unit != (unit_id is not None):
        raise PeopleError("unit_needed" if role.has_unit else "no_unit")
    if unit_id is not None and await units.get(session, unit_id) is None:
        raise PeopleError("unit_gone")
    if (target.role, target.unit_id) == (role, unit_id):
        return target
    updated = await users.set_role(session, user_id, role, unit_id)
    await audit.append(session, action="user.role_changed", entity="user", entity_id=user_id,
                       actor=actor,
                       payload={"before": {"role": target.role.value, "unit_id": target.unit_id},
                                "after": {"role": role.value, "unit_id": unit_id}})
    return updated


async def set_active(session: AsyncSession, actor: UserDTO, user_id: int,
                     active: bool) -> UserDTO:
    """Deactivate (access ends at once, and every invite the person made and nobody used
    yet is revoked) or re-activate a user."""
    target = await _target(session, actor, user_id)
    if target.active == active:
        return target
    updated = await (users.activate if active else users.deactivate)(session, user_id)
    await audit.append(session, action="user.activated" if active else "user.deactivated",
                       entity="user", entity_id=user_id, actor=actor,
                       payload={"before": {"active": target.active}, "after": {"active": active}})
    if not active:
        await invites.revoke_made_by(session, target, actor)
    return updated


async def change_locale(uow: UnitOfWork, actor: UserDTO, locale: str) -> UserDTO:
    """The language the bot speaks to the actor from now on (one of the catalogues')."""
    async with uow.transaction() as session:
        updated = await users.update_profile(session, actor.id, locale=locale)
        await audit.append(session, action="user.locale_changed", entity="user",
                           entity_id=actor.id, actor=actor,
                           payload={"before": actor.locale, "after": locale})
    return updated


async def _target(session: AsyncSession, actor: UserDTO, user_id: int) -> UserDTO:
    if user_id == actor.id:
        raise PeopleError("self")
    target = await users.get(session, user_id)
    if target is None:
        raise NotFound("user", user_id)
    return target
