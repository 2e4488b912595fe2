"""A waiting prompt does not outlive the role that asked for it (issue 14, point 3).

A leader who pressed "🔢 Isi jumlah pegawai" or "✏️ Tanggal lain", or an admin who pressed
"📝 Simpan dengan catatan", and is then demoted (or moved to another unit, or deactivated and
activated again) can no longer type the answer: the change drops the prompt in its own
transaction, and a prompt that survived a change made elsewhere is authorised again when the
answer arrives, refused with one sentence and recorded."""

from __future__ import annotations

import json
import re

from sqlalchemy import select, update

from bot import callback
from zi_core.db.models import AuditEvent, User
from zi_core.domain.roles import Role
from zi_core.services import people

NOT_WAITING = "tidak sedang menunggu teks"
ROLE_CHANGED = "peran Anda telah berubah"


async def _leader(zi, emu):
    await zi.add_unit()
    await zi.add_unit("DISDIK", "Dinas Pendidikan")
    leader = emu.user(7300, "Kepala")
    await zi.onboard(leader, "leader", "DINKES", name="Dr. Kepala Dinas")
    admin = emu.user(7390, "Admin")
    await zi.onboard(admin, "admin", name="Admin Inspektorat")
    return leader, admin


async def _change(zi, admin, person, role: Role, unit_id: int | None) -> None:
    """The admin changes the person's role, through the same service as /pengguna."""
    async with zi.sessions() as session, session.begin():
        actor = await zi_user(session, admin.id)
        target = await zi_user(session, person.id)
        await people.change_role(session, actor, target.id, role, unit_id)


async def zi_user(session, telegram_id: int):
    from zi_core.db.repositories import users

    return await users.get_by_telegram_id(session, telegram_id)


async def _ask_headcount(leader) -> None:
    await leader.send("/pakta")
    await leader.wait_reply()
    await leader.press("📊 Cakupan pakta unit")
    await leader.wait_reply()
    await leader.press("🔢 Isi jumlah pegawai")
    await leader.wait_reply()


async def _open_pencanangan(leader) -> None:
    """A unit of one (headcount 1) whose leader signed: the pencanangan dates are shown."""
    await _ask_headcount(leader)
    await leader.send("1")
    await leader.wait_reply()
    await leader.send("/pakta")
    await leader.wait_reply()
    await leader.press("✍️ Saya setuju dan menandatangani")
    await leader.wait_reply()
    await leader.press("📊 Cakupan pakta unit")
    await leader.wait_reply()
    await leader.press("📣 Canangkan Zona Integritas")
    await leader.wait_reply()


async def _last(person) -> str:
    return (await person.wait_reply())[-1].text


async def test_a_demoted_leader_cannot_type_the_headcount(zi, emu):
    leader, admin = await _leader(zi, emu)
    await _ask_headcount(leader)
    await _change(zi, admin, leader, Role.STAFF, 1)
    assert (await zi.user(leader.id)).pending_input is None  # dropped with the change
    await leader.send("50")
    assert NOT_WAITING in await _last(leader)
    assert (await zi.unit(1)).headcount is None


async def test_a_leader_moved_to_another_unit_does_not_set_its_headcount(zi, emu):
    leader, admin = await _leader(zi, emu)
    await _ask_headcount(leader)
    await _change(zi, admin, leader, Role.LEADER, 2)
    await leader.send("50")
    assert NOT_WAITING in await _last(leader)
    assert ((await zi.unit(1)).headcount, (await zi.unit(2)).headcount) == (None, None)


async def test_a_demoted_leader_cannot_type_the_pencanangan_date(zi, emu):
    leader, admin = await _leader(zi, emu)
    await _open_pencanangan(leader)
    await leader.press("✏️ Tanggal lain")
    await leader.wait_reply()
    await _change(zi, admin, leader, Role.STAFF, 1)
    await leader.send(zi.today().strftime("%d-%m-%Y"))
    assert NOT_WAITING in await _last(leader)
    unit = await zi.unit(1)
    assert (unit.status, unit.pencanangan_date) == ("terdaftar", None)


