"""Installed LKE versions: store one, read the one in force (the newest installed); and the
files sent in the chat that wait for their sender's confirmation."""

from __future__ import annotations

import hashlib
from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import delete, select
from sqlalchemy.ext.asyncio import AsyncSession

from zi_core.db.models import LkeUpload, LkeVersion
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


@dataclass(frozen=True)
class LkeUploadDTO:
    """An LKE file sent in the chat, awaiting its sender's confirmation."""

    id: int
    user_id: int
    version: str
    based_on: str
    text: str


def _upload(row: LkeUpload) -> LkeUploadDTO:
    return LkeUploadDTO(row.id, row.user_id, row.version, row.based_on, row.text)


async def hold(session: AsyncSession, user_id: int, version: str, based_on: str,
               text: str) -> LkeUploadDTO:
    """Keep a previewed file for its sender; an earlier file of theirs is dropped."""
    await session.execute(delete(LkeUpload).where(LkeUpload.user_id == user_id))
    row = LkeUpload(user_id=user_id, version=version, based_on=based_on, text=text,
                    created_at=utcnow())
    session.add(row)
    await session.flush()
    return _upload(row)


async def held(session: AsyncSession, upload_id: int) -> LkeUploadDTO | None:
    """A held file, if it is still there."""
    row = await session.get(LkeUpload, upload_id)
    return None if row is None else _upload(row)


async def drop(session: AsyncSession, upload_id: int) -> bool:
    """Forget a held file; True if it was there."""
    result = await session.execute(delete(LkeUpload).where(LkeUpload.id == upload_id))
    return bool(result.rowcount)
