"""Lampiran II (Perbup 49/2022) checks at their boundaries, and each one failing alone.

Units are built by hand so that a figure lands exactly on a threshold; the arithmetic is in
the comments (values from lke-zi-2021.md §2.1, area weights 8/7/10/10/15/10).
"""

from __future__ import annotations

from dataclasses import replace
from datetime import date
from decimal import Decimal

import pytest

from tests.core.helpers import (
    TOP_HASIL,
    WBBM_FACTS,
    WBK_FACTS,
    answers,
    check,
    failing,
    judge,
    statuses,
)
from zi_core.domain.statuses import Kelayakan
from zi_core.figures import shown
from zi_core.thresholds import Status, UnitFacts

D = Decimal
SDM = "penataan_sistem_manajemen_sdm"

# Hasil exactly at every WBK minimum: 3,60/4 × 17,5 = 15,75; C = 0,5 × 5 = 2,50;
# 3,20/4 × 17,5 = 14,00. Birokrasi bersih 15,75 + 2,50 = 18,25. Hasil 32,25.
MIN_WBK_HASIL = {"ipak": "3.60", "kinerja": "C", "ipkp": "3.20"}

# From all-top (60,00), lose 17,25 while every area stays >= 60 %:
LOSS_17_25 = {
    # area 1 (8): P.1.iv all bottom -1,50; R.1.ii E -1,00 -> 5,50 = 68,75 %
    "P.1.iv.a": "Tidak", "P.1.iv.b": "C", "P.1.iv.c": "C", "P.1.iv.d": "D",
    "R.1.ii.a": "E",
    # area 2 (7): R.2.iii all E -2,00 -> 5,00 = 71,43 %
    "R.2.iii.a": "E", "R.2.iii.b": "E", "R.2.iii.c": "E",
    # area 3 (10): R.3.iii 0 (nothing last year, 2 now) -2,00; R.3.i C -1,50 -> 65 %
    "R.3.iii.a": {"pelanggaran_lalu": 0, "pelanggaran_ini": 2, "disanksi": 2},
    "R.3.i.a": "C",
    # area 4 (10): R.4.i 0 of 5 -2,00; R.4.ii D -1,50 -> 65 %
    "R.4.i.a": {"sasaran": 5, "tercapai": 0}, "R.4.ii.a": "D",
    # area 5 (15): R.5.i E -2,50; P.5.i bottom -1,50; P.5.ii bottom -1,50 -> 63,33 %
    "R.5.i.a": "E", "P.5.i.a": "C", "P.5.i.b": "D",
    "P.5.ii.a": "E", "P.5.ii.b": "E", "P.5.ii.c": "C", "P.5.ii.d": "C",
    # R.5.ii.a at 300/300 = 1 (kept so that 299/300 can take exactly 0,01 off: 3 × 1/300)
    "R.5.ii.a": {"harus": 300, "proses": 0, "selesai": 300},
    # area 6 (10): P.6.i.d Tidak -1/4 × 1,00 = -0,25 -> 97,5 %
    "P.6.i.d": "Tidak",
}
# 1,5+1 + 2 + 2+1,5 + 2+1,5 + 2,5+1,5+1,5 + 0,25 = 17,25
ONE_HUNDREDTH_LESS = {"R.5.ii.a": {"harus": 300, "proses": 0, "selesai": 299}}

# 17,25 + R.6.ii D (-2,50) + P.6.i.a E (-(1 − 0)/4 × 1,00 = -0,25) = 20,00;
# area 6 then 10 − 0,25 − 2,5 − 0,25 = 7,00 = 70 %
LOSS_20 = {**LOSS_17_25, "R.6.ii.a": "D", "P.6.i.a": "E"}

# Area 3 (SDM, 10) at exactly 6,00: P.3.iv all bottom -2; R.3.i C -1,5; R.3.iii 0,75 × 2 = 1,5
AREA_SDM_60 = {
    "P.3.iv.a": "D", "P.3.iv.b": "D", "P.3.iv.c": "E", "P.3.iv.d": "Tidak",
    "R.3.i.a": "C",
    "R.3.iii.a": {"pelanggaran_lalu": 4, "pelanggaran_ini": 1, "disanksi": 1},  # 3/4
}


# --- score boundaries -------------------------------------------------------------------------

