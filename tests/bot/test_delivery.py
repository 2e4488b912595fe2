"""Sending that never surprises: long texts, identical edits, flood limits, blocked users,
and many users at once."""

from __future__ import annotations

import asyncio
from datetime import timedelta

from sqlalchemy import update
from telegram import Bot

from bot import jobs
from bot.messaging import edit_text, send_text
from tests.bot.harness import TOKEN
from zi_core.db.models import User
from zi_core.db.types import utcnow


def _bot(emu) -> Bot:
    return Bot(TOKEN, base_url=f"{emu.api_url}/bot", base_file_url=f"{emu.api_url}/file/bot")


async def test_a_text_over_4096_characters_arrives_in_pieces_with_the_keyboard_last(emu):
    user = emu.user(9501, "Panjang")
    lines = [f"Baris {n:04d} " + "x" * 80 for n in range(100)]
    async with _bot(emu) as bot:
        await send_text(bot, user.id, "\n".join(lines))
    pieces = user.messages("bot")
    assert len(pieces) == 3 and all(len(m.text) <= 4096 for m in pieces)
    assert "\n".join(m.text for m in pieces) == "\n".join(lines)


async def test_an_identical_edit_is_not_an_error(emu):
    user = emu.user(9502, "Sama")
    async with _bot(emu) as bot:
        message = await bot.send_message(user.id, "Menu utama")
        await edit_text(message, "Menu utama")
    assert any(c.description and "not modified" in c.description
               for c in emu.calls("editMessageText"))


async def test_a_flood_limit_is_waited_out_and_the_message_arrives_once(zi, emu):
    sari = emu.user(9503, "Sari")
    emu.force_429(count=1, retry_after=1, methods=["sendMessage"])
    await sari.send("/start")
    reply = await sari.wait_reply(timeout=10)
    assert "memerlukan undangan" in reply[-1].text
    assert len(sari.messages("bot")) == 1
    refused = [c for c in emu.calls("sendMessage") if c.status == 429]
    sent = [c for c in emu.calls("sendMessage") if c.ok]
    assert len(refused) == 1 and sent[0].time - refused[0].time >= 1.0


async def test_a_user_who_blocked_the_bot_does_not_break_the_reminder_job(zi, emu):
    people = [emu.user(9600 + n, f"P{n}") for n in range(3)]
    for person in people:
        await person.send(f"/start {await zi.invite('tpi_member')}")
        await person.wait_reply()
    async with zi.sessions() as session, session.begin():
        await session.execute(update(User).values(created_at=utcnow() - timedelta(days=1)))
    people[1].block()

    reached = await jobs.remind_unfinished(zi.application)

    assert reached == 2
    for person in (people[0], people[2]):
        assert "belum selesai" in person.last_message().text
    assert not (await zi.user(9601)).active and (await zi.user(9600)).active
    assert "user.blocked_bot" in await zi.audit_actions()


async def test_twenty_users_signing_up_at_once_all_succeed(zi, emu):
    people = [emu.user(9700 + n, f"U{n}") for n in range(20)]
    codes = [await zi.invite("tpi_member") for _ in people]

    async def sign_up(n: int) -> None:
        person = people[n]
        for text in (f"/start {codes[n]}", f"Pegawai Nomor {n}",
                     f"19800512200501{1 + n % 2}{n:03d}", "Auditor"):
            await person.send(text)
            await person.wait_reply(timeout=30)

    await asyncio.gather(*(sign_up(n) for n in range(20)))

    for n, person in enumerate(people):
        user = await zi.user(person.id)
        assert (user.full_name, user.onboarding_step) == (f"Pegawai Nomor {n}", None)
        texts = " ".join(m.text for m in person.messages("bot"))
        assert "kesalahan" not in texts and "locked" not in texts
