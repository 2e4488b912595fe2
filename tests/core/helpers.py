"""Plain helpers for the core tests: answer sets built by answer *key*, never by value.

Answers are chosen by option key and question type only (Ya/A at the top, Tidak/C/D/E at the
bottom) so that no expected figure comes from the code under test.
"""

from __future__ import annotations

import copy
from dataclasses import replace
from datetime import date
from decimal import Decimal
from pathlib import Path
from typing import Any

import yaml

from zi_core.answers import AnswerSet, parse_answer_set
from zi_core.lke.model import Lke
from zi_core.scoring import Score, score_unit
from zi_core.thresholds import Check, Status, UnitFacts, Verdict, evaluate

BUNDLED_LKE = Path(__file__).resolve().parents[2] / "zi_core" / "lke" / "data" / "lke-2021.yaml"
BUNDLED_LAMPIRAN = BUNDLED_LKE.with_name("lampiran-ii-2022.yaml")

TOP_KEY = {"ya_tidak": "Ya", "abc": "A", "abcd": "A", "abcde": "A"}
BOTTOM_KEY = {"ya_tidak": "Tidak", "abc": "C", "abcd": "D", "abcde": "E"}

# Hasil at its maximum: 4,00/4 × 17,50 + A (1 × 5,00) + 4,00/4 × 17,50 = 40,00
TOP_HASIL = {"ipak": "4.00", "kinerja": "A", "ipkp": "4.00"}

# Every Lampiran II prerequisite met for WBBM (and so for WBK), WBK predicate already held.
WBBM_FACTS = UnitFacts(
    opini_bpk="WTP",
    sakip="BB",
    indeks_rb="B",
    spip_level=3,
    core_service=True,
    significant_impact=True,
    tindak_lanjut_percent=Decimal("100"),
    lhkpn_percent=Decimal("100"),
    lhkasn_percent=Decimal("100"),
    pencanangan=date(2024, 1, 15),
    sakip_internal="BB",
    holds_wbk=True,
    wbk_predicate_date=date(2024, 3, 1),
    evaluated_on=date(2025, 6, 1),
)
# The same unit before it holds the WBK predicate: can only be layak_wbk.
WBK_FACTS = replace(WBBM_FACTS, holds_wbk=False, wbk_predicate_date=None)


def top_answers(lke: Lke) -> dict[str, Any]:
    """Every question at its top answer (percentage questions at ratio 1)."""
    return {q.id: TOP_KEY.get(q.answer_type.value, 1) for q in lke.questions()}


def bottom_answers(lke: Lke) -> dict[str, Any]:
    """Every question at its bottom answer (percentage questions at ratio 0)."""
    return {q.id: BOTTOM_KEY.get(q.answer_type.value, 0) for q in lke.questions()}


def answers(lke: Lke, changes: dict[str, Any] | None = None, base: str = "top",
            hasil: dict[str, Any] | None = None) -> AnswerSet:
    """A parsed answer set: `base` answers with `changes` applied, plus Hasil inputs."""
    raw = top_answers(lke) if base == "top" else bottom_answers(lke)
    raw.update(changes or {})
    return parse_answer_set(lke, raw, TOP_HASIL if hasil is None else hasil)


def judge(lke: Lke, answer_set: AnswerSet, facts: UnitFacts = WBBM_FACTS) -> tuple[
        Score, Verdict]:
    score = score_unit(lke, answer_set)
    return score, evaluate(lke, score, facts)


def check(verdict: Verdict, predicate: str, check_id: str) -> Check:
    return next(c for c in verdict.for_predicate(predicate) if c.id == check_id)


def failing(verdict: Verdict, predicate: str) -> set[str]:
    """Ids of the decisive checks of a predicate that did not pass."""
    return {c.id for c in verdict.failing(predicate)}


def statuses(verdict: Verdict, predicate: str) -> dict[str, Status]:
    return {c.id: c.status for c in verdict.for_predicate(predicate)}


def bundled_raw() -> dict[str, Any]:
    """A fresh, mutable copy of the bundled LKE file's content."""
    return copy.deepcopy(_BUNDLED)


def bundled_lampiran_raw() -> dict[str, Any]:
    """A fresh, mutable copy of the bundled Lampiran II thresholds file's content."""
    return yaml.safe_load(BUNDLED_LAMPIRAN.read_text(encoding="utf-8"))


def write_yaml(path: Path, raw: dict[str, Any]) -> Path:
    path.write_text(yaml.safe_dump(raw, allow_unicode=True, sort_keys=False), encoding="utf-8")
    return path


def find_indicator(raw: dict[str, Any], indicator_id: str) -> dict[str, Any]:
    for part in raw["pengungkit"]["parts"].values():
        for area in part["areas"]:
            for indicator in area["indicators"]:
                if indicator["id"] == indicator_id:
                    return indicator
    raise KeyError(indicator_id)


def find_area(raw: dict[str, Any], area_id: str) -> dict[str, Any]:
    for part in raw["pengungkit"]["parts"].values():
        for area in part["areas"]:
            if area["id"] == area_id:
                return area
    raise KeyError(area_id)


def find_question(raw: dict[str, Any], question_id: str) -> dict[str, Any]:
    indicator_id = question_id.rsplit(".", 1)[0]
    return next(q for q in find_indicator(raw, indicator_id)["questions"]
                if q["id"] == question_id)


_BUNDLED = yaml.safe_load(BUNDLED_LKE.read_text(encoding="utf-8"))
