"""The bundled LKE 2021 file against the reference (lke-zi-2021.md §1-2, Perbup Lampiran I)."""

from __future__ import annotations

from fractions import Fraction

import pytest

from zi_core.lke.model import AnswerType, Part

F = Fraction

# Reference §1.2, transcribed by hand: indicator id -> (weight, answer types of a, b, c, ...).
# Y = ya_tidak, 3/4/5 = abc/abcd/abcde, % = persen.
REFERENCE_INDICATORS = {
    "P.1.i": ("0.50", "Y3"), "P.1.ii": ("1.00", "Y33"), "P.1.iii": ("1.00", "444"),
    "P.1.iv": ("1.50", "Y334"),
    "P.2.i": ("1.00", "455"), "P.2.ii": ("2.00", "3333"), "P.2.iii": ("0.50", "33"),
    "P.3.i": ("0.25", "Y4Y"), "P.3.ii": ("0.50", "Y5Y"), "P.3.iii": ("1.25", "Y44443"),
    "P.3.iv": ("2.00", "445Y"), "P.3.v": ("0.75", "4"), "P.3.vi": ("0.25", "3"),
    "P.4.i": ("2.50", "334"), "P.4.ii": ("2.50", "YYY4Y3Y3"),
    "P.5.i": ("1.50", "34"), "P.5.ii": ("1.50", "5533"), "P.5.iii": ("1.50", "3Y33"),
    "P.5.iv": ("1.50", "333"), "P.5.v": ("1.50", "44433"),
    "P.6.i": ("1.00", "544Y"), "P.6.ii": ("1.00", "544445"), "P.6.iii": ("1.00", "533"),
    "P.6.iv": ("1.00", "534"), "P.6.v": ("1.00", "4Y3"),
    "R.1.i": ("2.00", "%%"), "R.1.ii": ("1.00", "5"), "R.1.iii": ("1.00", "4"),
    "R.2.i": ("0.50", "4"), "R.2.ii": ("1.00", "33"), "R.2.iii": ("2.00", "555"),
    "R.3.i": ("1.50", "3"), "R.3.ii": ("1.50", "3"), "R.3.iii": ("2.00", "%"),
    "R.4.i": ("2.00", "%"), "R.4.ii": ("1.50", "4"), "R.4.iii": ("1.50", "4"),
    "R.5.i": ("2.50", "5"), "R.5.ii": ("3.00", "%"), "R.5.iii": ("2.00", "%%"),
    "R.6.i": ("2.50", "4%"), "R.6.ii": ("2.50", "4"),
}
TYPE_CODE = {"Y": AnswerType.YA_TIDAK, "3": AnswerType.ABC, "4": AnswerType.ABCD,
             "5": AnswerType.ABCDE, "%": AnswerType.PERSEN}

# Perbup Ketapang 49/2022 Lampiran I, counted by hand: rencana-aksi rows per indicator.
# (W.B.S. under P.5.iv is numbered 1, 2, 5 in the Perbup: three rows.)
LAMPIRAN_I_ROWS = {
    "P.1.i": 2, "P.1.ii": 3, "P.1.iii": 3, "P.1.iv": 4,
    "P.2.i": 3, "P.2.ii": 4, "P.2.iii": 2,
    "P.3.i": 3, "P.3.ii": 3, "P.3.iii": 6, "P.3.iv": 4, "P.3.v": 1, "P.3.vi": 1,
    "P.4.i": 3, "P.4.ii": 7,
    "P.5.i": 2, "P.5.ii": 4, "P.5.iii": 4, "P.5.iv": 3, "P.5.v": 5,
    "P.6.i": 4, "P.6.ii": 6, "P.6.iii": 3, "P.6.iv": 3, "P.6.v": 3,
    "R.1.i": 2, "R.1.ii": 1, "R.1.iii": 1, "R.2.i": 1, "R.2.ii": 2, "R.2.iii": 3,
    "R.3.i": 1, "R.3.ii": 1, "R.3.iii": 1, "R.4.i": 1, "R.4.ii": 1, "R.4.iii": 1,
    "R.5.i": 1, "R.5.ii": 1, "R.5.iii": 2, "R.6.i": 2, "R.6.ii": 1,
    "H.1.a": 1, "H.1.b": 1, "H.2.a": 1,
}


def test_bundled_file_loads_as_version_2021_1(lke):
    assert lke.version == "2021.1"
    assert lke.pengungkit_weight == 60
    assert lke.hasil_weight == 40


