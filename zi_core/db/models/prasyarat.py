"""The prerequisites of Lampiran II: the instansi's, per year, and each unit's, per year."""

from __future__ import annotations

from datetime import date, datetime
from decimal import Decimal

from sqlalchemy import Date, ForeignKey, String, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column

from zi_core.db.models.base import Base
from zi_core.db.types import ExactNumeric, UtcDateTime, utcnow


class InstansiPrerequisite(Base):
    """The regency's own prerequisites for one year: opini BPK, SAKIP, indeks RB, SPIP."""

    __tablename__ = "instansi_prerequisite"

    id: Mapped[int] = mapped_column(primary_key=True)
    year: Mapped[int] = mapped_column(unique=True)
    opini_bpk: Mapped[str | None] = mapped_column(String(32))
    sakip: Mapped[str | None] = mapped_column(String(8))
    indeks_rb: Mapped[str | None] = mapped_column(String(16))
    spip_level: Mapped[int | None]
    entered_by_user_id: Mapped[int] = mapped_column(ForeignKey("app_user.id"))
    entered_at: Mapped[datetime] = mapped_column(UtcDateTime(), default=utcnow)


class UnitPrerequisite(Base):
    """A unit's prerequisites for one year: follow-up, LHKPN and LHKASN rates, and criteria."""

    __tablename__ = "unit_prerequisite"
    __table_args__ = (UniqueConstraint("unit_id", "year"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    unit_id: Mapped[int] = mapped_column(ForeignKey("unit_kerja.id"))
    year: Mapped[int]
    tindak_lanjut_percent: Mapped[Decimal | None] = mapped_column(ExactNumeric(5, 2))
    lhkpn_percent: Mapped[Decimal | None] = mapped_column(ExactNumeric(5, 2))
    lhkasn_percent: Mapped[Decimal | None] = mapped_column(ExactNumeric(5, 2))
    sakip_internal: Mapped[str | None] = mapped_column(String(8))
    core_service: Mapped[bool | None]
    significant_impact: Mapped[bool | None]
    holds_wbk: Mapped[bool | None]
    wbk_predicate_date: Mapped[date | None] = mapped_column(Date)  # the SK giving WBK
    entered_by_user_id: Mapped[int] = mapped_column(ForeignKey("app_user.id"))
    entered_at: Mapped[datetime] = mapped_column(UtcDateTime(), default=utcnow)
