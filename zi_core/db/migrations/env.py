"""Alembic environment for ZI Assistant (async engines, batch mode for SQLite).

`zi_core.db.migrate` hands over an open connection already inside a transaction through
`config.attributes["connection"]`; without one (the `alembic` command line with a config
naming `sqlalchemy.url`, or DATABASE_URL) this file opens its own engine.
"""

import asyncio
import os

from alembic import context
from sqlalchemy import Connection
from sqlalchemy.pool import NullPool
from sqlalchemy.types import TypeDecorator

from zi_core.db.engine import DEFAULT_URL, create_engine
from zi_core.db.models import metadata

config = context.config


def render_item(type_: str, obj: object, autogen_context: object) -> str | bool:
    """Render our TypeDecorators as their plain SQLAlchemy type, so migrations import nothing
    from the application."""
    if type_ == "type" and isinstance(obj, TypeDecorator):
        return f"sa.{obj.impl!r}"
    return False


def configure(**options: object) -> None:
    """Configure the migration context the same way online, offline and for autogenerate."""
    context.configure(
        target_metadata=metadata,
        render_as_batch=True,
        compare_type=True,
        render_item=render_item,
        **options,
    )


def run_on(connection: Connection) -> None:
    """Run the migrations on an open connection."""
    configure(connection=connection)
    with context.begin_transaction():
        context.run_migrations()


async def run_own_engine(url: str) -> None:
    """Open an engine for `url`, run the migrations in one transaction, close it."""
    engine = create_engine(url, poolclass=NullPool)
    try:
        async with engine.connect() as connection, connection.begin():
            await connection.run_sync(run_on)
    finally:
        await engine.dispose()


def database_url() -> str:
    """The URL from the Alembic config, else DATABASE_URL, else the default."""
    return (
        config.get_main_option("sqlalchemy.url") or os.environ.get("DATABASE_URL") or DEFAULT_URL
    )


if context.is_offline_mode():
    configure(url=database_url(), literal_binds=True, dialect_opts={"paramstyle": "named"})
    with context.begin_transaction():
        context.run_migrations()
elif (shared := config.attributes.get("connection")) is not None:
    run_on(shared)
else:
    asyncio.run(run_own_engine(database_url()))
