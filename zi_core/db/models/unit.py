"""The unit kerja (OPD): the thing that builds its Zona Integritas."""

from __future__ import annotations

from datetime import date, datetime

from sqlalchemy import CheckConstraint, Date, ForeignKey, String, Text
from sqlalchemy.orm import Mapped, mapped_column

from zi_core.db.models.base import NAME_LENGTH, Base, created_at_column
from zi_core.db.types import UtcDateTime, sql_in
from zi_core.domain.statuses import UnitStatus


class Unit(Base):
    """A unit kerja, its place in the ZI life cycle and its penetapan criteria."""

    __tablename__ = "unit_kerja"
    __table_args__ = (CheckConstraint(sql_in("status", UnitStatus), name="status"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    code: Mapped[str] = mapped_column(String(32), unique=True)
    name: Mapped[str] = mapped_column(String(NAME_LENGTH))
    status: Mapped[str] = mapped_column(String(16), default=UnitStatus.TERDAFTAR.value)
    headcount: Mapped[int | None]
    pencanangan_date: Mapped[date | None] = mapped_column(Date)
    core_service: Mapped[bool | None]
    high_risk: Mapped[bool | None]
    wide_impact: Mapped[bool | None]
    penetapan_note: Mapped[str | None] = mapped_column(Text)
    penetapan_at: Mapped[datetime | None] = mapped_column(UtcDateTime())
    # use_alter: unit_kerja and app_user refer to each other; this FK is added after both exist.
    penetapan_by: Mapped[int | None] = mapped_column(ForeignKey("app_user.id", use_alter=True))
    created_at: Mapped[datetime] = created_at_column()
