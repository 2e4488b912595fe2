"""The TPI's evaluation: answers per evaluator, stale screens, disagreements and their
decision, effective answers, finalising into a hashed snapshot, reopening, recommendations
and recheck flags — and that the figures equal the offline `zi-bot lke score` path."""

from __future__ import annotations

import asyncio
import hashlib
import json
from datetime import date
from decimal import Decimal
from fractions import Fraction

import pytest
from sqlalchemy import func, select

from tests.db.evaluasi_helpers import (
    LKE,
    add_question_evidence,
    call_kwargs,
    option_question,
    percent_question,
    person,
    run,
    top_answers,
    unit_in,
    varied_answers,
)
from zi_core import scorecard
from zi_core.db.models import Assessment, AssessmentHistory
from zi_core.db.repositories import assessments, audit, evaluations, units
from zi_core.domain.roles import Role
from zi_core.domain.statuses import AssessmentKind, UnitStatus
from zi_core.lke.model import AnswerType
from zi_core.services import assignments, evaluasi, prasyarat
from zi_core.services.evaluasi import Disagreement, EvaluationRefused

TODAY = date(2025, 6, 1)
Q = option_question(LKE, AnswerType.ABCD)
YN = option_question(LKE, AnswerType.YA_TIDAK)
PCT = percent_question(LKE)


@pytest.fixture
async def team(session_factory):
    """A unit being built, two assigned members, the secretary and the chair."""
    unit = await unit_in(session_factory)
    secretary = await person(session_factory, Role.TPI_SECRETARY)
    chair = await person(session_factory, Role.TPI_CHAIR)
    first = await person(session_factory, Role.TPI_MEMBER)
    second = await person(session_factory, Role.TPI_MEMBER)
    for member in (first, second):
        await run(session_factory, assignments.assign, secretary, unit.id, member.id)
    return unit, first, second, secretary, chair


async def answer(factory, who, unit, question_id, **kwargs):
    scored = await run(factory, evaluasi.answer_tpi, who, LKE, unit.id, question_id, **kwargs)
    return scored.assessment


async def refusal(factory, call, *args, **kwargs) -> str:
    """The reason `call` is refused with (in its own transaction, rolled back)."""
    with pytest.raises(EvaluationRefused) as refused:
        await run(factory, call, *args, **kwargs)
    return refused.value.reason


async def test_two_evaluators_answering_the_same_question_keep_both_rows(session_factory, team):
    unit, first, second, *_ = team

    a = await answer(session_factory, first, unit, Q.id, option="a")
    b = await answer(session_factory, second, unit, Q.id, option="C")

    assert (a.answer, a.kind, a.evaluator_user_id) == ("A", AssessmentKind.TPI, first.id)
    assert (b.answer, b.evaluator_user_id) == ("C", second.id)
    shown = await run(session_factory, evaluasi.unit_answers, LKE, unit.id)
    assert {uid: row.answer for uid, row in shown[Q.id].items()} == {first.id: "A",
                                                                     second.id: "C"}
    assert await run(session_factory, evaluasi.answer_version, first.id, unit.id, Q.id) == 1
    assert await run(session_factory, evaluasi.answer_version, first.id, unit.id, YN.id) == 0


async def test_the_first_tpi_answer_moves_the_unit_into_evaluasi(session_factory, team):
    unit, first, *_ = team

    await answer(session_factory, first, unit, Q.id, option="A")

    assert (await run(session_factory, units.get, unit.id)).status is UnitStatus.EVALUASI


async def test_an_answer_is_audited_with_before_and_after_and_a_repeat_changes_nothing(
        session_factory, team):
    unit, first, *_ = team

    row = await answer(session_factory, first, unit, Q.id, option="A")
    await answer(session_factory, first, unit, Q.id, option="A")
    await answer(session_factory, first, unit, Q.id, option="B")

    events = await run(session_factory, audit.events_for, "assessment", row.id)
    payloads = [json.loads(e.payload) for e in events]
    assert [e.action for e in events] == ["penilaian.tpi", "penilaian.tpi"]
    assert payloads[0]["before"] is None and payloads[0]["after"]["answer"] == "A"
    assert (payloads[1]["before"]["answer"], payloads[1]["after"]["answer"]) == ("A", "B")


