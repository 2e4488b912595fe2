"""The durable inbox: raw Telegram updates, committed before their offset is confirmed."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import BigInteger, Text
from sqlalchemy.orm import Mapped, mapped_column

from zi_core.db.models.base import Base
from zi_core.db.types import UtcDateTime, utcnow


class InboxUpdate(Base):
    """One received update, keyed by Telegram's update_id; handled_at is set once it is done.

    applied_at is set in the same transaction as the handler's changes, so a replay after a
    crash between that commit and the reply knows not to change anything again.
    """

    __tablename__ = "inbox_update"

    update_id: Mapped[int] = mapped_column(BigInteger, primary_key=True, autoincrement=False)
    payload: Mapped[str] = mapped_column(Text)
    received_at: Mapped[datetime] = mapped_column(UtcDateTime(), default=utcnow)
    # Set in the handler's own transaction: its changes are in, whatever happens after.
    applied_at: Mapped[datetime | None] = mapped_column(UtcDateTime())
    handled_at: Mapped[datetime | None] = mapped_column(UtcDateTime(), index=True)
    attempts: Mapped[int] = mapped_column(default=0)
    last_error: Mapped[str | None] = mapped_column(Text)
