"""Tim kerja (Pasal 5(3)-(4)): the unit's team per area of change, with a coordinator."""

from __future__ import annotations

from datetime import date, datetime

from sqlalchemy import Date, ForeignKey, String, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column

from zi_core.db.models.base import Base, created_at_column


class TeamMember(Base):
    """A unit user on the team of one area; at most one coordinator per area (enforced by
    the service)."""

    __tablename__ = "tim_kerja"
    __table_args__ = (UniqueConstraint("unit_id", "area_key", "user_id"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    unit_id: Mapped[int] = mapped_column(ForeignKey("unit_kerja.id"), index=True)
    area_key: Mapped[str] = mapped_column(String(64))
    user_id: Mapped[int] = mapped_column(ForeignKey("app_user.id"))
    coordinator: Mapped[bool] = mapped_column(default=False)
    created_at: Mapped[datetime] = created_at_column()


class ReminderSent(Base):
    """A reminder that went out: one per person, kind and day, so nobody gets it twice."""

    __tablename__ = "reminder_sent"
    __table_args__ = (UniqueConstraint("user_id", "kind", "day"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    user_id: Mapped[int] = mapped_column(ForeignKey("app_user.id"))
    kind: Mapped[str] = mapped_column(String(32))
    day: Mapped[date] = mapped_column(Date)
    created_at: Mapped[datetime] = created_at_column()
