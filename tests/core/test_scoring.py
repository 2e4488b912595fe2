"""Scoring by hand: answers -> question value -> indicator -> area -> Pengungkit/Hasil/total.

Every expected figure is worked out from lke-zi-2021.md §2 in the comment beside it.
"""

from __future__ import annotations

from decimal import Decimal
from fractions import Fraction

import pytest

from tests.core.helpers import answers, bottom_answers
from zi_core.answers import AnswerError, AnswerSet, parse_answer_set, parse_hasil, percent_ratio
from zi_core.figures import shown
from zi_core.scoring import score_hasil, score_unit

F = Fraction
D = Decimal
AREA_KEYS = ["manajemen_perubahan", "penataan_tatalaksana", "penataan_sistem_manajemen_sdm",
             "penguatan_akuntabilitas", "penguatan_pengawasan",
             "peningkatan_kualitas_pelayanan_publik"]


def indicator_score(score, indicator_id):
    for area in score.areas:
        for half in (area.pemenuhan, area.reform):
            for ind in half.indicators:
                if ind.indicator.id == indicator_id:
                    return ind.score
    raise KeyError(indicator_id)


def zero_hasil():
    return {"ipak": 0, "kinerja": "E", "ipkp": 0}


# --- whole worksheet --------------------------------------------------------------------------

def test_all_top_answers_score_60_pengungkit_and_every_area_100_percent(lke):
    score = score_unit(lke, answers(lke))
    assert score.pemenuhan == 30 and score.reform == 30   # 4+3,5+5+5+7,5+5 each
    assert score.pengungkit == 60
    assert [a.score for a in score.areas] == [8, 7, 10, 10, 15, 10]
    assert [a.percent for a in score.areas] == [D("100.00")] * 6
    assert [h.percent for a in score.areas for h in (a.pemenuhan, a.reform)] == [
        D("100.00")] * 12
    assert score.hasil.total == 40    # 17,50 + 5,00 + 17,50
    assert score.total == 100
    assert score.unanswered == ()


def test_all_bottom_answers_score_0(lke):
    score = score_unit(lke, answers(lke, base="bottom", hasil=zero_hasil()))
    assert score.pengungkit == 0
    assert [a.percent for a in score.areas] == [D("0.00")] * 6
    assert score.hasil.total == 0      # 0/4 × 17,5 + E (0 × 5) + 0/4 × 17,5
    assert score.total == 0
    assert score.unanswered == ()


def test_mixed_answers_in_p_1_iv_score_the_mean_times_the_weight(lke):
    score = score_unit(lke, answers(lke, {"P.1.iv.a": "Ya", "P.1.iv.b": "B",
                                          "P.1.iv.c": "C", "P.1.iv.d": "B"}))
    # (Ya 1 + B(abc) 0,5 + C(abc) 0 + B(abcd) 0,67) / 4 × 1,50 = 2,17/4 × 1,5 = 0,81375
    assert indicator_score(score, "P.1.iv") == F("0.81375")
    area = score.area("manajemen_perubahan")
    # the indicator lost 1,5 − 0,81375 = 0,68625
    assert area.pemenuhan.score == F("3.31375")           # 4 − 0,68625
    assert area.pemenuhan.percent == D("82.84")           # 3,31375/4 = 82,84375 %
    assert area.score == F("7.31375")                     # 8 − 0,68625
    assert shown(area.score) == D("7.31")
    assert area.percent == D("91.42")                     # 7,31375/8 = 91,421875 %
    assert score.pengungkit == F("59.31375")              # 60 − 0,68625
    assert shown(score.pengungkit) == D("59.31")
    assert score.total == F("99.31375")                   # + hasil 40


# --- every answer type ------------------------------------------------------------------------

