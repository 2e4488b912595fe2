"""The hot paths read the caller once and do their work in one transaction (issue 12): an
evaluator's answer button and a staff member's evidence upload, on SQLite and PostgreSQL."""

from __future__ import annotations

import asyncio

from bot import callback
from tests.bot.files import pdf
from tests.bot.sql_probe import watching
from tests.bot.test_tpi import SECRET, _assign, _open_question, _people


async def _handled(probe) -> None:
    """Until the inbox marked the update handled (its last transaction)."""
    for _ in range(500):
        if any("handled_at" in s and s.startswith("UPDATE") for t in probe.ended
               for s in t.statements):
            return
        await asyncio.sleep(0.01)
    raise AssertionError("the update was not marked handled")


def _one_read_and_one_transaction(probe) -> None:
    """The gate's read of the caller (and the LKE in force), then one transaction doing the
    whole change; besides them only the inbox's store and finish. The caller is read once."""
    gate, work = probe.work()
    assert gate.tables() == {"app_user", "lke_version"}, _show(probe)
    assert any(s.startswith(("INSERT", "UPDATE")) for s in work.statements), _show(probe)
    assert len(probe.ended) == 4, _show(probe)
    assert probe.reads_of("app_user") == 1, _show(probe)
    print(f"transactions: {len(probe.ended)} (inbox store, gate read, the change, inbox "
          f"finish); statements: {sum(len(t.statements) for t in probe.ended)}; reads of "
          f"the caller: {probe.reads_of('app_user')}")


def _engine(zi):
    return zi.application.bot_data["engine"].sync_engine


def _show(probe) -> str:
    return "\n".join(f"-- {n}: " + " | ".join(s.split("\n")[0][:70] for s in t.statements)
                     for n, t in enumerate(probe.ended))


async def test_an_answer_press(zi, emu):
    leader, staff, chair, member, other = await _people(zi, emu)
    await _assign(zi, chair.id, member.id)
    await _open_question(member, "P.1.i.a")
    with watching(_engine(zi)) as probe:
        await member.press("Ya")
        assert (await member.wait_answer()).text == "Tersimpan ✅"
        await member.wait_reply()
        await _handled(probe)
    _one_read_and_one_transaction(probe)


async def test_an_evidence_upload(zi, emu):
    leader, staff, chair, member, other = await _people(zi, emu)
    await staff.press_data(callback.encode(SECRET, staff.id, "saq", "P.1.i.a"))
    await staff.wait_reply()
    await staff.press("📎 Unggah bukti")
    await staff.wait_reply()
    with watching(_engine(zi)) as probe:
        await staff.send_document(pdf(), "sk.pdf", "application/pdf")
        await staff.wait_reply()
        await _handled(probe)
    _one_read_and_one_transaction(probe)
