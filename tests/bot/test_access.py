"""Permission end to end: crafted callback data, roles lacking a permission, deactivation."""

from __future__ import annotations

from sqlalchemy import func, select

from bot import callback
from zi_core.db.models import AuditEvent, Invite, User

SECRET = b"test-secret"  # the harness's CALLBACK_SECRET


async def _denials(zi) -> list[str]:
    async with zi.sessions() as session:
        rows = await session.scalars(select(AuditEvent.payload)
                                     .where(AuditEvent.action == "access.denied")
                                     .order_by(AuditEvent.seq))
        return list(rows)


async def _count(zi, model) -> int:
    async with zi.sessions() as session:
        return await session.scalar(select(func.count()).select_from(model))


async def test_staff_replaying_an_evaluators_button_is_refused_and_nothing_changes(zi, emu):
    await zi.add_unit()
    tpi, staff = emu.user(6001, "Tpi"), emu.user(6002, "Staf")
    await zi.onboard(tpi, "tpi_chair")
    await zi.onboard(staff, "staff", "DINKES")
    # The data of a button drawn for the evaluator, replayed by the staff member.
    evaluator_data = callback.encode(SECRET, 6001, "users", 0)
    before = (await _count(zi, User), await _count(zi, Invite))

    await staff.press_data(evaluator_data)
    answer = await staff.wait_answer()
    assert answer.show_alert and answer.text.startswith("Tombol ini tidak berlaku")

    # Data signed for the staff member that names an admin action: refused by permission.
    await staff.press_data(callback.encode(SECRET, 6002, "uact", 1, 0))
    answer = await staff.wait_answer()
    assert answer.text == "Anda tidak berwenang melakukan tindakan ini."
    await staff.press_data("v1:uset:1:admin:0:forged0000")
    assert (await staff.wait_answer()).text.startswith("Tombol ini tidak berlaku")
    await staff.press_data("x" * 64)
    assert (await staff.wait_answer()).text.startswith("Tombol ini tidak berlaku")

    assert (await zi.user(6001)).active and (await zi.user(6001)).role == "tpi_chair"
    assert (await _count(zi, User), await _count(zi, Invite)) == before
    denials = await _denials(zi)
    assert len(denials) == 4
    assert '"reason":"permission"' in denials[1] and '"needs":"manage_users"' in denials[1]


async def test_a_member_typing_an_admin_command_is_refused(zi, emu):
    member = emu.user(6003, "Member")
    await zi.onboard(member, "tpi_member")
    await member.send("/pengguna")
    assert (await member.wait_reply())[-1].text == "Anda tidak berwenang memakai perintah ini."
    assert len(await _denials(zi)) == 1


async def test_unit_commands_tell_an_evaluator_who_they_are_for_and_are_recorded(zi, emu):
    member = emu.user(6004, "Member")
    await zi.onboard(member, "tpi_member")
    for command, said in (("/pakta", "Pakta integritas ditandatangani oleh pegawai unit kerja."),
                          ("/rencana", "Rencana aksi dikerjakan oleh pegawai unit kerja.")):
        await member.send(command)
        assert (await member.wait_reply())[-1].text == said
    admin = emu.user(6005, "Admin")
    await zi.onboard(admin, "admin")
    await admin.send("/konsultasi")
    assert (await admin.wait_reply())[-1].text == "Konsultasi untuk pegawai unit dan TPI."
    denials = await _denials(zi)
    assert len(denials) == 3 and '"command":"ask_tpi|answer_consultation"' in denials[2]


async def test_a_deactivated_user_is_refused_at_once(zi, emu):
    admin, sari = emu.user(6010, "Admin"), emu.user(6011, "Sari")
    await zi.onboard(admin, "admin", name="Admin Inspektorat")
    await zi.onboard(sari, "tpi_member", name="Sari Wulandari")
    sari_menu = sari.last_message()

    await admin.send("/pengguna")
    await admin.wait_reply()
    await admin.press("Sari Wulandari · Anggota TPI")
    await admin.wait_reply()
    await admin.press("⛔ Nonaktifkan")
    await admin.wait_reply()
    assert "Status: nonaktif" in admin.last_message().text
    await sari.wait_message("dinonaktifkan")
    assert emu.commands({"type": "chat", "chat_id": 6011}) in (None, [])

    await sari.send("/menu")
    assert "dinonaktifkan" in (await sari.wait_reply())[-1].text
    await sari.press("👤 Profil saya", message_id=sari_menu.message_id)
    answer = await sari.wait_answer()
    assert answer.show_alert and "dinonaktifkan" in answer.text
    assert not (await zi.user(6011)).active

    await admin.press("✅ Aktifkan")
    await admin.wait_reply()
    await sari.send("/menu")
    assert (await sari.wait_reply())[-1].text.startswith("Menu utama")
    actions = await zi.audit_actions()
    assert actions.count("user.deactivated") == 1 and actions.count("user.activated") == 1