async def test_a_stale_screen_is_refused(session_factory, team):
    unit, first, *_ = team
    await answer(session_factory, first, unit, Q.id, option="A", expected_version=0)

    # The screen showed no answer, but there is one now.
    assert await refusal(session_factory, evaluasi.answer_tpi, first, LKE, unit.id, Q.id,
                         option="B", expected_version=0) == "stale"
    moved = await answer(session_factory, first, unit, Q.id, option="B", expected_version=1)
    # The screen showed version 1, the row is at 2.
    assert await refusal(session_factory, evaluasi.answer_tpi, first, LKE, unit.id, Q.id,
                         option="C", expected_version=1) == "stale"
    # The same tap delivered twice changes nothing and is not an error.
    again = await answer(session_factory, first, unit, Q.id, option="B", expected_version=1)
    assert moved.version == again.version == 2 and again.answer == "B"


async def test_another_evaluators_answer_does_not_make_a_screen_stale(session_factory, team):
    unit, first, second, *_ = team
    await answer(session_factory, first, unit, Q.id, option="A")

    mine = await answer(session_factory, second, unit, Q.id, option="B", expected_version=0)

    assert mine.version == 1


async def test_an_unassigned_member_may_not_answer(session_factory, team):
    unit, *_ = team
    outsider = await person(session_factory, Role.TPI_MEMBER)
    staff = await person(session_factory, Role.STAFF, unit.id)

    for who in (outsider, staff):
        assert await refusal(session_factory, evaluasi.answer_tpi, who, LKE, unit.id, Q.id,
                             option="A") == "not_evaluator"


async def test_options_and_inputs_must_fit_the_question(session_factory, team):
    unit, first, *_ = team
    bad = [({"option": "Z"}, Q.id, "option"), ({"inputs": {"x": 1}}, Q.id, "option"),
           ({"option": "A"}, PCT.id, "inputs"),
           ({"inputs": {PCT.inputs[0].key: 1}}, PCT.id, "inputs"),
           ({"inputs": {i.key: -1 for i in PCT.inputs}}, PCT.id, "inputs")]

    for kwargs, question_id, reason in bad:
        assert await refusal(session_factory, evaluasi.answer_tpi, first, LKE, unit.id,
                             question_id, **kwargs) == reason


async def test_a_percentage_answer_stores_the_exact_ratio_and_its_inputs(session_factory, team):
    unit, first, *_ = team
    numerator, denominator = PCT.formula.numerator[0], PCT.formula.denominator[0]
    inputs = {numerator: 5, denominator: 6}

    row = await answer(session_factory, first, unit, PCT.id, inputs=inputs)

    assert (row.answer, row.inputs) == ("5/6", inputs)
    effective = await run(session_factory, evaluasi.effective_answers, LKE, unit.id)
    assert effective[PCT.id] == Fraction(5, 6)


async def test_effective_answers_final_then_agreed_then_the_lowest(session_factory, team):
    unit, first, second, secretary, _ = team
    questions = [q for q in LKE.questions() if q.answer_type is AnswerType.ABCD][:4]
    only, agreed, split, decided = (q.id for q in questions)
    await answer(session_factory, first, unit, only, option="B")
    for who in (first, second):
        await answer(session_factory, who, unit, agreed, option="A")
    await answer(session_factory, first, unit, split, option="A")
    await answer(session_factory, second, unit, split, option="C")
    await answer(session_factory, first, unit, decided, option="D")
    await answer(session_factory, second, unit, decided, option="B")
    await run(session_factory, evaluasi.set_final, secretary, LKE, unit.id, decided, option="A")

    effective = await run(session_factory, evaluasi.effective_answers, LKE, unit.id)

    assert effective == {only: "B", agreed: "A", split: "C", decided: "A"}
    found = await run(session_factory, evaluasi.disagreements, LKE, unit.id)
    assert found == [Disagreement(split, {first.id: "A", second.id: "C"}, None),
                     Disagreement(decided, {first.id: "D", second.id: "B"}, "A")]


