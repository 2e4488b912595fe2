"""The scripted walk through every role, from the first invite to the verdict."""

from __future__ import annotations

import re
from datetime import datetime, timedelta

from bot.demo.stage import Actor, Stage
from zi_core.lke import AnswerType, Question, load_lke
from zi_core.scorecard import as_json, assess, parse_document
from zi_core.services import invites
from zi_core.services.units import UnitRow, register

PDF = (b"%PDF-1.4\n1 0 obj\n<< /Type /Catalog /Pages 2 0 R >>\nendobj\n2 0 obj\n"
       b"<< /Type /Pages /Kids [] /Count 0 >>\nendobj\ntrailer\n<< /Root 1 0 R >>\n%%EOF\n")
NIPS = {"admin": "198301152008012001", "leader": "197506102000031002",
        "staff1": "199002022015032003", "staff2": "199107072016041004",
        "chair": "197003031995031005", "member": "198808082012121006"}
PREREQUISITES = {"tindak_lanjut": 100, "lhkpn": 100, "lhkasn": 100, "sakip_internal": "B",
                 "core_service": True, "dampak_signifikan": True, "opini_bpk": "WTP",
                 "sakip": "B", "indeks_rb": "CC", "spip_level": 3}


def demo_answer(number: int, question: Question) -> str | dict[str, int]:
    """The demo's answer: mostly the best option, every seventh one step lower."""
    if question.answer_type is AnswerType.PERSEN:
        formula = question.formula
        assert formula is not None
        if formula.kind == "decrease":
            return {formula.previous: 4, formula.current: 1,
                    **{i.key: 1 for i in question.inputs
                       if i.key not in (formula.previous, formula.current)}}
        values = {key: 10 for key in formula.denominator}
        values.update({key: 10 * len(formula.denominator) for key in formula.numerator})
        return {i.key: values.get(i.key, 2) for i in question.inputs}
    index = 1 if number % 7 == 0 and len(question.options) > 2 else 0
    return question.options[index].key


async def _onboard(actor: Actor, code: str, name: str, nip: str, jabatan: str) -> None:
    await actor.send(f"/start {code}")
    await actor.send(name)
    await actor.send(nip)
    await actor.send(jabatan)


def _code(actor: Actor) -> str:
    match = re.search(r"/start (\S+)", actor.last().text)
    assert match, actor.last().text
    return match.group(1)


