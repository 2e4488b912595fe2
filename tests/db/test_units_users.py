"""Units and users repositories."""

import pytest

from tests.db.helpers import add_unit
from zi_core.db.repositories import units, users
from zi_core.domain.errors import DuplicateUnitCode
from zi_core.domain.people import UserDTO
from zi_core.domain.roles import Role
from zi_core.domain.statuses import UnitStatus
from zi_core.domain.unit import UnitDTO


async def test_a_duplicate_unit_code_is_a_domain_error_and_the_transaction_survives(
    session_factory,
):
    await add_unit(session_factory, "DINKES")

    async with session_factory() as session, session.begin():
        with pytest.raises(DuplicateUnitCode) as caught:
            await units.add(session, code="dinkes", name="Dinas Kesehatan lagi")
        await units.add(session, code="DISDIK", name="Dinas Pendidikan")

    assert caught.value.code == "DINKES"
    async with session_factory() as session:
        assert [u.code for u in await units.list_all(session)] == ["DINKES", "DISDIK"]


async def test_units_are_found_by_code_and_listed_by_code(session_factory):
    for code in ("KEC-DELTA", "BAPPEDA", "DINKES"):
        await add_unit(session_factory, code)

    async with session_factory() as session:
        found = await units.get_by_code(session, " dinkes ")
        listed = await units.list_all(session)
        missing = await units.get_by_code(session, "NOPE")

    assert isinstance(found, UnitDTO) and found.status is UnitStatus.TERDAFTAR
    assert [u.code for u in listed] == ["BAPPEDA", "DINKES", "KEC-DELTA"]
    assert missing is None


async def test_a_malformed_unit_code_is_refused(session_factory):
    async with session_factory() as session:
        with pytest.raises(ValueError):
            await units.add(session, code="dinas kesehatan", name="x")


async def test_unit_status_is_stored(session_factory):
    unit = await add_unit(session_factory)
    async with session_factory() as session, session.begin():
        await units.set_status(session, unit.id, UnitStatus.DICANANGKAN)

    async with session_factory() as session:
        assert (await units.get(session, unit.id)).status is UnitStatus.DICANANGKAN


async def test_user_lifecycle(session_factory):
    unit = await add_unit(session_factory)
    async with session_factory() as session, session.begin():
        created = await users.create(
            session, telegram_id=2**40, role=Role.STAFF, unit_id=unit.id, full_name="Ani"
        )
        await users.create(session, telegram_id=77, role=Role.TPI_CHAIR, full_name="Budi")

    async with session_factory() as session, session.begin():
        leader = await users.set_role(session, created.id, Role.LEADER, unit.id)
        profile = await users.update_profile(session, created.id, nip="1" * 18, locale="en")
        gone = await users.deactivate(session, created.id)

    async with session_factory() as session:
        found = await users.get_by_telegram_id(session, 2**40)
        active = await users.list_all(session)
        everyone = await users.list_all(session, active_only=False)
        leaders = await users.list_all(session, role=Role.LEADER, active_only=False)

    assert isinstance(found, UserDTO) and found.id == created.id
    assert leader.role is Role.LEADER and profile.nip == "1" * 18 and profile.locale == "en"
    assert not gone.active and gone.deactivated_at is not None
    assert [u.full_name for u in active] == ["Budi"]
    assert [u.full_name for u in everyone] == ["Ani", "Budi"]
    assert [u.id for u in leaders] == [created.id]


async def test_roles_and_units_must_match(session_factory):
    unit = await add_unit(session_factory)
    async with session_factory() as session:
        with pytest.raises(ValueError):
            await users.create(session, telegram_id=1, role=Role.STAFF)
        with pytest.raises(ValueError):
            await users.create(session, telegram_id=1, role=Role.ADMIN, unit_id=unit.id)
