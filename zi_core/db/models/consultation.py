"""A unit's questions to the TPI (konsultasi) and the messages exchanged on them."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import CheckConstraint, ForeignKey, String, Text
from sqlalchemy.orm import Mapped, mapped_column

from zi_core.db.models.base import Base, created_at_column
from zi_core.db.models.rencana_aksi import LKE_ID_LENGTH
from zi_core.db.types import sql_in
from zi_core.domain.statuses import ConsultationStatus


class Consultation(Base):
    """A thread opened by a unit user, optionally about one LKE indicator."""

    __tablename__ = "consultation"
    __table_args__ = (CheckConstraint(sql_in("status", ConsultationStatus), name="status"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    unit_id: Mapped[int] = mapped_column(ForeignKey("unit_kerja.id"), index=True)
    asked_by_user_id: Mapped[int] = mapped_column(ForeignKey("app_user.id"))
    indicator_id: Mapped[str | None] = mapped_column(String(LKE_ID_LENGTH))
    status: Mapped[str] = mapped_column(String(16), default=ConsultationStatus.OPEN.value)
    created_at: Mapped[datetime] = created_at_column()


class ConsultationMessage(Base):
    """One message of a consultation thread (up to Telegram's 4096 characters)."""

    __tablename__ = "consultation_message"

    id: Mapped[int] = mapped_column(primary_key=True)
    consultation_id: Mapped[int] = mapped_column(ForeignKey("consultation.id"), index=True)
    author_user_id: Mapped[int] = mapped_column(ForeignKey("app_user.id"))
    text: Mapped[str] = mapped_column(Text)
    created_at: Mapped[datetime] = created_at_column()