def test_total_of_exactly_75_00_passes_wbk(lke):
    score, verdict = judge(lke, answers(lke, LOSS_17_25, hasil=MIN_WBK_HASIL), WBK_FACTS)
    assert score.pengungkit == D("42.75")                 # 60 − 17,25
    assert score.hasil.total == D("32.25")
    assert score.total == 75                               # 42,75 + 32,25
    total = check(verdict, "wbk", "total")
    assert (total.required, total.actual, total.gap, total.status) == (
        D("75.00"), D("75.00"), D("0.00"), Status.LULUS)
    assert failing(verdict, "wbk") == set()
    assert verdict.result == Kelayakan.LAYAK_WBK


def test_hasil_exactly_at_every_wbk_minimum_passes(lke):
    _, verdict = judge(lke, answers(lke, LOSS_17_25, hasil=MIN_WBK_HASIL), WBK_FACTS)
    for check_id, required in [("ipak", "15.75"), ("kinerja", "2.50"),
                               ("birokrasi_bersih", "18.25"), ("pelayanan_prima", "14.00")]:
        c = check(verdict, "wbk", check_id)
        assert (c.actual, c.required, c.status) == (D(required), D(required), Status.LULUS)


def test_total_of_74_99_fails_wbk_by_0_01(lke):
    changes = {**LOSS_17_25, **ONE_HUNDREDTH_LESS}   # R.5.ii.a 299/300 × 3 = 2,99
    score, verdict = judge(lke, answers(lke, changes, hasil=MIN_WBK_HASIL), WBK_FACTS)
    assert score.total == D("74.99")
    total = check(verdict, "wbk", "total")
    assert (total.actual, total.gap, total.status) == (D("74.99"), D("0.01"), Status.GAGAL)
    assert failing(verdict, "wbk") == {"total"}
    assert verdict.result == Kelayakan.BELUM_LAYAK


def test_pengungkit_of_exactly_40_00_passes_wbk(lke):
    score, verdict = judge(lke, answers(lke, LOSS_20), WBK_FACTS)
    assert score.pengungkit == 40                         # 60 − 20
    assert score.total == 80                              # + hasil 40
    c = check(verdict, "wbk", "pengungkit")
    assert (c.required, c.actual, c.status) == (D("40.00"), D("40.00"), Status.LULUS)
    assert [a.percent for a in score.areas] == [
        D("68.75"), D("71.43"), D("65.00"), D("65.00"), D("63.33"), D("70.00")]
    assert verdict.result == Kelayakan.LAYAK_WBK


def test_pengungkit_of_39_99_fails_wbk_alone(lke):
    score, verdict = judge(lke, answers(lke, {**LOSS_20, **ONE_HUNDREDTH_LESS}), WBK_FACTS)
    assert score.pengungkit == D("39.99")
    assert failing(verdict, "wbk") == {"pengungkit"}      # total 79,99 still passes
    assert check(verdict, "wbk", "pengungkit").gap == D("0.01")
    assert verdict.result == Kelayakan.BELUM_LAYAK


def test_area_at_exactly_60_percent_passes_wbk(lke):
    score, verdict = judge(lke, answers(lke, AREA_SDM_60))
    assert score.area(SDM).score == 6                     # 10 − 2 − 1,5 − 0,5
    c = check(verdict, "wbk", f"area.{SDM}")
    assert (c.required, c.actual, c.status) == (D("60.00"), D("60.00"), Status.LULUS)
    assert failing(verdict, "wbk") == set()
    assert failing(verdict, "wbbm") == {f"area.{SDM}"}    # 60 % < 75 %
    assert verdict.result == Kelayakan.LAYAK_WBK


def test_area_at_59_99_percent_fails_wbk(lke):
    # R.3.iii.a (2000 − 501)/2000 = 0,7495 × 2 = 1,499 -> area 5,999 = 59,99 %
    changes = {**AREA_SDM_60, "R.3.iii.a": {"pelanggaran_lalu": 2000, "pelanggaran_ini": 501,
                                            "disanksi": 0}}
    score, verdict = judge(lke, answers(lke, changes))
    assert score.area(SDM).score == D("5.999")
    c = check(verdict, "wbk", f"area.{SDM}")
    assert (c.actual, c.gap, c.status) == (D("59.99"), D("0.01"), Status.GAGAL)
    assert failing(verdict, "wbk") == {f"area.{SDM}"}
    assert verdict.result == Kelayakan.BELUM_LAYAK


