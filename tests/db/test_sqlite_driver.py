"""The SQLite driver: one trip to aiosqlite's thread per statement, the BEGIN sent with the
transaction's first statement, and everything SQLAlchemy reads of a cursor still right."""

import sqlite3
import subprocess
import sys

import pytest
from sqlalchemy import text
from sqlalchemy.exc import IntegrityError, OperationalError

from zi_core.db import create_engine
from zi_core.db.sqlite_driver import Connection


@pytest.fixture
async def engine(tmp_path):
    engine = create_engine(f"sqlite+aiosqlite:///{tmp_path}/d.db")
    async with engine.begin() as conn:
        await conn.exec_driver_sql(
            "CREATE TABLE t (id INTEGER PRIMARY KEY, name TEXT UNIQUE NOT NULL)")
    try:
        yield engine
    finally:
        await engine.dispose()


@pytest.fixture
def trips(monkeypatch):
    """Counts the calls queued to aiosqlite's worker thread."""
    counted: list[str] = []
    original = Connection._execute

    async def counting(self, fn, *args, **kwargs):
        counted.append(getattr(fn, "__name__", repr(fn)))
        return await original(self, fn, *args, **kwargs)

    monkeypatch.setattr(Connection, "_execute", counting)
    return counted


async def test_a_select_is_one_trip_and_its_transaction_two(engine, trips):
    async with engine.connect() as conn:
        await conn.exec_driver_sql("SELECT 1")  # connected and warm
        await conn.commit()
        trips.clear()
        async with conn.begin():
            rows = (await conn.execute(text("SELECT 40 + 2 AS answer"))).all()
    assert [tuple(row) for row in rows] == [(42,)]
    assert trips == ["trip", "commit"]  # BEGIN went with the SELECT; then the COMMIT


async def test_a_transaction_that_ran_nothing_costs_no_trip(engine, trips):
    async with engine.connect() as conn:
        await conn.exec_driver_sql("SELECT 1")
        await conn.commit()
        trips.clear()
        async with conn.begin():
            pass
    assert trips == []


async def test_the_begin_still_takes_the_write_lock_up_front(engine):
    async with engine.connect() as first, engine.connect() as second:
        await second.exec_driver_sql("PRAGMA busy_timeout=100")  # fail fast, not in 5 s
        await second.commit()
        async with first.begin():
            await first.execute(text("SELECT count(*) FROM t"))  # a read, under BEGIN IMMEDIATE
            with pytest.raises(OperationalError, match="locked"):
                async with second.begin():
                    await second.execute(text("INSERT INTO t (name) VALUES ('b')"))
        async with second.begin():  # the first let go: the write goes through now
            await second.execute(text("INSERT INTO t (name) VALUES ('b')"))


async def test_a_begin_refused_by_the_lock_is_still_owed_to_the_next_statement(engine):
    async with engine.connect() as first, engine.connect() as second:
        await second.exec_driver_sql("PRAGMA busy_timeout=100")
        await second.commit()
        async with first.begin():
            await first.execute(text("SELECT count(*) FROM t"))
            waiting = await second.begin()
            with pytest.raises(OperationalError, match="locked"):
                await second.execute(text("INSERT INTO t (name) VALUES ('x')"))
        await second.execute(text("INSERT INTO t (name) VALUES ('y')"))  # in a transaction
        await waiting.rollback()
        names = (await second.execute(text("SELECT name FROM t"))).scalars().all()
    assert names == []


async def test_rollback_undoes_and_errors_keep_their_type(engine):
    async with engine.connect() as conn:
        async with conn.begin() as tx:
            await conn.execute(text("INSERT INTO t (name) VALUES ('gone')"))
            await tx.rollback()
        async with conn.begin():
            await conn.execute(text("INSERT INTO t (name) VALUES ('kept')"))
        with pytest.raises(IntegrityError):
            async with conn.begin():
                await conn.execute(text("INSERT INTO t (name) VALUES ('kept')"))
        names = (await conn.execute(text("SELECT name FROM t ORDER BY id"))).scalars().all()
    assert names == ["kept"]


async def test_rowcount_lastrowid_many_and_streaming(engine):
    async with engine.connect() as conn:
        async with conn.begin():
            inserted = await conn.execute(text("INSERT INTO t (name) VALUES ('a')"))
            many = await conn.execute(text("INSERT INTO t (name) VALUES (:n)"),
                                      [{"n": f"m{k}"} for k in range(5)])
            changed = await conn.execute(text("UPDATE t SET name = name || '!' "
                                              "WHERE name LIKE 'm%'"))
        streamed = await conn.stream(text("SELECT name FROM t ORDER BY id"))
        names = [row.name async for row in streamed]
    assert inserted.lastrowid == 1
    assert many.rowcount == 5 and changed.rowcount == 5
    assert names == ["a", "m0!", "m1!", "m2!", "m3!", "m4!"]


async def test_the_connection_is_the_driver_of_the_engine(engine):
    async with engine.connect() as conn:
        raw = await conn.get_raw_connection()
        assert isinstance(raw.driver_connection, Connection)
        version = (await conn.execute(text("SELECT sqlite_version()"))).scalar()
    assert version == sqlite3.sqlite_version


def test_an_engine_left_undisposed_does_not_keep_the_process_alive(tmp_path):
    script = (
        "import asyncio, sys\n"
        "from sqlalchemy import text\n"
        "from zi_core.db import create_engine\n"
        "async def main():\n"
        "    engine = create_engine(f'sqlite+aiosqlite:///{sys.argv[1]}')\n"
        "    async with engine.connect() as conn:\n"
        "        await conn.execute(text('SELECT 1'))\n"
        "asyncio.run(main())\n"
    )
    finished = subprocess.run([sys.executable, "-c", script, str(tmp_path / "left.db")],
                              timeout=60, capture_output=True)
    assert finished.returncode == 0, finished.stderr
