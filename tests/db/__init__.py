"""Database tests, run on SQLite and on PostgreSQL."""
