"""Signatures of the pakta integritas: one per user and exact text (SHA-256)."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import func, select
from sqlalchemy.ext.asyncio import AsyncSession

from zi_core.db.models import PactSignature
from zi_core.db.repositories._upsert import insert_for
from zi_core.db.types import utcnow


async def sign(session: AsyncSession, *, user_id: int, unit_id: int, text_sha256: str,
               chat_id: int, now: datetime | None = None) -> bool:
    """Record a signature; False when this user already signed this exact text."""
    statement = (
        insert_for(session, PactSignature)
        .values(user_id=user_id, unit_id=unit_id, text_sha256=text_sha256, chat_id=chat_id,
                signed_at=now or utcnow())
        .on_conflict_do_nothing(index_elements=["user_id", "text_sha256"])
        .returning(PactSignature.id)
    )
    return (await session.execute(statement)).scalar_one_or_none() is not None


async def signed_at(session: AsyncSession, user_id: int) -> datetime | None:
    """When the user first signed the pakta (any version), or None."""
    return await session.scalar(select(func.min(PactSignature.signed_at))
                                .where(PactSignature.user_id == user_id))


async def signers(session: AsyncSession, unit_id: int) -> dict[int, datetime]:
    """The unit's signers: user id → first signature time."""
    rows = await session.execute(
        select(PactSignature.user_id, func.min(PactSignature.signed_at))
        .where(PactSignature.unit_id == unit_id).group_by(PactSignature.user_id))
    return {user_id: when for user_id, when in rows}
