"""An evaluation keeps the LKE version it was started with; a new one gets the version in force."""

from __future__ import annotations

from tests.core.helpers import bundled_raw, find_question, top_answers, write_yaml
from tests.db.helpers import add_unit
from zi_core.answers import parse_answer_set
from zi_core.db.repositories import evaluations
from zi_core.lke import load_lke
from zi_core.scoring import score_unit
from zi_core.services import lke_versions


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
