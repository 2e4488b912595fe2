"""Invites in the chat: the admin sees the invites nobody used yet and revokes one (with a
confirmation, audited); a deactivated admin's invites die with their access, and a
deactivated admin cannot come back through any invite (issue 14, point 1)."""

from __future__ import annotations

import json
import re

from sqlalchemy import select

from bot import callback
from zi_core.db.models import AuditEvent, Invite

SECRET = b"test-secret"


async def _invites(zi) -> list[Invite]:
    """The invites made in the chat (those of the harness's onboarding come from the CLI)."""
    async with zi.sessions() as session:
        return list(await session.scalars(select(Invite).where(
            Invite.created_by_user_id.is_not(None)).order_by(Invite.id)))


async def _all_invites(zi) -> dict[str, Invite]:
    async with zi.sessions() as session:
        return {row.code: row for row in await session.scalars(select(Invite))}


async def _denied(zi) -> list[dict]:
    async with zi.sessions() as session:
        rows = await session.scalars(select(AuditEvent.payload)
                                     .where(AuditEvent.action == "access.denied"))
        return [json.loads(p) for p in rows]


async def _make_in_chat(admin) -> str:
    """A TPI-member invite made through /undangan; its code."""
    await admin.send("/undangan")
    await admin.wait_reply()
    await admin.press("Anggota TPI")
    await admin.wait_reply()
    return re.search(r"/start (\S+)", admin.last_message().text).group(1)


async def _ask_to_revoke(admin) -> None:
    """From /undangan to the revoke confirmation of the only waiting invite."""
    await admin.send("/undangan")
    await admin.wait_reply()
    await admin.press("📋 Undangan aktif (1)")
    await admin.wait_reply()
    await admin.press(re.compile(r"^🎟 "))
    await admin.wait_reply()
    await admin.press("🚫 Cabut undangan")
    await admin.wait_reply()


async def test_the_admin_revokes_an_unused_invite_in_four_taps(zi, emu):
    admin = emu.user(7400, "Admin")
    await zi.onboard(admin, "admin", name="Admin Inspektorat")
    code = await _make_in_chat(admin)

    await admin.send("/undangan")
    await admin.wait_reply()
    taps = 0
    await admin.press("📋 Undangan aktif (1)")
    taps += 1
    listing = (await admin.wait_reply())[-1].text
    assert "Undangan aktif</b> (1)" in listing or "Undangan aktif (1)" in listing
    await admin.press(re.compile(r"^🎟 Anggota TPI · s\.d\. "))
    taps += 1
    detail = (await admin.wait_reply())[-1].text
    assert code in detail and "Admin Inspektorat" in detail and "Anggota TPI" in detail
    await admin.press("🚫 Cabut undangan")
    taps += 1
    assert "tidak dapat dipakai lagi" in (await admin.wait_reply())[-1].text
    await admin.press("🚫 Ya, cabut")
    taps += 1
    assert "Tidak ada undangan yang menunggu dipakai" in (await admin.wait_reply())[-1].text
    assert (await admin.wait_answer()).text == "Undangan dicabut ✅"
    print(f"\nrevoke an invite: {taps} taps after /undangan "
          "(📋 Undangan aktif, the invite, 🚫 Cabut, 🚫 Ya)")
    assert taps == 4

    (row,) = await _invites(zi)
    me = await zi.user(admin.id)
    assert row.revoked_at is not None and row.revoked_by_user_id == me.id
    assert "invite.revoked" in await zi.audit_actions()

    stranger = emu.user(7401, "Orang")
    await stranger.send(f"/start {code}")
    assert "sudah dicabut" in (await stranger.wait_reply())[-1].text
    assert await zi.user(stranger.id) is None

    # The same confirmation again (a double tap, an old message): one alert, nothing twice.
    await admin.press_data(callback.encode(SECRET, admin.id, "invxok", row.id))
    assert (await admin.wait_answer()).text == "Undangan itu sudah dicabut."
    assert (await zi.audit_actions()).count("invite.revoked") == 1


async def test_an_invite_used_before_the_confirmation_is_not_revoked(zi, emu):
    admin = emu.user(7410, "Admin")
    await zi.onboard(admin, "admin", name="Admin Inspektorat")
    code = await _make_in_chat(admin)
    await _ask_to_revoke(admin)
    await admin.press("Jangan")  # changed their mind: back to the invite, nothing revoked
    assert code in (await admin.wait_reply())[-1].text
    await admin.press("🚫 Cabut undangan")
    await admin.wait_reply()
    newcomer = emu.user(7411, "Baru")
    await newcomer.send(f"/start {code}")  # taken while the admin was deciding
    await newcomer.wait_reply()
    await admin.press("🚫 Ya, cabut")
    assert "baru saja dipakai" in (await admin.wait_answer()).text
    (row,) = await _invites(zi)
    assert row.used_at is not None and row.revoked_at is None
    assert (await zi.user(newcomer.id)).role == "tpi_member"


async def test_only_an_admin_lists_or_revokes_invites(zi, emu):
    admin = emu.user(7420, "Admin")
    await zi.onboard(admin, "admin", name="Admin Inspektorat")
    await _make_in_chat(admin)
    (row,) = await _invites(zi)
    member = emu.user(7421, "Tpi")
    await zi.onboard(member, "tpi_member", name="Auditor Satu")
    for data in (("invls", 0), ("invd", row.id), ("invxok", row.id)):
        await member.press_data(callback.encode(SECRET, member.id, *data))
        assert "tidak berwenang" in (await member.wait_answer()).text
    await admin.press_data(callback.encode(SECRET, admin.id, "invxok", "x"))  # crafted
    assert "Tombol ini tidak berlaku" in (await admin.wait_answer()).text
    assert (await _invites(zi))[0].revoked_at is None


async def test_a_deactivated_admin_loses_their_invites_and_cannot_come_back(zi, emu):
    boss = emu.user(7430, "Kepala")
    await zi.onboard(boss, "admin", name="Admin Utama")
    leaver = emu.user(7431, "Pergi")
    await zi.onboard(leaver, "admin", name="Admin Lama")
    own = await _make_in_chat(leaver)
    spare = await zi.invite("admin")  # an admin invite made from the command line

    await boss.send("/pengguna")
    await boss.wait_reply()
    await boss.press(re.compile("^Admin Lama"))
    await boss.wait_reply()
    await boss.press("⛔ Nonaktifkan")
    assert (await boss.wait_answer()).text == "Tersimpan ✅"
    rows = await _all_invites(zi)
    assert rows[own].revoked_at is not None and rows[spare].revoked_at is None

    await leaver.send(f"/start {spare}")
    assert "Akses Anda telah dinonaktifkan" in (await leaver.wait_reply())[-1].text
    person = await zi.user(leaver.id)
    assert (person.active, person.role) == (False, "admin")
    assert (await _all_invites(zi))[spare].used_at is None
    assert {"reason": "inactive", "invite": spare[:8]} in await _denied(zi)

    friend = emu.user(7432, "Teman")
    await friend.send(f"/start {own}")
    assert "sudah dicabut" in (await friend.wait_reply())[-1].text
