"""Assessment upserts are idempotent, keep history of every change, and compare-and-set."""

import pytest
from sqlalchemy import func, select

from tests.db.helpers import add_unit, add_user
from zi_core.db.models import Assessment, AssessmentHistory
from zi_core.db.repositories import assessments
from zi_core.domain.errors import StaleVersion
from zi_core.domain.statuses import AssessmentKind


@pytest.fixture
async def unit_and_evaluator(session_factory):
    return (await add_unit(session_factory)).id, (await add_user(session_factory)).id


async def _upsert(factory, unit_id, evaluator_id, answer, **kwargs):
    async with factory() as session, session.begin():
        return await assessments.upsert_answer(
            session,
            unit_id=unit_id,
            question_id="P.1.i.a",
            kind=AssessmentKind.TPI,
            evaluator_user_id=evaluator_id,
            answer=answer,
            **kwargs,
        )


async def _counts(factory) -> tuple[int, int]:
    async with factory() as session:
        rows = await session.scalar(select(func.count()).select_from(Assessment))
        history = await session.scalar(select(func.count()).select_from(AssessmentHistory))
    return rows, history


async def test_the_same_answer_twice_is_one_row_and_one_history_entry(
    session_factory, unit_and_evaluator
):
    first = await _upsert(session_factory, *unit_and_evaluator, "A")
    again = await _upsert(session_factory, *unit_and_evaluator, "A")

    assert first.changed and not again.changed
    assert again.assessment.version == 1 and again.assessment.id == first.assessment.id
    assert await _counts(session_factory) == (1, 1)


async def test_a_changed_answer_bumps_the_version_and_adds_history(
    session_factory, unit_and_evaluator
):
    await _upsert(session_factory, *unit_and_evaluator, "A")
    changed = await _upsert(session_factory, *unit_and_evaluator, "B", note="bukti kurang")

    assert changed.changed and changed.assessment.answer == "B"
    assert changed.assessment.version == 2 and changed.assessment.note == "bukti kurang"
    assert await _counts(session_factory) == (1, 2)
    async with session_factory() as session:
        history = await assessments.history(session, changed.assessment.id)
    assert [h.answer for h in history] == ["A", "B"]


async def test_percentage_inputs_round_trip_and_count_as_a_change(
    session_factory, unit_and_evaluator
):
    await _upsert(session_factory, *unit_and_evaluator, "5/6", inputs={"b": 6, "a": 5})
    same = await _upsert(session_factory, *unit_and_evaluator, "5/6", inputs={"a": 5, "b": 6})
    other = await _upsert(session_factory, *unit_and_evaluator, "5/6", inputs={"a": 5, "b": 7})

    assert not same.changed and other.changed
    assert other.assessment.inputs == {"a": 5, "b": 7}


async def test_a_stale_version_is_refused(session_factory, unit_and_evaluator):
    seen = (await _upsert(session_factory, *unit_and_evaluator, "A")).assessment.version
    await _upsert(session_factory, *unit_and_evaluator, "B", expected_version=seen)

    with pytest.raises(StaleVersion) as caught:
        await _upsert(session_factory, *unit_and_evaluator, "C", expected_version=seen)

    assert caught.value.current == 2
    assert await _counts(session_factory) == (1, 2)


async def test_answers_for_unit_lists_one_kind(session_factory, unit_and_evaluator):
    unit_id, evaluator_id = unit_and_evaluator
    await _upsert(session_factory, unit_id, evaluator_id, "Ya")
    async with session_factory() as session, session.begin():
        await assessments.upsert_answer(
            session,
            unit_id=unit_id,
            question_id="P.1.i.a",
            kind=AssessmentKind.MANDIRI,
            evaluator_user_id=evaluator_id,
            answer="Tidak",
        )

    async with session_factory() as session:
        tpi = await assessments.answers_for_unit(session, unit_id, AssessmentKind.TPI)

    assert [(a.question_id, a.answer, a.kind) for a in tpi] == [
        ("P.1.i.a", "Ya", AssessmentKind.TPI)
    ]
