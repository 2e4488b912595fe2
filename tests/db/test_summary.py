"""The weekly summary on a seeded data set: each unit's figures are the core's own, the
change since last week comes from the stored week, moved, idle and overdue units are found,
and open consultations are counted — on SQLite and PostgreSQL."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta
from decimal import Decimal

import pytest
from sqlalchemy import func, select

from tests.db.evaluasi_helpers import (
    LKE,
    add_question_evidence,
    call_kwargs,
    person,
    run,
    top_answers,
    unit_in,
    varied_answers,
)
from zi_core import scorecard
from zi_core.db.models import WeeklyFigure
from zi_core.db.repositories import action_items, laporan, units
from zi_core.db.repositories.laporan import WeeklyFigureDTO
from zi_core.domain.people import UserDTO
from zi_core.domain.roles import Role
from zi_core.domain.statuses import ActionItemStatus, UnitStatus
from zi_core.domain.unit import UnitDTO
from zi_core.reports import summary as weekly
from zi_core.services import assignments, evaluasi, konsultasi, pakta, prasyarat, rencana_aksi
from zi_core.services import evidence as evidence_service

TODAY = date.today()


@dataclass
class Seeded:
    layak: UnitDTO  # every question at the top, every prerequisite met
    varied: UnitDTO  # varied answers, two evaluators disagreeing somewhere
    working: UnitDTO  # no scores yet: its plan, evidence, an overdue item, a question
    quiet: UnitDTO  # registered, nothing done
    evaluator: UserDTO
    staff: UserDTO


async def _answer_all(factory, evaluator, unit, raw) -> None:
    async with factory() as session, session.begin():
        for question_id, raw_answer in raw.items():
            await evaluasi.answer_tpi(session, evaluator, LKE, unit.id, question_id,
                                      **call_kwargs(raw_answer))


@pytest.fixture
async def seeded(session_factory) -> Seeded:
    secretary = await person(session_factory, Role.TPI_SECRETARY)
    admin = await person(session_factory, Role.ADMIN)
    first = await person(session_factory, Role.TPI_MEMBER)
    second = await person(session_factory, Role.TPI_MEMBER)
    layak, varied = await unit_in(session_factory), await unit_in(session_factory)
    working = await unit_in(session_factory)
    quiet = await unit_in(session_factory, UnitStatus.TERDAFTAR, pencanangan=None)
    for unit in (layak, varied):
        for member in (first, second):
            await run(session_factory, assignments.assign, secretary, unit.id, member.id)
    await _answer_all(session_factory, first, layak, top_answers(LKE))
    raw = varied_answers(LKE)
    await _answer_all(session_factory, first, varied, raw)
    other = {q: raw[q] for q in list(raw)[:5]}
    other[next(iter(other))] = next(o.key for o in LKE.questions()[0].options
                                    if o.key != raw[next(iter(other))])
    await _answer_all(session_factory, second, varied, other)
    await run(session_factory, prasyarat.set_hasil, secretary, layak.id, TODAY.year,
              ipak=Decimal("3.61"), ipkp=Decimal("3.20"), kinerja="b")
    await run(session_factory, prasyarat.set_instansi, admin, LKE, TODAY.year,
              opini_bpk="WTP", sakip="BB", indeks_rb="B", spip_level=3)
    await run(session_factory, prasyarat.set_unit_prerequisite, secretary, LKE, layak.id,
              TODAY.year, tindak_lanjut_percent=Decimal(100), lhkpn_percent=Decimal(100),
              lhkasn_percent=Decimal(100), sakip_internal="BB", core_service=True,
              significant_impact=True, holds_wbk=False)

    leader = await person(session_factory, Role.LEADER, working.id)
    staff = await person(session_factory, Role.STAFF, working.id)
    plan = await run(session_factory, rencana_aksi.plan, working.id, LKE)
    async with session_factory() as session, session.begin():
        await action_items.change(session, plan[0].id, target_date=TODAY - timedelta(days=3))
        await action_items.change(session, plan[1].id, target_date=TODAY - timedelta(days=3))
        await evidence_service.add_evidence(
            session, actor=staff, unit_id=working.id, action_item_id=plan[1].id,
            sha256="ab" * 32, file_name="sk-tim.pdf", mime_type="application/pdf", size=10,
            telegram_file_id="F1", telegram_file_unique_id="U1")
    await run(session_factory, rencana_aksi.set_status, staff, plan[1].id,
              ActionItemStatus.SELESAI)
    await add_question_evidence(session_factory, working.id, staff.id,
                                LKE.questions()[0].id, b"foto")
    async with session_factory() as session, session.begin():
        unit = await units.get(session, working.id)
        await pakta.sign(session, leader, unit, "pakta", chat_id=1)
    await run(session_factory, konsultasi.ask, staff, "Bagaimana mengisi SK tim?")
    return Seeded(layak, varied, working, quiet, first, staff)


def _row(summary: weekly.Summary, unit: UnitDTO) -> weekly.UnitRow:
    return next(row for row in summary.units if row.unit_id == unit.id)


async def test_week_starts_on_the_monday_of_the_week():
    assert weekly.week_start(date(2026, 12, 9)) == date(2026, 12, 7)  # a Wednesday
    assert weekly.week_start(date(2026, 12, 7)) == date(2026, 12, 7)
    assert weekly.week_start(date(2026, 12, 13)) == date(2026, 12, 7)  # a Sunday


async def test_every_units_figures_equal_its_own_assessment(session_factory, seeded):
    summary = await run(session_factory, weekly.build_summary, LKE, TODAY)

    assert [row.unit_id for row in summary.units] == sorted(
        row.unit_id for row in summary.units)  # codes U1.. sort as their ids here
    for unit in (seeded.layak, seeded.varied, seeded.working, seeded.quiet):
        card = scorecard.as_json(
            await run(session_factory, evaluasi.unit_assessment, LKE, unit.id, TODAY))
        row = _row(summary, unit)
        assert (row.total, row.pengungkit, row.hasil, row.verdict) == (
            card["total"], card["pengungkit"], card["hasil"], card["verdict"])
        assert (row.areas, row.area_percent) == (card["areas"], card["area_percent"])
    assert _row(summary, seeded.layak).verdict == "layak_wbk"
    assert summary.by_verdict == {"belum_layak": 3, "layak_wbk": 1, "layak_wbbm": 0}
    assert summary.week_start == weekly.week_start(TODAY)


async def test_plan_evidence_and_pact_figures_of_a_unit(session_factory, seeded):
    summary = await run(session_factory, weekly.build_summary, LKE, TODAY)
    row = _row(summary, seeded.working)
    plan = await run(session_factory, rencana_aksi.plan, seeded.working.id, LKE)
    progress = rencana_aksi.progress(plan, LKE)

    assert row.progress_percent == progress["all"].percent
    assert {k: v for k, v in row.progress_by_area.items() if k in progress} == {
        key: part.percent for key, part in progress.items() if key != "all"}
    assert row.evidence_count == 2
    assert (row.pact_signed, row.headcount) == (1, 2)
    assert row.overdue_items == 1 and summary.overdue_items == 1
    assert _row(summary, seeded.quiet).progress_percent == 0
    assert summary.open_consultations == 1


async def test_units_without_activity_for_two_weeks_are_idle(session_factory, seeded):
    summary = await run(session_factory, weekly.build_summary, LKE, TODAY)

    assert [row.unit_id for row in summary.idle_units] == [seeded.quiet.id]
    assert _row(summary, seeded.working).last_activity_at is not None
    later = await run(session_factory, weekly.build_summary, LKE, TODAY + timedelta(days=15))
    assert len(later.idle_units) == 4


async def test_change_since_last_week_comes_from_the_stored_week(session_factory, seeded):
    first = await run(session_factory, weekly.build_summary, LKE, TODAY)
    assert all(row.change is None and row.verdict_before is None for row in first.units)
    await run(session_factory, weekly.store_week, first)
    await run(session_factory, weekly.store_week, first)  # idempotent
    async with session_factory() as session:
        stored = await session.scalar(select(func.count()).select_from(WeeklyFigure))
    assert stored == 4

    question = LKE.questions()[0]
    worst = min(question.options, key=lambda o: o.value).key
    await run(session_factory, evaluasi.answer_tpi, seeded.evaluator, LKE, seeded.layak.id,
              question.id, option=worst)
    second = await run(session_factory, weekly.build_summary, LKE, TODAY + timedelta(days=7))

    before, after = _row(first, seeded.layak), _row(second, seeded.layak)
    expected = Decimal(after.total) - Decimal(before.total)
    assert expected < 0
    assert after.change == f"{expected:+.2f}"
    assert after.verdict_before == before.verdict
    assert _row(second, seeded.quiet).change == "+0.00"


async def test_a_unit_whose_verdict_changed_is_listed_as_moved(session_factory, seeded):
    last_week = weekly.week_start(TODAY) - timedelta(days=7)
    async with session_factory() as session, session.begin():
        await laporan.upsert_figures(session, [
            WeeklyFigureDTO(last_week, seeded.varied.id, "90.00", "layak_wbbm", 50, 3, 2, None),
            WeeklyFigureDTO(last_week, seeded.quiet.id, "0.00", "belum_layak", 0, 0, 0, None),
        ])
    summary = await run(session_factory, weekly.build_summary, LKE, TODAY)

    assert [row.unit_id for row in summary.moved] == [seeded.varied.id]
    row = _row(summary, seeded.varied)
    assert row.verdict_before == "layak_wbbm"
    assert row.change == f"{Decimal(row.total) - Decimal('90.00'):+.2f}"


async def test_eligible_checks_are_the_units_own_lampiran_ii_checks(session_factory, seeded):
    summary = await run(session_factory, weekly.build_summary, LKE, TODAY)
    checks = await run(session_factory, weekly.eligible_checks, LKE, summary, TODAY)

    card = scorecard.as_json(
        await run(session_factory, evaluasi.unit_assessment, LKE, seeded.layak.id, TODAY))
    assert checks == {seeded.layak.id: card["checks"]}


async def test_the_weekly_run_and_its_copies_are_recorded_once(session_factory, seeded):
    monday = weekly.week_start(TODAY)
    assert await run(session_factory, laporan.start_run, monday) is True
    assert await run(session_factory, laporan.start_run, monday) is False
    await run(session_factory, laporan.enqueue, monday, [seeded.evaluator.id, seeded.staff.id])
    await run(session_factory, laporan.enqueue, monday, [seeded.evaluator.id])
    await run(session_factory, laporan.mark_delivery, monday, seeded.staff.id, "blocked")
    await run(session_factory, laporan.mark_delivery, monday, seeded.evaluator.id)

    waiting = await run(session_factory, laporan.pending, monday)
    assert [(o.user_id, o.failed_reason) for o in waiting] == [(seeded.staff.id, "blocked")]
    assert await run(session_factory, laporan.unsent_runs) == [monday]
    await run(session_factory, laporan.finish_run, monday)
    assert await run(session_factory, laporan.unsent_runs) == []


async def test_the_summary_carries_the_audit_head_to_write_down(session_factory, seeded):
    from bot.views.summary import summary_text
    from zi_core.db.repositories import audit

    await run(session_factory, audit.append, action="unit.added", entity="unit", entity_id=1)
    head = await run(session_factory, audit.head)

    summary = await run(session_factory, weekly.build_summary, LKE, TODAY)

    assert summary.audit_head == head
    assert f"{head.seq}:{head.hash}" in summary_text(summary)
