"""The unit's journey end to end: pakta, pencanangan, penetapan, tim kerja, rencana aksi,
evidence, penilaian mandiri — with the wrong input at every step."""

from __future__ import annotations

import io
import re
from datetime import timedelta

import docx
from sqlalchemy import func, select

from bot import callback
from tests.bot.files import exe, pdf, png
from zi_core.db.models import ActionItem, AuditEvent, Evidence, PactSignature
from zi_core.db.repositories import action_items

SECRET = b"test-secret"


async def _unit_with_people(zi, emu, staff_count: int = 2):
    await zi.add_unit()
    leader = emu.user(7100, "Kepala")
    await zi.onboard(leader, "leader", "DINKES", name="Dr. Kepala Dinas")
    staff = []
    for n in range(staff_count):
        person = emu.user(7101 + n, f"Staf{n}")
        await zi.onboard(person, "staff", "DINKES", name=f"Staf Nomor {n}")
        staff.append(person)
    return leader, staff


async def _count(zi, model, *where) -> int:
    async with zi.sessions() as session:
        return await session.scalar(select(func.count()).select_from(model).where(*where))


async def _sign(person) -> None:
    await person.send("/pakta")
    await person.wait_reply()
    await person.press("✍️ Saya setuju dan menandatangani")
    await person.wait_reply()


async def _open_first_item(person) -> None:
    await person.send("/rencana")
    await person.wait_reply()
    await person.press("1. Manajemen Perubahan")
    await person.wait_reply()
    await person.press(re.compile(r"P\.1\.i Penyusunan Tim Kerja"))
    await person.wait_reply()
    await person.press(re.compile(r"Pembentukan tim"))
    await person.wait_reply()


async def test_pakta_is_signed_once_and_the_leader_declares_pencanangan(zi, emu):
    leader, (ani, budi) = await _unit_with_people(zi, emu)

    await ani.send("/pakta")
    text = (await ani.wait_reply())[-1].text
    assert "PAKTA INTEGRITAS" in text and "Staf Nomor 0" in text and "Dinas Kesehatan" in text
    await ani.press("✍️ Saya setuju dan menandatangani")
    await ani.wait_reply()
    assert "Anda telah menandatangani" in ani.last_message().text
    assert "Pakta integritas ditandatangani" in (await ani.wait_answer()).text
    # A second press on the old button is one signature still.
    await ani.press_data(callback.encode(SECRET, ani.id, "psign"))
    assert (await ani.wait_answer()).text == "Sudah ditandatangani."
    assert await _count(zi, PactSignature) == 1

    # Pencanangan needs the leader and more than half of the staff.
    await _sign(leader)
    await leader.press("📊 Cakupan pakta unit")
    await leader.wait_reply()
    coverage = leader.last_message().text
    assert "Pimpinan: ✅" in coverage and "2 dari 3" in coverage and "Staf Nomor 1" in coverage

    await leader.press("🔔 Ingatkan yang belum (1)")
    assert "1 orang" in (await leader.wait_answer()).text
    await budi.wait_message("belum menandatangani pakta")
    await leader.press("🔔 Ingatkan yang belum (1)")
    assert "sudah diingatkan hari ini" in (await leader.wait_answer()).text

    await leader.press("🔢 Isi jumlah pegawai")
    await leader.wait_reply()
    await leader.send("sepuluh")
    assert "bilangan bulat" in (await leader.wait_reply())[-1].text
    await leader.send_photo(png())
    assert "jawab dengan teks" in (await leader.wait_reply())[-1].text
    await leader.send("10")
    assert "2 dari 10" in (await leader.wait_reply())[-1].text

    await leader.press("📣 Canangkan Zona Integritas")
    await leader.wait_reply()
    await leader.press(re.compile("Hari ini"))
    assert "lebih dari 50%" in (await leader.wait_answer()).text
    assert (await zi.unit(1)).status == "terdaftar"

    await leader.send("/pakta")
    await leader.wait_reply()
    await leader.press("📊 Cakupan pakta unit")
    await leader.wait_reply()
    await leader.press("🔢 Isi jumlah pegawai")
    await leader.wait_reply()
    await leader.send("3")
    await leader.wait_reply()
    await leader.press("📣 Canangkan Zona Integritas")
    await leader.wait_reply()
    await leader.press("✏️ Tanggal lain")
    await leader.wait_reply()
    await leader.send("31-02-2026")
    assert "tidak dikenali" in (await leader.wait_reply())[-1].text
    future = (zi.today() + timedelta(days=3)).strftime("%d-%m-%Y")
    await leader.send(future)
    assert "masa depan" in (await leader.wait_reply())[-1].text
    await leader.send(zi.today().strftime("%d-%m-%Y"))
    replies = await leader.wait_reply()
    assert any("Pencanangan Dinas Kesehatan tercatat" in m.text for m in replies)
    unit = await zi.unit(1)
    assert (unit.status, unit.pencanangan_date) == ("dicanangkan", zi.today())
    sent = emu.sent_files(leader.id)[-1]
    document = docx.Document(io.BytesIO(sent.data))
    text = "\n".join(p.text for p in document.paragraphs) + "\n".join(
        c.text for t in document.tables for r in t.rows for c in r.cells)
    assert "DAFTAR PENANDATANGAN PAKTA INTEGRITAS" in text
    assert "Staf Nomor 0" in text and "Dr. Kepala Dinas" in text and "Staf Nomor 1" not in text
    assert "unit.pencanangan" in await zi.audit_actions()