def test_area_at_59_995_percent_is_shown_as_60_00_and_passes(lke):
    # R.3.iii.a (4000 − 1001)/4000 = 0,74975 × 2 = 1,4995 -> 5,9995 = 59,995 % -> 60,00
    changes = {**AREA_SDM_60, "R.3.iii.a": {"pelanggaran_lalu": 4000,
                                            "pelanggaran_ini": 1001, "disanksi": 0}}
    score, verdict = judge(lke, answers(lke, changes))
    assert score.area(SDM).score == D("5.9995")
    assert check(verdict, "wbk", f"area.{SDM}").status == Status.LULUS
    assert verdict.result == Kelayakan.LAYAK_WBK


# --- every Lampiran II check failing alone ----------------------------------------------------

# (what is broken, fact changes, hasil changes, failing WBK checks, failing WBBM checks)
BREAKS = [
    ("opini_bpk WDP", {"opini_bpk": "WDP"}, {}, {"opini_bpk"}, {"opini_bpk"}),
    ("sakip C", {"sakip": "C"}, {}, {"sakip"}, {"sakip"}),
    ("sakip B: WBK only", {"sakip": "B"}, {}, set(), {"sakip"}),
    ("indeks_rb C", {"indeks_rb": "C"}, {}, {"indeks_rb"}, {"indeks_rb"}),
    ("indeks_rb CC: WBK only", {"indeks_rb": "CC"}, {}, set(), {"indeks_rb"}),
    ("spip level 2", {"spip_level": 2}, {}, {"spip"}, {"spip"}),
    ("not core service", {"core_service": False}, {}, {"core_service"}, {"core_service"}),
    ("no significant impact", {"significant_impact": False}, {}, {"dampak_signifikan"},
     {"dampak_signifikan"}),
    ("tindak lanjut 99,99", {"tindak_lanjut_percent": D("99.99")}, {}, {"tindak_lanjut"},
     {"tindak_lanjut"}),
    ("lhkpn 99", {"lhkpn_percent": D("99")}, {}, {"lhkpn"}, {"lhkpn"}),
    ("lhkasn 99", {"lhkasn_percent": D("99")}, {}, {"lhkasn"}, {"lhkasn"}),
    # evaluated 2025-06-01, declared 2024-06-02: one day short of a year
    ("WBK predicate < 1 year", {"wbk_predicate_date": date(2024, 6, 2)}, {}, set(),
     {"lama_pembangunan"}),
    ("sakip_internal CC", {"sakip_internal": "CC"}, {}, {"sakip_internal"},
     {"sakip_internal"}),
    ("sakip_internal B: WBK only", {"sakip_internal": "B"}, {}, set(), {"sakip_internal"}),
    ("no WBK predicate yet", {"holds_wbk": False}, {}, set(), {"predikat_wbk"}),
    # 3,59/4 × 17,5 = 15,70625 -> 15,71 < 15,75; birokrasi 15,70625 + 5 = 20,71 still passes
    ("ipak 3,59", {}, {"ipak": "3.59"}, {"ipak"}, {"ipak"}),
    # D = 0,25 × 5 = 1,25 < 2,50; birokrasi 17,5 + 1,25 = 18,75: >= 18,25 but < 19,50
    ("kinerja D", {}, {"kinerja": "D"}, {"kinerja"}, {"kinerja", "birokrasi_bersih"}),
    # C = 2,50 < 3,75 (WBBM); birokrasi 17,5 + 2,5 = 20,00 >= 19,50
    ("kinerja C: WBBM only", {}, {"kinerja": "C"}, set(), {"kinerja"}),
    # 3,19/4 × 17,5 = 13,95625 -> 13,96 < 14,00 (and < 15,75)
    ("ipkp 3,19", {}, {"ipkp": "3.19"}, {"pelayanan_prima"}, {"pelayanan_prima"}),
    # 3,59/4 × 17,5 = 15,70625 -> 15,71 < 15,75 (WBBM); >= 14,00 (WBK)
    ("ipkp 3,59: WBBM only", {}, {"ipkp": "3.59"}, set(), {"pelayanan_prima"}),
    # birokrasi bersih's minimum is the sum of its parts' minima (18,25 = 15,75 + 2,50), so it
    # can only fail with a part: ipak 15,70625 + C 2,50 = 18,20625 -> 18,21 < 18,25
    ("birokrasi bersih", {}, {"ipak": "3.59", "kinerja": "C"}, {"ipak", "birokrasi_bersih"},
     {"ipak", "kinerja", "birokrasi_bersih"}),
]


@pytest.mark.parametrize("facts_changes, hasil_changes, wbk_fails, wbbm_fails",
                         [b[1:] for b in BREAKS], ids=[b[0] for b in BREAKS])
