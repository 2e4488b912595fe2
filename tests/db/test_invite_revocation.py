"""Invites can be listed and revoked, a deactivation revokes what the person made, and a
deactivated user takes no invite at all (issue 14, point 1)."""

from __future__ import annotations

import json
from datetime import timedelta

import pytest
from sqlalchemy import select

from tests.db.evaluasi_helpers import person
from tests.db.helpers import add_unit
from zi_core.db.models import AuditEvent
from zi_core.db.repositories import invites as invite_repo
from zi_core.db.types import utcnow
from zi_core.domain.errors import InviteInvalid
from zi_core.domain.roles import Role
from zi_core.services import invites, onboarding, people


async def _make(factory, maker=None, role: Role = Role.ADMIN, unit_code: str | None = None,
                days: int = 7):
    async with factory() as session, session.begin():
        return await invites.create(session, role=role, unit_code=unit_code, days=days,
                                    actor_user_id=maker.id if maker else None)


async def _revoked_events(factory) -> list[dict]:
    async with factory() as session:
        rows = await session.scalars(select(AuditEvent).where(
            AuditEvent.action == "invite.revoked").order_by(AuditEvent.seq))
        return [{"entity_id": int(r.entity_id), "actor": r.actor_user_id, **json.loads(r.payload)}
                for r in rows]


async def _redeem(factory, code: str, telegram_id: int):
    async with factory() as session, session.begin():
        return await onboarding.redeem(session, code, telegram_id, "id")


async def test_deactivating_a_person_revokes_the_invites_they_made_and_nobody_used(
        session_factory):
    boss = await person(session_factory, Role.ADMIN)
    leaver = await person(session_factory, Role.ADMIN)
    theirs = [await _make(session_factory, leaver) for _ in range(2)]
    used = await _make(session_factory, leaver)
    await _redeem(session_factory, used.code, 777_001)
    others = await _make(session_factory, boss)
    async with session_factory() as session, session.begin():
        await people.set_active(session, boss, leaver.id, False)
    async with session_factory() as session:
        left = [item.invite.id for item in await invites.outstanding(session)]
        states = {i.id: await invite_repo.get_by_code(session, i.code) for i in theirs}
    assert left == [others.id]
    assert all(s.revoked_at is not None and s.revoked_by_user_id == boss.id
               for s in states.values())
    assert [(e["entity_id"], e["actor"], e["why"]) for e in await _revoked_events(
        session_factory)] == [(theirs[0].id, boss.id, "maker_deactivated"),
                              (theirs[1].id, boss.id, "maker_deactivated")]
    for invite in theirs:
        with pytest.raises(InviteInvalid) as caught:
            await _redeem(session_factory, invite.code, 777_002)
        assert caught.value.reason == "revoked"


async def test_a_deactivated_admin_cannot_redeem_an_admin_invite(session_factory):
    boss = await person(session_factory, Role.ADMIN)
    leaver = await person(session_factory, Role.ADMIN)
    fresh = await _make(session_factory, boss)  # made by someone still active
    async with session_factory() as session, session.begin():
        await people.set_active(session, boss, leaver.id, False)
    with pytest.raises(InviteInvalid) as caught:
        await _redeem(session_factory, fresh.code, leaver.telegram_id)
    assert caught.value.reason == "deactivated"
    async with session_factory() as session:
        again = await invite_repo.get_by_code(session, fresh.code)
        still = [i.invite.id for i in await invites.outstanding(session)]
    assert again.used_at is None and still == [fresh.id]  # the invite stays for its person


async def test_a_deactivated_user_cannot_take_back_an_invite_they_redeemed(session_factory):
    boss = await person(session_factory, Role.ADMIN)
    invite = await _make(session_factory, boss, Role.TPI_MEMBER)
    joined = await _redeem(session_factory, invite.code, 777_010)
    async with session_factory() as session, session.begin():
        await people.set_active(session, boss, joined.user.id, False)
    with pytest.raises(InviteInvalid) as caught:
        await _redeem(session_factory, invite.code, 777_010)
    assert caught.value.reason == "deactivated"


async def test_outstanding_lists_what_can_still_be_used_with_unit_and_maker(session_factory):
    boss = await person(session_factory, Role.ADMIN)
    await add_unit(session_factory, code="DINKES")
    staff = await _make(session_factory, boss, Role.STAFF, "DINKES", days=3)
    chair = await _make(session_factory, None, Role.TPI_CHAIR, days=1)
    used = await _make(session_factory, boss)
    await _redeem(session_factory, used.code, 777_020)
    gone = await _make(session_factory, boss)
    async with session_factory() as session, session.begin():
        await invites.revoke(session, gone.code, boss)
    async with session_factory() as session:
        found = await invites.outstanding(session)
    assert [(i.invite.id, i.unit_code, i.unit_name, i.created_by) for i in found] == [
        (chair.id, None, None, None),  # soonest to expire first; made from the CLI
        (staff.id, "DINKES", "Unit DINKES", boss.full_name)]


@pytest.mark.parametrize("state", ["used", "expired", "revoked", "unknown"])
async def test_only_an_invite_that_can_still_be_used_is_revoked(session_factory, state):
    boss = await person(session_factory, Role.ADMIN)
    invite = await _make(session_factory, boss)
    code = invite.code
    if state == "used":
        await _redeem(session_factory, code, 777_030)
    elif state == "expired":
        async with session_factory() as session, session.begin():
            code = (await invite_repo.create(session, role=Role.ADMIN,
                                             now=utcnow() - timedelta(days=2),
                                             valid_for=timedelta(days=1))).code
    elif state == "revoked":
        async with session_factory() as session, session.begin():
            await invites.revoke(session, code, boss)
    else:
        code = "no-such-code"
    before = len(await _revoked_events(session_factory))
    with pytest.raises(InviteInvalid) as caught:
        async with session_factory() as session, session.begin():
            await invites.revoke(session, code, boss)
    assert caught.value.reason == state
    assert len(await _revoked_events(session_factory)) == before  # nothing audited twice


async def test_a_revoked_invite_is_refused_at_redeem_and_one_revoked_by_the_cli_has_no_actor(
        session_factory):
    invite = await _make(session_factory)
    async with session_factory() as session, session.begin():
        revoked = await invites.revoke(session, f"  {invite.code} ", None)
    assert revoked.revoked_at is not None and revoked.revoked_by_user_id is None
    with pytest.raises(InviteInvalid) as caught:
        await _redeem(session_factory, invite.code, 777_040)
    assert caught.value.reason == "revoked"
    assert [(e["actor"], e["why"]) for e in await _revoked_events(session_factory)] == [
        (None, "revoked")]