def test_worksheet_has_87_pemenuhan_and_23_reform_questions(lke):
    pemenuhan = [q for h in lke.halves(Part.PEMENUHAN) for i in h.indicators
                 for q in i.questions]
    reform = [q for h in lke.halves(Part.REFORM) for i in h.indicators for q in i.questions]
    assert (len(pemenuhan), len(reform), len(lke.questions())) == (87, 23, 110)
    assert len({q.id for q in lke.questions()}) == 110


def test_worksheet_has_42_indicators_25_pemenuhan_17_reform(lke):
    by_part = [sum(len(h.indicators) for h in lke.halves(p)) for p in Part]
    assert by_part == [25, 17]
    assert len(lke.indicators()) == 42


def test_hasil_has_three_items_ipak_kinerja_ipkp_weighted_17_5_5_17_5(lke):
    items = [(i.id, i.key, i.weight) for g in lke.hasil for i in g.items]
    assert items == [("H.1.a", "ipak", F("17.5")), ("H.1.b", "kinerja", F(5)),
                     ("H.2.a", "ipkp", F("17.5"))]
    assert [(g.id, g.weight) for g in lke.hasil] == [("H.1", F("22.5")), ("H.2", F("17.5"))]


def test_area_weights_are_8_7_10_10_15_10_with_equal_halves(lke):
    assert [a.weight for a in lke.areas] == [8, 7, 10, 10, 15, 10]
    # 4 / 3,5 / 5 / 5 / 7,5 / 5 in pemenuhan and again in reform (Tabel 3)
    halves = [F(4), F("3.5"), F(5), F(5), F("7.5"), F(5)]
    assert [a.pemenuhan.weight for a in lke.areas] == halves
    assert [a.reform.weight for a in lke.areas] == halves
    assert [(a.pemenuhan.id, a.reform.id) for a in lke.areas] == [
        (f"P.{n}", f"R.{n}") for n in range(1, 7)]


def test_every_indicator_weight_and_question_types_match_the_reference(lke):
    found = {i.id: (i.weight, [q.answer_type for q in i.questions]) for i in lke.indicators()}
    expected = {k: (F(w), [TYPE_CODE[c] for c in types])
                for k, (w, types) in REFERENCE_INDICATORS.items()}
    assert found == expected


def test_question_ids_follow_the_reference_numbering(lke):
    for indicator in lke.indicators():
        letters = "abcdefgh"[:len(indicator.questions)]
        assert [q.id for q in indicator.questions] == [f"{indicator.id}.{c}" for c in letters]
        assert all(q.indicator_id == indicator.id for q in indicator.questions)


@pytest.mark.parametrize("question_id, answer_type, words", [
    ("P.1.i.a", AnswerType.YA_TIDAK, "membentuk tim"),
    ("P.6.v.b", AnswerType.YA_TIDAK, "database pelayanan"),  # printed a, c, b in the PDF
    ("P.6.v.c", AnswerType.ABC, "perbaikan secara terus menerus"),
    ("R.5.iii.a", AnswerType.PERSEN, "LHKPN"),
    ("R.5.iii.b", AnswerType.PERSEN, "LHKASN"),
])
def test_spot_checked_question_ids_carry_the_reference_question(lke, question_id,
                                                                answer_type, words):
    question = lke.question(question_id)
    assert question is not None
    assert question.answer_type == answer_type
    assert words.lower() in question.text.lower()


def test_h_1_b_is_capaian_kinerja_with_five_grades(lke):
    item = lke.hasil_item("kinerja")
    assert item.id == "H.1.b"
    assert item.answer_type == AnswerType.ABCDE
    assert "Capaian Kinerja" in item.text
    assert [o.key for o in item.options] == list("ABCDE")


def test_every_rencana_aksi_item_links_to_an_indicator_or_hasil_item(lke):
    hasil_ids = {i.id for g in lke.hasil for i in g.items}
    for item in lke.rencana_aksi:
        assert lke.indicator(item.indicator_id) is not None or item.indicator_id in hasil_ids
        assert item.text.strip()


def test_every_lke_indicator_and_hasil_item_has_a_rencana_aksi_item(lke):
    linked = {item.indicator_id for item in lke.rencana_aksi}
    assert {i.id for i in lke.indicators()} <= linked
    assert {"H.1.a", "H.1.b", "H.2.a"} <= linked


