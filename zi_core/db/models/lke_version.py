"""Installed LKE worksheet versions (Perbup 49/2022 Pasal 7(4)): the newest one is in force."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import BigInteger, ForeignKey, String, Text
from sqlalchemy.orm import Mapped, mapped_column

from zi_core.db.models.base import Base
from zi_core.db.types import UtcDateTime


class LkeVersion(Base):
    """One installed LKE file: its text and SHA-256, its version label, who installed it when."""

    __tablename__ = "lke_version"

    id: Mapped[int] = mapped_column(primary_key=True, autoincrement=True)
    version: Mapped[str] = mapped_column(String(64), unique=True)
    sha256: Mapped[str] = mapped_column(String(64))
    text: Mapped[str] = mapped_column(Text)
    installed_at: Mapped[datetime] = mapped_column(UtcDateTime())
    installed_by_user_id: Mapped[int | None] = mapped_column(ForeignKey("app_user.id"))
    installed_by_telegram_id: Mapped[int | None] = mapped_column(BigInteger)


class LkeUpload(Base):
    """An LKE file an admin sent in the chat, validated and previewed, awaiting "✅ Pasang".

    `based_on` is the version in force the preview was made against: once another version is
    installed, that preview no longer says what the file changes.
    """

    __tablename__ = "lke_upload"

    id: Mapped[int] = mapped_column(primary_key=True, autoincrement=True)
    user_id: Mapped[int] = mapped_column(ForeignKey("app_user.id"), index=True)
    version: Mapped[str] = mapped_column(String(64))
    based_on: Mapped[str] = mapped_column(String(64))
    text: Mapped[str] = mapped_column(Text)
    created_at: Mapped[datetime] = mapped_column(UtcDateTime())
