"""Installed LKE versions: store one, read the one in force (the newest installed)."""

from __future__ import annotations

import hashlib
from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession

from zi_core.db.models import LkeVersion
from zi_core.db.types import utcnow


@dataclass(frozen=True)
class LkeVersionDTO:
    """One installed LKE file."""

    id: int
    version: str
    sha256: str
    text: str
    installed_at: datetime
    installed_by_user_id: int | None


def _dto(row: LkeVersion) -> LkeVersionDTO:
    return LkeVersionDTO(row.id, row.version, row.sha256, row.text, row.installed_at,
                         row.installed_by_user_id)


async def install(session: AsyncSession, version: str, text: str, *,
                  user_id: int | None = None, telegram_id: int | None = None) -> LkeVersionDTO:
    """Store `text` as LKE `version`; from now on it is the version in force."""
    row = LkeVersion(version=version, sha256=hashlib.sha256(text.encode("utf-8")).hexdigest(),
                     text=text, installed_at=utcnow(), installed_by_user_id=user_id,
                     installed_by_telegram_id=telegram_id)
    session.add(row)
    await session.flush()
    return _dto(row)


async def in_force(session: AsyncSession) -> LkeVersionDTO | None:
    """The newest installed version, or None when only the bundled file exists."""
    row = await session.scalar(select(LkeVersion).order_by(LkeVersion.id.desc()).limit(1))
    return None if row is None else _dto(row)


async def by_version(session: AsyncSession, version: str) -> LkeVersionDTO | None:
    """The installed version labelled `version`, if any."""
    row = await session.scalar(select(LkeVersion).where(LkeVersion.version == version))
    return None if row is None else _dto(row)


async def list_all(session: AsyncSession) -> list[LkeVersionDTO]:
    """Every installed version, oldest first."""
    rows = await session.scalars(select(LkeVersion).order_by(LkeVersion.id))
    return [_dto(row) for row in rows]
