"""The dialect's own INSERT construct, which offers ON CONFLICT on SQLite and PostgreSQL."""

from __future__ import annotations

from typing import Any

from sqlalchemy.dialects import postgresql, sqlite
from sqlalchemy.ext.asyncio import AsyncSession


def insert_for(session: AsyncSession, model: Any) -> Any:
    """`INSERT INTO model` built for the session's dialect, with `on_conflict_do_*`."""
    name = session.get_bind().dialect.name
    if name == "postgresql":
        return postgresql.insert(model)
    if name == "sqlite":
        return sqlite.insert(model)
    raise NotImplementedError(f"no upsert for dialect {name!r}")
