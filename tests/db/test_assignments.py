"""Who evaluates which unit: assignments by the secretary or chair, independence, and who
may evaluate what."""

from __future__ import annotations

import pytest

from tests.db.evaluasi_helpers import NIP, OTHER_NIP, person, run, unit_in
from zi_core.db.repositories import audit, users
from zi_core.domain.roles import Role
from zi_core.services import assignments
from zi_core.services.assignments import AssignmentRefused


async def test_the_secretary_assigns_a_member_once_and_it_is_audited(session_factory):
    unit = await unit_in(session_factory)
    secretary = await person(session_factory, Role.TPI_SECRETARY)
    member = await person(session_factory, Role.TPI_MEMBER)

    first = await run(session_factory, assignments.assign, secretary, unit.id, member.id)
    again = await run(session_factory, assignments.assign, secretary, unit.id, member.id)

    assert (first, again) == (True, False)
    assert [u.id for u in await run(session_factory, assignments.units_of, member.id)] == [
        unit.id]
    assert [u.id for u in await run(session_factory, assignments.members_of, unit.id)] == [
        member.id]
    events = await run(session_factory, audit.events_for, "unit", unit.id)
    assert [(e.action, e.actor_user_id) for e in events] == [("tpi.assigned", secretary.id)]


async def test_the_chair_may_assign_too(session_factory):
    unit = await unit_in(session_factory)
    chair = await person(session_factory, Role.TPI_CHAIR)
    member = await person(session_factory, Role.TPI_SECRETARY)

    assert await run(session_factory, assignments.assign, chair, unit.id, member.id) is True


@pytest.mark.parametrize("role", [Role.TPI_MEMBER, Role.ADMIN, Role.LEADER])
async def test_only_the_secretary_and_chair_may_assign(session_factory, role):
    unit = await unit_in(session_factory)
    actor = await person(session_factory, role, unit.id if role.has_unit else None)
    member = await person(session_factory, Role.TPI_MEMBER)

    with pytest.raises(AssignmentRefused) as refused:
        await run(session_factory, assignments.assign, actor, unit.id, member.id)

    assert refused.value.reason == "not_allowed"


async def test_a_deactivated_secretary_may_no_longer_assign(session_factory):
    unit = await unit_in(session_factory)
    secretary = await person(session_factory, Role.TPI_SECRETARY, active=False)
    member = await person(session_factory, Role.TPI_MEMBER)

    with pytest.raises(AssignmentRefused) as refused:
        await run(session_factory, assignments.assign, secretary, unit.id, member.id)

    assert refused.value.reason == "not_allowed"


async def test_only_an_active_tpi_user_can_be_assigned(session_factory):
    unit = await unit_in(session_factory)
    secretary = await person(session_factory, Role.TPI_SECRETARY)
    staff = await person(session_factory, Role.STAFF, unit.id)
    gone = await person(session_factory, Role.TPI_MEMBER, active=False)

    for target in (staff.id, gone.id, 999_999):
        with pytest.raises(AssignmentRefused) as refused:
            await run(session_factory, assignments.assign, secretary, unit.id, target)
        assert refused.value.reason == "not_tpi"


async def test_an_unknown_unit_is_refused(session_factory):
    secretary = await person(session_factory, Role.TPI_SECRETARY)
    member = await person(session_factory, Role.TPI_MEMBER)

    with pytest.raises(AssignmentRefused) as refused:
        await run(session_factory, assignments.assign, secretary, 424_242, member.id)

    assert refused.value.reason == "unit"


async def test_a_member_who_works_in_the_unit_is_not_independent(session_factory):
    unit = await unit_in(session_factory)
    elsewhere = await unit_in(session_factory)
    await person(session_factory, Role.STAFF, unit.id, nip=NIP, active=False)
    secretary = await person(session_factory, Role.TPI_SECRETARY)
    member = await person(session_factory, Role.TPI_MEMBER, nip=NIP)
    other = await person(session_factory, Role.TPI_MEMBER, nip=OTHER_NIP)

    with pytest.raises(AssignmentRefused) as refused:
        await run(session_factory, assignments.assign, secretary, unit.id, member.id)

    assert refused.value.reason == "independence"
    assert await run(session_factory, assignments.assign, secretary, elsewhere.id, member.id)
    assert await run(session_factory, assignments.assign, secretary, unit.id, other.id)


async def test_chair_and_secretary_evaluate_every_unit_members_only_assigned_ones(
        session_factory):
    first, second = await unit_in(session_factory), await unit_in(session_factory)
    chair = await person(session_factory, Role.TPI_CHAIR)
    secretary = await person(session_factory, Role.TPI_SECRETARY)
    member = await person(session_factory, Role.TPI_MEMBER)
    leader = await person(session_factory, Role.LEADER, first.id)
    admin = await person(session_factory, Role.ADMIN)
    await run(session_factory, assignments.assign, secretary, second.id, member.id)

    async def may(user, unit):
        return await run(session_factory, assignments.may_evaluate, user, unit.id)

    assert [await may(chair, u) for u in (first, second)] == [True, True]
    assert [await may(secretary, u) for u in (first, second)] == [True, True]
    assert [await may(member, u) for u in (first, second)] == [False, True]
    assert [await may(leader, first), await may(admin, first)] == [False, False]
    evaluable = {user.id: [u.id for u in await run(session_factory,
                                                    assignments.evaluable_units, user)]
                 for user in (chair, member, leader)}
    assert evaluable == {chair.id: sorted([first.id, second.id]), member.id: [second.id],
                         leader.id: []}


async def test_unassigning_ends_a_members_access_and_is_audited(session_factory):
    unit = await unit_in(session_factory)
    secretary = await person(session_factory, Role.TPI_SECRETARY)
    member = await person(session_factory, Role.TPI_MEMBER)
    await run(session_factory, assignments.assign, secretary, unit.id, member.id)

    removed = await run(session_factory, assignments.unassign, secretary, unit.id, member.id)
    again = await run(session_factory, assignments.unassign, secretary, unit.id, member.id)

    assert (removed, again) == (True, False)
    assert not await run(session_factory, assignments.may_evaluate, member, unit.id)
    events = await run(session_factory, audit.events_for, "unit", unit.id)
    assert [e.action for e in events] == ["tpi.assigned", "tpi.unassigned"]


async def test_a_deactivated_member_may_not_evaluate_an_assigned_unit(session_factory):
    unit = await unit_in(session_factory)
    secretary = await person(session_factory, Role.TPI_SECRETARY)
    member = await person(session_factory, Role.TPI_MEMBER)
    await run(session_factory, assignments.assign, secretary, unit.id, member.id)
    await run(session_factory, users.deactivate, member.id)

    assert not await run(session_factory, assignments.may_evaluate, member, unit.id)
    assert await run(session_factory, assignments.evaluable_units, member) == []
