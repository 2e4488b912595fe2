"""The loader rejects bad worksheet files with a message naming the offending id."""

from __future__ import annotations

import pytest

from tests.core.helpers import (
    bundled_lampiran_raw,
    bundled_raw,
    find_area,
    find_indicator,
    find_question,
    top_answers,
    write_yaml,
)
from zi_core.answers import parse_answer_set
from zi_core.lke import LkeError, load_lke
from zi_core.scoring import score_unit


def _rejected(tmp_path, mutate) -> str:
    """Write the bundled file with `mutate` applied and return the loader's message."""
    raw = bundled_raw()
    mutate(raw)
    path = write_yaml(tmp_path / "lke-bad.yaml", raw)
    with pytest.raises(LkeError) as info:
        load_lke(path)
    return str(info.value)


def test_an_unchanged_copy_of_the_bundled_file_loads(tmp_path):
    lke = load_lke(write_yaml(tmp_path / "lke-copy.yaml", bundled_raw()))
    assert lke.version == "2021.1"
    assert len(lke.questions()) == 110


def test_duplicate_question_id_is_rejected_naming_it(tmp_path):
    def mutate(raw):
        find_question(raw, "P.1.i.b")["id"] = "P.1.i.a"

    message = _rejected(tmp_path, mutate)
    assert "P.1.i.a" in message
    assert "ganda" in message


def test_duplicate_id_across_indicators_is_rejected(tmp_path):
    def mutate(raw):
        find_question(raw, "R.6.ii.a")["id"] = "P.1.i.a"

    assert "P.1.i.a" in _rejected(tmp_path, mutate)


@pytest.mark.parametrize("value", [1.2, -0.1])
def test_option_value_outside_0_to_1_is_rejected_naming_the_question(tmp_path, value):
    def mutate(raw):
        find_question(raw, "P.1.iii.b")["options"][1]["value"] = value

    message = _rejected(tmp_path, mutate)
    assert "P.1.iii.b" in message
    assert "opsi B" in message


def test_indicator_weights_not_summing_to_area_weight_name_the_area(tmp_path):
    def mutate(raw):
        find_indicator(raw, "P.5.iii")["weight"] = 1.25  # P.5 now sums to 7,25, not 7,50

    message = _rejected(tmp_path, mutate)
    assert message.startswith("P.5:")
    assert "7.25" in message and "7.5" in message


def test_area_weights_not_summing_to_30_are_rejected(tmp_path):
    def mutate(raw):
        # P.2 and its first indicator both +1: consistent inside, but pemenuhan sums to 31
        find_area(raw, "P.2")["weight"] = 4.5
        find_indicator(raw, "P.2.i")["weight"] = 2.0

    message = _rejected(tmp_path, mutate)
    assert "pemenuhan" in message
    assert "31" in message and "30" in message


def test_reform_areas_not_summing_to_30_are_rejected(tmp_path):
    def mutate(raw):
        find_area(raw, "R.5")["weight"] = 7.0
        find_indicator(raw, "R.5.ii")["weight"] = 2.5

    message = _rejected(tmp_path, mutate)
    assert "reform" in message and "29.5" in message


def test_hasil_not_summing_to_40_is_rejected(tmp_path):
    def mutate(raw):
        group = raw["hasil"]["groups"][1]  # H.2 consistent inside (18 = 18), hasil 40,5
        group["weight"] = 18.0
        group["items"][0]["weight"] = 18.0

    message = _rejected(tmp_path, mutate)
    assert message.startswith("hasil:")


def test_hasil_group_not_summing_its_items_names_the_group(tmp_path):
    def mutate(raw):
        raw["hasil"]["groups"][0]["items"][1]["weight"] = 4.0  # H.1: 17,5 + 4 != 22,5

    assert _rejected(tmp_path, mutate).startswith("H.1:")


def test_unknown_answer_type_is_rejected_naming_the_question(tmp_path):
    def mutate(raw):
        find_question(raw, "P.2.ii.c")["answer_type"] = "abcdef"

    message = _rejected(tmp_path, mutate)
    assert "P.2.ii.c" in message
    assert "abcdef" in message


@pytest.mark.parametrize("question_id, drop, expected", [
    ("P.1.iii.a", 1, "4"),   # ABCD with 3 options
    ("P.2.i.b", 1, "5"),     # ABCDE with 4 options
    ("P.1.i.a", 1, "2"),     # Ya/Tidak with 1 option
])
def test_wrong_number_of_options_for_the_type_is_rejected(tmp_path, question_id, drop,
                                                          expected):
    def mutate(raw):
        del find_question(raw, question_id)["options"][-drop:]

    message = _rejected(tmp_path, mutate)
    assert question_id in message
    assert f"harus punya {expected} opsi" in message


