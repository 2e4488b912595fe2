"""The async engine and session factory, with the SQLite settings that keep writes safe.

SQLite (tech-notes §2.1): every connection gets WAL, a 5 s busy timeout, enforced foreign keys
and synchronous=FULL; the driver's own transaction handling is switched off and each
transaction starts with `BEGIN IMMEDIATE` (sent with its first statement, see
`sqlite_driver`), so a read-modify-write takes the write lock up front instead of failing with
"database is locked" when it tries to upgrade. The price: a transaction held open blocks every
other writer, so never keep one across a Telegram call.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from sqlalchemy import event
from sqlalchemy.engine import URL, Engine, make_url
from sqlalchemy.ext.asyncio import AsyncEngine, async_sessionmaker, create_async_engine

from zi_core.db import sqlite_driver

DEFAULT_URL = "sqlite+aiosqlite:///./zi.db"

SQLITE_PRAGMAS = (
    "PRAGMA journal_mode=WAL",
    "PRAGMA busy_timeout=5000",
    "PRAGMA foreign_keys=ON",
    "PRAGMA synchronous=FULL",
)


def is_sqlite(url: str | URL) -> bool:
    """Whether the URL names a SQLite database."""
    return make_url(url).get_backend_name() == "sqlite"


def create_engine(url: str | URL, **kwargs: Any) -> AsyncEngine:
    """Create the async engine for `url`; extra keyword arguments go to SQLAlchemy."""
    parsed = make_url(url)
    backend = parsed.get_backend_name()
    if backend == "sqlite":
        _ensure_parent_folder(parsed)
        connect_args = {"timeout": 5, "async_creator_fn": sqlite_driver.connect,
                        **kwargs.pop("connect_args", {})}
        engine = create_async_engine(parsed, connect_args=connect_args, **kwargs)
        _install_sqlite_events(engine.sync_engine)
        return engine
    if backend == "postgresql":
        kwargs.setdefault("pool_pre_ping", True)
    return create_async_engine(parsed, **kwargs)


AUDIT_KEY_INFO = "audit_key"
"""The `Session.info` entry holding the key of the audit chain (AUDIT_KEY), or None."""


def session_factory(engine: AsyncEngine, audit_key: bytes | None = None) -> async_sessionmaker:
    """A session factory whose objects stay readable after commit (no implicit IO); its
    sessions key the audit chain with `audit_key` (plain SHA-256 without one)."""
    return async_sessionmaker(engine, expire_on_commit=False,
                              info={AUDIT_KEY_INFO: audit_key})


def _ensure_parent_folder(url: URL) -> None:
    database = url.database
    if not database or database == ":memory:" or database.startswith("file:"):
        return
    Path(database).expanduser().parent.mkdir(parents=True, exist_ok=True)


def _install_sqlite_events(sync_engine: Engine) -> None:
    @event.listens_for(sync_engine, "connect")
    def _on_connect(dbapi_connection: Any, _record: Any) -> None:
        # Take transaction control away from the driver; `_on_begin` emits BEGIN itself.
        dbapi_connection.isolation_level = None
        cursor = dbapi_connection.cursor()
        try:
            for pragma in SQLITE_PRAGMAS:
                cursor.execute(pragma)
        finally:
            cursor.close()

    @event.listens_for(sync_engine, "begin")
    def _on_begin(connection: Any) -> None:
        # Sent with the transaction's first statement, in the same trip to aiosqlite's thread.
        connection.connection.driver_connection.begin_later("BEGIN IMMEDIATE")
