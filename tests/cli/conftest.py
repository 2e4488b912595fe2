"""Database fixtures for the command-line tests (SQLite and PostgreSQL)."""

from tests.db.fixtures import db_url, sqlite_url  # noqa: F401