async def walk(stage: Stage) -> dict[str, object]:
    """Play the whole story; returns what the bot concluded and what the core computes."""
    say = stage.narrator
    lke = load_lke()
    today = datetime.now(stage.settings.zone).date()

    say.step("1. Operator Inspektorat menyiapkan unit dan admin pertama (baris perintah)")
    async with stage.sessions() as session, session.begin():
        await register(session, UnitRow("DINKES", "Dinas Kesehatan", 3))
        first = await invites.create(session, role="admin")
    say.say('💻 zi-bot unit add --code DINKES --name "Dinas Kesehatan"')
    say.say(f"💻 zi-bot invite create --role admin  →  /start {first.code}")

    admin = stage.actor(7001, "Rina", "Admin (Rina)")
    leader = stage.actor(7002, "Budi", "Kepala Dinas (Budi)")
    staff1 = stage.actor(7003, "Sari", "Pegawai (Sari)")
    staff2 = stage.actor(7004, "Dedi", "Pegawai (Dedi)")
    chair = stage.actor(7005, "Hendra", "Inspektur (Hendra)")
    member = stage.actor(7006, "Maya", "Anggota TPI (Maya)")

    say.step("2. Admin mendaftar lalu membuat undangan dari chat")
    await _onboard(admin, first.code, "Rina Marlina, S.Kom.", NIPS["admin"], "Pranata Komputer")
    codes = {}
    for key, role, unit in (("leader", "Pimpinan Unit", True), ("staff1", "Pegawai Unit", True),
                            ("staff2", "Pegawai Unit", True),
                            ("chair", "Ketua TPI (Inspektur)", False),
                            ("member", "Anggota TPI", False)):
        await admin.send("/undangan")
        await admin.press(role)
        if unit:
            await admin.press("DINKES — Dinas Kesehatan")
        codes[key] = _code(admin)
    await admin.send("/menu")
    await admin.press("🏛 Prasyarat instansi")
    for field, value in (("Opini BPK", "WTP"), ("SAKIP", "B"), ("Indeks RB", "CC"),
                         ("Level SPIP", "3")):
        await admin.press(f"✏️ {field}")
        await admin.press(value)

    say.step("3. Pimpinan dan pegawai mendaftar dan menandatangani pakta integritas")
    await _onboard(leader, codes["leader"], "dr. Budi Santoso, M.Kes.", NIPS["leader"],
                   "Kepala Dinas Kesehatan")
    await _onboard(staff1, codes["staff1"], "Sari Dewi, S.E.", NIPS["staff1"], "Analis Keuangan")
    await _onboard(staff2, codes["staff2"], "Dedi Kurniawan", NIPS["staff2"], "Pengelola Data")
    for actor in (leader, staff1, staff2):
        await actor.send("/pakta")
        await actor.press("✍️ Saya setuju dan menandatangani")

    say.step("4. Pimpinan mencanangkan Zona Integritas (lebih dari setahun lalu)")
    await leader.press("📊 Cakupan pakta unit")
    await leader.press("📣 Canangkan Zona Integritas")
    await leader.press("✏️ Tanggal lain")
    await leader.send((today - timedelta(days=400)).strftime("%d-%m-%Y"))

    say.step("5. Admin mencatat penetapan unit")
    await admin.send("/unit")
    await admin.press(re.compile("DINKES"))
    await admin.press("🏷 Penetapan")
    await admin.press("☐ Layanan inti (core service)")
    await admin.press("☐ Berdampak luas kepada masyarakat")
    await admin.press("💾 Simpan")

    say.step("6. Pegawai mengerjakan rencana aksi dan mengunggah bukti")
    await staff1.send("/rencana")
    await staff1.press("1. Manajemen Perubahan")
    await staff1.press(re.compile(r"P\.1\.i Penyusunan Tim Kerja"))
    await staff1.press(re.compile("Pembentukan tim"))
    await staff1.press("⏳ proses")
    await staff1.press("📎 Unggah bukti")
    await staff1.send_file(PDF, "SK Tim ZI Dinkes.pdf", "application/pdf",
                           caption="SK Kepala Dinas tentang Tim Pembangunan ZI")
    await staff1.press("✅ Selesai")
    await staff1.press("✅ selesai")
    await leader.send("/rencana")
    await leader.press("📄 Unduh rencana aksi (.docx)")

    say.step("7. Ketua TPI menugaskan penilai")
    await _onboard(chair, codes["chair"], "Hendra Wijaya, S.H., M.Si.", NIPS["chair"],
                   "Inspektur Kabupaten")
    await _onboard(member, codes["member"], "Maya Sari, S.Ak.", NIPS["member"], "Auditor Muda")
    await chair.send("/nilai")
    await chair.press(re.compile("DINKES"))
    await chair.press("👥 Penilai unit ini")
    await chair.press("⬜ Maya Sari, S.Ak.")

    say.step("8. Anggota TPI menilai seluruh LKE dengan tombol")
    given = await _score_all(member, lke)
    await member.press("Hasil")
    await member.press("✏️ IPAK")
    await member.send("3,60")
    await member.press("✏️ IPKP")
    await member.send("3,20")
    await member.press("C")
    await member.press("« Kembali")
    await member.press("🧾 Prasyarat unit")
    for label, value in (("Tindak lanjut hasil pemeriksaan", "100"),
                         ("Penyampaian LHKPN", "100"), ("Penyampaian LHKASN", "100")):
        await member.press(f"✏️ {label}")
        await member.send(value)
    await member.press("B")
    await member.press("Unit pelaksana layanan inti → ya")
    await member.press("Berdampak signifikan pada masyarakat → ya")

    say.step("9. Ketua TPI melihat status dan memfinalkan evaluasi")
    await chair.send("/nilai")
    await chair.press(re.compile("DINKES"))
    await chair.press("📊 Status dan syarat")
    status = "\n".join(m.text for m in chair.person.messages("bot")[-3:])
    await chair.press("« Kembali ke penilaian")
    await chair.press("🔒 Finalkan evaluasi")
    await chair.press("🔒 Ya, finalkan")

    document = {"answers": given, "hasil": {"ipak": 3.6, "ipkp": 3.2, "kinerja": "C"},
                "prerequisites": {**PREREQUISITES,
                                  "pencanangan": (today - timedelta(days=400)).isoformat(),
                                  "predikat_wbk": False, "tanggal_evaluasi": today.isoformat()}}
    answers, facts = parse_document(lke, document, today)
    offline = as_json(assess(lke, answers, facts))
    verdict = re.search(r"Hasil: (.+)", status)
    total = re.search(r"Nilai total: ([0-9.,]+)", status)
    say.step("10. Ringkasan mingguan untuk Inspektur")
    await chair.send("/ringkasan")
    await chair.person.wait_reply(timeout=20, idle=0.3)
    stage.narrator.bot(chair.name, chair.person.messages("bot")[-4:])

    say.step("11. Hasil")
    say.say(f"Nilai total menurut bot: {total.group(1) if total else '?'} · menurut inti "
            f"(offline, jawaban yang sama): {offline['total'].replace('.', ',')}")
    say.say(f"Putusan bot: {verdict.group(1) if verdict else '?'} · putusan inti: "
            f"{offline['verdict']}")
    return {"offline": offline, "status": status, "answers": given}


async def _score_all(member: Actor, lke) -> dict[str, object]:
    given: dict[str, object] = {}
    await member.send("/nilai")
    await member.press(re.compile("DINKES"))
    number = 0
    for part, label in (("pemenuhan", "Pemenuhan"), ("reform", "Reform")):
        await member.press(label)
        for half in lke.halves():
            if half.part.value != part:
                continue
            await member.press(re.compile(rf"^{re.escape(half.id)} "))
            for indicator in half.indicators:
                await member.press(re.compile(rf"^⬜ {re.escape(indicator.id)} "))
                await member.press(f"⬜ {indicator.questions[0].id}")
                for question in indicator.questions:
                    number += 1
                    answer = demo_answer(number, question)
                    given[question.id] = answer
                    if isinstance(answer, dict):
                        await member.press("✏️ Isi angka")
                        for item in question.inputs:
                            await member.send(str(answer[item.key]))
                    else:
                        await member.press(answer)
                await member.press("« Kembali")
            await member.press("« Kembali")
        await member.press("« Kembali")
    return given