async def test_disagreement_blocks_finalising_until_the_secretary_decides(session_factory, team):
    unit, first, second, secretary, chair = team
    await answer(session_factory, first, unit, Q.id, option="A")
    await answer(session_factory, second, unit, Q.id, option="B")
    await answer(session_factory, first, unit, YN.id, option="Ya")

    assert await refusal(session_factory, evaluasi.finalise, chair, LKE, unit.id,
                         TODAY) == "disagreements"

    final = await run(session_factory, evaluasi.set_final, secretary, LKE, unit.id, Q.id,
                      option="B")
    frozen = await run(session_factory, evaluasi.finalise, chair, LKE, unit.id, TODAY)

    assert (final.kind, final.evaluator_user_id, final.answer) == (
        AssessmentKind.FINAL, secretary.id, "B")
    assert (frozen.unit_id, frozen.created_by, frozen.lke_version) == (
        unit.id, chair.id, LKE.version)
    assert frozen.verdict == "belum_layak"
    assert await run(session_factory, evaluasi.is_final, unit.id)
    assert (await run(session_factory, units.get, unit.id)).status is UnitStatus.BELUM_LAYAK
    assert await run(session_factory, evaluasi.latest_snapshot, unit.id) == frozen

    body = await run(session_factory, evaluations.snapshot_payload, frozen.id)
    assert hashlib.sha256(body.encode("utf-8")).hexdigest() == frozen.sha256
    payload = json.loads(body)
    assert payload["lke_version"] == LKE.version
    assert payload["answers"] == {Q.id: "B", YN.id: "Ya"}
    assert payload["evaluators"][Q.id] == {
        str(first.id): {"answer": "A", "inputs": None, "version": 1},
        str(second.id): {"answer": "B", "inputs": None, "version": 1}}
    assert payload["final_answers"][Q.id]["by"] == secretary.id
    assert payload["scorecard"]["verdict"] == frozen.verdict
    assert payload["scorecard"]["total"] == frozen.total
    assert payload["unit"]["status_before"] == "evaluasi"
    assert payload["unit"]["status_after"] == "belum_layak"
    assert payload["facts"]["pencanangan"] == "2024-01-15"
    assert payload["facts"]["evaluated_on"] == TODAY.isoformat()
    assert payload["hasil"] == {"ipak": None, "ipkp": None, "kinerja": None}
    events = await run(session_factory, audit.events_for, "evaluation", unit.id)
    assert [e.action for e in events] == ["evaluation.finalised"]
    assert json.loads(events[0].payload)["sha256"] == frozen.sha256


async def test_the_snapshot_lists_the_current_evidence_per_question(session_factory, team):
    unit, first, _, _, chair = team
    staff = await person(session_factory, Role.STAFF, unit.id)
    await add_question_evidence(session_factory, unit.id, staff.id, Q.id, b"sk tim")
    await answer(session_factory, first, unit, Q.id, option="A")

    frozen = await run(session_factory, evaluasi.finalise, chair, LKE, unit.id, TODAY)

    payload = json.loads(await run(session_factory, evaluations.snapshot_payload, frozen.id))
    assert payload["evidence"] == {"questions": {Q.id: [hashlib.sha256(b"sk tim").hexdigest()]},
                                   "items": {}}


async def test_only_one_final_answer_per_question_with_its_history_kept(session_factory, team):
    unit, first, second, secretary, chair = team
    await answer(session_factory, first, unit, Q.id, option="A")
    await answer(session_factory, second, unit, Q.id, option="C")

    await run(session_factory, evaluasi.set_final, secretary, LKE, unit.id, Q.id, option="B")
    last = await run(session_factory, evaluasi.set_final, chair, LKE, unit.id, Q.id,
                     option="C")

    async with session_factory() as session:
        finals = await assessments.answers_for_unit(session, unit.id, AssessmentKind.FINAL)
        history = await assessments.history(session, last.id)
    assert [(f.evaluator_user_id, f.answer) for f in finals] == [(chair.id, "C")]
    assert [(h.answer, h.changed_by_user_id) for h in history] == [("B", secretary.id),
                                                                   ("C", chair.id)]
    assert last.version == 2


async def test_final_answers_need_the_secretary_or_chair(session_factory, team):
    unit, first, *_ = team

    assert await refusal(session_factory, evaluasi.set_final, first, LKE, unit.id, Q.id,
                         option="A") == "not_allowed"


async def test_only_the_chair_finalises_and_reopens(session_factory, team):
    unit, first, _, secretary, chair = team
    await answer(session_factory, first, unit, Q.id, option="A")

    for who in (first, secretary):
        assert await refusal(session_factory, evaluasi.finalise, who, LKE, unit.id,
                             TODAY) == "not_allowed"
    await run(session_factory, evaluasi.finalise, chair, LKE, unit.id, TODAY)
    assert await refusal(session_factory, evaluasi.reopen, secretary, unit.id) == "not_allowed"


