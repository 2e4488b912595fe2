"""The rencana aksi (Lampiran I) of a unit and the evidence uploaded for it."""

from __future__ import annotations

from datetime import date, datetime

from sqlalchemy import (
    BigInteger,
    CheckConstraint,
    Date,
    ForeignKey,
    String,
    Text,
    UniqueConstraint,
)
from sqlalchemy.orm import Mapped, mapped_column

from zi_core.db.models.base import NAME_LENGTH, Base, created_at_column
from zi_core.db.types import UtcDateTime, sql_in, utcnow
from zi_core.domain.statuses import ActionItemStatus

LKE_ID_LENGTH = 64
"""Ids from the LKE data file: indicators ("P.1.i"), questions, RA items ("RA.P.1.i.1")."""


class ActionItem(Base):
    """One action of a unit's rencana aksi, checked off as the unit works through it."""

    __tablename__ = "rencana_aksi"
    __table_args__ = (
        UniqueConstraint("unit_id", "ra_item_id"),
        CheckConstraint(sql_in("status", ActionItemStatus), name="status"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    unit_id: Mapped[int] = mapped_column(ForeignKey("unit_kerja.id"))
    indicator_id: Mapped[str] = mapped_column(String(LKE_ID_LENGTH))
    # The Lampiran I item this row instantiates; NULL for the unit's own additional items.
    ra_item_id: Mapped[str | None] = mapped_column(String(LKE_ID_LENGTH))
    text: Mapped[str] = mapped_column(Text)
    target_date: Mapped[date | None] = mapped_column(Date)
    pic_user_id: Mapped[int | None] = mapped_column(ForeignKey("app_user.id"))
    status: Mapped[str] = mapped_column(String(16), default=ActionItemStatus.BELUM.value)
    version: Mapped[int] = mapped_column(default=1)
    created_at: Mapped[datetime] = created_at_column()
    updated_at: Mapped[datetime] = mapped_column(UtcDateTime(), default=utcnow, onupdate=utcnow)

    __mapper_args__ = {"version_id_col": version}


class Evidence(Base):
    """A file uploaded as evidence; replaced or deleted files stay, marked, for the record."""

    __tablename__ = "evidence"

    id: Mapped[int] = mapped_column(primary_key=True)
    unit_id: Mapped[int] = mapped_column(ForeignKey("unit_kerja.id"), index=True)
    action_item_id: Mapped[int | None] = mapped_column(ForeignKey("rencana_aksi.id"), index=True)
    question_id: Mapped[str | None] = mapped_column(String(LKE_ID_LENGTH))
    sha256: Mapped[str] = mapped_column(String(64), index=True)
    file_name: Mapped[str] = mapped_column(String(NAME_LENGTH))
    mime_type: Mapped[str] = mapped_column(String(NAME_LENGTH))
    size: Mapped[int] = mapped_column(BigInteger)
    telegram_file_id: Mapped[str] = mapped_column(String(NAME_LENGTH))
    telegram_file_unique_id: Mapped[str] = mapped_column(String(64))
    caption: Mapped[str | None] = mapped_column(String(1024))
    uploaded_by_user_id: Mapped[int] = mapped_column(ForeignKey("app_user.id"))
    uploaded_at: Mapped[datetime] = mapped_column(UtcDateTime(), default=utcnow)
    replaces_evidence_id: Mapped[int | None] = mapped_column(ForeignKey("evidence.id"),
                                                             index=True)
    deleted_at: Mapped[datetime | None] = mapped_column(UtcDateTime())
    deleted_by_user_id: Mapped[int | None] = mapped_column(ForeignKey("app_user.id"))
