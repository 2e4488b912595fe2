"""Database fixtures for the command-line tests (SQLite and PostgreSQL)."""

from tests.db.fixtures import db_url  # noqa: F401
