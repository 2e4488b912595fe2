"""The durable inbox: a re-delivered update is handled once; a replay changes nothing twice."""

from __future__ import annotations

from sqlalchemy import func, select

from tests.bot.harness import BotUnderTest, settings_for
from zi_core.db.models import AuditEvent, InboxUpdate


async def _handled(zi) -> list[tuple[int, bool]]:
    async with zi.sessions() as session:
        rows = await session.execute(select(InboxUpdate.update_id, InboxUpdate.handled_at)
                                     .order_by(InboxUpdate.update_id))
        return [(update_id, handled is not None) for update_id, handled in rows]


async def test_the_same_update_delivered_twice_is_handled_once(zi, emu):
    code = await zi.invite("tpi_member")
    ani = emu.user(8001, "Ani")
    await ani.send(f"/start {code}")
    await ani.wait_reply()
    await ani.send("Ani Lestari")
    await ani.wait_reply()
    name_update = max(u for u, _ in await _handled(zi))

    emu.redeliver(name_update)
    await ani.expect_no_reply(0.5)
    user = await zi.user(8001)
    assert (user.full_name, user.onboarding_step) == ("Ani Lestari", "nip")
    assert all(handled for _, handled in await _handled(zi))
    assert len(await _handled(zi)) == 2


async def test_an_update_whose_change_was_committed_is_replayed_without_a_second_change(
        emu, db_url, tmp_path):
    harness = BotUnderTest(emu, db_url, settings_for(emu, db_url, tmp_path))
    await harness.start()
    try:
        code = await harness.invite("tpi_member")
        budi = emu.user(8002, "Budi")
        await budi.send(f"/start {code}")
        await budi.wait_reply()
        await budi.send("Budi Santoso")
        await budi.wait_reply()
        await harness.stop()
        # As if the bot had died after the handler's commit but before it was marked handled.
        last = max(u for u, _ in await _handled(harness))
        async with harness.sessions() as session, session.begin():
            row = await session.get(InboxUpdate, last)
            row.handled_at = None
        events_before = await _events(harness)

        await harness.start()
        replies = await budi.wait_reply()
        assert "Langkah 2 dari 3" in replies[-1].text
        user = await harness.user(8002)
        assert (user.full_name, user.onboarding_step) == ("Budi Santoso", "nip")
        assert await _events(harness) == events_before
        assert all(handled for _, handled in await _handled(harness))
    finally:
        await harness.close()


async def _events(harness) -> int:
    async with harness.sessions() as session:
        return await session.scalar(select(func.count()).select_from(AuditEvent))
