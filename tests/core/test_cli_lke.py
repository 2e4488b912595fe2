"""`zi-bot lke score` and `zi-bot lke validate`: the documented JSON, and one-line errors."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from bot.cli.main import main
from tests.core.helpers import BUNDLED_LKE, bundled_raw, find_question, top_answers, write_yaml

REPO = Path(__file__).resolve().parents[2]
ENV = {**os.environ, "PYTHONPATH": str(REPO)}

# The README's example, with the expected figures worked out by hand:
#   P.1.i  = (Ya 1 + B 0,5)/2 × 0,50                          = 0,375
#   R.1.i  = (perubahan 8 ÷ agen 10 = 0,8 + R.1.i.b unanswered 0)/2 × 2,00 = 0,80
#   area manajemen_perubahan = 0,375 + 0,80 = 1,175 -> "1.18" (half-up; float says 1.17)
#            percent 1,175/8 = 14,6875 % -> "14.69"
#   R.3.iii = 0,75 × 2,00 = 1,50 -> area SDM "1.50", 15,00 %
#   pengungkit = 1,175 + 1,50 = 2,675 -> "2.68" ; pemenuhan 0,375 -> "0.38" ; reform 2,30
#   hasil = 3,6/4 × 17,5 + C 0,5 × 5 + 3,2/4 × 17,5 = 15,75 + 2,50 + 14,00 = 32,25
#   total = 2,675 + 32,25 = 34,925 -> "34.93"
README_EXAMPLE = {
    "answers": {"P.1.i.a": "Ya", "P.1.i.b": "B", "R.1.i.a": {"agen": 10, "perubahan": 8},
                "R.3.iii.a": 0.75},
    "hasil": {"ipak": 3.6, "ipkp": 3.2, "kinerja": "C"},
    "prerequisites": {"opini_bpk": "WTP", "sakip": "B", "indeks_rb": "CC", "spip_level": 3,
                      "core_service": True, "dampak_signifikan": True, "tindak_lanjut": 100,
                      "lhkpn": 100, "lhkasn": 100, "pencanangan": "2025-01-15",
                      "sakip_internal": "B", "predikat_wbk": False,
                      "tanggal_evaluasi": "2026-11-24"},
}
CHECK_KEYS = {"id", "predicate", "required", "actual", "gap", "pass"}


def _write(tmp_path, document, name="answers.json") -> str:
    path = tmp_path / name
    path.write_text(json.dumps(document), encoding="utf-8")
    return str(path)


def _score_json(tmp_path, capsys, document) -> dict:
    assert main(["lke", "score", _write(tmp_path, document), "--json"]) == 0
    return json.loads(capsys.readouterr().out)


def _one_line_error(capsys, argv) -> str:
    code = main(argv)
    out, err = capsys.readouterr()
    assert code != 0
    assert out == ""
    assert err.endswith("\n") and err.count("\n") == 1, err
    assert err.startswith("zi-bot: ")
    assert "Traceback" not in err
    return err


def _check(card, predicate, check_id):
    return next(c for c in card["checks"] if c["predicate"] == predicate and c["id"] == check_id)


def test_score_json_prints_the_documented_shape_with_hand_checked_figures(tmp_path, capsys):
    card = _score_json(tmp_path, capsys, README_EXAMPLE)
    assert {"total", "pengungkit", "hasil", "areas", "checks", "verdict"} <= set(card)
    assert card["total"] == "34.93"
    assert card["pengungkit"] == "2.68"
    assert card["pemenuhan"] == "0.38"
    assert card["reform"] == "2.30"
    assert card["hasil"] == "32.25"
    assert card["areas"] == {
        "manajemen_perubahan": "1.18", "penataan_tatalaksana": "0.00",
        "penataan_sistem_manajemen_sdm": "1.50", "penguatan_akuntabilitas": "0.00",
        "penguatan_pengawasan": "0.00", "peningkatan_kualitas_pelayanan_publik": "0.00"}
    assert card["area_percent"]["manajemen_perubahan"] == "14.69"
    assert card["area_percent"]["penataan_sistem_manajemen_sdm"] == "15.00"
    assert card["verdict"] == "belum_layak"
    assert len(card["unanswered"]) == 106               # 110 − 4 answered
    for c in card["checks"]:
        assert set(c) >= CHECK_KEYS
        assert c["pass"] in (True, False, None)
    total = _check(card, "wbk", "total")
    assert (total["required"], total["actual"], total["gap"], total["pass"]) == (
        "75.00", "34.93", "40.07", False)                # 75,00 − 34,93
    pengungkit = _check(card, "wbk", "pengungkit")
    assert (pengungkit["actual"], pengungkit["gap"]) == ("2.68", "37.32")
    area = _check(card, "wbk", "area.manajemen_perubahan")
    assert (area["required"], area["actual"], area["gap"]) == ("60.00", "14.69", "45.31")
    ipak = _check(card, "wbk", "ipak")
    assert (ipak["required"], ipak["actual"], ipak["gap"], ipak["pass"]) == (
        "15.75", "15.75", "0.00", True)
    assert _check(card, "wbk", "pelayanan_prima")["actual"] == "14.00"
    assert _check(card, "wbk", "sakip")["pass"] is True
    assert _check(card, "wbbm", "sakip")["pass"] is False       # B < BB
    assert _check(card, "wbbm", "predikat_wbk")["pass"] is False
    # 2025-01-15 + 1 year <= 2026-11-24
    assert _check(card, "wbk", "lama_pembangunan")["pass"] is True


def test_score_json_of_a_fully_passing_unit_is_layak_wbbm(tmp_path, capsys, lke):
    document = {"answers": top_answers(lke),
                "hasil": {"ipak": 4, "ipkp": 4, "kinerja": "A"},
                "prerequisites": {**README_EXAMPLE["prerequisites"], "sakip": "BB",
                                  "indeks_rb": "B", "sakip_internal": "BB",
                                  "predikat_wbk": True,
                                  "tanggal_predikat_wbk": "2025-11-24"}}
    card = _score_json(tmp_path, capsys, document)
    assert _check(card, "wbbm", "lama_pembangunan")["actual"] == "2025-11-24"
    assert (card["total"], card["pengungkit"], card["hasil"]) == ("100.00", "60.00", "40.00")
    assert set(card["areas"].values()) == {"8.00", "7.00", "10.00", "15.00"}
    assert all(c["pass"] for c in card["checks"])
    assert card["verdict"] == "layak_wbbm"
    assert card["unanswered"] == []


def test_score_text_mode_prints_the_verdict(tmp_path, capsys):
    assert main(["lke", "score", _write(tmp_path, README_EXAMPLE)]) == 0
    out = capsys.readouterr().out
    assert "Total       34.93" in out
    assert out.rstrip().endswith("Putusan: belum_layak")


def test_score_with_another_lke_version_file(tmp_path, capsys):
    raw = bundled_raw()
    raw["version"] = "2025.1"
    find_question(raw, "P.1.i.a")["text"] = "Teks baru"
    lke_path = write_yaml(tmp_path / "lke-2025.yaml", raw)
    path = _write(tmp_path, README_EXAMPLE)
    assert main(["lke", "score", path, "--json", "--lke", str(lke_path)]) == 0
    card = json.loads(capsys.readouterr().out)
    assert (card["lke_version"], card["total"]) == ("2025.1", "34.93")


@pytest.mark.parametrize("document, words", [
    ({"answers": {"P.9.z.a": "A"}}, "P.9.z.a"),                      # unknown question
    ({"answers": {"P.1.iii.a": "F"}}, "P.1.iii.a"),                  # F for ABCD
    ({"answers": {"P.1.i.a": "Mungkin"}}, "Mungkin"),                # not Ya/Tidak
    ({"answers": {"R.4.i.a": 1.5}}, "R.4.i.a"),                      # ratio above 1
    ({"answers": {"R.4.i.a": {"sasaran": -2, "tercapai": 1}}}, "negatif"),
    ({"hasil": {"ipak": 4.5}}, "ipak"),                              # survey off 0..4
    ({"hasil": {"kinerja": "F"}}, "kinerja"),
    ({"jawaban": {}}, "jawaban"),                                    # unknown top-level key
    ({"prerequisites": {"sakip": "Z"}}, "sakip"),                    # off the scale
    ({"prerequisites": {"spip_level": 6}}, "spip_level"),
    ({"prerequisites": {"lhkpn": 101}}, "lhkpn"),
    ({"prerequisites": {"pencanangan": "15-01-2025"}}, "pencanangan"),
    ({"prerequisites": {"core_service": "ya"}}, "core_service"),
    ({"prerequisites": {"opini": "WTP"}}, "opini"),                  # unknown fact
    ([1, 2], "objek"),                                               # not an object
])
def test_bad_answers_exit_non_zero_with_one_line(tmp_path, capsys, document, words):
    err = _one_line_error(capsys, ["lke", "score", _write(tmp_path, document), "--json"])
    assert words in err


def test_malformed_json_exits_with_one_line_naming_the_position(tmp_path, capsys):
    path = tmp_path / "broken.json"
    path.write_text('{"answers": {"P.1.i.a": "Ya",}}', encoding="utf-8")
    err = _one_line_error(capsys, ["lke", "score", str(path)])
    assert "broken.json" in err and "baris 1" in err


def test_missing_answers_file_exits_with_one_line(tmp_path, capsys):
    err = _one_line_error(capsys, ["lke", "score", str(tmp_path / "tidak-ada.json")])
    assert "tidak-ada.json" in err


def test_bad_lke_file_for_score_exits_with_one_line(tmp_path, capsys):
    err = _one_line_error(capsys, ["lke", "score", _write(tmp_path, README_EXAMPLE),
                                   "--lke", str(tmp_path / "nope.yaml")])
    assert "nope.yaml" in err


def test_usage_errors_exit_non_zero_with_one_line(capsys):
    _one_line_error(capsys, ["lke"])
    _one_line_error(capsys, ["lke", "score"])
    _one_line_error(capsys, ["lke", "nilai", "x.json"])


def test_validate_accepts_the_bundled_file(capsys):
    assert main(["lke", "validate", str(BUNDLED_LKE)]) == 0
    out = capsys.readouterr().out.strip()
    assert out == ("LKE 2021.1 sah: 110 pertanyaan, 42 indikator, 6 area, "
                   "112 butir rencana aksi")


def test_validate_rejects_a_bad_file_with_one_line_naming_the_id(tmp_path, capsys):
    raw = bundled_raw()
    find_question(raw, "P.2.ii.b")["id"] = "P.2.ii.a"
    path = write_yaml(tmp_path / "lke-dup.yaml", raw)
    err = _one_line_error(capsys, ["lke", "validate", str(path)])
    assert "P.2.ii.a" in err


def test_score_through_a_real_subprocess(tmp_path):
    path = _write(tmp_path, README_EXAMPLE)
    done = subprocess.run([sys.executable, "-m", "bot.cli.main", "lke", "score", path,
                           "--json"], cwd=REPO, capture_output=True, text=True, timeout=120,
                          env=ENV)
    assert done.returncode == 0, done.stderr
    card = json.loads(done.stdout)
    assert (card["total"], card["pengungkit"], card["hasil"], card["verdict"]) == (
        "34.93", "2.68", "32.25", "belum_layak")


def test_bad_input_through_a_real_subprocess_is_one_line_without_traceback(tmp_path):
    path = _write(tmp_path, {"answers": {"P.1.iii.a": "F"}})
    done = subprocess.run([sys.executable, "-m", "bot.cli.main", "lke", "score", path],
                          cwd=REPO, capture_output=True, text=True, timeout=120,
                          env=ENV)
    assert done.returncode != 0
    assert done.stdout == ""
    assert done.stderr.count("\n") == 1 and "Traceback" not in done.stderr
    assert "P.1.iii.a" in done.stderr


# --- input that once crashed the command line with a traceback: now one line ------------------

def test_infinite_survey_score_exits_with_one_line(tmp_path, capsys):
    path = tmp_path / "inf.json"
    path.write_text('{"hasil": {"ipak": Infinity}}', encoding="utf-8")
    assert "ipak" in _one_line_error(capsys, ["lke", "score", str(path)])


def test_overflowing_count_exits_with_one_line(tmp_path, capsys):
    path = tmp_path / "big.json"
    path.write_text('{"answers": {"R.4.i.a": {"sasaran": 1e400, "tercapai": 1}}}',
                    encoding="utf-8")
    assert "R.4.i.a" in _one_line_error(capsys, ["lke", "score", str(path)])


def test_answers_file_that_is_not_utf8_exits_with_one_line(tmp_path, capsys):
    path = tmp_path / "latin1.json"
    path.write_bytes('{"answers": {"P.1.i.a": "Ya"}, "x": "\xe9"}'.encode("latin-1"))
    assert "latin1.json" in _one_line_error(capsys, ["lke", "score", str(path)])


def test_validate_of_a_file_that_is_not_utf8_exits_with_one_line(tmp_path, capsys):
    path = tmp_path / "latin1.yaml"
    path.write_bytes("version: '2021.1'\ntitle: \xa9\n".encode("latin-1"))
    assert "latin1.yaml" in _one_line_error(capsys, ["lke", "validate", str(path)])


@pytest.mark.parametrize("document", [{"answers": []}, {"hasil": ""}, {"prerequisites": 0}])
def test_empty_non_object_sections_are_refused(tmp_path, capsys, document):
    err = _one_line_error(capsys, ["lke", "score", _write(tmp_path, document)])
    assert "objek" in err


def test_a_number_with_a_huge_exponent_is_refused_at_once(tmp_path, capsys):
    path = tmp_path / "answers.json"
    path.write_text('{"answers": {"R.3.iii.a": "1e99999999"}}', encoding="utf-8")
    from bot.cli.main import main

    assert main(["lke", "score", str(path)]) == 2
    err = capsys.readouterr().err
    assert "angka terhingga" in err and len(err.splitlines()) == 1


@pytest.mark.parametrize("figure, passed", [(100, True), (99.995, False), ("99.999", False)])
def test_score_keeps_the_exact_100_percent_facts(tmp_path, capsys, figure, passed):
    facts = {**README_EXAMPLE["prerequisites"], "tindak_lanjut": figure, "lhkpn": figure,
             "lhkasn": figure}
    card = _score_json(tmp_path, capsys, {**README_EXAMPLE, "prerequisites": facts})
    for check_id in ("tindak_lanjut", "lhkpn", "lhkasn"):
        assert _check(card, "wbk", check_id)["pass"] is passed
        assert _check(card, "wbk", check_id)["actual"] == ("100.00" if passed else str(figure))


def test_score_counts_the_wbbm_year_from_the_wbk_predicate_date(tmp_path, capsys):
    # evaluated 2026-11-24; WBK given 2026-10-01: not a year yet; no date: belum diisi
    facts = {**README_EXAMPLE["prerequisites"], "predikat_wbk": True,
             "tanggal_predikat_wbk": "2026-10-01"}
    card = _score_json(tmp_path, capsys, {**README_EXAMPLE, "prerequisites": facts})
    assert _check(card, "wbbm", "lama_pembangunan")["pass"] is False
    assert _check(card, "wbk", "lama_pembangunan")["pass"] is True
    del facts["tanggal_predikat_wbk"]
    card = _score_json(tmp_path, capsys, {**README_EXAMPLE, "prerequisites": facts})
    assert _check(card, "wbbm", "lama_pembangunan")["pass"] is None
