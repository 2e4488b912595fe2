"""Invites are single-use and expire, also when redeemed concurrently."""

import asyncio
from datetime import UTC, datetime, timedelta

import pytest

from tests.db.helpers import add_unit
from zi_core.db.repositories import invites, users
from zi_core.domain.errors import InviteInvalid
from zi_core.domain.people import RedeemResult
from zi_core.domain.roles import Role

NOW = datetime(2025, 5, 1, 8, 0, tzinfo=UTC)


async def _invite(factory, role=Role.STAFF, unit_id=None, now=NOW, valid_for=timedelta(days=1)):
    async with factory() as session, session.begin():
        return await invites.create(
            session, role=role, unit_id=unit_id, now=now, valid_for=valid_for
        )


async def _redeem(factory, code, telegram_id, now=NOW + timedelta(hours=1)):
    async with factory() as session, session.begin():
        return await invites.redeem(session, code, telegram_id, now)


async def test_redeeming_creates_the_user_with_the_invites_role(session_factory):
    unit = await add_unit(session_factory)
    invite = await _invite(session_factory, Role.STAFF, unit.id)

    result = await _redeem(session_factory, invite.code, 5_000_000_000)

    assert result.user_created
    assert result.user.role is Role.STAFF and result.user.unit_id == unit.id
    assert result.user.onboarding_step == users.ONBOARDING_FIRST_STEP
    assert result.invite.used_by_user_id == result.user.id
    assert result.invite.used_at == NOW + timedelta(hours=1)


async def test_a_known_user_gets_the_new_role(session_factory):
    unit = await add_unit(session_factory)
    first = await _redeem(
        session_factory, (await _invite(session_factory, Role.STAFF, unit.id)).code, 42
    )
    second = await _redeem(
        session_factory, (await _invite(session_factory, Role.TPI_MEMBER)).code, 42
    )

    assert not second.user_created and second.user.id == first.user.id
    assert second.user.role is Role.TPI_MEMBER and second.user.unit_id is None


async def test_an_invite_is_single_use(session_factory):
    invite = await _invite(session_factory, Role.ADMIN)
    await _redeem(session_factory, invite.code, 1)

    with pytest.raises(InviteInvalid) as caught:
        await _redeem(session_factory, invite.code, 2)
    assert caught.value.reason == "used"


async def test_an_expired_invite_is_refused(session_factory):
    invite = await _invite(session_factory, Role.ADMIN, valid_for=timedelta(minutes=30))

    with pytest.raises(InviteInvalid) as caught:
        await _redeem(session_factory, invite.code, 1, now=NOW + timedelta(minutes=30))
    assert caught.value.reason == "expired"


async def test_an_unknown_code_is_refused(session_factory):
    with pytest.raises(InviteInvalid) as caught:
        await _redeem(session_factory, "no-such-code", 1)
    assert caught.value.reason == "unknown"


async def test_of_two_overlapping_redeems_exactly_one_wins(session_factory):
    invite = await _invite(session_factory, Role.ADMIN)
    claimed = asyncio.Event()

    async def first() -> RedeemResult:
        async with session_factory() as session, session.begin():
            result = await invites.redeem(session, invite.code, 1, NOW)
            claimed.set()
            await asyncio.sleep(0.3)  # hold the claim while the second redeem starts
            return result

    async def second() -> RedeemResult:
        await claimed.wait()
        return await _redeem(session_factory, invite.code, 2, NOW)

    results = await asyncio.gather(first(), second(), return_exceptions=True)

    assert isinstance(results[0], RedeemResult)
    assert isinstance(results[1], InviteInvalid) and results[1].reason == "used"


async def test_of_many_concurrent_redeems_exactly_one_wins(session_factory):
    invite = await _invite(session_factory, Role.ADMIN)

    results = await asyncio.gather(
        *(_redeem(session_factory, invite.code, 100 + n, NOW) for n in range(8)),
        return_exceptions=True,
    )

    winners = [r for r in results if isinstance(r, RedeemResult)]
    losers = [r for r in results if isinstance(r, InviteInvalid) and r.reason == "used"]
    assert len(winners) == 1 and len(losers) == 7