@pytest.mark.parametrize("changes, indicator_id, expected", [
    # ya_tidak: (Tidak 0 + A 1)/2 × 0,50 = 0,25
    ({"P.1.i.a": "Tidak"}, "P.1.i", "0.25"),
    # keys are case-insensitive: "tidak" is Tidak
    ({"P.1.i.a": "tidak"}, "P.1.i", "0.25"),
    # abc: (Ya 1 + B 0,5)/2 × 0,50 = 0,375
    ({"P.1.i.b": "B"}, "P.1.i", "0.375"),
    ({"P.1.i.b": " b "}, "P.1.i", "0.375"),
    # abcd, one question: B 0,67 × 0,75 = 0,5025 ; C 0,33 × 0,75 = 0,2475
    ({"P.3.v.a": "B"}, "P.3.v", "0.5025"),
    ({"P.3.v.a": "C"}, "P.3.v", "0.2475"),
    # abcde, one question: B 0,75 × 2,50 = 1,875 ; C 0,5 × 2,5 = 1,25 ; D 0,25 × 2,5 = 0,625
    ({"R.5.i.a": "B"}, "R.5.i", "1.875"),
    ({"R.5.i.a": "C"}, "R.5.i", "1.25"),
    ({"R.5.i.a": "D"}, "R.5.i", "0.625"),
    ({"R.5.i.a": "E"}, "R.5.i", "0"),
    # persen given as a ratio: 0,75 × 2,00 = 1,50 (number or text)
    ({"R.4.i.a": 0.75}, "R.4.i", "1.5"),
    ({"R.4.i.a": "0.75"}, "R.4.i", "1.5"),
    # persen from named inputs: tercapai 6 ÷ sasaran 8 = 0,75; × 2,00 = 1,50
    ({"R.4.i.a": {"sasaran": 8, "tercapai": 6}}, "R.4.i", "1.5"),
    # R.1.i.a: perubahan 8 ÷ agen 10 = 0,8; R.1.i.b top 1; (0,8 + 1)/2 × 2,00 = 1,80
    ({"R.1.i.a": {"agen": 10, "perubahan": 8}}, "R.1.i", "1.8"),
    # R.6.i: (A 1 + dipermudah 3 ÷ terdaftar 4)/2 × 2,50 = 1,75/2 × 2,5 = 2,1875
    ({"R.6.i.b": {"terdaftar": 4, "dipermudah": 3}}, "R.6.i", "2.1875"),
])
def test_each_answer_type_earns_its_value_times_the_question_share(lke, changes,
                                                                    indicator_id, expected):
    score = score_unit(lke, answers(lke, changes))
    assert indicator_score(score, indicator_id) == F(expected)


@pytest.mark.parametrize("survey, expected", [
    ("3.60", "15.75"),   # 3,60/4 × 17,50
    ("3.20", "14.00"),   # 3,20/4 × 17,50
    ("4.00", "17.50"),   # 4/4 × 17,50
    ("0", "0"),
    ("2", "8.75"),       # 2/4 × 17,50
])
def test_surveys_score_their_value_over_4_times_17_50(lke, survey, expected):
    hasil = score_hasil(lke, parse_hasil(lke, {"ipak": survey, "ipkp": survey}))
    assert hasil.ipak == F(expected)
    assert hasil.ipkp == F(expected)
    assert hasil.pelayanan_prima == F(expected)


def test_survey_scores_as_json_floats_are_taken_exactly(lke):
    hasil = score_hasil(lke, parse_hasil(lke, {"ipak": 3.6, "ipkp": 3.2, "kinerja": "C"}))
    assert hasil.ipak == F("15.75") and hasil.ipkp == 14   # not 15,750000000000002
    assert hasil.total == F("32.25")                          # 15,75 + 2,50 + 14,00


@pytest.mark.parametrize("value", [4.5, "4.01", -1, "-0.01", "tinggi", True, [3]])
def test_survey_score_off_the_0_to_4_scale_is_refused(lke, value):
    with pytest.raises(AnswerError, match="ipak"):
        parse_hasil(lke, {"ipak": value})


