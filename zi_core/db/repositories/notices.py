"""The notice outbox's rows: owed in the change's transaction, then marked sent, postponed
after a passing failure, or given up with the reason. Owing the same key twice owes it once."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import select, update
from sqlalchemy.ext.asyncio import AsyncSession

from zi_core.db.models import Notice, User
from zi_core.db.repositories._upsert import insert_for
from zi_core.db.types import utcnow

REASON_LENGTH = 64


@dataclass(frozen=True)
class Owed:
    """A message piece to owe: its key (unique), the recipient's user id, the text."""

    key: str
    user_id: int
    text: str


@dataclass(frozen=True)
class NoticeDTO:
    """One owed piece, with where it goes (`chat_id`)."""

    id: int
    user_id: int
    chat_id: int
    text: str
    attempts: int
    next_attempt_at: datetime
    sent_at: datetime | None
    failed_reason: str | None


async def owe(session: AsyncSession, pieces: Iterable[Owed]) -> int:
    """Add the pieces (a key already owed stays as it is); how many rows were given."""
    now = utcnow()
    values = [{"key": p.key, "user_id": p.user_id, "text": p.text, "created_at": now,
               "attempts": 0, "next_attempt_at": now} for p in pieces]
    if values:
        await session.execute(insert_for(session, Notice).values(values)
                              .on_conflict_do_nothing(index_elements=["key"]))
    return len(values)


def _selected():
    return (select(Notice, User.telegram_id).join(User, User.id == Notice.user_id)
            .order_by(Notice.id).execution_options(populate_existing=True))


def _dto(row) -> NoticeDTO:
    notice, chat_id = row
    return NoticeDTO(notice.id, notice.user_id, chat_id, notice.text, notice.attempts,
                     notice.next_attempt_at, notice.sent_at, notice.failed_reason)


async def pending(session: AsyncSession, limit: int = 1000) -> list[NoticeDTO]:
    """The pieces still owed (neither sent nor given up), oldest first."""
    rows = await session.execute(_selected().where(Notice.sent_at.is_(None),
                                                   Notice.failed_reason.is_(None))
                                 .limit(limit))
    return [_dto(row) for row in rows]


async def for_recipient(session: AsyncSession, user_id: int) -> list[NoticeDTO]:
    """Every piece ever owed to a user, oldest first."""
    rows = await session.execute(_selected().where(Notice.user_id == user_id))
    return [_dto(row) for row in rows]


async def mark_sent(session: AsyncSession, notice_id: int) -> None:
    """The piece was delivered."""
    await session.execute(update(Notice).where(Notice.id == notice_id)
                          .values(sent_at=utcnow(), attempts=Notice.attempts + 1))


async def postpone(session: AsyncSession, notice_id: int, until: datetime) -> None:
    """A passing failure: try the piece again at `until`."""
    await session.execute(update(Notice).where(Notice.id == notice_id)
                          .values(next_attempt_at=until, attempts=Notice.attempts + 1))


async def give_up(session: AsyncSession, notice_id: int, reason: str) -> None:
    """A lasting failure (blocked, chat not found): keep why, never try again."""
    await session.execute(update(Notice).where(Notice.id == notice_id)
                          .values(failed_reason=reason[:REASON_LENGTH],
                                  attempts=Notice.attempts + 1))
