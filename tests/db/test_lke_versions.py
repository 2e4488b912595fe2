"""An evaluation keeps the LKE version it was started with; a new one gets the version in force."""

from __future__ import annotations

from datetime import date

import pytest

from tests.core.helpers import bundled_raw, find_question, top_answers, write_yaml
from tests.db.helpers import add_unit, add_user
from zi_core.answers import parse_answer_set
from zi_core.db.repositories import evaluations
from zi_core.domain.roles import Role
from zi_core.lke import load_lke
from zi_core.scoring import score_unit
from zi_core.services import evaluasi, lke_versions


def _lke_2026_text(tmp_path) -> str:
    raw = bundled_raw()
    raw["version"] = "2026.1"
    for option in find_question(raw, "P.1.i.b")["options"]:
        option["value"] = {"A": 1, "B": 0.25, "C": 0}[option["key"]]
    return write_yaml(tmp_path / "lke-2026.yaml", raw).read_text(encoding="utf-8")


async def test_an_open_evaluation_keeps_its_version_after_an_install(session_factory, tmp_path):
    old_unit = await add_unit(session_factory, "DINKES")
    new_unit = await add_unit(session_factory, "DISDIK")
    async with session_factory() as session, session.begin():
        await evaluations.lock(session, old_unit.id, exclusive=True)
        await lke_versions.install(session, _lke_2026_text(tmp_path))
    async with session_factory() as session, session.begin():
        await evaluations.lock(session, new_unit.id, exclusive=True)
        old_lke = await lke_versions.for_evaluation(session, old_unit.id)
        new_lke = await lke_versions.for_evaluation(session, new_unit.id)
        assert (await evaluations.get(session, old_unit.id)).lke_version == "2021.1"
        assert (await evaluations.get(session, new_unit.id)).lke_version == "2026.1"
    assert (old_lke.version, new_lke.version) == ("2021.1", "2026.1")
    answers = {**top_answers(load_lke()), "P.1.i.b": "B"}
    old_score = score_unit(old_lke, parse_answer_set(old_lke, answers))
    new_score = score_unit(new_lke, parse_answer_set(new_lke, answers))
    assert old_score.total > new_score.total


async def test_an_answer_scored_with_another_worksheet_than_the_evaluations_is_stale(
        session_factory, tmp_path):
    unit = await add_unit(session_factory, "DINKES")
    chair = await add_user(session_factory, Role.TPI_CHAIR)
    async with session_factory() as session, session.begin():
        await evaluasi.answer_tpi(session, chair, load_lke(), unit.id, "P.1.i.a", option="Ya")
        await lke_versions.install(session, _lke_2026_text(tmp_path))
    async with session_factory() as session, session.begin():
        new = await lke_versions.in_force(session)
        with pytest.raises(evaluasi.EvaluationRefused) as refused:
            await evaluasi.answer_tpi(session, chair, new, unit.id, "P.1.i.b", option="B")
    assert refused.value.reason == "stale"
    assert new.version == "2026.1"


async def test_the_weekly_summary_scores_each_unit_with_its_evaluations_version(
        session_factory, tmp_path):
    from zi_core.reports.summary import build_summary

    old_unit = await add_unit(session_factory, "DINKES")
    new_unit = await add_unit(session_factory, "DISDIK")
    chair = await add_user(session_factory, Role.TPI_CHAIR)
    async with session_factory() as session, session.begin():
        await evaluasi.answer_tpi(session, chair, load_lke(), old_unit.id, "P.1.i.b",
                                  option="B")
        await lke_versions.install(session, _lke_2026_text(tmp_path))
    async with session_factory() as session, session.begin():
        new = await lke_versions.in_force(session)
        await evaluasi.answer_tpi(session, chair, new, new_unit.id, "P.1.i.b", option="B")
        summary = await build_summary(session, new, date(2026, 12, 8))
    rows = {row.code: row for row in summary.units}
    # P.1.i weighs 0,5 over two questions, only P.1.i.b answered (B): 2021.1 values B at 0,5,
    # so 0,5 / 2 × 0,5 = 0,125 → 0,13; 2026.1 at 0,25: 0,25 / 2 × 0,5 = 0,0625 → 0,06.
    assert (rows["DINKES"].total, rows["DINKES"].lke_version) == ("0.13", "2021.1")
    assert (rows["DISDIK"].total, rows["DISDIK"].lke_version) == ("0.06", "2026.1")
