"""Values that differ between SQLite and PostgreSQL round-trip the same on both."""

from datetime import UTC, datetime, timedelta
from decimal import Decimal
from zoneinfo import ZoneInfo

import pytest
from sqlalchemy import select
from sqlalchemy.exc import StatementError

from tests.db.helpers import add_unit, add_user
from zi_core.db.models import Evidence, HasilInput, Invite, User
from zi_core.db.repositories import invites
from zi_core.domain.roles import Role

WIB = ZoneInfo("Asia/Pontianak")


async def test_telegram_ids_and_file_sizes_beyond_32_bits_round_trip(session_factory):
    telegram_id = 2**31 + 12345  # real ids already exceed PostgreSQL's INTEGER
    size = 2**32 + 7
    unit = await add_unit(session_factory)
    user = await add_user(session_factory, Role.STAFF, unit.id, telegram_id=telegram_id)
    async with session_factory() as session, session.begin():
        session.add(
            Evidence(
                unit_id=unit.id,
                sha256="a" * 64,
                file_name="sk.pdf",
                mime_type="application/pdf",
                size=size,
                telegram_file_id="f",
                telegram_file_unique_id="u",
                uploaded_by_user_id=user.id,
            )
        )

    async with session_factory() as session:
        assert await session.scalar(select(User.telegram_id)) == telegram_id
        assert await session.scalar(select(Evidence.size)) == size


async def test_aware_datetimes_load_as_the_same_instant_in_utc(session_factory):
    created = datetime(2025, 3, 1, 9, 30, 15, 123456, tzinfo=WIB)
    async with session_factory() as session, session.begin():
        await invites.create(session, role=Role.ADMIN, now=created)

    async with session_factory() as session:
        loaded = await session.scalar(select(Invite.created_at))

    assert loaded == created
    assert loaded.tzinfo is not None and loaded.utcoffset() == timedelta(0)
    assert loaded.isoformat() == "2025-03-01T02:30:15.123456+00:00"


async def test_utc_comparisons_work_across_offsets(session_factory):
    now = datetime(2025, 3, 1, 12, 0, tzinfo=UTC)
    async with session_factory() as session, session.begin():
        await invites.create(session, role=Role.ADMIN, now=now, valid_for=timedelta(hours=1))

    # 19:30 WIB is 12:30 UTC: before the expiry at 13:00 UTC, though "later" as local text.
    local = datetime(2025, 3, 1, 19, 30, tzinfo=WIB)
    async with session_factory() as session:
        found = await session.scalar(select(Invite.id).where(Invite.expires_at > local))

    assert found is not None


async def test_a_naive_datetime_is_refused_on_bind(session_factory):
    with pytest.raises(StatementError, match="naive datetime refused"):
        async with session_factory() as session, session.begin():
            await invites.create(session, role=Role.ADMIN, now=datetime(2025, 3, 1, 12, 0))


async def test_decimals_are_exact_and_rounded_half_up(session_factory):
    unit = await add_unit(session_factory)
    user = await add_user(session_factory)
    async with session_factory() as session, session.begin():
        session.add(
            HasilInput(
                unit_id=unit.id,
                year=2025,
                ipak=Decimal("3.45"),
                ipkp=Decimal("3.125"),
                entered_by_user_id=user.id,
            )
        )

    async with session_factory() as session:
        row = (await session.execute(select(HasilInput.ipak, HasilInput.ipkp))).one()

    assert row.ipak == Decimal("3.45") and isinstance(row.ipak, Decimal)
    assert row.ipkp == Decimal("3.13")


async def test_a_decimal_too_large_for_its_column_is_refused(session_factory):
    unit = await add_unit(session_factory)
    user = await add_user(session_factory)
    with pytest.raises(StatementError, match="does not fit"):
        async with session_factory() as session, session.begin():
            session.add(
                HasilInput(
                    unit_id=unit.id, year=2025, ipak=Decimal("100"), entered_by_user_id=user.id
                )
            )
