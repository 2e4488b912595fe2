"""Signatures of the pakta integritas: one per user and pact text."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import BigInteger, ForeignKey, String, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column

from zi_core.db.models.base import Base
from zi_core.db.types import UtcDateTime, utcnow


class PactSignature(Base):
    """A user's signature of one version (SHA-256) of the pakta integritas text."""

    __tablename__ = "pakta_signature"
    __table_args__ = (UniqueConstraint("user_id", "text_sha256"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    user_id: Mapped[int] = mapped_column(ForeignKey("app_user.id"))
    unit_id: Mapped[int] = mapped_column(ForeignKey("unit_kerja.id"), index=True)
    text_sha256: Mapped[str] = mapped_column(String(64))
    signed_at: Mapped[datetime] = mapped_column(UtcDateTime(), default=utcnow)
    chat_id: Mapped[int] = mapped_column(BigInteger)
