"""Run the Alembic migrations that ship inside this package, without an alembic.ini.

`upgrade`, `downgrade` and `current_revision` open their own engine (pool-less), run the
whole step in one transaction and close it again. On SQLite foreign keys are switched off
for the step, as Alembic's batch mode (move-and-copy of a table) needs, and
`PRAGMA foreign_key_check` must come back empty before the step commits.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

from alembic import command
from alembic.autogenerate import compare_metadata
from alembic.config import Config
from alembic.runtime.migration import MigrationContext
from alembic.script import ScriptDirectory
from sqlalchemy import Connection
from sqlalchemy.engine import URL, make_url
from sqlalchemy.ext.asyncio import AsyncConnection
from sqlalchemy.pool import NullPool

from zi_core.db.engine import create_engine, is_sqlite

MIGRATIONS_DIR = Path(__file__).parent / "migrations"


class MigrationError(RuntimeError):
    """A migration step left the database inconsistent and was rolled back."""


def alembic_config(url: str | URL | None = None) -> Config:
    """An Alembic config pointing at the bundled migrations (and at `url`, if given)."""
    config = Config()
    config.set_main_option("script_location", str(MIGRATIONS_DIR))
    config.set_main_option("path_separator", "os")
    if url is not None:
        rendered = make_url(url).render_as_string(hide_password=False)
        config.set_main_option("sqlalchemy.url", rendered.replace("%", "%%"))
    return config


def head_revision() -> str:
    """The newest revision the bundled migrations define."""
    head = ScriptDirectory.from_config(alembic_config()).get_current_head()
    if head is None:
        raise MigrationError(f"no migrations found in {MIGRATIONS_DIR}")
    return head


async def upgrade(url: str | URL, revision: str = "head") -> None:
    """Upgrade the database at `url` to `revision` (the newest by default)."""
    await _run(url, lambda config: command.upgrade(config, revision))


async def downgrade(url: str | URL, revision: str) -> None:
    """Downgrade the database at `url` to `revision` ("base" removes every table)."""
    await _run(url, lambda config: command.downgrade(config, revision))


async def current_revision(url: str | URL) -> str | None:
    """The revision the database is at, or None if it was never migrated."""
    engine = create_engine(url, poolclass=NullPool)
    try:
        async with engine.connect() as connection:
            return await connection.run_sync(
                lambda sync: MigrationContext.configure(sync).get_current_revision()
            )
    finally:
        await engine.dispose()


async def pending_changes(url: str | URL) -> list[Any]:
    """Differences between the models and the database (empty when they agree)."""
    from zi_core.db.models import metadata

    engine = create_engine(url, poolclass=NullPool)
    try:
        async with engine.connect() as connection:
            return await connection.run_sync(
                lambda sync: compare_metadata(
                    MigrationContext.configure(sync, opts={"compare_type": True}), metadata
                )
            )
    finally:
        await engine.dispose()


async def _run(url: str | URL, step: Callable[[Config], None]) -> None:
    config = alembic_config(url)
    sqlite = is_sqlite(url)
    engine = create_engine(url, poolclass=NullPool)
    try:
        async with engine.connect() as connection:
            if sqlite:
                await _sqlite_foreign_keys(connection, on=False)
            async with connection.begin():
                await connection.run_sync(_in_transaction, config, step, sqlite)
    finally:
        await engine.dispose()


def _in_transaction(
    connection: Connection, config: Config, step: Callable[[Config], None], sqlite: bool
) -> None:
    config.attributes["connection"] = connection
    step(config)
    if sqlite:
        broken = connection.exec_driver_sql("PRAGMA foreign_key_check").fetchall()
        if broken:
            raise MigrationError(f"foreign keys broken by the migration: {broken[:5]}")


async def _sqlite_foreign_keys(connection: AsyncConnection, *, on: bool) -> None:
    # The pragma is ignored inside a transaction, so it goes straight to the driver
    # before SQLAlchemy begins one.
    raw = await connection.get_raw_connection()
    cursor = await raw.driver_connection.execute(f"PRAGMA foreign_keys={'ON' if on else 'OFF'}")
    await cursor.close()
