"""`/status` names the pemenuhan/reform halves under their predicate's line (60% for WBK, 75%
for WBBM): shown beside the checks, never decisive."""

from datetime import UTC, datetime

from bot.i18n import use_locale
from bot.views.status import status_text
from tests.core.helpers import BOTTOM_KEY, WBBM_FACTS, answers
from zi_core import scorecard
from zi_core.domain.statuses import UnitStatus
from zi_core.domain.unit import UnitDTO
from zi_core.lke import load_lke

UNIT = UnitDTO(id=1, code="DINKES", name="Dinas Kesehatan", status=UnitStatus.EVALUASI,
               headcount=40, pencanangan_date=None, core_service=True, high_risk=False,
               wide_impact=True, penetapan_note=None, penetapan_at=None, penetapan_by=None,
               created_at=datetime(2025, 1, 2, tzinfo=UTC))


def test_the_halves_under_the_line_are_named_with_their_figure():
    lke = load_lke()
    area = lke.areas[0]
    reform = area.reform
    low = {q.id: BOTTOM_KEY.get(q.answer_type.value, 0)
           for indicator in reform.indicators for q in indicator.questions}
    assessment = scorecard.assess(lke, answers(lke, low), WBBM_FACTS)
    with use_locale("id"):
        text = status_text(UNIT, lke, assessment, final=False)
    notes = [line for line in text.splitlines() if line.startswith("· ")]
    # One half under the line, listed under each predicate with that predicate's line.
    assert notes == [f"· Reform {area.name}: 0,00 (batas 60,00)",
                     f"· Reform {area.name}: 0,00 (batas 75,00)"]
    assert "⚠️ Catatan: 1 bagian pemenuhan/reform di bawah batas" in text


def test_no_note_when_every_half_is_above_the_line():
    lke = load_lke()
    assessment = scorecard.assess(lke, answers(lke), WBBM_FACTS)
    with use_locale("id"):
        text = status_text(UNIT, lke, assessment, final=False)
    assert "⚠️" not in text and not any(line.startswith("· ") for line in text.splitlines())


def test_a_plan_made_before_the_surveys_names_the_hasil_it_counts_on():
    lke = load_lke()
    # area 1 low (R.1.ii.a E, R.1.iii.a C, P.1.iv.a Tidak ...), kinerja A, no IPAK/IPKP yet
    low = {"P.1.iv.a": "Tidak", "P.1.ii.a": "Tidak", "R.1.i.a": {"agen": 4, "perubahan": 3},
           "R.1.i.b": {"dibuat": 4, "terintegrasi": 1}, "R.1.ii.a": "E", "R.1.iii.a": "C"}
    assessment = scorecard.assess(lke, answers(lke, low, hasil={"kinerja": "A"}), WBBM_FACTS)
    with use_locale("id"):
        text = status_text(UNIT, lke, assessment, final=False)
    assert "Rencana ini dengan IPAK ≥ 3,60 dan IPKP ≥ 3,20 (Hasil belum diisi)." in text
    assert "Rencana ini dengan IPAK ≥ 3,60 dan IPKP ≥ 3,60 (Hasil belum diisi)." in text
