"""Onboarding: an invite gives a role, then the user tells who they are (nama, NIP, jabatan).

The step a user is at lives in the database (`app_user.onboarding_step`), so a restart never
loses it; each answer is checked here and the caller renders the prompt for the next step.
"""

from __future__ import annotations

import unicodedata
from dataclasses import dataclass
from enum import StrEnum

from sqlalchemy.ext.asyncio import AsyncSession

from zi_core.db.repositories import audit, invites, users
from zi_core.domain.errors import InviteInvalid
from zi_core.domain.nip import NipInvalid, normalise_nip
from zi_core.domain.people import UserDTO

NAME_MIN, NAME_MAX = 3, 100
JABATAN_MIN, JABATAN_MAX = 2, 120


class Step(StrEnum):
    """What the bot asks next; `users.ONBOARDING_FIRST_STEP` is the first."""

    FULL_NAME = "full_name"
    NIP = "nip"
    JABATAN = "jabatan"


ORDER = (Step.FULL_NAME, Step.NIP, Step.JABATAN)


class AnswerRefused(ValueError):
    """An onboarding answer that cannot be taken; `reason` picks the user's message."""

    def __init__(self, step: Step, reason: str) -> None:
        super().__init__(f"{step}: {reason}")
        self.step = step
        self.reason = reason


@dataclass(frozen=True)
class Redeemed:
    """The outcome of `/start <code>`: the user and whether this call changed anything."""

    user: UserDTO
    changed: bool


async def redeem(session: AsyncSession, code: str, telegram_id: int,
                 locale: str | None) -> Redeemed:
    """Take an invite; a code this same user already redeemed is taken again as a no-op. A
    deactivated user takes none: only an admin gives access back."""
    code = code.strip()
    known = await users.get_by_telegram_id(session, telegram_id)
    if known and not known.active:
        raise InviteInvalid("deactivated")
    invite = await invites.get_by_code(session, code)
    if known and invite and invite.used_by_user_id == known.id:
        return Redeemed(known, changed=False)  # the same /start again (or a replay)
    if known and known.active and known.onboarding_step is None:
        # Someone registered opening an invite (an admin testing a link): refused, so that
        # nobody loses a role by a tap; an admin changes roles in /pengguna.
        raise InviteInvalid("registered")
    result = await invites.redeem(session, code, telegram_id)
    user = result.user
    if result.user_created and locale:
        user = await users.update_profile(session, user.id, locale=locale)
    await audit.append(session, action="invite.redeemed", entity="user", entity_id=user.id,
                       actor=user, payload={"invite_id": result.invite.id, "role": user.role.value,
                                "unit_id": user.unit_id, "new_user": result.user_created})
    return Redeemed(user, changed=True)


async def answer(session: AsyncSession, user: UserDTO, text: str) -> UserDTO:
    """Take the answer to the user's current step and move to the next (None when done)."""
    step = Step(user.onboarding_step)
    value = _checked(step, text)
    following = ORDER.index(step) + 1
    next_step = ORDER[following].value if following < len(ORDER) else None
    updated = await users.update_profile(session, user.id, onboarding_step=next_step,
                                         **{step.value: value})
    if next_step is None:
        await audit.append(session, action="user.onboarded", entity="user",
                           entity_id=user.id, actor=user,
                           payload={"full_name": updated.full_name, "nip": updated.nip,
                                    "jabatan": updated.jabatan})
    return updated


def clean_text(text: str) -> str:
    """One line of text as typed: no control or zero-width characters, spaces folded."""
    text = unicodedata.normalize("NFC", text)
    kept = "".join(ch if unicodedata.category(ch)[0] != "C" else " " for ch in text)
    return " ".join(kept.split())


def _checked(step: Step, text: str) -> str:
    if step is Step.NIP:
        try:
            return normalise_nip(text)
        except NipInvalid as exc:
            raise AnswerRefused(step, exc.reason) from exc
    value = clean_text(text)
    low, high = (NAME_MIN, NAME_MAX) if step is Step.FULL_NAME else (JABATAN_MIN, JABATAN_MAX)
    if len(value) < low:
        raise AnswerRefused(step, "too_short")
    if len(value) > high:
        raise AnswerRefused(step, "too_long")
    if step is Step.FULL_NAME and not any(ch.isalpha() for ch in value):
        raise AnswerRefused(step, "no_letters")
    if value.startswith("/"):
        raise AnswerRefused(step, "command")
    return value
