"""The validator refuses nonsense in an LKE file with one clear line naming what is wrong."""

from __future__ import annotations

import pytest

from tests.core.helpers import bundled_lampiran_raw, bundled_raw, find_question, write_yaml
from zi_core.lke import LkeError, load_lke


def _rejected(tmp_path, mutate) -> str:
    """Write the bundled file with `mutate` applied and return the loader's one-line message."""
    raw = bundled_raw()
    mutate(raw)
    path = write_yaml(tmp_path / "lke-bad.yaml", raw)
    with pytest.raises(LkeError) as info:
        load_lke(path)
    message = str(info.value)
    assert "\n" not in message
    return message


def _predicate(lampiran, key):
    return next(p for p in lampiran["predicates"] if p["key"] == key)


def _refused_thresholds(tmp_path, mutate) -> str:
    """Load the bundled LKE with a Lampiran II file changed by `mutate`; the refusal."""
    lampiran = bundled_lampiran_raw()
    mutate(lampiran)
    lke_path = write_yaml(tmp_path / "lke.yaml", bundled_raw())
    lampiran_path = write_yaml(tmp_path / "lampiran-bad.yaml", lampiran)
    with pytest.raises(LkeError) as info:
        load_lke(lke_path, lampiran=lampiran_path)
    message = str(info.value)
    assert "\n" not in message
    return message


@pytest.mark.parametrize(("name", "value"), [
    ("total_min", 101), ("pengungkit_min", 61), ("area_min_percent", 100.5),
    ("birokrasi_bersih_min", 23), ("ipak_min", 18), ("kinerja_min", 5.5),
    ("pelayanan_prima_min", 17.75),
])
def test_a_score_threshold_above_its_maximum_is_refused(tmp_path, name, value):
    def mutate(raw):
        _predicate(raw, "wbbm")["scores"][name] = value

    message = _refused_thresholds(tmp_path, mutate)
    assert f"wbbm.scores.{name}" in message
    assert "maksimum" in message


def test_a_negative_threshold_is_refused(tmp_path):
    def mutate(raw):
        _predicate(raw, "wbk")["scores"]["kinerja_min"] = -1

    message = _refused_thresholds(tmp_path, mutate)
    assert "wbk.scores.kinerja_min" in message
    assert "kurang dari 0" in message


def test_a_percentage_prerequisite_above_100_is_refused(tmp_path):
    def mutate(raw):
        _predicate(raw, "wbk")["prerequisites"]["lhkpn_min_percent"] = 120

    assert "wbk.prerequisites.lhkpn_min_percent" in _refused_thresholds(tmp_path, mutate)


def test_wbbm_score_laxer_than_wbk_is_refused(tmp_path):
    def mutate(raw):
        _predicate(raw, "wbbm")["scores"]["total_min"] = 70

    message = _refused_thresholds(tmp_path, mutate)
    assert "total_min" in message
    assert "WBBM" in message and "WBK" in message


def test_wbbm_prerequisite_laxer_than_wbk_is_refused(tmp_path):
    def mutate(raw):
        _predicate(raw, "wbbm")["prerequisites"]["sakip_min"] = "CC"

    message = _refused_thresholds(tmp_path, mutate)
    assert "sakip_min" in message
    assert "WBBM" in message


@pytest.mark.parametrize("level", [0, 6])
def test_an_spip_level_outside_1_to_5_is_refused(tmp_path, level):
    def mutate(raw):
        _predicate(raw, "wbk")["prerequisites"]["spip_level_min"] = level

    message = _refused_thresholds(tmp_path, mutate)
    assert "spip_level_min" in message
    assert "1" in message and "5" in message


def test_options_not_descending_are_refused(tmp_path):
    def mutate(raw):
        options = find_question(raw, "P.1.i.b")["options"]
        options[1]["value"], options[2]["value"] = options[2]["value"], options[1]["value"]

    message = _rejected(tmp_path, mutate)
    assert "P.1.i.b" in message
    assert "menurun" in message


def test_options_without_a_top_value_of_1_are_refused(tmp_path):
    def mutate(raw):
        find_question(raw, "P.1.i.a")["options"][0]["value"] = 0.9

    message = _rejected(tmp_path, mutate)
    assert "P.1.i.a" in message
    assert "nilai 1" in message


@pytest.mark.parametrize("field", ["text"])
def test_an_empty_question_text_is_refused(tmp_path, field):
    def mutate(raw):
        find_question(raw, "P.1.i.a")[field] = "   "

    message = _rejected(tmp_path, mutate)
    assert "P.1.i.a" in message
    assert "kosong" in message


def test_an_empty_indicator_name_is_refused(tmp_path):
    def mutate(raw):
        raw["pengungkit"]["parts"]["pemenuhan"]["areas"][0]["indicators"][0]["name"] = ""

    assert "kosong" in _rejected(tmp_path, mutate)


def test_an_lke_file_carrying_thresholds_is_refused(tmp_path):
    def mutate(raw):
        raw["predicates"] = bundled_lampiran_raw()["predicates"]

    message = _rejected(tmp_path, mutate)
    assert "predicates" in message
    assert "Lampiran II" in message


def test_an_lke_file_carrying_scales_is_refused(tmp_path):
    def mutate(raw):
        raw["scales"] = bundled_lampiran_raw()["scales"]

    assert "Lampiran II" in _rejected(tmp_path, mutate)


def test_the_thresholds_come_from_lampiran_ii_with_its_citation():
    lke = load_lke()
    assert lke.thresholds_citation == "Perbup Ketapang No. 49 Tahun 2022, Lampiran II"
    assert lke.thresholds_version == "2022.1"
    assert {p.key for p in lke.predicates} == {"wbk", "wbbm"}


@pytest.mark.parametrize("label", ["", "x" * 33, "2026 baru", "<b>2026</b>", "-2026", "v/1"])
def test_a_version_label_that_a_snapshot_cannot_hold_or_a_message_show_is_refused(
        tmp_path, label):
    message = _rejected(tmp_path, lambda raw: raw.__setitem__("version", label))
    assert message.startswith("version: label versi 1–32")


@pytest.mark.parametrize("label", ["2026.1", "x" * 32, "2026-rev_2"])
def test_a_plain_version_label_of_up_to_32_characters_is_taken(tmp_path, label):
    raw = bundled_raw()
    raw["version"] = label
    assert load_lke(write_yaml(tmp_path / "lke.yaml", raw)).version == label
