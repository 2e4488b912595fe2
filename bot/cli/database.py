"""Run one command-line step against the configured database, migrated first."""

from __future__ import annotations

import asyncio
from collections.abc import Awaitable, Callable
from typing import TypeVar

from sqlalchemy.exc import SQLAlchemyError
from sqlalchemy.ext.asyncio import AsyncSession

from bot.cli.errors import CliError
from bot.settings import Settings, SettingsError, load_settings
from zi_core.db import create_engine, migrate, session_factory
from zi_core.db.repositories.audit_hash import AuditKeyMissing

T = TypeVar("T")


def settings() -> Settings:
    """The settings, or a one-line CLI error."""
    try:
        return load_settings()
    except SettingsError as exc:
        raise CliError(str(exc)) from exc


def in_transaction(step: Callable[[AsyncSession], Awaitable[T]]) -> T:
    """Migrate the database to head, then run `step` in one committed transaction."""
    config = settings()
    return asyncio.run(_run(config.database_url, step, config.chain_key()))


def upgrade() -> str:
    """Apply every pending migration and say where the database stands."""
    url = settings().database_url
    asyncio.run(_guard(migrate.upgrade(url)))
    return f"basis data {_shown(url)} pada revisi {migrate.head_revision()}"


async def _run(url: str, step: Callable[[AsyncSession], Awaitable[T]],
               audit_key: bytes | None = None) -> T:
    await _guard(migrate.upgrade(url))
    engine = create_engine(url)
    try:
        async with session_factory(engine, audit_key)() as session, session.begin():
            return await _guard(step(session))
    finally:
        await engine.dispose()


async def _guard(work: Awaitable[T]) -> T:
    try:
        return await work
    except AuditKeyMissing as exc:
        raise CliError("jejak audit dikunci dengan AUDIT_KEY: atur AUDIT_KEY yang sama "
                       "sebelum mencatat") from exc
    except (SQLAlchemyError, OSError) as exc:
        detail = str(exc).splitlines()[0] if str(exc) else type(exc).__name__
        raise CliError(f"basis data tidak dapat dipakai: {detail}") from exc


def _shown(url: str) -> str:
    from sqlalchemy.engine import make_url

    return make_url(url).render_as_string(hide_password=True)