async def test_penetapan_by_the_admin_after_pencanangan(zi, emu):
    leader, (ani,) = await _unit_with_people(zi, emu, staff_count=1)
    admin = emu.user(7190, "Admin")
    await zi.onboard(admin, "admin")
    await admin.send("/unit")
    await admin.wait_reply()
    await admin.press(re.compile("DINKES"))
    await admin.wait_reply()
    await admin.press("🏷 Penetapan")
    await admin.wait_reply()
    assert "💾 Simpan" not in admin.buttons()
    await admin.press("☐ Layanan inti (core service)")
    await admin.wait_reply()
    await admin.press("💾 Simpan")
    assert "belum dicanangkan" in (await admin.wait_answer()).text

    for person in (leader, ani):
        await _sign(person)
    await leader.press("📊 Cakupan pakta unit")
    await leader.wait_reply()
    await leader.press("📣 Canangkan Zona Integritas")
    await leader.wait_reply()
    await leader.press(re.compile("Hari ini"))
    await leader.wait_reply()

    await admin.press("☐ Berdampak luas kepada masyarakat")
    await admin.wait_reply()
    await admin.press("📝 Simpan dengan catatan")
    await admin.wait_reply()
    await admin.send("Pelayanan <kesehatan> & rujukan")
    reply = (await admin.wait_reply())[-1].text
    assert "Penetapan tersimpan" in reply and "Pelayanan <kesehatan> & rujukan" in reply
    unit = await zi.unit(1)
    assert (unit.status, unit.core_service, unit.high_risk, unit.wide_impact) == (
        "ditetapkan", True, False, True)

    member = emu.user(7191, "Tpi")
    await zi.onboard(member, "tpi_member")
    await member.press_data(callback.encode(SECRET, member.id, "pens", 1, 7))
    assert "tidak berwenang" in (await member.wait_answer()).text


async def test_the_leader_forms_a_team_and_its_coordinator_plans(zi, emu):
    leader, (ani, budi) = await _unit_with_people(zi, emu)
    await leader.send("/tim")
    await leader.wait_reply()
    await leader.press("1. Manajemen Perubahan")
    await leader.wait_reply()
    await leader.press("⬜ Staf Nomor 0")
    await leader.wait_reply()
    await leader.press("⬜ Staf Nomor 1")
    await leader.wait_reply()
    await leader.press("✅ Staf Nomor 1")  # off again
    await leader.wait_reply()
    await leader.press("⭐ Tunjuk koordinator")
    await leader.wait_reply()
    await leader.press("Staf Nomor 0")
    await leader.wait_reply()
    assert "⭐ Staf Nomor 0" in leader.buttons() and "⬜ Staf Nomor 1" in leader.buttons()

    # The coordinator may set the target of an item of that area; other staff may not.
    await _open_first_item(ani)
    await ani.press("📅 Target waktu")
    await ani.wait_reply()
    await ani.send("kemarin")
    assert "tidak dikenali" in (await ani.wait_reply())[-1].text
    await ani.send((zi.today() - timedelta(days=1)).strftime("%d-%m-%Y"))
    assert "sebelum hari ini" in (await ani.wait_reply())[-1].text
    target = zi.today() + timedelta(days=30)
    await ani.send(target.strftime("%d/%m/%Y"))
    await ani.wait_reply()
    assert "Target waktu: " in ani.last_message().text
    await _open_first_item(budi)
    assert "📅 Target waktu" not in budi.buttons()
    item_id = await _first_item_id(zi)
    await budi.press_data(callback.encode(SECRET, budi.id, "rtgt", item_id))
    assert "Hanya pimpinan unit atau koordinator" in (await budi.wait_answer()).text
    async with zi.sessions() as session:
        assert (await action_items.get(session, item_id)).target_date == target


