"""TPI evaluation end to end: scoring a whole unit by buttons (the figures equal the offline
`zi-bot lke score`), disagreements, finalising and reopening, stale buttons, concurrent
evaluators, the unit refused, typed numbers and survey scores, recommendations, konsultasi."""

from __future__ import annotations

import asyncio
import re

from sqlalchemy import func, select

from bot import callback
from tests.bot.files import pdf
from zi_core.db.models import Assessment, EvaluationSnapshot, Evidence
from zi_core.db.repositories import units
from zi_core.domain.statuses import UnitStatus
from zi_core.lke import AnswerType, load_lke
from zi_core.scorecard import as_json, assess, parse_document
from zi_core.services import assignments

SECRET = b"test-secret"
LKE = load_lke()


def _choice(index: int, question) -> str:
    """A varied but fixed answer per question."""
    return question.options[index % len(question.options)].key


async def _people(zi, emu):
    await zi.add_unit()
    leader = emu.user(8800, "Kepala")
    await zi.onboard(leader, "leader", "DINKES", name="Kepala Dinas")
    staff = emu.user(8801, "Staf")
    await zi.onboard(staff, "staff", "DINKES", name="Staf Dinkes")
    chair = emu.user(8810, "Ketua")
    await zi.onboard(chair, "tpi_chair", name="Inspektur")
    member = emu.user(8811, "Anggota")
    await zi.onboard(member, "tpi_member", name="Auditor Satu")
    other = emu.user(8812, "Anggota2")
    await zi.onboard(other, "tpi_member", name="Auditor Dua")
    return leader, staff, chair, member, other


async def _open_question(person, question_id: str) -> None:
    """The person's scoring screen of a question of unit 1."""
    await person.press_data(callback.encode(SECRET, person.id, "nq", 1, question_id))
    await person.wait_reply()


async def _upload_for_question(staff, question_id: str, data: bytes, name: str, mime: str,
                               caption: str | None = None) -> None:
    """A unit user uploads evidence for a question, from their penilaian mandiri."""
    await staff.press_data(callback.encode(SECRET, staff.id, "saq", question_id))
    await staff.wait_reply()
    await staff.press("📎 Unggah bukti")
    await staff.wait_reply()
    await staff.send_document(data, name, mime, caption=caption)
    await staff.wait_reply()


async def _assign(zi, chair_tid: int, member_tid: int) -> None:
    async with zi.sessions() as session, session.begin():
        chair = await zi_user(session, chair_tid)
        member = await zi_user(session, member_tid)
        await assignments.assign(session, chair, 1, member.id)


async def zi_user(session, telegram_id):
    from zi_core.db.repositories import users

    return await users.get_by_telegram_id(session, telegram_id)


async def _score_everything(member) -> dict[str, object]:
    """Answer every pengungkit question through the buttons; returns the answers given."""
    given: dict[str, object] = {}
    await member.send("/nilai")
    await member.wait_reply()
    await member.press(re.compile("DINKES"))
    await member.wait_reply()
    n = 0
    for part, label in (("pemenuhan", "Pemenuhan"), ("reform", "Reform")):
        await member.press(label)
        await member.wait_reply()
        for half in LKE.halves():
            if half.part.value != part:
                continue
            await member.press(re.compile(rf"^{re.escape(half.id)} "))
            await member.wait_reply()
            for indicator in half.indicators:
                await member.press(re.compile(rf"^⬜ {re.escape(indicator.id)} "))
                await member.wait_reply()
                await member.press(f"⬜ {indicator.questions[0].id}")
                await member.wait_reply()
                for question in indicator.questions:
                    n += 1
                    if question.answer_type is AnswerType.PERSEN:
                        await member.press("✏️ Isi angka")
                        await member.wait_reply()
                        values = {}
                        for k, item in enumerate(question.inputs):
                            value = 10 + (n + k) % 7
                            values[item.key] = value
                            await member.send(str(value))
                            await member.wait_reply()
                        given[question.id] = values
                    else:
                        key = _choice(n, question)
                        await member.press(key)
                        await member.wait_reply()
                        given[question.id] = key
                await member.press("« Kembali")
                await member.wait_reply()
            await member.press("« Kembali")
            await member.wait_reply()
        await member.press("« Kembali")
        await member.wait_reply()
    return given