async def test_admin_changes_a_role_into_a_unit_and_the_user_sees_the_new_menu(zi, emu):
    await zi.add_unit()
    admin, budi = emu.user(6020, "Admin"), emu.user(6021, "Budi")
    await zi.onboard(admin, "admin", name="Admin Inspektorat")
    await zi.onboard(budi, "tpi_member", name="Budi Santoso")
    await admin.send("/pengguna")
    await admin.wait_reply()
    await admin.press("Budi Santoso · Anggota TPI")
    await admin.wait_reply()
    await admin.press("🔁 Ganti peran")
    await admin.wait_reply()
    await admin.press("Pimpinan Unit")
    await admin.wait_reply()
    await admin.press("DINKES — Dinas Kesehatan")
    await admin.wait_reply()
    assert "Peran: Pimpinan Unit — Dinas Kesehatan" in admin.last_message().text
    await budi.wait_message("Peran Anda diubah menjadi Pimpinan Unit — Dinas Kesehatan")
    user = await zi.user(6021)
    assert user.role == "leader" and user.unit_id is not None
    # The admin cannot change themselves.
    await admin.press("« Kembali")
    await admin.wait_reply()
    await admin.press("Admin Inspektorat · Admin Inspektorat")
    await admin.wait_reply()
    await admin.press("⛔ Nonaktifkan")
    assert "sendiri" in (await admin.wait_answer()).text
    assert (await zi.user(6020)).active


async def test_admin_creates_an_invite_in_the_chat_that_a_new_user_redeems(zi, emu):
    await zi.add_unit()
    admin = emu.user(6030, "Admin")
    await zi.onboard(admin, "admin")
    await admin.send("/undangan")
    await admin.wait_reply()
    await admin.press("Pegawai Unit")
    await admin.wait_reply()
    await admin.press("DINKES — Dinas Kesehatan")
    await admin.wait_reply()
    text = admin.last_message().text
    assert "Undangan dibuat" in text and "https://t.me/zi_assistant_bot?start=" in text
    code = text.split("?start=")[1].split()[0]
    newcomer = emu.user(6031, "Baru")
    await newcomer.send(f"/start {code}")
    assert "Pegawai Unit — Dinas Kesehatan" in (await newcomer.wait_reply())[-1].text


async def test_a_stale_button_gets_a_clear_answer(zi, emu):
    admin = emu.user(6040, "Admin")
    await zi.onboard(admin, "admin")
    await admin.press_data(callback.encode(SECRET, 6040, "user", 99999))
    answer = await admin.wait_answer()
    assert answer.show_alert and "sudah usang" in answer.text


async def test_a_registered_user_opening_an_invite_keeps_their_role_and_the_invite(zi, emu):
    await zi.add_unit()
    admin = emu.user(6050, "Admin")
    await zi.onboard(admin, "admin")
    code = await zi.invite("staff", "DINKES")
    await admin.send(f"/start {code}")
    assert "sudah terdaftar" in (await admin.wait_reply())[-1].text
    assert (await zi.user(6050)).role == "admin"
    newcomer = emu.user(6051, "Baru")
    await newcomer.send(f"/start {code}")
    assert "Undangan diterima" in (await newcomer.wait_reply())[-1].text


async def test_the_unit_picker_turns_pages_and_names_with_html_are_shown_as_typed(zi, emu):
    for n in range(11):
        await zi.add_unit(f"U{n:02d}", f"Unit {n:02d}")
    admin, odd = emu.user(6060, "Admin"), emu.user(6061, "Odd")
    await zi.onboard(admin, "admin")
    await zi.onboard(odd, "tpi_member", name="Budi <b>Besar</b> & Co")
    await admin.send("/pengguna")
    await admin.wait_reply()
    await admin.press("Budi <b>Besar</b> & Co · Anggota TPI")
    await admin.wait_reply()
    assert "Budi <b>Besar</b> & Co" in admin.last_message().text
    await admin.press("🔁 Ganti peran")
    await admin.wait_reply()
    await admin.press("Pegawai Unit")
    await admin.wait_reply()
    assert "Budi <b>Besar</b> & Co" in admin.last_message().text
    await admin.press("›")
    await admin.wait_reply()
    assert "2/2" in admin.buttons() and "U10 — Unit 10" in admin.buttons()
    await admin.press("U10 — Unit 10")
    await admin.wait_reply()
    assert "Pegawai Unit — Unit 10" in admin.last_message().text
    assert (await zi.user(6061)).role == "staff"


async def test_an_edited_message_is_not_taken_as_an_answer(zi, emu):
    rina = emu.user(6070, "Rina")
    await rina.send(f"/start {await zi.invite('tpi_member')}")
    await rina.wait_reply()
    sent = await rina.send("Rina Kusuma")
    await rina.wait_reply()
    emu.push_update({"edited_message": {**sent.raw, "text": "Nama Lain", "edit_date": 1}})
    await rina.expect_no_reply(0.5)
    user = await zi.user(6070)
    assert (user.full_name, user.onboarding_step) == ("Rina Kusuma", "nip")