async def _first_item_id(zi) -> int:
    async with zi.sessions() as session:
        return await session.scalar(select(func.min(ActionItem.id))
                                    .where(ActionItem.ra_item_id == "RA.P.1.i.1"))


async def test_an_item_is_done_only_with_evidence_and_bad_files_are_refused(zi, emu):
    leader, (ani, budi) = await _unit_with_people(zi, emu)
    await _open_first_item(ani)
    assert "Status: ⬜ belum" in ani.last_message().text
    await ani.press("✅ selesai")
    answer = await ani.wait_answer()
    assert answer.show_alert and "minimal satu bukti" in answer.text
    await ani.press("⏳ proses")
    await ani.wait_reply()
    assert "Status: ⏳ proses" in ani.last_message().text

    await ani.press("📎 Unggah bukti")
    await ani.wait_reply()
    await ani.send_document(b"\x00" * (25 * 1024 * 1024), "besar.pdf", "application/pdf")
    assert "lebih dari 20 MB" in (await ani.wait_reply())[-1].text
    await ani.send_document(exe(), "laporan.pdf", "application/pdf")
    assert "tidak diterima" in (await ani.wait_reply())[-1].text
    await ani.send("ini bukan berkas")
    assert "Mohon kirim berkas" in (await ani.wait_reply())[-1].text
    await ani.send_document(pdf(), "../../SK Tim <ZI>.pdf", "application/pdf",
                            caption="SK pembentukan tim")
    assert "Bukti tersimpan: SK Tim _ZI_.pdf" in (await ani.wait_reply())[-1].text
    await ani.send_document(pdf(), "salinan.pdf", "application/pdf")
    assert "sudah tersimpan" in (await ani.wait_reply())[-1].text
    await ani.send_photo(png())
    assert "Bukti tersimpan: foto.png" in (await ani.wait_reply())[-1].text
    await ani.press("✅ Selesai")
    await ani.wait_reply()
    assert "Bukti dukung: 2 berkas" in ani.last_message().text
    assert await _count(zi, Evidence) == 2
    objects = list((zi.settings.evidence_dir / "objects").rglob("*"))
    assert len([p for p in objects if p.is_file()]) == 2

    await ani.press("✅ selesai")
    await ani.wait_reply()
    assert "Status: ✅ selesai" in ani.last_message().text

    # The list, re-opening a file, and who may delete.
    await ani.press("📂 Lihat bukti (2)")
    await ani.wait_reply()
    assert "SK pembentukan tim" in ani.last_message().text
    await ani.press("📄 1")
    await ani.wait_reply()
    assert any(c.ok for c in emu.calls("sendDocument") if c.chat_id == ani.id)
    first = await _first_evidence_id(zi)
    await budi.press_data(callback.encode(SECRET, budi.id, "evdelok", first))
    assert "Hanya pengunggah atau pimpinan" in (await budi.wait_answer()).text
    await ani.press("🗑 1")
    await ani.wait_reply()
    await ani.press("🗑 Ya, hapus")
    await ani.wait_reply()
    assert await _count(zi, Evidence, Evidence.deleted_at.is_not(None)) == 1
    assert "evidence.deleted" in await zi.audit_actions()


async def _first_evidence_id(zi) -> int:
    async with zi.sessions() as session:
        return await session.scalar(select(func.min(Evidence.id)))


