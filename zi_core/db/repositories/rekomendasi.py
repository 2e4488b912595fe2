"""Recommendations of the TPI per question, and the questions flagged for a second look."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import bindparam, select, text, update
from sqlalchemy.ext.asyncio import AsyncSession

from zi_core.db.models import Recheck, Rekomendasi
from zi_core.db.types import utcnow
from zi_core.domain.penilaian import RekomendasiDTO

ADVISORY_LOCK_KEY = 0x5A49_2EC4
"""With the unit id, the PostgreSQL advisory lock (an int4 pair) on a unit's recheck flags."""


def to_dto(row: Rekomendasi) -> RekomendasiDTO:
    """Copy a recommendation row into its DTO."""
    return RekomendasiDTO(row.id, row.unit_id, row.question_id, row.author_user_id, row.text,
                          row.created_at)


async def add(session: AsyncSession, *, unit_id: int, question_id: str, author_user_id: int,
              body: str) -> RekomendasiDTO:
    """Store a recommendation."""
    row = Rekomendasi(unit_id=unit_id, question_id=question_id, author_user_id=author_user_id,
                      text=body)
    session.add(row)
    await session.flush()
    return to_dto(row)


async def for_unit(session: AsyncSession, unit_id: int) -> list[RekomendasiDTO]:
    """Every recommendation to a unit, oldest first."""
    rows = await session.scalars(select(Rekomendasi).where(Rekomendasi.unit_id == unit_id)
                                 .order_by(Rekomendasi.created_at, Rekomendasi.id))
    return [to_dto(row) for row in rows]


async def exists_for(session: AsyncSession, unit_id: int, question_id: str) -> bool:
    """Whether the question of this unit has any recommendation."""
    found = await session.scalar(select(Rekomendasi.id).where(
        Rekomendasi.unit_id == unit_id, Rekomendasi.question_id == question_id).limit(1))
    return found is not None


async def lock_rechecks(session: AsyncSession, unit_id: int) -> None:
    """Serialise flagging of one unit (SQLite's `BEGIN IMMEDIATE` already does)."""
    if session.get_bind().dialect.name == "postgresql":
        await session.execute(text("SELECT pg_advisory_xact_lock(:k, :u)"),
                              {"k": ADVISORY_LOCK_KEY, "u": unit_id})


async def open_flag(session: AsyncSession, unit_id: int, question_id: str) -> int | None:
    """The id of the open recheck flag of a question, or None."""
    return await session.scalar(_OPEN_FLAG, {"unit_id": unit_id, "question_id": question_id})


async def flag(session: AsyncSession, unit_id: int, question_id: str,
               evidence_id: int | None) -> int:
    """Open a recheck flag (the caller made sure none is open); its id."""
    row = Recheck(unit_id=unit_id, question_id=question_id, evidence_id=evidence_id)
    session.add(row)
    await session.flush()
    return row.id


_CLEAR = (update(Recheck).where(Recheck.unit_id == bindparam("unit"),
                                Recheck.question_id == bindparam("question"),
                                Recheck.cleared_at.is_(None))
          .values(cleared_at=bindparam("at"), cleared_by=bindparam("by"))
          .execution_options(synchronize_session=False))
"""Every TPI answer clears its question's flag: built once."""
_OPEN_FLAG = select(Recheck.id).where(
    Recheck.unit_id == bindparam("unit_id"), Recheck.question_id == bindparam("question_id"),
    Recheck.cleared_at.is_(None)).limit(1)


async def clear(session: AsyncSession, unit_id: int, question_id: str, by_user_id: int,
                now: datetime | None = None) -> int:
    """Clear the open flags of a question; how many were open."""
    result = await session.execute(_CLEAR, {"unit": unit_id, "question": question_id,
                                            "at": now or utcnow(), "by": by_user_id})
    return result.rowcount


async def open_questions(session: AsyncSession, unit_id: int) -> set[str]:
    """The questions of a unit with an open recheck flag."""
    rows = await session.scalars(select(Recheck.question_id).where(
        Recheck.unit_id == unit_id, Recheck.cleared_at.is_(None)))
    return set(rows)