def test_wrong_number_of_kinerja_grades_is_rejected_naming_h_1_b(tmp_path):
    def mutate(raw):
        raw["hasil"]["groups"][0]["items"][1]["options"].pop()

    assert _rejected(tmp_path, mutate).startswith("H.1.b:")


def test_percentage_formula_naming_an_unknown_input_is_rejected(tmp_path):
    def mutate(raw):
        find_question(raw, "R.5.iii.a")["formula"]["denominator"].append("pegawai")

    message = _rejected(tmp_path, mutate)
    assert "R.5.iii.a" in message
    assert "pegawai" in message


def test_decrease_formula_without_previous_is_rejected(tmp_path):
    def mutate(raw):
        del find_question(raw, "R.3.iii.a")["formula"]["previous"]

    assert "R.3.iii.a" in _rejected(tmp_path, mutate)


def test_pemenuhan_area_without_reform_partner_is_rejected_naming_it(tmp_path):
    def mutate(raw):
        find_area(raw, "R.6")["key"] = "pelayanan"

    message = _rejected(tmp_path, mutate)
    assert message.startswith("P.6:")
    assert "peningkatan_kualitas_pelayanan_publik" in message


def test_malformed_yaml_is_rejected_naming_the_file(tmp_path):
    path = tmp_path / "broken.yaml"
    path.write_text("version: '2021.1'\npengungkit: [unclosed\n", encoding="utf-8")
    with pytest.raises(LkeError) as info:
        load_lke(path)
    assert "broken.yaml" in str(info.value)


def test_yaml_that_is_not_a_mapping_is_rejected(tmp_path):
    path = tmp_path / "list.yaml"
    path.write_text("- 1\n- 2\n", encoding="utf-8")
    with pytest.raises(LkeError, match="list.yaml"):
        load_lke(path)


def test_missing_file_is_rejected_naming_it(tmp_path):
    with pytest.raises(LkeError, match="tidak-ada.yaml"):
        load_lke(tmp_path / "tidak-ada.yaml")


def test_a_new_version_file_loads_without_code_change(tmp_path):
    # Perbup 49/2022 Pasal 7(4): the Inspektur may issue a new LKE; it is only a new file.
    raw = bundled_raw()
    raw["version"] = "2025.1"
    find_question(raw, "P.1.i.a")["text"] = "Unit kerja telah membentuk tim ZI (versi 2025)"
    lke = load_lke(write_yaml(tmp_path / "lke-2025.yaml", raw))
    assert lke.version == "2025.1"
    assert lke.question("P.1.i.a").text == "Unit kerja telah membentuk tim ZI (versi 2025)"
    score = score_unit(lke, parse_answer_set(lke, top_answers(lke)))
    assert score.lke_version == "2025.1"
    assert score.pengungkit == 60  # all top answers: 30 + 30
    # the bundled version is untouched
    assert load_lke().version == "2021.1"
    assert load_lke().question("P.1.i.a").text.startswith("Unit kerja telah membentuk tim")


# --- files the loader once crashed on: now rejected with LkeError ----------------------------

def test_infinite_weight_is_rejected_naming_the_indicator(tmp_path):
    def mutate(raw):
        find_indicator(raw, "P.1.i")["weight"] = float("inf")

    assert "P.1.i" in _rejected(tmp_path, mutate)


def test_null_question_list_is_rejected_naming_the_indicator(tmp_path):
    def mutate(raw):
        find_indicator(raw, "P.1.i")["questions"] = None

    assert "P.1.i" in _rejected(tmp_path, mutate)


def test_non_numeric_spip_level_is_rejected_naming_the_predicate(tmp_path):
    lampiran = bundled_lampiran_raw()
    lampiran["predicates"][0]["prerequisites"]["spip_level_min"] = "tiga"
    lke_path = write_yaml(tmp_path / "lke.yaml", bundled_raw())
    with pytest.raises(LkeError) as info:
        load_lke(lke_path, lampiran=write_yaml(tmp_path / "lampiran.yaml", lampiran))
    assert "wbk" in str(info.value)


def test_file_that_is_not_utf8_is_rejected_naming_it(tmp_path):
    path = tmp_path / "latin1.yaml"
    path.write_bytes("version: '2021.1'\ntitle: Kab. Ketapang \xa9\n".encode("latin-1"))
    with pytest.raises(LkeError, match="latin1.yaml"):
        load_lke(path)


def test_survey_scale_max_zero_is_rejected_naming_the_item(tmp_path):
    def mutate(raw):
        raw["hasil"]["groups"][0]["items"][0]["scale_max"] = 0

    assert "H.1.a" in _rejected(tmp_path, mutate)
