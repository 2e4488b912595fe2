"""The durable inbox stores each update once and replays the unhandled ones in order."""

from sqlalchemy import func, select

from zi_core.db.models import InboxUpdate
from zi_core.db.repositories import inbox
from zi_core.db.repositories.inbox import StoreOutcome

UPDATE = {"update_id": 2**40, "message": {"text": "/start abc", "chat": {"id": -(2**40)}}}


async def test_storing_an_update_twice_keeps_one_row_and_reports_the_duplicate(
    session_factory,
):
    async with session_factory() as session, session.begin():
        first = await inbox.store(session, 2**40, UPDATE)
    async with session_factory() as session, session.begin():
        second = await inbox.store(session, 2**40, {"update_id": 2**40, "changed": True})

    async with session_factory() as session:
        count = await session.scalar(select(func.count()).select_from(InboxUpdate))
        stored = await inbox.get(session, 2**40)

    assert (first, second) == (StoreOutcome.STORED, StoreOutcome.DUPLICATE)
    assert second == "duplicate"
    assert count == 1
    assert "changed" not in stored.payload and stored.update_id == 2**40


async def test_unhandled_updates_come_back_in_update_id_order(session_factory):
    async with session_factory() as session, session.begin():
        for update_id in (30, 10, 20):
            await inbox.store(session, update_id, f'{{"update_id":{update_id}}}')
    async with session_factory() as session, session.begin():
        assert await inbox.mark_handled(session, 20)
        assert not await inbox.mark_handled(session, 20)
        await inbox.mark_failed(session, 10, "boom")

    async with session_factory() as session:
        pending = await inbox.unhandled(session)

    assert [u.update_id for u in pending] == [10, 30]
    assert pending[0].attempts == 1 and pending[0].last_error == "boom"
