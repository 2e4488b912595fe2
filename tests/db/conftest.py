"""Fixtures for the database tests; other folders import them from tests.db.fixtures."""

from tests.db.fixtures import (  # noqa: F401
    db_url,
    dialect,
    engine,
    postgres_url,
    session_factory,
    sqlite_url,
)