async def test_a_demoted_admin_cannot_type_the_penetapan_note(zi, emu):
    leader, admin = await _leader(zi, emu)
    await _open_pencanangan(leader)
    await leader.press(re.compile("Hari ini"))
    await leader.wait_reply()
    assert (await zi.unit(1)).status == "dicanangkan"

    await admin.send("/unit")
    await admin.wait_reply()
    await admin.press(re.compile("DINKES"))
    await admin.wait_reply()
    await admin.press("🏷 Penetapan")
    await admin.wait_reply()
    await admin.press("☐ Layanan inti (core service)")
    await admin.wait_reply()
    await admin.press("📝 Simpan dengan catatan")
    await admin.wait_reply()
    other = emu.user(7391, "Admin2")
    await zi.onboard(other, "admin", name="Admin Kedua")
    await _change(zi, other, admin, Role.STAFF, 1)
    await admin.send("Layanan kesehatan dasar")
    assert NOT_WAITING in await _last(admin)
    assert (await zi.unit(1)).status == "dicanangkan"


async def test_a_prompt_left_by_a_change_made_elsewhere_is_refused_when_answered(zi, emu):
    """A role written straight into the database (an older process, a repair by hand) keeps
    the prompt: the answer is authorised again and refused, and the refusal recorded."""
    leader, _admin = await _leader(zi, emu)
    await _ask_headcount(leader)
    async with zi.sessions() as session, session.begin():
        await session.execute(update(User).where(User.telegram_id == leader.id)
                              .values(role=Role.STAFF.value))
    await leader.send("50")
    assert ROLE_CHANGED in await _last(leader)
    assert (await zi.unit(1)).headcount is None
    assert (await zi.user(leader.id)).pending_input is None
    async with zi.sessions() as session:
        payloads = [json.loads(p) for p in await session.scalars(
            select(AuditEvent.payload).where(AuditEvent.action == "access.denied"))]
    assert {"reason": "permission", "answer": "headcount", "needs": "lead_unit"} in payloads
    await leader.send("50")  # the prompt is gone: nothing more to refuse
    assert NOT_WAITING in await _last(leader)


async def test_deactivation_drops_the_prompt(zi, emu):
    leader, admin = await _leader(zi, emu)
    await _ask_headcount(leader)
    async with zi.sessions() as session, session.begin():
        actor, target = await zi_user(session, admin.id), await zi_user(session, leader.id)
        await people.set_active(session, actor, target.id, False)
        await people.set_active(session, actor, target.id, True)
    await leader.send("50")
    assert NOT_WAITING in await _last(leader)
    assert (await zi.unit(1)).headcount is None


async def test_an_evaluator_taken_off_the_unit_is_told_the_prompt_is_stale(zi, emu):
    """A recommendation prompt whose unit is no longer the evaluator's: one sentence, the
    prompt dropped, nothing stored (before: the generic apology and a note to the admins)."""
    from zi_core.db.models.evaluasi import Rekomendasi
    from zi_core.services import assignments

    await zi.add_unit()
    chair = emu.user(7380, "Ketua")
    await zi.onboard(chair, "tpi_chair", name="Inspektur")
    member = emu.user(7381, "Anggota")
    await zi.onboard(member, "tpi_member", name="Auditor Satu")
    async with zi.sessions() as session, session.begin():
        boss, person = await zi_user(session, chair.id), await zi_user(session, member.id)
        await assignments.assign(session, boss, 1, person.id)
    await member.press_data(callback.encode(b"test-secret", member.id, "nq", 1, "P.1.i.a"))
    await member.wait_reply()
    await member.press("💬 Rekomendasi")
    await member.wait_reply()
    async with zi.sessions() as session, session.begin():
        await assignments.unassign(session, boss, 1, person.id)
    await member.send("Lampirkan SK tim")
    text = await _last(member)
    assert "sudah usang" in text and "kesalahan" not in text
    assert (await zi.user(member.id)).pending_input is None
    async with zi.sessions() as session:
        assert not list(await session.scalars(select(Rekomendasi)))
