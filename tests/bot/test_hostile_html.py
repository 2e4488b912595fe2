"""User-supplied text never breaks a message: the emulator refuses bad HTML as Telegram does,
so every hostile name below must arrive literally (an unescaped `<b>` would be eaten as a tag,
an unescaped `<Kesehatan>` or `<tg-spoiler>` refused with a 400), and every call must succeed.
The one place a message's HTML is built from values is `bot.views.html.html`."""

from __future__ import annotations

import re
from pathlib import Path

from tests.bot.files import pdf
from tests.bot.test_tpi import _assign, _open_question, _upload_for_question
from tests.bot.test_unit_journey import _open_first_item, _sign

UNIT = "Dinas <Kesehatan> & KB"
ITEM = "Rapat <b>koordinasi</b> <tg-spoiler>"
PERSON = "Staf <Nomor> & Satu"
REC = "Lampirkan <i>SK</i> & ttd </b>"
STAFF = "Ani <Staf> & <b>Kedua"
NOTE = "Layanan <rujukan> & <tg-spoiler>"
CAPTION = "Foto <rapat> & <b>notulen</b> <tg-spoiler>"


def _all_ok(emu) -> None:
    failed = [(c.method, c.description) for c in emu.calls() if not c.ok
              and (c.method.startswith(("send", "edit")) or "parse" in (c.description or ""))]
    assert failed == []


def _shows(person, *values: str, menu: bool = False) -> None:
    """The person's last bot message (`menu`: the last one with buttons) shows `values`."""
    shown = [m for m in person.messages("bot") if m.buttons or not menu]
    text = shown[-1].text or ""
    missing = [v for v in values if v not in text]
    assert missing == [], person.transcript_text()[-3000:]


async def _press(person, label) -> None:
    await person.press(label)
    await person.wait_reply()


async def test_hostile_names_pass_through_every_screen_that_shows_them(zi, emu):
    await zi.add_unit(name=UNIT)
    leader = emu.user(9100, "Kepala")
    await zi.onboard(leader, "leader", "DINKES", name=PERSON)
    chair, member = emu.user(9110, "Ketua"), emu.user(9111, "Anggota")
    await zi.onboard(chair, "tpi_chair", name="Inspektur")
    await zi.onboard(member, "tpi_member", name="Auditor")
    await _assign(zi, chair.id, member.id)

    await _open_first_item(leader)
    await leader.press("« Kembali")
    await leader.wait_reply()
    await leader.press("➕ Tambah butir sendiri")
    await leader.wait_reply()
    await leader.send(ITEM)
    await leader.wait_reply()
    await leader.press("« Kembali")
    await leader.wait_reply()
    await leader.press(re.compile(re.escape("Rapat <b>koordinasi")))
    await leader.wait_reply()
    assert ITEM in leader.last_message().text and UNIT in leader.last_message().text
    await leader.press("📅 Target waktu")
    assert ITEM in (await leader.wait_reply())[-1].text
    await leader.send("/batal")
    await leader.wait_reply()
    await leader.send("/rencana")
    await leader.wait_reply()
    await leader.press("📄 Unduh rencana aksi (.docx)")
    await leader.wait_reply()
    assert UNIT in leader.last_message().text

    await _open_question(member, "P.1.i.a")
    await member.press("💬 Rekomendasi")
    assert UNIT in (await member.wait_reply())[-1].text
    await member.send(REC)
    assert "Rekomendasi tersimpan" in (await member.wait_reply())[-1].text
    assert REC in leader.last_message().text
    _all_ok(emu)


async def test_a_konsultasi_of_3500_ampersands_arrives_whole(zi, emu):
    await zi.add_unit(name=UNIT)
    staff = emu.user(9201, "Staf")
    await zi.onboard(staff, "staff", "DINKES", name=PERSON)
    chair, member = emu.user(9210, "Ketua"), emu.user(9211, "Anggota")
    await zi.onboard(chair, "tpi_chair", name="Inspektur")
    await zi.onboard(member, "tpi_member", name="Auditor")
    await _assign(zi, chair.id, member.id)
    await staff.send("/konsultasi")
    await staff.wait_reply()
    await staff.press("❓ Tanya TPI")
    await staff.wait_reply()
    await staff.send("&" * 3500)
    assert "Pertanyaan terkirim" in (await staff.wait_reply())[-1].text
    await member.wait_message("Jawab lewat /konsultasi")  # the notice's last part, via the outbox
    received = "".join(m.text for m in member.messages("bot"))
    assert "&" * 3500 in received and UNIT in received
    _all_ok(emu)


def test_long_lines_are_cut_outside_entities_and_tags():
    from bot.messaging import split_text

    text = "<b>x</b>" + "&amp;" * 1000
    pieces = split_text(text, limit=103)
    assert "".join(pieces) == text
    assert all(p.count("&") == p.count(";") and p.count("<") == p.count(">") for p in pieces)


def test_html_escapes_values_but_not_the_template():
    from bot.views.html import Html, html

    assert html("<b>{a}</b> {b}", a="<i>&", b=Html("<u>ok</u>")) == \
        "<b>&lt;i&gt;&amp;</b> <u>ok</u>"


