"""getUpdates: offset confirmation, long polling, redelivery, competing pollers."""

from __future__ import annotations

import asyncio
import time

import pytest
from telegram import Bot
from telegram.error import Conflict

from emulator import Emulator

from .conftest import make_bot


async def test_offset_confirms_and_drops_updates_forever(emu: Emulator, bot: Bot) -> None:
    user = emu.user(11)
    for text in ("satu", "dua", "tiga"):
        await user.send(text)
    first = await bot.get_updates()
    assert [u.message.text for u in first] == ["satu", "dua", "tiga"]
    assert [u.update_id for u in first] == [100_000, 100_001, 100_002]
    assert len(await bot.get_updates()) == 3  # nothing confirmed yet
    after = await bot.get_updates(offset=first[1].update_id)  # confirms "satu"
    assert [u.message.text for u in after] == ["dua", "tiga"]
    assert [u.message.text for u in await bot.get_updates()] == ["dua", "tiga"]
    assert await bot.get_updates(offset=first[-1].update_id + 1) == ()
    assert await bot.get_updates(offset=first[0].update_id) == ()  # gone for good
    assert (await bot.get_webhook_info()).pending_update_count == 0


async def test_limit_is_honoured(emu: Emulator, bot: Bot) -> None:
    user = emu.user(12)
    for n in range(5):
        await user.send(str(n))
    assert [u.message.text for u in await bot.get_updates(limit=2)] == ["0", "1"]


async def test_long_poll_returns_as_soon_as_an_update_arrives(emu: Emulator, bot: Bot) -> None:
    user = emu.user(13)

    async def later() -> None:
        await asyncio.sleep(0.1)
        await user.send("halo")

    task = asyncio.create_task(later())
    started = time.monotonic()
    updates = await bot.get_updates(timeout=5)
    await task
    assert [u.message.text for u in updates] == ["halo"]
    assert time.monotonic() - started < 2


async def test_long_poll_times_out_with_nothing(bot: Bot) -> None:
    started = time.monotonic()
    assert await bot.get_updates(timeout=0.3) == ()
    assert 0.25 <= time.monotonic() - started < 2


async def test_redeliver_sends_the_same_update_id_twice(emu: Emulator, bot: Bot) -> None:
    user = emu.user(14)
    await user.send("/start")
    [update] = await bot.get_updates()
    confirmed = await bot.get_updates(offset=update.update_id + 1)
    assert confirmed == ()
    emu.redeliver(update.update_id)
    [again] = await bot.get_updates(offset=update.update_id + 1)
    assert again.update_id == update.update_id
    assert again.message.message_id == update.message.message_id
    assert await bot.get_updates(offset=again.update_id + 1) == ()
    with pytest.raises(KeyError):
        emu.redeliver(999)


async def test_push_update_accepts_raw_updates(emu: Emulator, bot: Bot) -> None:
    emu.user(15)
    update_id = emu.push_update({"update_id": 5, "my_chat_member": None})
    next_id = emu.push_update(
        {
            "message": {
                "message_id": 1,
                "date": 0,
                "chat": {"id": 15, "type": "private"},
                "text": "x",
            }
        }
    )
    assert (update_id, next_id) == (5, 100_000)
    updates = await bot.get_updates()
    assert [u.update_id for u in updates] == [5, 100_000]


async def test_a_second_bot_instance_terminates_the_first_poll(emu: Emulator, bot: Bot) -> None:
    first = asyncio.create_task(bot.get_updates(timeout=5))
    await asyncio.sleep(0.1)
    async with make_bot(emu) as second:
        assert await second.get_updates(timeout=0) == ()
    with pytest.raises(Conflict, match="terminated by other getUpdates request"):
        await first
