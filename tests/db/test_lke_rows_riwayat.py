"""A unit's LKE rows (its own claim, the TPI's answer that counts, values, notes, evidence)
and its recent history (events about it and what it owns, newest first)."""

from __future__ import annotations

import hashlib
from datetime import date

from tests.db.evaluasi_helpers import (
    LKE,
    add_question_evidence,
    option_question,
    percent_question,
    person,
    run,
    unit_in,
)
from zi_core import scorecard
from zi_core.answers import question_value
from zi_core.db.repositories import audit
from zi_core.domain.roles import Role
from zi_core.domain.statuses import ActionItemStatus
from zi_core.figures import as_text, shown
from zi_core.lke.model import AnswerType
from zi_core.reports.workbook import lke_rows
from zi_core.services import assignments, evaluasi, penilaian, rencana_aksi, riwayat

TODAY = date(2026, 6, 1)
Q = option_question(LKE, AnswerType.ABCD)
PCT = percent_question(LKE)


async def test_lke_rows_follow_the_worksheet_with_claims_answers_notes_and_evidence(
        session_factory):
    unit = await unit_in(session_factory)
    secretary = await person(session_factory, Role.TPI_SECRETARY)
    member = await person(session_factory, Role.TPI_MEMBER)
    staff = await person(session_factory, Role.STAFF, unit.id)
    await run(session_factory, assignments.assign, secretary, unit.id, member.id)
    await run(session_factory, penilaian.answer_mandiri, staff, Q, option="A")
    await run(session_factory, evaluasi.answer_tpi, member, LKE, unit.id, Q.id, option="C")
    inputs = {item.key: 3 * (index + 1) for index, item in enumerate(PCT.inputs)}
    await run(session_factory, evaluasi.answer_tpi, member, LKE, unit.id, PCT.id, inputs=inputs)
    await run(session_factory, evaluasi.recommend, member, unit.id, Q.id, "Lengkapi SK.")
    await run(session_factory, evaluasi.recommend, member, unit.id, Q.id, "Unggah notulen.")
    await add_question_evidence(session_factory, unit.id, staff.id, Q.id, b"sk")

    rows = await run(session_factory, lke_rows, LKE, unit.id)

    assert [r.question_id for r in rows] == [q.id for q in LKE.questions()]
    row = next(r for r in rows if r.question_id == Q.id)
    assert (row.unit_answer, row.tpi_answer) == ("A", "C")
    assert row.value == as_text(shown(question_value(Q, "C")))
    assert row.notes == "Lengkapi SK.; Unggah notulen."
    assert row.evidence == f"bukti.pdf ({hashlib.sha256(b'sk').hexdigest()[:12]})"
    card = scorecard.as_json(
        await run(session_factory, evaluasi.unit_assessment, LKE, unit.id, TODAY))
    assert row.area_score == card["areas"][row.area_key]
    percent = next(r for r in rows if r.question_id == PCT.id)
    assert percent.tpi_answer.endswith("%") and percent.unit_answer is None
    untouched = rows[-1]
    assert (untouched.tpi_answer, untouched.value, untouched.notes) == (None, "0.00", "")


async def test_recent_history_holds_events_about_the_unit_and_what_it_owns(session_factory):
    unit = await unit_in(session_factory)
    other = await unit_in(session_factory)
    staff = await person(session_factory, Role.STAFF, unit.id)
    stranger = await person(session_factory, Role.STAFF, other.id)
    plan = await run(session_factory, rencana_aksi.plan, unit.id, LKE)
    await run(session_factory, rencana_aksi.set_status, staff, plan[0].id,
              ActionItemStatus.PROSES)
    await run(session_factory, penilaian.answer_mandiri, staff, Q, option="A")
    await run(session_factory, penilaian.answer_mandiri, stranger, Q, option="B")
    async with session_factory() as session, session.begin():
        await audit.append(session, action="unit.note", entity="unit", entity_id=unit.id)
        await audit.append(session, action="unit.note", entity="unit", entity_id=other.id)

    events = await run(session_factory, riwayat.recent_history, unit.id)

    assert [e.action for e in events] == ["unit.note", "penilaian.mandiri",
                                          "rencana_aksi.status"]
    assert [e.seq for e in events] == sorted((e.seq for e in events), reverse=True)
    assert len(await run(session_factory, riwayat.recent_history, unit.id, 1)) == 1