async def test_hostile_unit_and_person_names_in_menus_pakta_and_penetapan(zi, emu):
    await zi.add_unit(name=UNIT)
    leader, staff = emu.user(9300, "Kepala"), emu.user(9301, "Ani")
    await zi.onboard(leader, "leader", "DINKES", name=PERSON)
    _shows(leader, PERSON, UNIT)  # the end of onboarding
    await zi.onboard(staff, "staff", "DINKES", name=STAFF)
    admin = emu.user(9390, "Admin")
    await zi.onboard(admin, "admin", name="Admin")

    await leader.send("/menu")
    await leader.wait_reply()
    _shows(leader, PERSON, UNIT)
    await _press(leader, "👤 Profil saya")
    _shows(leader, PERSON, UNIT)

    await leader.send("/pakta")
    await leader.wait_reply()
    _shows(leader, UNIT, PERSON)
    await _press(leader, "✍️ Saya setuju dan menandatangani")
    await _press(leader, "📊 Cakupan pakta unit")
    _shows(leader, UNIT, STAFF)  # who has not signed yet
    await _sign(staff)
    await leader.send("/pakta")
    await leader.wait_reply()
    await _press(leader, "📊 Cakupan pakta unit")
    await _press(leader, "📣 Canangkan Zona Integritas")
    await leader.press(re.compile("Hari ini"))
    await leader.wait_message(f"Pencanangan {UNIT} tercatat")
    await leader.wait_message(f"Daftar penandatangan pakta integritas — {UNIT}")  # caption
    await leader.send("/pakta")
    await leader.wait_reply()
    await _press(leader, "📊 Cakupan pakta unit")
    await _press(leader, "📄 Daftar penandatangan (.docx)")
    _shows(leader, f"Daftar penandatangan pakta integritas — {UNIT}")

    await admin.send("/unit")
    await admin.wait_reply()
    await _press(admin, re.compile("DINKES"))
    _shows(admin, UNIT)
    await _press(admin, "🏷 Penetapan")
    _shows(admin, UNIT)
    await _press(admin, "☐ Layanan inti (core service)")
    await _press(admin, "📝 Simpan dengan catatan")
    _shows(admin, f"Tulis catatan penetapan untuk {UNIT}")
    await admin.send(NOTE)
    await admin.wait_reply()
    _shows(admin, "Penetapan tersimpan", NOTE)
    await admin.send("/menu")
    await admin.wait_reply()
    await _press(admin, "👥 Pengguna")
    await _press(admin, re.compile(re.escape(PERSON[:10])))
    _shows(admin, PERSON, UNIT)
    await _press(admin, "🔁 Ganti peran")
    _shows(admin, PERSON)
    await _press(admin, "Pegawai Unit")
    _shows(admin, PERSON)
    _all_ok(emu)


async def test_hostile_evidence_names_and_captions_in_every_screen_and_file(zi, emu):
    await zi.add_unit(name=UNIT)
    staff = emu.user(9401, "Staf")
    await zi.onboard(staff, "staff", "DINKES", name=STAFF)
    chair, member = emu.user(9410, "Ketua"), emu.user(9411, "Anggota")
    await zi.onboard(chair, "tpi_chair", name="Inspektur")
    await zi.onboard(member, "tpi_member", name="Auditor")
    await _assign(zi, chair.id, member.id)

    await _open_first_item(staff)
    _shows(staff, UNIT)
    await _press(staff, "📎 Unggah bukti")
    _shows(staff, "Pembentukan tim")
    await staff.send_document(pdf("item"), "SK & <lampiran>.pdf", "application/pdf",
                              caption=CAPTION)
    await staff.wait_reply()
    _shows(staff, "SK & _lampiran_.pdf")
    await _press(staff, "✅ Selesai")
    await _press(staff, re.compile(r"📂 Lihat bukti"))
    _shows(staff, "SK & _lampiran_.pdf", STAFF, CAPTION)
    await _press(staff, "📄 1")
    assert staff.last_message().text == CAPTION  # the caption sent back with the file
    await _press(staff, "🗑 1")
    _shows(staff, "Hapus bukti SK & _lampiran_.pdf", menu=True)

    await _upload_for_question(staff, "P.1.i.a", pdf("q"), "Notulen & <rapat>.pdf",
                               "application/pdf", caption=CAPTION)
    await _open_question(member, "P.1.i.a")
    _shows(member, UNIT)
    await _press(member, re.compile(r"📂 Kirim bukti"))
    assert member.last_message().text == f"P.1.i.a · Notulen & _rapat_.pdf\n{CAPTION}"
    _all_ok(emu)


def test_no_value_is_escaped_by_hand_outside_the_one_builder():
    root = Path(__file__).resolve().parents[2] / "bot"
    builder = root / "views" / "html.py"
    hand = [f"{path.relative_to(root)}:{n}" for path in root.rglob("*.py")
            if path != builder
            for n, line in enumerate(path.read_text().splitlines(), start=1)
            if re.search(r"(?<![.\w])escape\(|html\.escape\(|from html import|^import html",
                         line)]
    assert hand == []