async def test_a_final_evaluation_takes_no_answers_until_reopened(session_factory, team):
    unit, first, _, secretary, chair = team
    await answer(session_factory, first, unit, Q.id, option="A")
    await run(session_factory, evaluasi.finalise, chair, LKE, unit.id, TODAY)

    assert await refusal(session_factory, evaluasi.answer_tpi, first, LKE, unit.id, Q.id,
                         option="B") == "final"
    assert await refusal(session_factory, evaluasi.set_final, secretary, LKE, unit.id, Q.id,
                         option="B") == "final"
    assert await refusal(session_factory, evaluasi.finalise, chair, LKE, unit.id,
                         TODAY) == "final"

    await run(session_factory, evaluasi.reopen, chair, unit.id)

    assert not await run(session_factory, evaluasi.is_final, unit.id)
    assert (await run(session_factory, units.get, unit.id)).status is UnitStatus.EVALUASI
    state = await run(session_factory, evaluasi.evaluation_of, unit.id)
    assert (state.version, state.reopened_by) == (3, chair.id)
    again = await answer(session_factory, first, unit, Q.id, option="B")
    assert again.answer == "B"
    assert await refusal(session_factory, evaluasi.reopen, chair, unit.id) == "not_final"
    events = await run(session_factory, audit.events_for, "evaluation", unit.id)
    assert [e.action for e in events] == ["evaluation.finalised", "evaluation.reopened"]


async def test_reopening_a_never_finalised_evaluation_is_refused(session_factory, team):
    unit, *_, chair = team

    assert await refusal(session_factory, evaluasi.reopen, chair, unit.id) == "not_final"


async def test_a_unit_not_yet_designated_cannot_be_finalised(session_factory):
    unit = await unit_in(session_factory, UnitStatus.DICANANGKAN)
    chair = await person(session_factory, Role.TPI_CHAIR)
    await answer(session_factory, chair, unit, Q.id, option="A")

    assert await refusal(session_factory, evaluasi.finalise, chair, LKE, unit.id,
                         TODAY) == "not_designated"
    assert (await run(session_factory, units.get, unit.id)).status is UnitStatus.DICANANGKAN


PARTLY = ("95.5", "99.99")
"""Follow-up and LHKASN rates short of Lampiran II's 100% (two decimals kept exactly)."""
FULLY = ("100", "100.00")


async def _enter_facts(factory, unit, secretary, admin, *, holds_wbk: bool,
                       rates: tuple[str, str] = PARTLY) -> None:
    await run(factory, prasyarat.set_hasil, secretary, unit.id, TODAY.year,
              ipak=Decimal("3.61"), ipkp=Decimal("3.20"), kinerja="b")
    await run(factory, prasyarat.set_instansi, admin, LKE, TODAY.year, opini_bpk="WTP",
              sakip="BB", indeks_rb="B", spip_level=3)
    await run(factory, prasyarat.set_unit_prerequisite, secretary, LKE, unit.id, TODAY.year,
              tindak_lanjut_percent=Decimal(rates[0]), lhkpn_percent=Decimal(100),
              lhkasn_percent=Decimal(rates[1]), sakip_internal="BB", core_service=True,
              significant_impact=True, holds_wbk=holds_wbk)


def _document(raw_answers, *, holds_wbk: bool, rates: tuple[str, str] = PARTLY) -> dict:
    """The same unit as an ANSWERS.json document of `zi-bot lke score`."""
    return {
        "answers": raw_answers,
        "hasil": {"ipak": "3.61", "ipkp": "3.20", "kinerja": "B"},
        "prerequisites": {
            "opini_bpk": "WTP", "sakip": "BB", "indeks_rb": "B", "spip_level": 3,
            "core_service": True, "dampak_signifikan": True, "tindak_lanjut": rates[0],
            "lhkpn": 100, "lhkasn": rates[1], "pencanangan": "2024-01-15",
            "sakip_internal": "BB", "predikat_wbk": holds_wbk,
        },
    }


