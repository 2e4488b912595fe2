"""User-supplied text never breaks a message: the emulator refuses bad HTML as Telegram does,
so every hostile name below must arrive literally, and every call must succeed."""

from __future__ import annotations

import re

from tests.bot.test_tpi import _assign, _open_question
from tests.bot.test_unit_journey import _open_first_item

UNIT = "Dinas <Kesehatan> & KB"
ITEM = "Rapat <b>koordinasi</b> <tg-spoiler>"
PERSON = "Staf <Nomor> & Satu"
REC = "Lampirkan <i>SK</i> & ttd </b>"


def _all_ok(emu) -> None:
    failed = [(c.method, c.description) for c in emu.calls() if not c.ok
              and c.method in ("sendMessage", "editMessageText", "sendDocument")]
    assert failed == []


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