def test_each_check_failing_alone_from_a_passing_wbbm_unit(lke, facts_changes, hasil_changes,
                                                           wbk_fails, wbbm_fails):
    baseline = judge(lke, answers(lke), WBBM_FACTS)[1]
    assert baseline.result == Kelayakan.LAYAK_WBBM
    facts = replace(WBBM_FACTS, **facts_changes)
    _, verdict = judge(lke, answers(lke, hasil={**TOP_HASIL, **hasil_changes}), facts)
    assert failing(verdict, "wbk") == wbk_fails
    assert failing(verdict, "wbbm") == wbbm_fails
    for predicate, fails in (("wbk", wbk_fails), ("wbbm", wbbm_fails)):
        assert {check(verdict, predicate, i).status for i in fails} <= {Status.GAGAL}
    expected = Kelayakan.BELUM_LAYAK if wbk_fails else Kelayakan.LAYAK_WBK
    assert verdict.result == expected


@pytest.mark.parametrize("facts_changes, hasil_changes, wbk_fails",
                         [(b[1], b[2], b[3]) for b in BREAKS if b[3]],
                         ids=[b[0] for b in BREAKS if b[3]])
def test_each_wbk_check_failing_alone_drops_a_layak_wbk_unit(lke, facts_changes,
                                                             hasil_changes, wbk_fails):
    assert judge(lke, answers(lke), WBK_FACTS)[1].result == Kelayakan.LAYAK_WBK
    facts = replace(WBK_FACTS, **facts_changes)
    _, verdict = judge(lke, answers(lke, hasil={**TOP_HASIL, **hasil_changes}), facts)
    assert failing(verdict, "wbk") == wbk_fails
    assert verdict.result == Kelayakan.BELUM_LAYAK


def test_failing_survey_check_reports_the_shown_figure_and_gap(lke):
    _, verdict = judge(lke, answers(lke, hasil={**TOP_HASIL, "ipak": "3.59"}))
    c = check(verdict, "wbk", "ipak")
    assert (c.required, c.actual, c.gap) == (D("15.75"), D("15.71"), D("0.04"))


def test_failing_ordinal_prerequisite_reports_the_steps_missing(lke):
    _, verdict = judge(lke, answers(lke), replace(WBBM_FACTS, sakip="CC"))
    assert (check(verdict, "wbk", "sakip").gap, check(verdict, "wbbm", "sakip").gap) == (
        D(1), D(2))   # CC -> B is one step, CC -> BB two


# --- lama pembangunan -------------------------------------------------------------------------

@pytest.mark.parametrize("declared, evaluated, status", [
    (date(2024, 6, 1), date(2025, 6, 1), Status.LULUS),     # exactly one year
    (date(2024, 6, 2), date(2025, 6, 1), Status.GAGAL),     # one day short
    (date(2023, 3, 1), date(2024, 2, 29), Status.GAGAL),    # leap day is not yet a year
    (date(2023, 3, 1), date(2024, 3, 1), Status.LULUS),
    # declared on 29 Feb: the anniversary in a common year is 28 Feb (thresholds.anniversary)
    (date(2024, 2, 29), date(2025, 2, 28), Status.LULUS),
    (date(2024, 2, 29), date(2025, 2, 27), Status.GAGAL),
    (date(2025, 7, 1), date(2025, 6, 1), Status.GAGAL),     # declared after the evaluation
])
def test_pencanangan_must_be_at_least_one_year_before_the_evaluation(lke, declared,
                                                                      evaluated, status):
    facts = replace(WBBM_FACTS, pencanangan=declared, wbk_predicate_date=declared,
                    evaluated_on=evaluated)
    _, verdict = judge(lke, answers(lke), facts)
    assert check(verdict, "wbk", "lama_pembangunan").status == status
    assert check(verdict, "wbbm", "lama_pembangunan").status == status


# --- missing data -----------------------------------------------------------------------------

@pytest.mark.parametrize("field, check_id", [
    ("opini_bpk", "opini_bpk"), ("sakip", "sakip"), ("indeks_rb", "indeks_rb"),
    ("spip_level", "spip"), ("core_service", "core_service"),
    ("significant_impact", "dampak_signifikan"), ("tindak_lanjut_percent", "tindak_lanjut"),
    ("lhkpn_percent", "lhkpn"), ("lhkasn_percent", "lhkasn"),
    ("evaluated_on", "lama_pembangunan"),
    ("sakip_internal", "sakip_internal"),
])
def test_a_missing_fact_is_belum_diisi_never_a_pass(lke, field, check_id):
    _, verdict = judge(lke, answers(lke), replace(WBBM_FACTS, **{field: None}))
    for predicate in ("wbk", "wbbm"):
        c = check(verdict, predicate, check_id)
        assert (c.status, c.passed, c.actual) == (Status.BELUM_DIISI, None, None)
        assert failing(verdict, predicate) == {check_id}
    assert verdict.result == Kelayakan.BELUM_LAYAK