def test_rencana_aksi_rows_per_indicator_match_perbup_lampiran_i(lke):
    counts: dict[str, int] = {}
    for item in lke.rencana_aksi:
        counts[item.indicator_id] = counts.get(item.indicator_id, 0) + 1
    assert counts == LAMPIRAN_I_ROWS
    assert len(lke.rencana_aksi) == 112  # 86 pemenuhan + 23 reform + 3 hasil rows


@pytest.mark.parametrize("answer_type, expected", [
    (AnswerType.YA_TIDAK, [("Ya", F(1)), ("Tidak", F(0))]),
    (AnswerType.ABC, [("A", F(1)), ("B", F("0.5")), ("C", F(0))]),
    (AnswerType.ABCD, [("A", F(1)), ("B", F("0.67")), ("C", F("0.33")), ("D", F(0))]),
    (AnswerType.ABCDE, [("A", F(1)), ("B", F("0.75")), ("C", F("0.5")), ("D", F("0.25")),
                        ("E", F(0))]),
])
def test_option_values_per_answer_type_follow_the_reference(lke, answer_type, expected):
    questions = [q for q in lke.questions() if q.answer_type == answer_type]
    assert questions
    for question in questions:
        assert [(o.key, o.value) for o in question.options] == expected, question.id


def test_capaian_kinerja_grades_are_worth_1_to_0_in_quarters(lke):
    item = lke.hasil_item("kinerja")
    assert [o.value for o in item.options] == [F(1), F("0.75"), F("0.5"), F("0.25"), F(0)]


def test_surveys_are_scored_on_a_0_to_4_scale(lke):
    for key in ("ipak", "ipkp"):
        item = lke.hasil_item(key)
        assert item.answer_type == AnswerType.NILAI_0_4
        assert item.scale_max == 4


def test_percentage_questions_have_the_reference_formulas(lke):
    def formula(qid):
        f = lke.question(qid).formula
        return (f.kind, f.numerator, f.denominator, f.previous, f.current, f.zero_value)

    assert formula("R.1.i.a") == ("ratio", ("perubahan",), ("agen",), None, None, 0)
    assert formula("R.1.i.b") == ("ratio", ("terintegrasi",), ("dibuat",), None, None, 0)
    assert formula("R.3.iii.a") == ("decrease", (), (), "pelanggaran_lalu",
                                    "pelanggaran_ini", 1)
    assert formula("R.4.i.a") == ("ratio", ("tercapai",), ("sasaran",), None, None, 0)
    assert formula("R.5.ii.a") == ("ratio", ("selesai",), ("harus",), None, None, 1)
    assert formula("R.5.iii.a") == ("ratio", ("sudah",),
                                    ("kepala_satker", "pejabat_wajib", "lainnya"),
                                    None, None, 1)
    assert formula("R.5.iii.b") == ("ratio", ("sudah",),
                                    ("eselon_iii", "eselon_iv", "fungsional_pelaksana"),
                                    None, None, 1)
    assert formula("R.6.i.b") == ("ratio", ("dipermudah",), ("terdaftar",), None, None, 0)


@pytest.mark.parametrize("key, total, pengungkit, area, bersih, ipak, kinerja, prima", [
    ("wbk", "75", "40", "60", "18.25", "15.75", "2.5", "14"),
    ("wbbm", "85", "48", "75", "19.5", "15.75", "3.75", "15.75"),
])
def test_predicate_thresholds_are_those_of_lampiran_ii(lke, key, total, pengungkit, area,
                                                       bersih, ipak, kinerja, prima):
    t = lke.predicate(key).scores
    assert (t.total_min, t.pengungkit_min, t.area_min_percent, t.birokrasi_bersih_min,
            t.ipak_min, t.kinerja_min, t.pelayanan_prima_min) == tuple(
        F(v) for v in (total, pengungkit, area, bersih, ipak, kinerja, prima))


@pytest.mark.parametrize("key, sakip, indeks_rb, requires_wbk", [
    ("wbk", "B", "CC", False),
    ("wbbm", "BB", "B", True),
])
def test_predicate_prerequisites_are_those_of_lampiran_ii(lke, key, sakip, indeks_rb,
                                                          requires_wbk):
    p = lke.predicate(key).prerequisites
    assert (p.opini_bpk_min, p.sakip_min, p.indeks_rb_min, p.spip_level_min,
            p.sakip_internal_min, p.requires_wbk) == ("WTP", sakip, indeks_rb, 3, sakip,
                                                      requires_wbk)
    assert (p.tindak_lanjut_min_percent, p.lhkpn_min_percent, p.lhkasn_min_percent,
            p.years_building_min) == (100, 100, 100, 1)
