"""The production engine settings: SQLite pragmas, BEGIN IMMEDIATE, folders, sessions."""

import asyncio

import pytest
from sqlalchemy import text
from sqlalchemy.exc import IntegrityError

from tests.db.helpers import add_unit
from zi_core.db import create_engine, migrate, session_factory
from zi_core.db.models import Unit, User


async def test_sqlite_pragmas_are_in_force(sqlite_url):
    engine = create_engine(sqlite_url)
    try:
        async with engine.connect() as conn:
            values = {
                name: (await conn.exec_driver_sql(f"PRAGMA {name}")).scalar()
                for name in ("journal_mode", "foreign_keys", "synchronous", "busy_timeout")
            }
    finally:
        await engine.dispose()

    assert values == {
        "journal_mode": "wal",
        "foreign_keys": 1,
        "synchronous": 2,
        "busy_timeout": 5000,
    }


async def test_sqlite_engine_creates_the_database_folder(tmp_path):
    engine = create_engine(f"sqlite+aiosqlite:///{tmp_path}/data/nested/zi.db")
    try:
        async with engine.connect() as conn:
            await conn.exec_driver_sql("SELECT 1")
    finally:
        await engine.dispose()

    assert (tmp_path / "data" / "nested" / "zi.db").exists()


async def test_twenty_concurrent_read_modify_writes_on_sqlite_lose_nothing(sqlite_url):
    await migrate.upgrade(sqlite_url)
    engine = create_engine(sqlite_url)
    factory = session_factory(engine)
    unit = await add_unit(factory)
    async with factory() as session, session.begin():
        (await session.get(Unit, unit.id)).headcount = 5

    async def read_modify_write() -> None:
        async with factory() as session, session.begin():
            row = await session.get(Unit, unit.id)
            seen = row.headcount
            await asyncio.sleep(0.001)  # let the others run between the read and the write
            row.headcount = seen + 1

    try:
        results = await asyncio.gather(
            *(read_modify_write() for _ in range(20)), return_exceptions=True
        )
        async with factory() as session:
            final = await session.scalar(text("SELECT headcount FROM unit_kerja"))
    finally:
        await engine.dispose()

    assert [r for r in results if isinstance(r, BaseException)] == []
    assert final == 25


async def test_foreign_keys_are_enforced(session_factory):
    with pytest.raises(IntegrityError):
        async with session_factory() as session, session.begin():
            session.add(User(telegram_id=1, role="staff", unit_id=999, active=True))


async def test_unit_roles_need_a_unit_in_the_schema_itself(session_factory):
    with pytest.raises(IntegrityError):
        async with session_factory() as session, session.begin():
            session.add(User(telegram_id=1, role="staff", unit_id=None, active=True))


async def test_objects_stay_readable_after_commit(session_factory):
    async with session_factory() as session:
        async with session.begin():
            row = Unit(code="X", name="X", status="terdaftar")
            session.add(row)
        assert row.code == "X"  # no refresh (and no implicit IO) after commit
