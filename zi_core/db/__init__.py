"""Persistence: the async engine and sessions, ORM models, repositories and migrations.

Everything above this package talks to the database through the repositories, which take an
`AsyncSession` and return frozen DTOs (`zi_core.domain`); ORM objects never leave it.
"""

from zi_core.db.engine import DEFAULT_URL, create_engine, session_factory

__all__ = ["DEFAULT_URL", "create_engine", "session_factory"]