def _figure(text: str, label: str) -> str:
    match = re.search(rf"{label}: ([0-9.,]+)", text)
    assert match, text
    return match.group(1).replace(".", "").replace(",", ".")


async def test_a_member_scores_a_whole_unit_and_status_equals_the_offline_score(zi, emu):
    leader, staff, chair, member, other = await _people(zi, emu)
    # The chair assigns the member through the menu.
    await chair.send("/nilai")
    await chair.wait_reply()
    await chair.press(re.compile("DINKES"))
    await chair.wait_reply()
    await chair.press("👥 Penilai unit ini")
    await chair.wait_reply()
    await chair.press("⬜ Auditor Satu")
    await chair.wait_reply()
    assert "✅ Auditor Satu" in chair.buttons()

    given = await _score_everything(member)
    assert len(given) == len(LKE.questions())
    # Hasil: surveys typed (a wrong one first), kinerja by button.
    await member.press("Hasil")
    await member.wait_reply()
    await member.press("✏️ IPAK")
    await member.wait_reply()
    await member.send("4,5")
    assert "0,00 sampai 4,00" in (await member.wait_reply())[-1].text
    await member.send("tiga")
    assert "0,00 sampai 4,00" in (await member.wait_reply())[-1].text
    await member.send("3,60")
    await member.wait_reply()
    await member.press("✏️ IPKP")
    await member.wait_reply()
    await member.send("3.2")
    await member.wait_reply()
    await member.press("C")
    await member.wait_reply()
    assert "IPAK (0,00–4,00): 3,60" in member.last_message().text

    await member.press("« Kembali")
    await member.wait_reply()
    await member.press("📊 Status dan syarat")
    text = "\n".join(m.text for m in await member.wait_reply())

    document = {"answers": given, "hasil": {"ipak": 3.6, "ipkp": 3.2, "kinerja": "C"},
                "prerequisites": {"tanggal_evaluasi": zi.today().isoformat()}}
    answers, facts = parse_document(LKE, document, zi.today())
    offline = as_json(assess(LKE, answers, facts))
    assert _figure(text, "Nilai total") == offline["total"]
    assert f"pengungkit {offline['pengungkit'].replace('.', ',')}" in text
    for area in LKE.areas:
        figure = offline["areas"][area.key].replace(".", ",")
        assert f"{area.number}. {area.name}: {figure}" in text
    assert "Pertanyaan belum dijawab: 0" in text


async def test_a_final_answer_naming_an_evaluator_without_an_answer_is_stale(zi, emu):
    leader, staff, chair, member, other = await _people(zi, emu)
    await _assign(zi, chair.id, member.id)
    await _open_question(member, "P.1.i.a")
    await member.press("Ya")
    await member.wait_reply()
    # A crafted (or outdated) button: the second evaluator never answered this question.
    await chair.press_data(callback.encode(SECRET, chair.id, "ndx", 1, "P.1.i.a", other.id))
    refused = await chair.wait_answer()
    assert refused.show_alert and "sudah usang" in refused.text
    async with zi.sessions() as session:
        finals = await session.scalar(select(func.count()).select_from(Assessment)
                                      .where(Assessment.kind == "final"))
    assert finals == 0 and "penilaian.final" not in await zi.audit_actions()