def test_missing_wbk_predicate_fact_leaves_the_unit_layak_wbk(lke):
    _, verdict = judge(lke, answers(lke), replace(WBBM_FACTS, holds_wbk=None))
    assert check(verdict, "wbbm", "predikat_wbk").status == Status.BELUM_DIISI
    assert verdict.result == Kelayakan.LAYAK_WBK


def test_no_facts_at_all_leave_every_prerequisite_belum_diisi(lke):
    _, verdict = judge(lke, answers(lke), UnitFacts())
    prerequisite_ids = {"opini_bpk", "sakip", "indeks_rb", "spip", "core_service",
                        "dampak_signifikan", "tindak_lanjut", "lhkpn", "lhkasn",
                        "lama_pembangunan", "sakip_internal"}
    assert failing(verdict, "wbk") == prerequisite_ids
    assert failing(verdict, "wbbm") == prerequisite_ids | {"predikat_wbk"}
    assert {c.status for c in verdict.checks if c.id in prerequisite_ids} == {
        Status.BELUM_DIISI}
    assert verdict.result == Kelayakan.BELUM_LAYAK


@pytest.mark.parametrize("item, check_ids", [
    ("ipak", {"ipak", "birokrasi_bersih"}),     # birokrasi: only kinerja 5,00 known, < 18,25
    ("kinerja", {"kinerja", "birokrasi_bersih"}),  # birokrasi: IPAK 17,50 alone < 18,25
    ("ipkp", {"pelayanan_prima"}),
])
def test_a_missing_hasil_item_is_belum_diisi(lke, item, check_ids):
    hasil = {k: v for k, v in TOP_HASIL.items() if k != item}
    _, verdict = judge(lke, answers(lke, hasil=hasil))
    st = statuses(verdict, "wbk")
    for check_id in check_ids:
        assert st[check_id] == Status.BELUM_DIISI
    assert verdict.result == Kelayakan.BELUM_LAYAK


def test_total_with_hasil_missing_and_pengungkit_alone_insufficient_is_belum_diisi(lke):
    score, verdict = judge(lke, answers(lke, hasil={}))
    assert score.total == 60                     # pengungkit only
    for predicate in ("wbk", "wbbm"):
        total = check(verdict, predicate, "total")
        assert (total.actual, total.status) == (D("60.00"), Status.BELUM_DIISI)
        assert check(verdict, predicate, "pengungkit").status == Status.LULUS
    assert {check(verdict, "wbk", k).status for k in
            ("ipak", "kinerja", "birokrasi_bersih", "pelayanan_prima")} == {
        Status.BELUM_DIISI}
    assert verdict.result == Kelayakan.BELUM_LAYAK


def test_total_already_reached_with_part_of_hasil_is_a_pass(lke):
    # 60 + IPAK 17,50 + A 5,00 = 82,50 >= 75 whatever IPKP will be; < 85 stays belum_diisi
    _, verdict = judge(lke, answers(lke, hasil={"ipak": 4, "kinerja": "A"}))
    assert check(verdict, "wbk", "total").status == Status.LULUS
    assert check(verdict, "wbbm", "total").status == Status.BELUM_DIISI
    assert check(verdict, "wbk", "pelayanan_prima").status == Status.BELUM_DIISI


# --- halves are warnings; WBBM needs WBK -----------------------------------------------------

def test_a_half_below_60_percent_is_a_warning_not_decisive(lke):
    # P.3.iv (2,00) and P.3.iii (1,25) all bottom: P.3 = 5 − 3,25 = 1,75 = 35 %;
    # area 3 = 1,75 + 5 = 6,75 = 67,5 % >= 60 %
    changes = {"P.3.iv.a": "D", "P.3.iv.b": "D", "P.3.iv.c": "E", "P.3.iv.d": "Tidak",
               "P.3.iii.a": "Tidak", "P.3.iii.b": "D", "P.3.iii.c": "D", "P.3.iii.d": "D",
               "P.3.iii.e": "D", "P.3.iii.f": "C"}
    score, verdict = judge(lke, answers(lke, changes), WBK_FACTS)
    assert score.area(SDM).pemenuhan.percent == D("35.00")
    assert score.area(SDM).percent == D("67.50")
    warning = check(verdict, "wbk", f"pemenuhan.{SDM}")
    assert (warning.status, warning.decisive, warning.actual) == (
        Status.GAGAL, False, D("35.00"))
    assert f"pemenuhan.{SDM}" not in failing(verdict, "wbk")
    assert verdict.result == Kelayakan.LAYAK_WBK


