"""A retried update never undoes its own change: a button names the state it sets, and a
retry after the commit (the edit failed with a 500) does not apply it again."""

from __future__ import annotations

import asyncio
import re

from sqlalchemy import func, select

from tests.bot.test_tpi import _people
from zi_core.db.models import InboxUpdate
from zi_core.services import assignments


async def _assigned(zi) -> set[int]:
    async with zi.sessions() as session:
        return {u.id for u in await assignments.members_of(session, 1)}


async def _all_handled(zi) -> bool:
    async with zi.sessions() as session:
        waiting = await session.scalar(select(func.count()).select_from(InboxUpdate)
                                       .where(InboxUpdate.handled_at.is_(None)))
    return waiting == 0


async def _until(condition, timeout: float = 5.0) -> None:
    for _ in range(int(timeout / 0.02)):
        if condition():
            return
        await asyncio.sleep(0.02)
    raise AssertionError("the condition never came true")


async def _open_assign_screen(chair) -> None:
    await chair.send("/nilai")
    await chair.wait_reply()
    await chair.press(re.compile("DINKES"))
    await chair.wait_reply()
    await chair.press("👥 Penilai unit ini")
    await chair.wait_reply()


async def test_an_edit_failing_after_the_commit_does_not_undo_the_assignment(zi, emu):
    _leader, _staff, chair, member, _other = await _people(zi, emu)
    await _open_assign_screen(chair)
    emu.hold("editMessageText")
    await chair.press("⬜ Auditor Satu")
    await _until(lambda: emu.held("editMessageText"))
    emu.release("editMessageText", drop=True)  # Telegram answers 500: the inbox tries again
    for _ in range(500):
        if await _all_handled(zi):
            break
        await asyncio.sleep(0.02)
    member_row = await zi.user(member.id)
    assert await _assigned(zi) == {member_row.id}
    assert "✅ Auditor Satu" in chair.buttons()


async def test_a_stale_assign_button_pressed_twice_keeps_the_member_assigned(zi, emu):
    _leader, _staff, chair, member, _other = await _people(zi, emu)
    await _open_assign_screen(chair)
    member_row = await zi.user(member.id)
    data = next(b["callback_data"] for row in chair.last_message().raw["reply_markup"]
                ["inline_keyboard"] for b in row if b["text"] == "⬜ Auditor Satu")
    await chair.press_data(data)
    await chair.wait_reply()
    answered = len(emu.callback_answers(chair.id))
    await chair.press_data(data)  # the old screen's button, pressed again
    await _until(lambda: len(emu.callback_answers(chair.id)) > answered)
    assert await _assigned(zi) == {member_row.id}
    await chair.press("✅ Auditor Satu")
    await chair.wait_reply()
    assert await _assigned(zi) == set()