async def test_disagreement_finalisation_and_reopening(zi, emu):
    leader, staff, chair, member, other = await _people(zi, emu)
    await _assign(zi, chair.id, member.id)
    await _assign(zi, chair.id, other.id)
    for person, key in ((member, "Ya"), (other, "Tidak")):
        await _open_question(person, "P.1.i.a")
        await person.press(key)
        await person.wait_reply()
    await chair.send("/nilai")
    await chair.wait_reply()
    await chair.press(re.compile("DINKES"))
    await chair.wait_reply()
    await chair.press("🔒 Finalkan evaluasi")
    await chair.wait_reply()
    await chair.press("🔒 Ya, finalkan")
    assert "belum dicanangkan dan ditetapkan" in (await chair.wait_answer()).text
    async with zi.sessions() as session, session.begin():
        await units.set_status(session, 1, UnitStatus.PEMBANGUNAN)
    await chair.press("🔒 Ya, finalkan")
    assert "perbedaan jawaban" in (await chair.wait_answer()).text

    await chair.press_data(callback.encode(SECRET, chair.id, "nu", 1))
    await chair.wait_reply()
    await chair.press("⚖️ Perbedaan jawaban (1)")
    await chair.wait_reply()
    await chair.press("⚖️ P.1.i.a")
    await chair.wait_reply()
    await chair.press("Pakai jawaban Auditor Satu: Ya")
    await chair.wait_reply()
    assert "✅ P.1.i.a" in chair.buttons()
    await chair.press("« Kembali")
    await chair.wait_reply()
    await chair.press("🔒 Finalkan evaluasi")
    await chair.wait_reply()
    await chair.press("🔒 Ya, finalkan")
    await chair.wait_reply()
    assert "Evaluasi sudah difinalkan" in chair.last_message().text
    await leader.wait_message("Evaluasi TPI Dinas Kesehatan difinalkan")
    assert (await zi.unit(1)).status == "belum_layak"
    async with zi.sessions() as session:
        assert await session.scalar(select(func.count()).select_from(EvaluationSnapshot)) == 1

    # After finalising, an old answer button changes nothing.
    await member.press_data(callback.encode(SECRET, member.id, "nqa", 1, "P.1.i.b", "A", 0))
    answer = await member.wait_answer()
    assert answer.show_alert and "sudah difinalkan" in answer.text
    await chair.press("🔓 Buka kembali evaluasi")
    await chair.wait_reply()
    await member.press_data(callback.encode(SECRET, member.id, "nqa", 1, "P.1.i.b", "A", 0))
    assert (await member.wait_answer()).text == "Tersimpan ✅"
    actions = await zi.audit_actions()
    assert "evaluation.finalised" in actions and "evaluation.reopened" in actions


async def test_a_stale_answer_button_is_refused_and_the_screen_refreshed(zi, emu):
    leader, staff, chair, member, other = await _people(zi, emu)
    await _assign(zi, chair.id, member.id)
    await _open_question(member, "P.1.i.a")
    await member.press("Ya")
    await member.wait_reply()
    # The first screen's "Tidak" carried version 0; the answer is at version 1 now.
    await member.press_data(callback.encode(SECRET, member.id, "nqa", 1, "P.1.i.a", "Tidak",
                                            0))
    answer = await member.wait_answer()
    assert answer.show_alert and "sudah berubah" in answer.text
    async with zi.sessions() as session:
        answers = list(await session.scalars(select(Assessment.answer)
                                             .where(Assessment.question_id == "P.1.i.a")))
    assert answers == ["Ya"]


async def test_two_members_scoring_the_same_question_at_once_keep_both(zi, emu):
    leader, staff, chair, member, other = await _people(zi, emu)
    await _assign(zi, chair.id, member.id)
    await _assign(zi, chair.id, other.id)
    await asyncio.gather(
        member.press_data(callback.encode(SECRET, member.id, "nqa", 1, "P.1.i.a", "Ya", 0)),
        other.press_data(callback.encode(SECRET, other.id, "nqa", 1, "P.1.i.a", "Tidak", 0)))
    await member.wait_answer()
    await other.wait_answer()
    async with zi.sessions() as session:
        rows = sorted(await session.scalars(select(Assessment.answer)
                                            .where(Assessment.kind == "tpi")))
    assert rows == ["Tidak", "Ya"]


async def test_unit_users_and_unassigned_members_cannot_score(zi, emu):
    leader, staff, chair, member, other = await _people(zi, emu)
    await staff.press_data(callback.encode(SECRET, staff.id, "nqa", 1, "P.1.i.a", "Ya", 0))
    assert "tidak berwenang" in (await staff.wait_answer()).text
    await staff.send("/nilai")
    assert "tidak berwenang" in (await staff.wait_reply())[-1].text
    await other.press_data(callback.encode(SECRET, other.id, "nqa", 1, "P.1.i.a", "Ya", 0))
    assert "sudah usang" in (await other.wait_answer()).text
    async with zi.sessions() as session:
        assert await session.scalar(select(func.count()).select_from(Assessment)) == 0


