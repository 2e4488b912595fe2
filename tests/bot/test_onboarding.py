"""Onboarding by invite, end to end: every role, bad answers, reused and expired invites."""

from __future__ import annotations

from datetime import timedelta

import pytest
from sqlalchemy import update

from zi_core.db.models import Invite
from zi_core.db.types import utcnow

ROLES = ["admin", "leader", "staff", "tpi_member", "tpi_secretary", "tpi_chair"]


@pytest.mark.parametrize("role", ROLES)
async def test_each_role_onboards_and_lands_on_its_menu(zi, emu, role):
    needs_unit = role in ("leader", "staff")
    if needs_unit:
        await zi.add_unit()
    sari = emu.user(5001, "Sari", language_code="id")
    code = await zi.invite(role, "DINKES" if needs_unit else None)

    await sari.send(f"/start {code}")
    welcome = (await sari.wait_reply())[-1].text
    assert "Undangan diterima" in welcome and "Langkah 1 dari 3" in welcome

    await sari.send("Siti Aminah, S.E.")
    assert "Langkah 2 dari 3" in (await sari.wait_reply())[-1].text
    await sari.send("19800512 200501 2 003")
    assert "Langkah 3 dari 3" in (await sari.wait_reply())[-1].text
    await sari.send("Analis Kebijakan")
    replies = await sari.wait_reply()
    texts = "\n".join(m.text for m in replies)
    assert "Pendaftaran selesai" in texts and "Sebagai" in texts
    assert replies[-1].text.startswith("Menu utama")
    admin_buttons = {"👥 Pengguna", "🎟 Buat undangan", "🏢 Unit kerja"}
    assert (admin_buttons <= set(replies[-1].labels)) == (role == "admin")

    user = await zi.user(5001)
    assert (user.role, user.full_name, user.nip, user.jabatan, user.onboarding_step) == (
        role, "Siti Aminah, S.E.", "198005122005012003", "Analis Kebijakan", None)
    assert (user.unit_id is not None) == needs_unit
    commands = [c["command"] for c in emu.commands({"type": "chat", "chat_id": 5001})]
    assert "menu" in commands and ("pengguna" in commands) == (role == "admin")
    recorded = [a for a in await zi.audit_actions() if a.startswith(("invite.r", "user.o"))]
    assert recorded == ["invite.redeemed", "user.onboarded"]


@pytest.mark.parametrize(("answer", "message"), [
    ("1980051220050120", "tepat 18 angka"),
    ("19800512 20050I 2 003", "hanya berisi angka"),
    ("19801312 200501 2 003", "tanggal lahir"),
    ("19800512 200501 3 003", "1 (laki-laki) atau 2"),
])
async def test_a_wrong_nip_is_refused_with_the_reason_and_asked_again(zi, emu, answer, message):
    budi = emu.user(5002, "Budi")
    await budi.send(f"/start {await zi.invite('tpi_member')}")
    await budi.wait_reply()
    await budi.send("Budi Santoso")
    await budi.wait_reply()

    await budi.send(answer)
    reply = (await budi.wait_reply())[-1].text
    assert message in reply and "Langkah 2 dari 3" in reply
    assert (await zi.user(5002)).nip is None


async def test_a_photo_where_a_name_is_asked_gets_one_sentence(zi, emu):
    budi = emu.user(5003, "Budi")
    await budi.send(f"/start {await zi.invite('tpi_member')}")
    await budi.wait_reply()
    await budi.send_photo(b"\x89PNG\r\n\x1a\n" + b"0" * 100)
    reply = (await budi.wait_reply())[-1].text
    assert reply.startswith("Mohon jawab dengan teks.") and "Langkah 1 dari 3" in reply
    await budi.send("12345")
    assert "Nama harus berisi huruf" in (await budi.wait_reply())[-1].text
    await budi.send("/menu")
    assert "Langkah 1 dari 3" in (await budi.wait_reply())[-1].text
    assert (await zi.user(5003)).full_name is None


async def test_an_invite_is_used_once(zi, emu):
    code = await zi.invite("tpi_member")
    first, second = emu.user(5004, "A"), emu.user(5005, "B")
    await first.send(f"/start {code}")
    await first.wait_reply()
    await second.send(f"/start {code}")
    assert "sudah dipakai" in (await second.wait_reply())[-1].text
    assert await zi.user(5005) is None


async def test_an_expired_invite_is_refused(zi, emu):
    code = await zi.invite("tpi_member")
    async with zi.sessions() as session, session.begin():
        await session.execute(update(Invite).where(Invite.code == code)
                              .values(expires_at=utcnow() - timedelta(minutes=1)))
    late = emu.user(5006, "Late")
    await late.send(f"/start {code}")
    assert "kedaluwarsa" in (await late.wait_reply())[-1].text
    assert await zi.user(5006) is None


async def test_start_without_an_invite_explains_how_to_get_one(zi, emu):
    stranger = emu.user(5007, "Stranger")
    await stranger.send("/start")
    assert "memerlukan undangan" in (await stranger.wait_reply())[-1].text
    await stranger.send("/start no-such-code")
    assert "tidak dikenal" in (await stranger.wait_reply())[-1].text
    await stranger.send("/menu")
    assert "belum terdaftar" in (await stranger.wait_reply())[-1].text
    await stranger.send("halo")
    assert "belum terdaftar" in (await stranger.wait_reply())[-1].text