@pytest.mark.parametrize("answer_set", ["varied", "top"])
async def test_unit_figures_equal_the_offline_score_of_the_same_answers(
        session_factory, team, answer_set):
    unit, first, second, secretary, _ = team
    admin = await person(session_factory, Role.ADMIN)
    raw = varied_answers(LKE) if answer_set == "varied" else top_answers(LKE)
    rates = PARTLY if answer_set == "varied" else FULLY
    async with session_factory() as session, session.begin():
        for index, (question_id, raw_answer) in enumerate(raw.items()):
            await evaluasi.answer_tpi(session, first, LKE, unit.id, question_id,
                                      **call_kwargs(raw_answer))
            if index % 3 == 0:  # a second evaluator agreeing on some questions
                await evaluasi.answer_tpi(session, second, LKE, unit.id, question_id,
                                          **call_kwargs(raw_answer))
    await _enter_facts(session_factory, unit, secretary, admin, holds_wbk=False, rates=rates)

    online = await run(session_factory, evaluasi.unit_assessment, LKE, unit.id, TODAY)
    offline_answers, offline_facts = scorecard.parse_document(
        LKE, _document(raw, holds_wbk=False, rates=rates), TODAY)
    offline = scorecard.assess(LKE, offline_answers, offline_facts)

    assert len(raw) == len(LKE.questions())
    assert online.answers == offline_answers
    assert scorecard.as_json(online) == scorecard.as_json(offline)
    assert await run(session_factory, evaluasi.progress, LKE, unit.id) == (len(raw), len(raw))
    if answer_set == "top":
        assert scorecard.as_json(online)["verdict"] == "layak_wbk"


async def test_finalising_a_layak_unit_gives_it_the_verdict_status(session_factory, team):
    unit, first, _, secretary, chair = team
    admin = await person(session_factory, Role.ADMIN)
    async with session_factory() as session, session.begin():
        for question_id, raw_answer in top_answers(LKE).items():
            await evaluasi.answer_tpi(session, first, LKE, unit.id, question_id,
                                      **call_kwargs(raw_answer))
    await _enter_facts(session_factory, unit, secretary, admin, holds_wbk=False, rates=FULLY)
    card = scorecard.as_json(await run(session_factory, evaluasi.unit_assessment, LKE,
                                       unit.id, TODAY))

    frozen = await run(session_factory, evaluasi.finalise, chair, LKE, unit.id, TODAY)

    assert (frozen.verdict, frozen.total) == ("layak_wbk", card["total"])
    assert (await run(session_factory, units.get, unit.id)).status is UnitStatus.LAYAK_WBK


async def test_a_predikat_wbk_unit_keeps_its_predicate_through_finalise_and_reopen(
        session_factory):
    unit = await unit_in(session_factory, UnitStatus.PREDIKAT_WBK)
    chair = await person(session_factory, Role.TPI_CHAIR)
    await answer(session_factory, chair, unit, Q.id, option="A")

    frozen = await run(session_factory, evaluasi.finalise, chair, LKE, unit.id, TODAY)
    assert frozen.verdict == "belum_layak"
    assert (await run(session_factory, units.get, unit.id)).status is UnitStatus.PREDIKAT_WBK

    await run(session_factory, evaluasi.reopen, chair, unit.id)
    assert (await run(session_factory, units.get, unit.id)).status is UnitStatus.PREDIKAT_WBK


async def test_progress_counts_an_evaluators_answers_or_the_effective_ones(session_factory,
                                                                          team):
    unit, first, second, *_ = team
    await answer(session_factory, first, unit, Q.id, option="A")
    await answer(session_factory, first, unit, YN.id, option="Tidak")
    await answer(session_factory, second, unit, PCT.id,
                 inputs={i.key: 1 for i in PCT.inputs})
    total = len(LKE.questions())

    assert await run(session_factory, evaluasi.progress, LKE, unit.id, first.id) == (2, total)
    assert await run(session_factory, evaluasi.progress, LKE, unit.id, second.id) == (1, total)
    assert await run(session_factory, evaluasi.progress, LKE, unit.id) == (3, total)


async def test_recommendations_are_trimmed_bounded_and_audited(session_factory, team):
    unit, first, *_ = team
    outsider = await person(session_factory, Role.TPI_MEMBER)

    added = await run(session_factory, evaluasi.recommend, first, unit.id, Q.id,
                      "  Lengkapi SK tim kerja.\n")
    assert await refusal(session_factory, evaluasi.recommend, first, unit.id, Q.id,
                         " \n ") == "empty"
    assert await refusal(session_factory, evaluasi.recommend, first, unit.id, Q.id,
                         "x" * 2001) == "too_long"
    assert await refusal(session_factory, evaluasi.recommend, outsider, unit.id, Q.id,
                         "Saran") == "not_evaluator"
    longest = await run(session_factory, evaluasi.recommend, first, unit.id, YN.id, "y" * 2000)

    assert added.text == "Lengkapi SK tim kerja." and added.author_user_id == first.id
    listed = await run(session_factory, evaluasi.recommendations, unit.id)
    assert [r.id for r in listed] == [added.id, longest.id]
    events = await run(session_factory, audit.events_for, "rekomendasi", added.id)
    assert [e.action for e in events] == ["rekomendasi.added"]