async def test_typed_numbers_letters_negatives_and_a_zero_denominator(zi, emu):
    leader, staff, chair, member, other = await _people(zi, emu)
    await _assign(zi, chair.id, member.id)
    await _open_question(member, "R.1.i.a")
    await member.press("✏️ Isi angka")
    await member.wait_reply()
    await member.send("nol")
    assert "bilangan bulat" in (await member.wait_reply())[-1].text
    await member.send("-1")
    assert "bilangan bulat" in (await member.wait_reply())[-1].text
    await member.send("0")
    await member.wait_reply()
    await member.send("5")
    assert "R.1.i.a: 0,00%" in (await member.wait_reply())[-1].text


async def test_recommendation_reaches_the_unit_and_new_evidence_asks_for_a_recheck(zi, emu):
    leader, staff, chair, member, other = await _people(zi, emu)
    await _assign(zi, chair.id, member.id)
    await _open_question(member, "P.1.i.a")
    await member.press("💬 Rekomendasi")
    await member.wait_reply()
    await member.send("Lampirkan SK tim yang ditandatangani <pimpinan>")
    assert "Rekomendasi tersimpan" in (await member.wait_reply())[-1].text
    await leader.wait_message("Lampirkan SK tim yang ditandatangani <pimpinan>")

    await _upload_for_question(staff, "P.1.i.a", pdf("sk"), "sk.pdf", "application/pdf")
    await _open_question(member, "P.1.i.a")
    assert "menunggu dicek ulang" in member.last_message().text
    await member.press("📂 Kirim bukti (1)")
    await member.wait_reply()
    assert any(c.ok for c in emu.calls("sendDocument") if c.chat_id == member.id)
    await member.press("Ya")
    await member.wait_reply()
    await _open_question(member, "P.1.i.a")
    assert "menunggu dicek ulang" not in member.last_message().text


async def test_evidence_telegram_no_longer_has_is_sent_from_the_stored_copy(zi, emu):
    leader, staff, chair, member, other = await _people(zi, emu)
    await _assign(zi, chair.id, member.id)
    await _upload_for_question(staff, "P.1.i.a", pdf("sk"), "sk <final>.pdf", "application/pdf",
                               caption="SK tim <ttd>")
    async with zi.sessions() as session:
        file_id = await session.scalar(select(Evidence.telegram_file_id))
    del emu.state.files[file_id]  # Telegram forgot the file: its id no longer works
    await _open_question(member, "P.1.i.a")
    await member.press("📂 Kirim bukti (1)")
    await member.wait_reply()
    resent = emu.sent_files(member.id)[-1]
    assert resent.data == pdf("sk") and resent.file_name.endswith(".pdf")
    # The name as stored (sanitised on upload); the caption as typed, plain text.
    assert member.last_message().text == "P.1.i.a · sk _final_.pdf\nSK tim <ttd>"


async def test_konsultasi_between_the_unit_and_its_evaluator(zi, emu):
    leader, staff, chair, member, other = await _people(zi, emu)
    await _assign(zi, chair.id, member.id)
    await staff.send("/konsultasi")
    await staff.wait_reply()
    await staff.press("❓ Tanya TPI")
    await staff.wait_reply()
    await staff.send("Apakah SK tim cukup ditandatangani sekretaris?")
    assert "Pertanyaan terkirim" in (await staff.wait_reply())[-1].text
    await member.wait_message("Konsultasi baru #1")
    assert "Konsultasi baru #1" not in (other.last_message().text or "")
    await member.send("/konsultasi")
    await member.wait_reply()
    await member.press(re.compile("#1"))
    await member.wait_reply()
    await member.press("✍️ Balas")
    await member.wait_reply()
    await member.send("Harus ditandatangani kepala unit.")
    await member.wait_reply()
    await staff.wait_message("Harus ditandatangani kepala unit.")
    await other.press_data(callback.encode(SECRET, other.id, "kt", 1))
    assert "sudah usang" in (await other.wait_answer()).text
