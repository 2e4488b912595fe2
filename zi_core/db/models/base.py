"""The declarative base: one `MetaData` with a naming convention, and shared column helpers.

Named constraints are what let Alembic's batch mode (SQLite's move-and-copy) drop or alter
them later (tech-notes §2.4).
"""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import MetaData
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column

from zi_core.db.types import UtcDateTime, utcnow

NAMING_CONVENTION = {
    "ix": "ix_%(table_name)s_%(column_0_N_name)s",
    "uq": "uq_%(table_name)s_%(column_0_N_name)s",
    "ck": "ck_%(table_name)s_%(constraint_name)s",
    "fk": "fk_%(table_name)s_%(column_0_name)s_%(referred_table_name)s",
    "pk": "pk_%(table_name)s",
}

NAME_LENGTH = 255
"""Names, file names, jabatan: Telegram's own names fit in 255 characters."""


class Base(DeclarativeBase):
    """Base class of every model; its metadata is what the migrations must agree with."""

    metadata = MetaData(naming_convention=NAMING_CONVENTION)


def created_at_column() -> Mapped[datetime]:
    """A non-null creation timestamp that defaults to now (UTC)."""
    return mapped_column(UtcDateTime(), default=utcnow, nullable=False)
