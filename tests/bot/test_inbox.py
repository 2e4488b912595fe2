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


async def test_a_passing_database_failure_is_tried_again_without_bothering_the_user(
        zi, emu, monkeypatch):
    from sqlalchemy.exc import OperationalError

    from zi_core.services import onboarding

    real, calls = onboarding.answer, []

    async def busy_once(session, user, text):
        calls.append(text)
        if len(calls) == 1:
            raise OperationalError("UPDATE app_user", {}, Exception("database is locked"))
        return await real(session, user, text)

    monkeypatch.setattr(onboarding, "answer", busy_once)
    dewi = emu.user(8003, "Dewi")
    await dewi.send(f"/start {await zi.invite('tpi_member')}")
    await dewi.wait_reply()
    await dewi.send("Dewi Sartika")
    replies = await dewi.wait_reply(timeout=10)
    assert "Langkah 2 dari 3" in replies[-1].text
    assert not any("kesalahan" in m.text for m in dewi.messages("bot"))
    assert calls == ["Dewi Sartika", "Dewi Sartika"]
    assert (await zi.user(8003)).full_name == "Dewi Sartika"


async def test_a_lasting_failure_is_told_to_the_user_and_kept_with_its_error(
        zi, emu, monkeypatch):
    from zi_core.services import onboarding

    async def broken(session, user, text):
        raise RuntimeError("a bug")

    monkeypatch.setattr(onboarding, "answer", broken)
    eko = emu.user(8004, "Eko")
    await eko.send(f"/start {await zi.invite('tpi_member')}")
    await eko.wait_reply()
    await eko.send("Eko Prasetyo")
    assert "terjadi kesalahan" in (await eko.wait_reply())[-1].text
    async with zi.sessions() as session:
        errors = list(await session.scalars(select(InboxUpdate.last_error)
                                            .where(InboxUpdate.last_error.is_not(None))))
    assert errors == ["RuntimeError('a bug')"]
    assert all(handled for _, handled in await _handled(zi))
