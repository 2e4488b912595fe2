"""The notice outbox: messages owed to other people after a change (a new konsultasi to its
evaluators, a recommendation to the unit), written in the change's own transaction so that
whatever was committed is delivered, in order per recipient, however long Telegram refuses."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import ForeignKey, String, Text
from sqlalchemy.orm import Mapped, mapped_column

from zi_core.db.models.base import Base, created_at_column
from zi_core.db.types import UtcDateTime, utcnow


class Notice(Base):
    """One message piece owed to one user: sent, given up (with the reason), or due again at
    `next_attempt_at`. `key` names it (update, recipient, piece) so a replay owes it once."""

    __tablename__ = "notice_outbox"

    id: Mapped[int] = mapped_column(primary_key=True)
    key: Mapped[str] = mapped_column(String(96), unique=True)
    user_id: Mapped[int] = mapped_column(ForeignKey("app_user.id"), index=True)
    text: Mapped[str] = mapped_column(Text)
    created_at: Mapped[datetime] = created_at_column()
    attempts: Mapped[int] = mapped_column(default=0)
    next_attempt_at: Mapped[datetime] = mapped_column(UtcDateTime(), default=utcnow)
    sent_at: Mapped[datetime | None] = mapped_column(UtcDateTime(), index=True)
    failed_reason: Mapped[str | None] = mapped_column(String(64))
