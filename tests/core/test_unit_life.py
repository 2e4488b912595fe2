"""A unit's status through the TPI's evaluation: scoring starts evaluasi, finalising gives the
verdict (never taking away a TPN predicate), reopening goes back to evaluasi."""

from __future__ import annotations

import pytest

from zi_core.domain.statuses import UnitStatus as S
from zi_core.domain.unit_life import Event, TransitionRefused, after


@pytest.mark.parametrize(("status", "expected"), [
    (S.DITETAPKAN, S.EVALUASI), (S.PEMBANGUNAN, S.EVALUASI), (S.EVALUASI, S.EVALUASI),
    (S.TERDAFTAR, S.TERDAFTAR), (S.PREDIKAT_WBK, S.PREDIKAT_WBK)])
def test_the_tpis_first_answer_starts_evaluasi_of_a_unit_building_zi(status, expected):
    assert after(Event.EVALUATE, status) is expected


@pytest.mark.parametrize(("status", "verdict", "expected"), [
    (S.EVALUASI, "layak_wbk", S.LAYAK_WBK),
    (S.PEMBANGUNAN, "belum_layak", S.BELUM_LAYAK),
    (S.EVALUASI, "layak_wbbm", S.LAYAK_WBBM),
    (S.PREDIKAT_WBK, "layak_wbbm", S.LAYAK_WBBM),
    (S.PREDIKAT_WBK, "belum_layak", S.PREDIKAT_WBK),
    (S.PREDIKAT_WBBM, "belum_layak", S.PREDIKAT_WBBM),
])
def test_finalising_sets_the_verdict_but_keeps_a_tpn_predicate(status, verdict, expected):
    assert after(Event.FINALISE, status, verdict) is expected


@pytest.mark.parametrize("status", [S.TERDAFTAR, S.DICANANGKAN])
def test_a_unit_not_yet_designated_cannot_be_finalised(status):
    with pytest.raises(TransitionRefused) as refused:
        after(Event.FINALISE, status, "belum_layak")

    assert refused.value.reason == "not_designated"


@pytest.mark.parametrize(("status", "before", "expected"), [
    (S.LAYAK_WBK, S.EVALUASI, S.EVALUASI),
    (S.BELUM_LAYAK, None, S.EVALUASI),
    (S.LAYAK_WBBM, S.PREDIKAT_WBK, S.PREDIKAT_WBK),
    (S.PREDIKAT_WBK, S.EVALUASI, S.PREDIKAT_WBK),
])
def test_reopening_goes_back_to_evaluasi_or_to_the_predicate_held_before(status, before,
                                                                         expected):
    assert after(Event.REOPEN, status, before) is expected