@pytest.mark.parametrize("grade, expected", [
    ("A", "5"), ("B", "3.75"), ("C", "2.5"), ("D", "1.25"), ("E", "0"),  # value × 5,00
    ("c", "2.5"),
])
def test_capaian_kinerja_grades_score_5_to_0(lke, grade, expected):
    hasil = score_hasil(lke, parse_hasil(lke, {"kinerja": grade}))
    assert hasil.kinerja == F(expected)
    assert hasil.birokrasi_bersih == F(expected)   # ipak not entered adds nothing


@pytest.mark.parametrize("grade", ["F", "", 3, "AB"])
def test_unknown_capaian_kinerja_grade_is_refused(lke, grade):
    with pytest.raises(AnswerError, match="kinerja"):
        parse_hasil(lke, {"kinerja": grade})


def test_unknown_hasil_key_is_refused(lke):
    with pytest.raises(AnswerError, match="ikm"):
        parse_hasil(lke, {"ikm": 3.5})


def test_hasil_item_not_entered_is_none_not_zero(lke):
    hasil = score_hasil(lke, parse_hasil(lke, {"ipak": "3.6"}))
    assert (hasil.ipak, hasil.kinerja, hasil.ipkp) == (F("15.75"), None, None)
    assert not hasil.complete


# --- percentage formulas and their edges ------------------------------------------------------

@pytest.mark.parametrize("question_id, inputs, expected", [
    # tercapai 12 > sasaran 10: 1,2 clamps to 1
    ("R.4.i.a", {"sasaran": 10, "tercapai": 12}, "1"),
    ("R.4.i.a", {"sasaran": 3, "tercapai": 1}, "1/3"),
    # R.3.iii.a decrease: (lalu − ini) ÷ lalu
    ("R.3.iii.a", {"pelanggaran_lalu": 4, "pelanggaran_ini": 1, "disanksi": 1}, "0.75"),
    # the LKE's own example: 1, 0, sanksi 1 -> 100 %
    ("R.3.iii.a", {"pelanggaran_lalu": 1, "pelanggaran_ini": 0, "disanksi": 1}, "1"),
    # nothing last year, nothing now: nothing was owed -> 1
    ("R.3.iii.a", {"pelanggaran_lalu": 0, "pelanggaran_ini": 0, "disanksi": 0}, "1"),
    # nothing last year, 2 now: worse -> 0
    ("R.3.iii.a", {"pelanggaran_lalu": 0, "pelanggaran_ini": 2, "disanksi": 2}, "0"),
    # more now than last year: (2 − 3)/2 < 0 clamps to 0
    ("R.3.iii.a", {"pelanggaran_lalu": 2, "pelanggaran_ini": 3, "disanksi": 3}, "0"),
    # R.5.ii.a selesai ÷ harus; nothing to handle -> 1; the LKE example 1, 1, 1 -> 1
    ("R.5.ii.a", {"harus": 0, "proses": 0, "selesai": 0}, "1"),
    ("R.5.ii.a", {"harus": 1, "proses": 1, "selesai": 1}, "1"),
    ("R.5.ii.a", {"harus": 4, "proses": 1, "selesai": 3}, "0.75"),
    # R.5.iii.a: sudah ÷ (kepala satker + pejabat wajib + lainnya) = 6 ÷ (1 + 5 + 2) = 0,75
    ("R.5.iii.a", {"kepala_satker": 1, "pejabat_wajib": 5, "lainnya": 2, "sudah": 6}, "0.75"),
    # nobody obliged to file -> 1
    ("R.5.iii.a", {"kepala_satker": 0, "pejabat_wajib": 0, "lainnya": 0, "sudah": 0}, "1"),
    # R.5.iii.b: 9 ÷ (2 + 4 + 6) = 0,75
    ("R.5.iii.b", {"eselon_iii": 2, "eselon_iv": 4, "fungsional_pelaksana": 6, "sudah": 9},
     "0.75"),
    # R.1.i.a: no agen perubahan -> 0 (the unit has nothing to show), even with changes
    ("R.1.i.a", {"agen": 0, "perubahan": 0}, "0"),
    ("R.1.i.a", {"agen": 0, "perubahan": 3}, "0"),
    ("R.1.i.a", {"agen": 5, "perubahan": 7}, "1"),
    # counts typed as text or as 2.0 are whole numbers too
    ("R.4.i.a", {"sasaran": "8", "tercapai": 2.0}, "0.25"),
])
def test_percentage_question_value_from_named_inputs(lke, question_id, inputs, expected):
    assert percent_ratio(lke.question(question_id), inputs) == F(expected)


