"""The append-only, hash-chained audit trail.

Triggers created by the migrations refuse UPDATE and DELETE on this table;
`zi_core.db.repositories.audit` appends to it and verifies the chain.
"""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import BigInteger, ForeignKey, Index, SmallInteger, String, Text
from sqlalchemy.orm import Mapped, mapped_column

from zi_core.db.models.base import Base
from zi_core.db.types import UtcDateTime


class AuditEvent(Base):
    """One event: who did what to which entity, chained to the previous event by hash."""

    __tablename__ = "audit_event"
    __table_args__ = (
        Index(None, "entity", "entity_id"),
        # AUTOINCREMENT: SQLite must never reuse the sequence number of a removed row.
        {"sqlite_autoincrement": True},
    )

    seq: Mapped[int] = mapped_column(primary_key=True, autoincrement=True)
    at: Mapped[datetime] = mapped_column(UtcDateTime())
    actor_user_id: Mapped[int | None] = mapped_column(ForeignKey("app_user.id"))
    actor_telegram_id: Mapped[int | None] = mapped_column(BigInteger)
    action: Mapped[str] = mapped_column(String(64))
    entity: Mapped[str] = mapped_column(String(64))
    entity_id: Mapped[str | None] = mapped_column(String(128))
    payload: Mapped[str] = mapped_column(Text)
    prev_hash: Mapped[str] = mapped_column(String(64))
    hash: Mapped[str] = mapped_column(String(64), unique=True)
    scheme: Mapped[int] = mapped_column(SmallInteger, server_default="1")
    """How `hash` was computed (zi_core.db.repositories.audit_hash): 1 the rule before the
    actors were hashed, 2 every column with plain SHA-256, 3 every column keyed with AUDIT_KEY."""
