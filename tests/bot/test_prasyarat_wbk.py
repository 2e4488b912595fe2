"""Where the predikat WBK is entered, the date of its SK is asked too (typed, shown in words):
WBBM's "at least one year" counts from it."""

from __future__ import annotations

from datetime import date

from zi_core.db.repositories import prasyarat


async def test_the_leader_enters_the_wbk_predicate_with_the_date_of_its_sk(zi, emu):
    await zi.add_unit()
    leader = emu.user(7100, "Kepala")
    await zi.onboard(leader, "leader", "DINKES", name="Dr. Kepala Dinas")
    await leader.send("/menu")
    await leader.wait_reply()
    await leader.press("🧾 Prasyarat unit")
    screen = (await leader.wait_reply())[-1].text
    assert "Tanggal SK predikat WBK: belum diisi" in screen

    await leader.press("Sudah berpredikat WBK → ya")
    assert "Tulis tanggal SK predikat WBK" in (await leader.wait_reply())[-1].text
    await leader.send("31-02-2025")
    assert "Tanggal tidak dikenali" in (await leader.wait_reply())[-1].text
    await leader.send("20-11-2025")
    reply = (await leader.wait_reply())[-1].text
    assert "Tersimpan ✅" in reply and "Tanggal SK predikat WBK: 20 November 2025" in reply

    async with zi.sessions() as session:
        row = await prasyarat.unit(session, 1, zi.today().year)
    assert (row.holds_wbk, row.wbk_predicate_date) == (True, date(2025, 11, 20))