@pytest.mark.parametrize("inputs, words", [
    ({"sasaran": -1, "tercapai": 0}, "negatif"),
    ({"sasaran": 4, "tercapai": 2.5}, "bulat"),
    ({"sasaran": "empat", "tercapai": 2}, "angka"),
    ({"sasaran": 4, "tercapai": None}, "angka"),
    ({"sasaran": True, "tercapai": 2}, "angka"),
    ({"sasaran": 4}, "tercapai"),                                # missing input
    ({"sasaran": 4, "tercapai": 2, "bonus": 1}, "bonus"),        # unknown input
])
def test_bad_percentage_inputs_are_refused(lke, inputs, words):
    with pytest.raises(AnswerError, match=words):
        parse_answer_set(lke, {"R.4.i.a": inputs})


@pytest.mark.parametrize("ratio", [1.2, -0.1, "1.01", "abc", "75%", True])
def test_percentage_ratio_outside_0_to_1_or_not_a_number_is_refused(lke, ratio):
    with pytest.raises(AnswerError, match="R.4.i.a"):
        parse_answer_set(lke, {"R.4.i.a": ratio})


@pytest.mark.parametrize("question_id, answer", [
    ("P.1.iii.a", "F"),          # abcd has no F
    ("P.1.iii.a", "E"),          # nor E
    ("P.1.i.a", "Mungkin"),      # Ya/Tidak
    ("P.1.i.b", 1),              # a number for a choice question
    ("P.9.z.a", "A"),            # no such question
])
def test_answer_not_among_the_options_is_refused(lke, question_id, answer):
    with pytest.raises(AnswerError, match=question_id.replace(".", r"\.")):
        parse_answer_set(lke, {question_id: answer})


def test_an_invalid_answer_set_built_directly_is_refused_when_scored(lke):
    with pytest.raises(AnswerError, match="P.1.iii.a"):
        score_unit(lke, AnswerSet({"P.1.iii.a": "F"}))


# --- unanswered questions ---------------------------------------------------------------------

def test_unanswered_questions_count_0_and_are_listed_in_worksheet_order(lke):
    raw = {"R.1.i.a": None, "P.6.v.c": None, "P.1.i.b": None, "R.5.iii.b": None}
    score = score_unit(lke, answers(lke, raw))
    # pemenuhan before reform, areas and letters in order
    assert score.unanswered == ("P.1.i.b", "P.6.v.c", "R.1.i.a", "R.5.iii.b")
    assert indicator_score(score, "P.1.i") == F("0.25")    # (Ya 1 + 0)/2 × 0,50
    assert indicator_score(score, "P.6.v") == F(2, 3)      # (1 + 1 + 0)/3 × 1,00
    assert indicator_score(score, "R.1.i") == 1            # (0 + 1)/2 × 2,00
    assert indicator_score(score, "R.5.iii") == 1          # (1 + 0)/2 × 2,00
    # lost 0,25 + 1/3 + 1 + 1 = 2,58333… of 60
    assert score.pengungkit == 60 - F("2.25") - F(1, 3)
    assert shown(score.pengungkit) == D("57.42")


def test_an_empty_answer_set_lists_all_110_questions_and_scores_0(lke):
    score = score_unit(lke, parse_answer_set(lke, {}))
    assert len(score.unanswered) == 110
    assert score.unanswered[0] == "P.1.i.a" and score.unanswered[-1] == "R.6.ii.a"
    assert score.pengungkit == 0


