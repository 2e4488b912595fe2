"""The pakta integritas (Pasal 3(1)) and the pencanangan that needs it.

The text is a template the Inspektorat may replace (`$nama`, `$nip`, `$jabatan`, `$unit`);
each signature keeps the SHA-256 of the exact text the user agreed to.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass
from datetime import date, datetime
from fractions import Fraction
from pathlib import Path
from string import Template

from sqlalchemy.ext.asyncio import AsyncSession

from zi_core.db.repositories import audit, pakta, reminders, units, users
from zi_core.domain.people import UserDTO
from zi_core.domain.roles import Role
from zi_core.domain.unit import UnitDTO
from zi_core.domain.unit_life import Event, TransitionRefused, after

DEFAULT_TEMPLATE = Path(__file__).parent.parent / "pakta" / "pakta-integritas.txt"
DEFAULT_MIN_SHARE = Fraction(1, 2)
""""Sebagian besar": strictly more than half of the unit's staff."""


class PaktaRefused(ValueError):
    """A pakta or pencanangan step that cannot be taken; `reason` picks the message."""

    def __init__(self, reason: str) -> None:
        super().__init__(reason)
        self.reason = reason


def load_template(path: Path | None = None) -> str:
    """The pact template (the bundled one unless the Inspektorat configured another)."""
    return (path or DEFAULT_TEMPLATE).read_text(encoding="utf-8")


def render(template: str, user: UserDTO, unit: UnitDTO) -> str:
    """The pact as this user signs it."""
    return Template(template).safe_substitute(
        nama=user.full_name or "", nip=user.nip or "", jabatan=user.jabatan or "",
        unit=unit.name)


def digest(text: str) -> str:
    """The SHA-256 (hex) of the exact text signed."""
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


async def sign(session: AsyncSession, user: UserDTO, unit: UnitDTO, text: str,
               chat_id: int) -> bool:
    """Record the user's signature of `text`; False when already signed (nothing changes)."""
    if user.unit_id != unit.id or not user.role.has_unit:
        raise PaktaRefused("not_member")
    sha = digest(text)
    created = await pakta.sign(session, user_id=user.id, unit_id=unit.id, text_sha256=sha,
                               chat_id=chat_id)
    if created:
        await audit.append(session, action="pakta.signed", entity="user", entity_id=user.id,
                           actor=user,
                           payload={"unit_id": unit.id, "text_sha256": sha, "chat_id": chat_id})
    return created


@dataclass(frozen=True)
class Coverage:
    """Who of a unit signed the pact: the leader, the staff count against the headcount."""

    leader_signed: bool
    signed: list[tuple[UserDTO, datetime]]
    unsigned: list[UserDTO]
    headcount: int
    headcount_entered: bool

    @property
    def share(self) -> Fraction:
        return Fraction(len(self.signed), self.headcount) if self.headcount else Fraction(0)


async def coverage(session: AsyncSession, unit: UnitDTO) -> Coverage:
    """The unit's pact coverage; headcount is the leader's figure, else the registered users."""
    people = await users.list_all(session, unit_id=unit.id)
    signed_at = await pakta.signers(session, unit.id)
    signed = [(u, signed_at[u.id]) for u in people if u.id in signed_at]
    unsigned = [u for u in people if u.id not in signed_at and u.onboarding_step is None]
    leaders = [u for u in people if u.role is Role.LEADER]
    headcount = max(unit.headcount or 0, len(people))
    return Coverage(leader_signed=any(u.id in signed_at for u in leaders), signed=signed,
                    unsigned=unsigned, headcount=headcount,
                    headcount_entered=unit.headcount is not None)


async def claim_reminders(session: AsyncSession, unit: UnitDTO, today: date) -> list[UserDTO]:
    """The unit's users who have not signed and were not reminded today (now marked)."""
    cover = await coverage(session, unit)
    return [u for u in cover.unsigned if await reminders.claim(session, u.id, "pakta", today)]


async def set_headcount(session: AsyncSession, leader: UserDTO, unit: UnitDTO,
                        headcount: int) -> UnitDTO:
    """The number of employees of the unit (for the coverage), entered by its leader."""
    if not 1 <= headcount <= 100_000:
        raise PaktaRefused("headcount")
    updated = await units.set_headcount(session, unit.id, headcount)
    await audit.append(session, action="unit.headcount_set", entity="unit", entity_id=unit.id,
                       actor=leader,
                       payload={"before": unit.headcount, "after": headcount})
    return updated


async def declare_pencanangan(session: AsyncSession, leader: UserDTO, unit: UnitDTO,
                              on: date, today: date,
                              min_share: Fraction = DEFAULT_MIN_SHARE) -> UnitDTO:
    """Record the unit's pencanangan on `on`, once the leader and most staff have signed."""
    if on > today:
        raise PaktaRefused("future")
    try:
        status = after(Event.PENCANANGAN, unit.status)
    except TransitionRefused as exc:
        raise PaktaRefused(exc.reason) from exc
    cover = await coverage(session, unit)
    if not cover.leader_signed:
        raise PaktaRefused("leader_unsigned")
    if cover.share <= min_share:
        raise PaktaRefused("too_few")
    updated = await units.set_pencanangan(session, unit.id, on, status)
    await audit.append(session, action="unit.pencanangan", entity="unit", entity_id=unit.id,
                       actor=leader,
                       payload={"date": on.isoformat(), "signed": len(cover.signed),
                                "headcount": cover.headcount})
    return updated
