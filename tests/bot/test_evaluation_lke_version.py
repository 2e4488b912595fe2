"""An open evaluation keeps the LKE version it was started with after a new one is installed
(Pasal 7(4)): its screens, its status, its answers and the weekly summary use that version; an
evaluation started afterwards uses the new one."""

from __future__ import annotations

from bot import callback
from bot.summary import build
from tests.core.helpers import bundled_raw, find_question, write_yaml
from zi_core.db.repositories import evaluations
from zi_core.services import lke_versions

SECRET = b"test-secret"
NEW_TEXT = "Apakah Tim Kerja ZI telah dibentuk dengan SK Kepala Unit?"
OLD_TEXT = "Unit kerja telah membentuk tim untuk melakukan pembangunan Zona Integritas"


def _lke_2026(tmp_path) -> str:
    """LKE 2026.1: P.1.i.a retexted, option B of P.1.i.b worth 0,25 instead of 0,5."""
    raw = bundled_raw()
    raw["version"] = "2026.1"
    find_question(raw, "P.1.i.a")["text"] = NEW_TEXT
    for option in find_question(raw, "P.1.i.b")["options"]:
        if option["key"] == "B":
            option["value"] = 0.25
    return write_yaml(tmp_path / "lke-2026.yaml", raw).read_text(encoding="utf-8")


async def _answer(chair, unit_id: int, question_id: str, option: str) -> None:
    await chair.press_data(callback.encode(SECRET, chair.id, "nqa", unit_id, question_id,
                                           option, 0))
    await chair.wait_reply()


async def _question_text(chair, unit_id: int, question_id: str) -> str:
    await chair.press_data(callback.encode(SECRET, chair.id, "nq", unit_id, question_id))
    return (await chair.wait_reply())[-1].text


async def _status(chair, unit_id: int) -> str:
    await chair.press_data(callback.encode(SECRET, chair.id, "st", unit_id))
    return "\n".join(m.text for m in await chair.wait_reply())


async def test_an_open_evaluation_keeps_scoring_with_its_own_lke_version(zi, emu, tmp_path):
    dinkes = await zi.add_unit("DINKES", "Dinas Kesehatan")
    disdik = await zi.add_unit("DISDIK", "Dinas Pendidikan")
    chair = emu.user(9301, "Ketua")
    await zi.onboard(chair, "tpi_chair", name="Inspektur")
    await _answer(chair, dinkes, "P.1.i.a", "Ya")  # DINKES's evaluation opens on LKE 2021.1

    async with zi.sessions() as session, session.begin():
        await lke_versions.install(session, _lke_2026(tmp_path))

    assert OLD_TEXT in await _question_text(chair, dinkes, "P.1.i.a")
    assert NEW_TEXT in await _question_text(chair, disdik, "P.1.i.a")
    await _answer(chair, dinkes, "P.1.i.b", "B")
    await _answer(chair, disdik, "P.1.i.a", "Ya")
    await _answer(chair, disdik, "P.1.i.b", "B")

    # By hand: P.1.i weighs 0,5 and has two questions. DINKES (2021.1): (1 + 0,5) / 2 × 0,5
    # = 0,375 → 0,38. DISDIK (2026.1): (1 + 0,25) / 2 × 0,5 = 0,3125 → 0,31. No Hasil yet.
    assert "Nilai total: 0,38" in await _status(chair, dinkes)
    assert "Nilai total: 0,31" in await _status(chair, disdik)
    async with zi.sessions() as session:
        assert (await evaluations.get(session, dinkes)).lke_version == "2021.1"
        assert (await evaluations.get(session, disdik)).lke_version == "2026.1"

    summary = (await build(zi.application, zi.today())).summary
    rows = {row.code: row for row in summary.units}
    assert (rows["DINKES"].total, rows["DINKES"].lke_version) == ("0.38", "2021.1")
    assert (rows["DISDIK"].total, rows["DISDIK"].lke_version) == ("0.31", "2026.1")

