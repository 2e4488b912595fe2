"""Database fixtures for any test folder: a fresh, migrated database per test.

`db_url` is parametrized over SQLite (a temp file) and PostgreSQL (a throwaway role and a
schema of the same name: the URL logs in as that role, whose search_path is its schema, so
the URL alone isolates the test, also when an application builds its own engine from it).
`engine` is migrated to head with the production settings; `session_factory` makes sessions.

Use them from another test folder by importing them into its conftest.py:

    from tests.db.fixtures import db_url, engine, session_factory  # noqa: F401

PostgreSQL comes from ZI_TEST_POSTGRES_URL (default postgres@127.0.0.1:5432/test; its user
must be allowed to create roles). If the server is unreachable the postgres cases are
skipped with the reason, unless ZI_REQUIRE_POSTGRES=1, which makes that an error.
"""

from __future__ import annotations

import os
import secrets
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from pathlib import Path

import pytest
from sqlalchemy.engine import make_url
from sqlalchemy.ext.asyncio import AsyncEngine, async_sessionmaker, create_async_engine
from sqlalchemy.pool import NullPool

from zi_core.db import create_engine, migrate
from zi_core.db import session_factory as make_session_factory

DEFAULT_POSTGRES_URL = "postgresql+asyncpg://postgres@127.0.0.1:5432/test"
CONNECT_TIMEOUT = 5

_unreachable: dict[str, str] = {}


def postgres_admin_url() -> str:
    """The PostgreSQL server the tests use (ZI_TEST_POSTGRES_URL or the local default)."""
    return os.environ.get("ZI_TEST_POSTGRES_URL", DEFAULT_POSTGRES_URL)


def sqlite_url_in(folder: Path) -> str:
    """A SQLite URL for a fresh database file in `folder`."""
    return f"sqlite+aiosqlite:///{folder}/t.db"


@asynccontextmanager
async def postgres_database(admin_url: str | None = None) -> AsyncIterator[str]:
    """Create a throwaway role+schema, yield a URL that lands in it, drop both afterwards."""
    admin_url = admin_url or postgres_admin_url()
    admin = create_async_engine(
        admin_url, poolclass=NullPool, connect_args={"timeout": CONNECT_TIMEOUT}
    )
    try:
        await _require_reachable(admin, admin_url)
        name = f"t_{secrets.token_hex(6)}"
        password = make_url(admin_url).password
        login = f" PASSWORD '{password}'" if password else ""
        async with admin.begin() as conn:
            await conn.exec_driver_sql(f"CREATE ROLE {name} LOGIN{login}")
            await conn.exec_driver_sql(f"CREATE SCHEMA {name} AUTHORIZATION {name}")
            await conn.exec_driver_sql(f"ALTER ROLE {name} SET search_path = {name}")
        try:
            url = make_url(admin_url).set(username=name)
            yield url.render_as_string(hide_password=False)
        finally:
            async with admin.begin() as conn:
                await conn.exec_driver_sql(
                    "SELECT pg_terminate_backend(pid) FROM pg_stat_activity"
                    f" WHERE usename = '{name}'"
                )
                await conn.exec_driver_sql(f"DROP SCHEMA {name} CASCADE")
                await conn.exec_driver_sql(f"DROP ROLE {name}")
    finally:
        await admin.dispose()


async def _require_reachable(admin: AsyncEngine, admin_url: str) -> None:
    shown = make_url(admin_url).render_as_string(hide_password=True)
    if admin_url not in _unreachable:
        try:
            async with admin.connect() as conn:
                await conn.exec_driver_sql("SELECT 1")
        except Exception as exc:  # any failure to connect means "not reachable"
            _unreachable[admin_url] = f"{type(exc).__name__}: {exc}"
        else:
            _unreachable[admin_url] = ""
    if reason := _unreachable[admin_url]:
        message = f"PostgreSQL not reachable at {shown}: {reason}"
        if os.environ.get("ZI_REQUIRE_POSTGRES") == "1":
            pytest.fail(message)
        pytest.skip(message)


@pytest.fixture(params=["sqlite", pytest.param("postgres", marks=pytest.mark.postgres)])
async def db_url(request: pytest.FixtureRequest, tmp_path: Path) -> AsyncIterator[str]:
    """An empty database, once on SQLite and once on PostgreSQL."""
    if request.param == "sqlite":
        yield sqlite_url_in(tmp_path)
        return
    async with postgres_database() as url:
        yield url


@pytest.fixture
def sqlite_url(tmp_path: Path) -> str:
    """An empty SQLite database (for tests about SQLite only)."""
    return sqlite_url_in(tmp_path)


@pytest.fixture
async def postgres_url() -> AsyncIterator[str]:
    """An empty PostgreSQL schema (for tests about PostgreSQL only)."""
    async with postgres_database() as url:
        yield url


@pytest.fixture
async def engine(db_url: str) -> AsyncIterator[AsyncEngine]:
    """The production engine on a database migrated to head."""
    await migrate.upgrade(db_url)
    engine = create_engine(db_url)
    try:
        yield engine
    finally:
        await engine.dispose()


@pytest.fixture
def session_factory(engine: AsyncEngine) -> async_sessionmaker:
    """Sessions as the application makes them (expire_on_commit=False)."""
    return make_session_factory(engine)


@pytest.fixture
def dialect(engine: AsyncEngine) -> str:
    """The dialect name of the engine under test: "sqlite" or "postgresql"."""
    return engine.dialect.name