async def test_a_user_of_another_unit_cannot_open_or_change_an_item(zi, emu):
    leader, (ani,) = await _unit_with_people(zi, emu, staff_count=1)
    await zi.add_unit("BAPPEDA", "Bappeda")
    other = emu.user(7200, "Lain")
    await zi.onboard(other, "staff", "BAPPEDA", name="Pegawai Bappeda")
    await _open_first_item(ani)
    item_id = await _first_item_id(zi)
    for data in (callback.encode(SECRET, other.id, "rit", item_id),
                 callback.encode(SECRET, other.id, "rst", item_id, "proses", 1),
                 callback.encode(SECRET, other.id, "evup", "i", item_id)):
        await other.press_data(data)
        assert "sudah usang" in (await other.wait_answer()).text
    async with zi.sessions() as session:
        assert (await action_items.get(session, item_id)).status == "belum"
    assert other.last_message() is None or "Dinas Kesehatan" not in other.last_message().text


async def test_the_leader_plans_adds_an_own_item_and_exports_lampiran_i(zi, emu):
    leader, (ani,) = await _unit_with_people(zi, emu, staff_count=1)
    await _open_first_item(leader)
    await leader.press("👤 PIC")
    await leader.wait_reply()
    await leader.press("Staf Nomor 0")
    await leader.wait_reply()
    assert "PIC: Staf Nomor 0" in leader.last_message().text
    await leader.press("« Kembali")
    await leader.wait_reply()
    await leader.press("➕ Tambah butir sendiri")
    await leader.wait_reply()
    await leader.send("abc")
    assert "terlalu pendek" in (await leader.wait_reply())[-1].text
    await leader.send("Rapat koordinasi tim ZI setiap bulan")
    assert "Butir ditambahkan" in (await leader.wait_reply())[-1].text

    await leader.send("/rencana")
    await leader.wait_reply()
    assert "Selesai 0 dari 113 butir" in leader.last_message().text
    await leader.press("📄 Unduh rencana aksi (.docx)")
    await leader.wait_reply()
    document = docx.Document(io.BytesIO(emu.sent_files(leader.id)[-1].data))
    cells = "\n".join(c.text for t in document.tables for r in t.rows for c in r.cells)
    from zi_core.lke import load_lke

    for item in load_lke().rencana_aksi:
        assert item.text.rstrip(".;") in cells
    assert "Rapat koordinasi tim ZI setiap bulan" in cells
    assert "Dinas Kesehatan" in "\n".join(p.text for p in document.paragraphs)


async def test_penilaian_mandiri_with_options_and_numbers(zi, emu):
    leader, (ani,) = await _unit_with_people(zi, emu, staff_count=1)
    await ani.send("/rencana")
    await ani.wait_reply()
    await ani.press("1. Manajemen Perubahan")
    await ani.wait_reply()
    await ani.press(re.compile(r"P\.1\.i Penyusunan"))
    await ani.wait_reply()
    await ani.press("📝 Penilaian mandiri")
    await ani.wait_reply()
    await ani.press("⬜ P.1.i.a")
    await ani.wait_reply()
    assert "Jawaban unit: belum dijawab" in ani.last_message().text
    await ani.press("Ya")
    await ani.wait_reply()
    assert "P.1.i.b" in ani.last_message().text  # the next unanswered question opened

    # A percentage question: numbers typed one at a time.
    await ani.press_data(callback.encode(SECRET, ani.id, "saq", "R.1.i.a"))
    await ani.wait_reply()
    await ani.press("✏️ Isi angka")
    await ani.wait_reply()
    await ani.send("sepuluh")
    assert "bilangan bulat" in (await ani.wait_reply())[-1].text
    await ani.send("-4")
    assert "bilangan bulat" in (await ani.wait_reply())[-1].text
    await ani.send("10")
    assert "angka 2 dari 2" in (await ani.wait_reply())[-1].text
    await ani.send("8")
    assert "80,00%" in (await ani.wait_reply())[-1].text
    async with zi.sessions() as session:
        rows = list(await session.execute(select(AuditEvent.payload)
                                          .where(AuditEvent.action == "penilaian.mandiri")))
    assert len(rows) == 2 and '"answer":"4/5"' in rows[1][0]


