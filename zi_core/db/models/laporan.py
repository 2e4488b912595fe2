"""The Inspektur's weekly summary: each unit's figures of a week (to compare the next week
against), the run that produced a week's summary, and its delivery to each recipient."""

from __future__ import annotations

from datetime import date, datetime

from sqlalchemy import Date, ForeignKey, String, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column

from zi_core.db.models.base import Base, created_at_column
from zi_core.db.types import UtcDateTime


class WeeklyFigure(Base):
    """One unit's headline figures in the week starting `week_start` (a Monday)."""

    __tablename__ = "weekly_figure"
    __table_args__ = (UniqueConstraint("week_start", "unit_id"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    week_start: Mapped[date] = mapped_column(Date)
    unit_id: Mapped[int] = mapped_column(ForeignKey("unit_kerja.id"))
    # The total as shown ("75.00"): stored as text so that nothing re-rounds it.
    total: Mapped[str] = mapped_column(String(8))
    verdict: Mapped[str] = mapped_column(String(16))
    progress_percent: Mapped[int]
    evidence_count: Mapped[int]
    pact_signed: Mapped[int]
    last_activity_at: Mapped[datetime | None] = mapped_column(UtcDateTime())


class SummaryRun(Base):
    """The weekly summary of one week was built (once); `sent_at` once every copy went out."""

    __tablename__ = "summary_run"

    week_start: Mapped[date] = mapped_column(Date, primary_key=True)
    created_at: Mapped[datetime] = created_at_column()
    sent_at: Mapped[datetime | None] = mapped_column(UtcDateTime())


class SummaryOutbox(Base):
    """One recipient's copy of a week's summary: sent, or why it failed."""

    __tablename__ = "summary_outbox"
    __table_args__ = (UniqueConstraint("week_start", "user_id"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    week_start: Mapped[date] = mapped_column(Date)
    user_id: Mapped[int] = mapped_column(ForeignKey("app_user.id"))
    sent_at: Mapped[datetime | None] = mapped_column(UtcDateTime())
    failed_reason: Mapped[str | None] = mapped_column(String(64))
