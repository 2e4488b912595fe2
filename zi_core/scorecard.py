"""One unit's figures, checks and verdict as plain data (the `zi-bot lke score --json` shape).

Figures are strings of two decimals so that nothing downstream re-rounds them.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date
from decimal import Decimal, localcontext
from fractions import Fraction
from typing import Any

from zi_core.answers import AnswerError, AnswerSet, parse_answer_set, to_fraction
from zi_core.figures import as_text, shown
from zi_core.gap import GapReport, analyse
from zi_core.lke.model import Lke
from zi_core.scoring import Score, score_unit
from zi_core.thresholds import Check, UnitFacts, Verdict, evaluate

FACT_KEYS = {
    "opini_bpk", "sakip", "indeks_rb", "spip_level", "core_service", "dampak_signifikan",
    "tindak_lanjut", "lhkpn", "lhkasn", "pencanangan", "sakip_internal", "predikat_wbk",
    "tanggal_predikat_wbk", "tanggal_evaluasi",
}


@dataclass(frozen=True)
class Assessment:
    """Everything the core says about one answer set."""

    answers: AnswerSet
    score: Score
    verdict: Verdict
    gaps: GapReport


def assess(lke: Lke, answers: AnswerSet, facts: UnitFacts) -> Assessment:
    """Score, check and analyse one unit."""
    score = score_unit(lke, answers)
    verdict = evaluate(lke, score, facts)
    return Assessment(answers, score, verdict, analyse(lke, answers, score, verdict))


def _text(value: Any, what: str) -> str | None:
    if value is None:
        return None
    if not isinstance(value, str) or not value.strip():
        raise AnswerError(f"prerequisites.{what}: harus berupa teks")
    return value.strip().upper()


def _flag(value: Any, what: str) -> bool | None:
    if value is None or isinstance(value, bool):
        return value
    raise AnswerError(f"prerequisites.{what}: harus true atau false")


def _percent(value: Any, what: str) -> Decimal | None:
    """A percentage fact exactly as given (a "100 %" requirement compares it unrounded)."""
    if value is None:
        return None
    number = to_fraction(value, f"prerequisites.{what}")
    if not 0 <= number <= 100:
        raise AnswerError(f"prerequisites.{what}: persentase harus di antara 0 dan 100")
    return _exact(number)


def _exact(number: Fraction) -> Decimal:
    """A fraction read from a decimal number back as that decimal, without rounding."""
    with localcontext() as context:
        context.prec = len(str(number.numerator)) + number.denominator.bit_length() + 2
        return Decimal(number.numerator) / Decimal(number.denominator)


def _date(value: Any, what: str) -> date | None:
    if value is None:
        return None
    try:
        return date.fromisoformat(str(value))
    except ValueError as exc:
        raise AnswerError(f"prerequisites.{what}: tanggal harus YYYY-MM-DD") from exc


def parse_facts(lke: Lke, raw: Mapping[str, Any], today: date) -> UnitFacts:
    """Validate the `prerequisites` object of ANSWERS.json into `UnitFacts`."""
    unknown = sorted(set(raw) - FACT_KEYS)
    if unknown:
        raise AnswerError(f"prerequisites: kunci tidak dikenal: {', '.join(unknown)}")
    facts: dict[str, Any] = {}
    for key, scale in (("opini_bpk", "opini_bpk"), ("sakip", "sakip"),
                       ("indeks_rb", "indeks_rb"), ("sakip_internal", "sakip")):
        value = _text(raw.get(key), key)
        if value is not None and value not in lke.scales[scale]:
            raise AnswerError(f"prerequisites.{key}: harus salah satu dari "
                              f"{'/'.join(lke.scales[scale])}")
        facts[key] = value
    spip = raw.get("spip_level")
    if spip is not None and (isinstance(spip, bool) or not isinstance(spip, int)
                             or not 1 <= spip <= 5):
        raise AnswerError("prerequisites.spip_level: harus bilangan bulat 1 sampai 5")
    return UnitFacts(
        opini_bpk=facts["opini_bpk"],
        sakip=facts["sakip"],
        indeks_rb=facts["indeks_rb"],
        spip_level=spip,
        core_service=_flag(raw.get("core_service"), "core_service"),
        significant_impact=_flag(raw.get("dampak_signifikan"), "dampak_signifikan"),
        tindak_lanjut_percent=_percent(raw.get("tindak_lanjut"), "tindak_lanjut"),
        lhkpn_percent=_percent(raw.get("lhkpn"), "lhkpn"),
        lhkasn_percent=_percent(raw.get("lhkasn"), "lhkasn"),
        pencanangan=_date(raw.get("pencanangan"), "pencanangan"),
        sakip_internal=facts["sakip_internal"],
        holds_wbk=_flag(raw.get("predikat_wbk"), "predikat_wbk"),
        wbk_predicate_date=_date(raw.get("tanggal_predikat_wbk"), "tanggal_predikat_wbk"),
        evaluated_on=_date(raw.get("tanggal_evaluasi"), "tanggal_evaluasi") or today,
    )


def parse_document(lke: Lke, document: Any, today: date) -> tuple[AnswerSet, UnitFacts]:
    """Validate a whole ANSWERS.json document."""
    if not isinstance(document, Mapping):
        raise AnswerError("berkas jawaban harus berupa objek JSON")
    unknown = sorted(set(document) - {"answers", "hasil", "prerequisites"})
    if unknown:
        raise AnswerError(f"kunci tidak dikenal: {', '.join(unknown)}")
    parts = {}
    for key in ("answers", "hasil", "prerequisites"):
        value = document.get(key)
        if value is None:
            value = {}
        elif not isinstance(value, Mapping):
            raise AnswerError(f"'{key}' harus berupa objek JSON")
        parts[key] = value
    answers = parse_answer_set(lke, parts["answers"], parts["hasil"])
    return answers, parse_facts(lke, parts["prerequisites"], today)


def _plain(value: Any) -> Any:
    if isinstance(value, Decimal):
        return as_text(value) if value == value.quantize(Decimal("0.01")) else str(value)
    return value


def check_json(check: Check) -> dict[str, Any]:
    """A check as JSON: figures as two-decimal strings, pass true/false/null."""
    return {
        "id": check.id,
        "predicate": check.predicate,
        "group": check.group.value,
        "required": _plain(check.required),
        "actual": _plain(check.actual),
        "gap": _plain(check.gap),
        "pass": check.passed,
        "status": check.status.value,
    }


def as_json(assessment: Assessment) -> dict[str, Any]:
    """The scorecard of `zi-bot lke score --json`."""
    score, verdict = assessment.score, assessment.verdict
    plans = {
        key: {
            "reachable": plan.reachable,
            "blocking": list(plan.blocking),
            "assumes": {key: as_text(v) if isinstance(v, Decimal) else v
                        for key, v in plan.assumes},
            "steps": [{"question": s.question_id, "from": s.current, "to": s.target,
                       "gain": as_text(shown(s.gain))} for s in plan.steps],
        }
        for key, plan in assessment.gaps.plans.items()
    }
    return {
        "lke_version": score.lke_version,
        "total": as_text(shown(score.total)),
        "pengungkit": as_text(shown(score.pengungkit)),
        "pemenuhan": as_text(shown(score.pemenuhan)),
        "reform": as_text(shown(score.reform)),
        "hasil": as_text(shown(score.hasil.total)),
        "areas": {a.area.key: as_text(shown(a.score)) for a in score.areas},
        "area_percent": {a.area.key: as_text(a.percent) for a in score.areas},
        "unanswered": list(score.unanswered),
        "checks": [check_json(c) for c in verdict.checks],
        "verdict": verdict.result.value,
        "gap_plans": plans,
    }