async def test_a_restart_keeps_what_was_acknowledged_and_what_is_being_typed(zi, emu):
    leader, (ani,) = await _unit_with_people(zi, emu, staff_count=1)
    await _sign(ani)
    await _open_first_item(leader)
    await leader.press("📅 Target waktu")
    await leader.wait_reply()
    await zi.stop()
    await zi.start()
    await leader.send((zi.today() + timedelta(days=10)).strftime("%d-%m-%Y"))
    assert "Target waktu: " in (await leader.wait_reply())[-1].text
    assert await _count(zi, PactSignature) == 1
    assert await _count(zi, ActionItem, ActionItem.target_date.is_not(None)) == 1


async def test_daily_reminders_reach_each_pic_and_leader_once_a_day(zi, emu):
    from bot.reminders import send_plan_reminders

    leader, (ani, budi) = await _unit_with_people(zi, emu)
    today = zi.today()
    await ani.send("/rencana")  # the plan is created when it is first opened
    await ani.wait_reply()
    async with zi.sessions() as session:
        items = await action_items.for_unit(session, 1)
    ani_id = (await zi.user(ani.id)).id
    async with zi.sessions() as session, session.begin():
        await action_items.change(session, items[0].id, pic_user_id=ani_id,
                                  target_date=today - timedelta(days=2))
        await action_items.change(session, items[1].id, pic_user_id=ani_id,
                                  target_date=today + timedelta(days=3))
        await action_items.change(session, items[2].id, pic_user_id=ani_id,
                                  target_date=today + timedelta(days=30))

    reached = await send_plan_reminders(zi.application, today)
    assert reached == 2  # ani as PIC, the leader with the overdue digest
    text = ani.last_message().text
    assert "Pengingat rencana aksi" in text and "🔴" in text and "🟡" in text
    assert items[2].text[:40] not in text
    assert "lewat target" in leader.last_message().text
    assert budi.last_message().text.startswith("Menu utama")

    assert await send_plan_reminders(zi.application, today) == 0
    assert await send_plan_reminders(zi.application, today + timedelta(days=1)) == 2


async def test_replacing_a_file_keeps_the_old_revision(zi, emu):
    leader, (ani,) = await _unit_with_people(zi, emu, staff_count=1)
    await _open_first_item(ani)
    await ani.press("📎 Unggah bukti")
    await ani.wait_reply()
    await ani.send_document(pdf("versi 1"), "sk.pdf", "application/pdf")
    await ani.wait_reply()
    await ani.press("✅ Selesai")
    await ani.wait_reply()
    await ani.press("📂 Lihat bukti (1)")
    await ani.wait_reply()
    await ani.press("🔁 1")
    await ani.wait_reply()
    await ani.send("bukan berkas")
    assert "Mohon kirim berkas" in (await ani.wait_reply())[-1].text
    await ani.send_document(pdf("versi 2"), "sk-revisi.pdf", "application/pdf")
    assert "Bukti tersimpan: sk-revisi.pdf" in (await ani.wait_reply())[-1].text
    async with zi.sessions() as session:
        rows = list(await session.execute(select(Evidence.id, Evidence.replaces_evidence_id)
                                          .order_by(Evidence.id)))
    assert [tuple(r) for r in rows] == [(rows[0][0], None), (rows[1][0], rows[0][0])]
    await ani.send("/rencana")
    await ani.wait_reply()
    assert "evidence.replaced" in await zi.audit_actions()


async def test_a_command_drops_what_was_being_typed(zi, emu):
    leader, _staff = await _unit_with_people(zi, emu, staff_count=1)
    await _open_first_item(leader)
    await leader.press("📅 Target waktu")
    await leader.wait_reply()
    await leader.send("/batal")
    assert "Dibatalkan" in (await leader.wait_reply())[-1].text
    await leader.send("31-12-2030")
    assert "tidak sedang menunggu teks" in (await leader.wait_reply())[-1].text
    await leader.send("/batal")
    assert "Tidak ada yang sedang ditunggu" in (await leader.wait_reply())[-1].text
    await leader.send_document(pdf(), "x.pdf", "application/pdf")
    assert "tekan 📎 Unggah bukti" in (await leader.wait_reply())[-1].text
    assert await _count(zi, ActionItem, ActionItem.target_date.is_not(None)) == 0
    assert await _count(zi, Evidence) == 0
