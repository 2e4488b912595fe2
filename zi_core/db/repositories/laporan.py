"""The weekly summary's rows: each unit's figures per week, the run per week and the copies
sent to each recipient. Writes are upserts, so repeating a step changes nothing twice."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date, datetime

from sqlalchemy import select, update
from sqlalchemy.ext.asyncio import AsyncSession

from zi_core.db.models import SummaryOutbox, SummaryRun, WeeklyFigure
from zi_core.db.repositories._upsert import insert_for
from zi_core.db.types import utcnow

FAILED_REASON_LENGTH = 64


@dataclass(frozen=True)
class WeeklyFigureDTO:
    """A unit's headline figures of one week."""

    week_start: date
    unit_id: int
    total: str
    verdict: str
    progress_percent: int
    evidence_count: int
    pact_signed: int
    last_activity_at: datetime | None


@dataclass(frozen=True)
class OutboxDTO:
    """One recipient's copy of a week's summary."""

    week_start: date
    user_id: int
    sent_at: datetime | None
    failed_reason: str | None


async def figures_for_week(session: AsyncSession, week_start: date) -> dict[int, WeeklyFigureDTO]:
    """The stored figures of a week, by unit id."""
    rows = await session.scalars(select(WeeklyFigure).where(WeeklyFigure.week_start == week_start)
                                 .execution_options(populate_existing=True))
    return {row.unit_id: WeeklyFigureDTO(row.week_start, row.unit_id, row.total, row.verdict,
                                         row.progress_percent, row.evidence_count,
                                         row.pact_signed, row.last_activity_at)
            for row in rows}


async def upsert_figures(session: AsyncSession, figures: Iterable[WeeklyFigureDTO]) -> None:
    """Store each unit's figures of its week, replacing what the week held."""
    values = [vars(figure) for figure in figures]
    if not values:
        return
    statement = insert_for(session, WeeklyFigure).values(values)
    new = statement.excluded
    statement = statement.on_conflict_do_update(
        index_elements=[WeeklyFigure.week_start, WeeklyFigure.unit_id],
        set_={column: getattr(new, column) for column in (
            "total", "verdict", "progress_percent", "evidence_count", "pact_signed",
            "last_activity_at")})
    await session.execute(statement)


async def start_run(session: AsyncSession, week_start: date) -> bool:
    """Record that the week's summary is being built; False when it already was."""
    statement = (insert_for(session, SummaryRun).values(week_start=week_start, created_at=utcnow())
                 .on_conflict_do_nothing(index_elements=["week_start"])
                 .returning(SummaryRun.week_start))
    return (await session.execute(statement)).scalar_one_or_none() is not None


async def finish_run(session: AsyncSession, week_start: date) -> None:
    """Mark the week's summary as sent to everyone."""
    await session.execute(update(SummaryRun).where(SummaryRun.week_start == week_start,
                                                   SummaryRun.sent_at.is_(None))
                          .values(sent_at=utcnow()))


async def unsent_runs(session: AsyncSession) -> list[date]:
    """Weeks whose summary was started but not sent to everyone (the catch-up's work)."""
    rows = await session.scalars(select(SummaryRun.week_start)
                                 .where(SummaryRun.sent_at.is_(None))
                                 .order_by(SummaryRun.week_start))
    return list(rows)


async def enqueue(session: AsyncSession, week_start: date, user_ids: Iterable[int]) -> None:
    """Add a copy per recipient (one already queued stays as it is)."""
    values = [{"week_start": week_start, "user_id": uid} for uid in user_ids]
    if values:
        await session.execute(insert_for(session, SummaryOutbox).values(values)
                              .on_conflict_do_nothing(index_elements=["week_start", "user_id"]))


async def pending(session: AsyncSession, week_start: date) -> list[OutboxDTO]:
    """The copies of a week not sent yet (failed ones included, to retry)."""
    rows = await session.scalars(select(SummaryOutbox)
                                 .where(SummaryOutbox.week_start == week_start,
                                        SummaryOutbox.sent_at.is_(None))
                                 .order_by(SummaryOutbox.id)
                                 .execution_options(populate_existing=True))
    return [OutboxDTO(r.week_start, r.user_id, r.sent_at, r.failed_reason) for r in rows]


async def mark_delivery(session: AsyncSession, week_start: date, user_id: int,
                        failed_reason: str | None = None) -> None:
    """Record a copy as sent, or why sending it failed."""
    values: dict[str, object] = {"failed_reason": None, "sent_at": utcnow()}
    if failed_reason is not None:
        values = {"failed_reason": failed_reason[:FAILED_REASON_LENGTH]}
    await session.execute(update(SummaryOutbox).where(SummaryOutbox.week_start == week_start,
                                                      SummaryOutbox.user_id == user_id)
                          .values(**values))


async def run_exists(session: AsyncSession, week_start: date) -> bool:
    """Whether the week's summary was ever started."""
    return await session.get(SummaryRun, week_start) is not None
