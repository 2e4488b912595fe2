"""The dialect's own INSERT construct, which offers ON CONFLICT on SQLite and PostgreSQL."""

from __future__ import annotations

from typing import Any

from sqlalchemy.dialects import postgresql, sqlite
from sqlalchemy.ext.asyncio import AsyncSession


def insert_for(session: AsyncSession, model: Any) -> Any:
    """`INSERT INTO model` built for the session's dialect, with `on_conflict_do_*`."""
    return insert_in(dialect_of(session), model)


def dialect_of(session: AsyncSession) -> str:
    """The name of the session's dialect: "sqlite" or "postgresql"."""
    return session.get_bind().dialect.name


def insert_in(name: str, model: Any) -> Any:
    """`INSERT INTO model` for the dialect `name` (statements built once per dialect)."""
    if name == "postgresql":
        return postgresql.insert(model)
    if name == "sqlite":
        return sqlite.insert(model)
    raise NotImplementedError(f"no upsert for dialect {name!r}")