# --- rounding ---------------------------------------------------------------------------------

def test_pengungkit_is_the_rounded_exact_sum_not_the_sum_of_rounded_areas(lke):
    raw = bottom_answers(lke)
    raw["R.2.i.a"] = "B"   # 0,67 × 0,50 = 0,335  -> area tatalaksana shown 0,34
    raw["P.3.v.a"] = "C"   # 0,33 × 0,75 = 0,2475 -> area SDM shown 0,25
    score = score_unit(lke, parse_answer_set(lke, raw))
    assert shown(score.area("penataan_tatalaksana").score) == D("0.34")
    assert shown(score.area("penataan_sistem_manajemen_sdm").score) == D("0.25")
    # exact 0,335 + 0,2475 = 0,5825 -> 0,58 ; rounded parts would give 0,34 + 0,25 = 0,59
    assert score.pengungkit == F("0.5825")
    assert shown(score.pengungkit) == D("0.58")


def test_indicator_sum_is_exact_with_abcd_values_in_weights_0_25_and_0_75(lke):
    raw = bottom_answers(lke)
    raw.update({"P.3.i.a": "Ya", "P.3.i.b": "B", "P.3.i.c": "Ya", "P.3.v.a": "B"})
    score = score_unit(lke, parse_answer_set(lke, raw))
    assert indicator_score(score, "P.3.i") == F("0.2225")   # (1 + 0,67 + 1)/3 × 0,25
    assert indicator_score(score, "P.3.v") == F("0.5025")   # 0,67 × 0,75
    # shown separately 0,22 + 0,50 = 0,72, but the exact sum 0,725 shows as 0,73
    area = score.area("penataan_sistem_manajemen_sdm")
    assert area.score == F("0.725")
    assert shown(area.score) == D("0.73")
    assert shown(score.pengungkit) == D("0.73")


@pytest.mark.parametrize("changes, indicator_id, exact, expected", [
    ({"R.2.i.a": "C"}, "R.2.i", "0.165", "0.17"),    # 0,33 × 0,50; half-even would say 0,16
    ({"R.4.ii.a": "B"}, "R.4.ii", "1.005", "1.01"),  # 0,67 × 1,50; float round() says 1,0
    ({"R.2.i.a": "B"}, "R.2.i", "0.335", "0.34"),    # 0,67 × 0,50
    ({"R.6.ii.a": "B"}, "R.6.ii", "1.675", "1.68"),  # 0,67 × 2,50
])
def test_figures_round_half_up_at_0_005(lke, changes, indicator_id, exact, expected):
    score = score_unit(lke, answers(lke, changes, base="bottom", hasil=zero_hasil()))
    assert indicator_score(score, indicator_id) == F(exact)
    assert shown(score.pengungkit) == D(expected)


def test_shown_rounds_half_up_away_from_zero():
    assert shown(F("2.675")) == D("2.68")     # float 2.675 is 2.67499…
    assert shown(F("0.125")) == D("0.13")
    assert shown(F("0.124999")) == D("0.12")
    assert shown(F(2, 3)) == D("0.67")
    assert shown(F("-0.005")) == D("-0.01")


def test_area_percent_uses_the_exact_score_not_the_shown_one(lke):
    # area 1 (8,00): R.1.i.b 0, R.1.ii.a E, R.1.iii.a D lose 1 + 1 + 1;
    # R.1.i.a 159/200 = 0,795 loses (1 − 0,795) × 1 = 0,205 -> area 8 − 3,205 = 4,795
    score = score_unit(lke, answers(lke, {
        "R.1.i.a": {"agen": 200, "perubahan": 159}, "R.1.i.b": 0,
        "R.1.ii.a": "E", "R.1.iii.a": "D"}))
    area = score.area("manajemen_perubahan")
    assert area.score == F("4.795")
    assert shown(area.score) == D("4.80")     # shows as 4,80, which is 60 % of 8 …
    assert area.percent == D("59.94")         # … but 4,795/8 = 59,9375 %