def test_a_half_below_75_percent_does_not_stop_wbbm(lke):
    # P.3.iv all bottom: P.3 = 3/5 = 60 % (< 75 %); area 3 = 8/10 = 80 % (>= 75 %)
    changes = {"P.3.iv.a": "D", "P.3.iv.b": "D", "P.3.iv.c": "E", "P.3.iv.d": "Tidak"}
    _, verdict = judge(lke, answers(lke, changes), WBBM_FACTS)
    assert check(verdict, "wbbm", f"pemenuhan.{SDM}").status == Status.GAGAL
    assert check(verdict, "wbk", f"pemenuhan.{SDM}").status == Status.LULUS
    assert verdict.result == Kelayakan.LAYAK_WBBM


def test_layak_wbbm_requires_holding_the_wbk_predicate(lke):
    assert judge(lke, answers(lke), WBBM_FACTS)[1].result == Kelayakan.LAYAK_WBBM
    _, verdict = judge(lke, answers(lke), WBK_FACTS)
    assert failing(verdict, "wbbm") == {"predikat_wbk", "lama_pembangunan"}
    assert verdict.result == Kelayakan.LAYAK_WBK
    assert "predikat_wbk" not in {c.id for c in verdict.for_predicate("wbk")}


def test_thresholds_compare_shown_figures():
    assert shown(D("74.995")) >= shown(D("75"))
    assert not shown(D("74.994")) >= shown(D("75"))


# --- "100 %" means 100 %: the exact value, not the shown one ----------------------------------

@pytest.mark.parametrize("field, check_id", [
    ("tindak_lanjut_percent", "tindak_lanjut"), ("lhkpn_percent", "lhkpn"),
    ("lhkasn_percent", "lhkasn"),
])
@pytest.mark.parametrize("value, status", [
    (D("100"), Status.LULUS),
    (D("99.995"), Status.GAGAL),     # shown "100,00", yet one in 20.000 did not follow up
    (D("99.999"), Status.GAGAL),
])
def test_a_100_percent_requirement_compares_the_exact_value(lke, field, check_id, value,
                                                            status):
    _, verdict = judge(lke, answers(lke), replace(WBBM_FACTS, **{field: value}))
    for predicate in ("wbk", "wbbm"):
        c = check(verdict, predicate, check_id)
        assert c.status == status
        assert c.actual == value                 # shown as entered, not as "100.00"
        assert c.gap == D(100) - value


# --- WBBM's year counts from the WBK predicate (the SK), not from the pencanangan -------------

@pytest.mark.parametrize("predicate_date, status", [
    (date(2024, 6, 1), Status.LULUS),        # WBK given exactly a year before the evaluation
    (date(2025, 5, 1), Status.GAGAL),        # WBK given last month
    (None, Status.BELUM_DIISI),              # the SK date not entered yet
])
def test_wbbm_year_counts_from_the_wbk_predicate_date(lke, predicate_date, status):
    # pencanangan 2024-01-15, evaluated 2025-06-01: WBK's own year is met either way
    facts = replace(WBBM_FACTS, wbk_predicate_date=predicate_date)
    _, verdict = judge(lke, answers(lke), facts)
    assert check(verdict, "wbk", "lama_pembangunan").status == Status.LULUS
    wbbm = check(verdict, "wbbm", "lama_pembangunan")
    assert wbbm.status == status
    assert wbbm.actual == (predicate_date.isoformat() if predicate_date else None)
    assert wbbm.passed is {Status.LULUS: True, Status.GAGAL: False}.get(status)


def test_a_missing_pencanangan_leaves_only_the_wbk_year_belum_diisi(lke):
    _, verdict = judge(lke, answers(lke), replace(WBBM_FACTS, pencanangan=None))
    assert check(verdict, "wbk", "lama_pembangunan").status == Status.BELUM_DIISI
    assert check(verdict, "wbbm", "lama_pembangunan").status == Status.LULUS
