"""Typed numbers are ASCII digits; NUL and other control characters never reach a handler or
the database (PostgreSQL refuses NUL in text), in a konsultasi, a caption, an own item or a
recommendation."""

from __future__ import annotations

import pytest
from sqlalchemy import select

from bot.parsing import ParseError, whole_number
from bot.sanitise import clean_update
from tests.bot.files import pdf
from tests.bot.test_tpi import _assign, _open_question, _people, _upload_for_question
from zi_core.db.models import ActionItem, Evidence

DIRTY = "Rapat\x00 koordinasi\x07\x1b tim\tZI\nbulanan"
CLEAN = "Rapat koordinasi tim\tZI\nbulanan"


async def test_superscripts_and_circled_digits_get_the_number_sentence(zi, emu):
    leader, staff, chair, member, other = await _people(zi, emu)
    await _assign(zi, chair.id, member.id)
    await _open_question(member, "R.1.i.a")
    await member.press("✏️ Isi angka")
    await member.wait_reply()
    for typed in ("²", "①②", "٣"):
        await member.send(typed)
        assert "bilangan bulat" in (await member.wait_reply())[-1].text
    await member.send("0")
    await member.wait_reply()
    await member.send("5")
    assert "R.1.i.a: 0,00%" in (await member.wait_reply())[-1].text


async def test_nul_in_konsultasi_recommendation_and_caption_is_stripped(zi, emu):
    leader, staff, chair, member, other = await _people(zi, emu)
    await _assign(zi, chair.id, member.id)
    await staff.send("/konsultasi")
    await staff.wait_reply()
    await staff.press("❓ Tanya TPI")
    await staff.wait_reply()
    await staff.send(DIRTY)
    assert "Pertanyaan terkirim" in (await staff.wait_reply())[-1].text
    assert CLEAN in member.last_message().text

    await _open_question(member, "P.1.i.a")
    await member.press("💬 Rekomendasi")
    await member.wait_reply()
    await member.send(DIRTY)
    assert "Rekomendasi tersimpan" in (await member.wait_reply())[-1].text
    assert CLEAN in leader.last_message().text

    await _upload_for_question(staff, "P.1.i.a", pdf("sk"), "sk.pdf", "application/pdf",
                               caption=DIRTY)
    assert "Bukti tersimpan" in staff.last_message().text
    async with zi.sessions() as session:
        assert await session.scalar(select(Evidence.caption)) == CLEAN
    objects = [p for p in (zi.settings.evidence_dir / "objects").rglob("*") if p.is_file()]
    assert len(objects) == 1


async def test_nul_in_an_own_item_is_stripped(zi, emu):
    from tests.bot.test_unit_journey import _open_first_item, _unit_with_people

    leader, _staff = await _unit_with_people(zi, emu, staff_count=1)
    await _open_first_item(leader)
    await leader.press("« Kembali")
    await leader.wait_reply()
    await leader.press("➕ Tambah butir sendiri")
    await leader.wait_reply()
    await leader.send(DIRTY)
    assert "Butir ditambahkan" in (await leader.wait_reply())[-1].text
    async with zi.sessions() as session:
        texts = set(await session.scalars(select(ActionItem.text)))
    assert " ".join(CLEAN.split()) in texts  # an item is one line


@pytest.mark.parametrize("typed", ["²", "①②", "٣", "１２"])
def test_only_ascii_digits_are_a_number(typed):
    with pytest.raises(ParseError, match="not_number"):
        whole_number(typed, 0, 100)
    assert whole_number("1.250", 0, 10_000) == 1250


def test_entities_keep_pointing_at_their_words_after_cleaning():
    update = {"update_id": 1, "message": {
        "text": "\x00/start\x00 \U0001F600\x07 <b>x</b>", "entities": [
            {"type": "bot_command", "offset": 1, "length": 6},
            {"type": "bold", "offset": 13, "length": 8}]}}
    message = clean_update(update)["message"]
    assert message["text"] == "/start \U0001F600 <b>x</b>"
    assert message["entities"] == [{"type": "bot_command", "offset": 0, "length": 6},
                                   {"type": "bold", "offset": 10, "length": 8}]