async def test_new_evidence_flags_a_scored_question_until_it_is_answered_again(
        session_factory, team):
    unit, first, *_ = team
    staff = await person(session_factory, Role.STAFF, unit.id)
    untouched = await add_question_evidence(session_factory, unit.id, staff.id, Q.id, b"one")
    assert not await run(session_factory, evaluasi.flag_recheck, unit.id, Q.id, untouched)

    await answer(session_factory, first, unit, Q.id, option="C")
    await run(session_factory, evaluasi.recommend, first, unit.id, YN.id, "Tambah bukti")
    newer = await add_question_evidence(session_factory, unit.id, staff.id, Q.id, b"two")
    flagged = await run(session_factory, evaluasi.flag_recheck, unit.id, Q.id, newer)
    twice = await run(session_factory, evaluasi.flag_recheck, unit.id, Q.id, newer)
    commented = await run(session_factory, evaluasi.flag_recheck, unit.id, YN.id, None)

    assert (flagged, twice, commented) == (True, False, True)
    assert await run(session_factory, evaluasi.open_rechecks, unit.id) == {Q.id, YN.id}

    await answer(session_factory, first, unit, Q.id, option="C")  # looked again, same answer
    assert await run(session_factory, evaluasi.open_rechecks, unit.id) == {YN.id}
    assert await run(session_factory, evaluasi.flag_recheck, unit.id, Q.id, newer)


async def test_the_audit_chain_holds_after_a_whole_evaluation(session_factory, team):
    unit, first, second, secretary, chair = team
    await answer(session_factory, first, unit, Q.id, option="A")
    await answer(session_factory, second, unit, Q.id, option="B")
    await run(session_factory, evaluasi.set_final, secretary, LKE, unit.id, Q.id, option="A")
    await run(session_factory, evaluasi.finalise, chair, LKE, unit.id, TODAY)
    await run(session_factory, evaluasi.reopen, chair, unit.id)

    async with session_factory() as session:
        verdict = await audit.verify(session)
        rows = await session.scalar(select(func.count()).select_from(Assessment))
        history = await session.scalar(select(func.count()).select_from(AssessmentHistory))
    assert verdict.ok and (rows, history) == (3, 3)


async def test_concurrent_flags_of_one_question_open_exactly_one(session_factory, team):
    unit, first, *_ = team
    await answer(session_factory, first, unit, Q.id, option="A")

    opened = await asyncio.gather(*(
        run(session_factory, evaluasi.flag_recheck, unit.id, Q.id, None) for _ in range(6)))

    assert sorted(opened) == [False] * 5 + [True]


async def test_concurrent_decisions_leave_one_final_answer(session_factory, team):
    unit, first, second, secretary, chair = team
    await answer(session_factory, first, unit, Q.id, option="A")
    await answer(session_factory, second, unit, Q.id, option="B")

    await asyncio.gather(
        run(session_factory, evaluasi.set_final, secretary, LKE, unit.id, Q.id, option="A"),
        run(session_factory, evaluasi.set_final, chair, LKE, unit.id, Q.id, option="B"))

    async with session_factory() as session:
        finals = await assessments.answers_for_unit(session, unit.id, AssessmentKind.FINAL)
    assert len(finals) == 1


async def test_an_answer_racing_the_finalisation_is_in_the_snapshot_or_refused(
        session_factory, team):
    unit, first, second, _, chair = team
    await answer(session_factory, first, unit, Q.id, option="A")

    frozen, late = await asyncio.gather(
        run(session_factory, evaluasi.finalise, chair, LKE, unit.id, TODAY),
        run(session_factory, evaluasi.answer_tpi, second, LKE, unit.id, YN.id, option="Ya"),
        return_exceptions=True)

    payload = json.loads(await run(session_factory, evaluations.snapshot_payload, frozen.id))
    if isinstance(late, EvaluationRefused):
        assert late.reason == "final" and YN.id not in payload["answers"]
    else:
        assert payload["answers"][YN.id] == "Ya"
