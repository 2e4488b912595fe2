"""Lampiran II of Perbup 49/2022: every check for Menuju WBK and WBBM, and the verdict.

Each check carries what is required, what the unit has, the gap and its status; data that was
never entered is `belum_diisi`, never a silent pass. Figures are compared as shown (two
decimals, half-up), so a unit at exactly a threshold passes it; a requirement of 100 % (all
follow-ups, every LHKPN/LHKASN) is compared on the exact value, since 99,995 is shown 100,00.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from decimal import Decimal
from enum import StrEnum
from fractions import Fraction
from functools import lru_cache

from zi_core.domain.statuses import Kelayakan
from zi_core.figures import shown
from zi_core.lke.model import Lke, Predicate
from zi_core.scoring import Score


class Status(StrEnum):
    LULUS = "lulus"
    GAGAL = "gagal"
    BELUM_DIISI = "belum_diisi"


class Group(StrEnum):
    INSTANSI = "instansi"
    UNIT = "unit"
    SKOR = "skor"
    PERINGATAN = "peringatan"  # pemenuhan/reform halves: shown beside, never decisive


Value = Decimal | str | bool | int | None
_NO_GAP = Decimal("0.00")
FULL_PERCENT = Fraction(100)


@dataclass(frozen=True)
class UnitFacts:
    """Prerequisites of Lampiran II A; None means not entered yet."""

    opini_bpk: str | None = None
    sakip: str | None = None
    indeks_rb: str | None = None
    spip_level: int | None = None
    core_service: bool | None = None
    significant_impact: bool | None = None
    tindak_lanjut_percent: Decimal | None = None
    lhkpn_percent: Decimal | None = None
    lhkasn_percent: Decimal | None = None
    pencanangan: date | None = None
    sakip_internal: str | None = None
    holds_wbk: bool | None = None
    wbk_predicate_date: date | None = None  # the SK giving WBK: WBBM's year counts from it
    evaluated_on: date | None = None


@dataclass(frozen=True, slots=True)
class Check:
    """One threshold or prerequisite for one predicate."""

    id: str
    predicate: str
    group: Group
    required: Value
    actual: Value
    gap: Decimal | None
    status: Status

    @property
    def passed(self) -> bool | None:
        return None if self.status == Status.BELUM_DIISI else self.status == Status.LULUS

    @property
    def decisive(self) -> bool:
        return self.group != Group.PERINGATAN


@dataclass(frozen=True)
class Verdict:
    """All checks of both predicates and the resulting verdict."""

    checks: tuple[Check, ...]
    result: Kelayakan

    def for_predicate(self, key: str) -> tuple[Check, ...]:
        return tuple(c for c in self.checks if c.predicate == key)

    def eligible(self, key: str) -> bool:
        return all(c.status == Status.LULUS for c in self.for_predicate(key) if c.decisive)

    def failing(self, key: str) -> tuple[Check, ...]:
        return tuple(c for c in self.for_predicate(key)
                     if c.decisive and c.status != Status.LULUS)


def _required(minimum: Fraction) -> Decimal:
    """A threshold as shown; thresholds are few, so each is rounded once."""
    return _required_parts(minimum.numerator, minimum.denominator)


@lru_cache(maxsize=256)
def _required_parts(numerator: int, denominator: int) -> Decimal:
    return shown(Fraction(numerator, denominator))


def _minimum(check_id: str, predicate: str, group: Group, required: Fraction,
             actual: Fraction | None, partial: bool = False) -> Check:
    """A "figure ≥ minimum" check; `partial` means the actual is only a lower bound."""
    req = _required(required)
    if actual is None:
        return Check(check_id, predicate, group, req, None, None, Status.BELUM_DIISI)
    act = shown(actual)
    if act >= req:
        return Check(check_id, predicate, group, req, act, Decimal("0.00"), Status.LULUS)
    status = Status.BELUM_DIISI if partial else Status.GAGAL
    return Check(check_id, predicate, group, req, act, req - act, status)


def _percent_minimum(check_id: str, predicate: str, group: Group, minimum: Fraction,
                     actual: Decimal) -> Check:
    req = _required(minimum)
    if actual >= req:
        return Check(check_id, predicate, group, req, actual, _NO_GAP, Status.LULUS)
    return Check(check_id, predicate, group, req, actual, req - actual, Status.GAGAL)


def score_checks(lke: Lke, predicate: Predicate, score: Score) -> list[Check]:
    """The pra-evaluasi score checks of Lampiran II B.3-B.6 (plus half-area warnings)."""
    t, key, hasil = predicate.scores, predicate.key, score.hasil
    checks = [
        _minimum("total", key, Group.SKOR, t.total_min, score.total,
                 partial=not hasil.complete),
        _minimum("pengungkit", key, Group.SKOR, t.pengungkit_min, score.pengungkit),
    ]
    for area in score.areas:
        checks.append(_percent_minimum(f"area.{area.area.key}", key, Group.SKOR,
                                       t.area_min_percent, area.percent))
    birokrasi_known = hasil.ipak is not None and hasil.kinerja is not None
    checks += [
        _minimum("birokrasi_bersih", key, Group.SKOR, t.birokrasi_bersih_min,
                 hasil.birokrasi_bersih if hasil.ipak is not None or hasil.kinerja is not None
                 else None, partial=not birokrasi_known),
        _minimum("ipak", key, Group.SKOR, t.ipak_min, hasil.ipak),
        _minimum("kinerja", key, Group.SKOR, t.kinerja_min, hasil.kinerja),
        _minimum("pelayanan_prima", key, Group.SKOR, t.pelayanan_prima_min, hasil.ipkp),
    ]
    for area in score.areas:
        for half in (area.pemenuhan, area.reform):
            checks.append(_percent_minimum(
                f"{half.half.part.value}.{area.area.key}", key, Group.PERINGATAN,
                t.area_min_percent, half.percent))
    return checks


def _ordinal(check_id: str, predicate: str, group: Group, scale: tuple[str, ...],
             required: str, actual: str | None) -> Check:
    if actual is None:
        return Check(check_id, predicate, group, required, None, None, Status.BELUM_DIISI)
    if actual not in scale:
        return Check(check_id, predicate, group, required, actual, None, Status.GAGAL)
    steps = scale.index(required) - scale.index(actual)
    status = Status.LULUS if steps <= 0 else Status.GAGAL
    return Check(check_id, predicate, group, required, actual, Decimal(max(steps, 0)), status)


def _flag(check_id: str, predicate: str, actual: bool | None) -> Check:
    if actual is None:
        return Check(check_id, predicate, Group.UNIT, True, None, None, Status.BELUM_DIISI)
    return Check(check_id, predicate, Group.UNIT, True, actual, None,
                 Status.LULUS if actual else Status.GAGAL)


def _percent_fact(check_id: str, predicate: str, minimum: Fraction,
                  actual: Decimal | None) -> Check:
    if actual is None:
        return Check(check_id, predicate, Group.UNIT, shown(minimum), None, None,
                     Status.BELUM_DIISI)
    if minimum < FULL_PERCENT:
        return _percent_minimum(check_id, predicate, Group.UNIT, minimum,
                                shown(Fraction(actual)))
    # "100 %" means everyone: a unit one in 20.000 short is shown 100,00 and still fails
    req = _required(minimum)
    if actual >= req:
        return Check(check_id, predicate, Group.UNIT, req, actual, _NO_GAP, Status.LULUS)
    return Check(check_id, predicate, Group.UNIT, req, actual, req - actual, Status.GAGAL)


def anniversary(start: date, years: int) -> date:
    """The date `years` after `start` (29 Feb falls on 28 Feb in a common year)."""
    try:
        return start.replace(year=start.year + years)
    except ValueError:
        return start.replace(year=start.year + years, day=28)


def _years_building(predicate: Predicate, facts: UnitFacts) -> Check:
    """At least N years of building: toward WBK from the pencanangan, toward WBBM from WBK."""
    years = predicate.prerequisites.years_building_min
    start = facts.wbk_predicate_date if predicate.prerequisites.requires_wbk else facts.pencanangan
    if start is None or facts.evaluated_on is None:
        return Check("lama_pembangunan", predicate.key, Group.UNIT, years, None, None,
                     Status.BELUM_DIISI)
    waiting = (anniversary(start, years) - facts.evaluated_on).days
    status = Status.LULUS if waiting <= 0 else Status.GAGAL
    return Check("lama_pembangunan", predicate.key, Group.UNIT, years, start.isoformat(),
                 Decimal(max(waiting, 0)), status)


def prerequisite_checks(lke: Lke, predicate: Predicate, facts: UnitFacts) -> list[Check]:
    """Syarat pengusulan of Lampiran II A, instansi and unit level."""
    p, key, scales = predicate.prerequisites, predicate.key, lke.scales
    checks = [
        _ordinal("opini_bpk", key, Group.INSTANSI, scales["opini_bpk"], p.opini_bpk_min,
                 facts.opini_bpk),
        _ordinal("sakip", key, Group.INSTANSI, scales["sakip"], p.sakip_min, facts.sakip),
        _ordinal("indeks_rb", key, Group.INSTANSI, scales["indeks_rb"], p.indeks_rb_min,
                 facts.indeks_rb),
    ]
    if facts.spip_level is None:
        checks.append(Check("spip", key, Group.INSTANSI, p.spip_level_min, None, None,
                            Status.BELUM_DIISI))
    else:
        gap = max(0, p.spip_level_min - facts.spip_level)
        checks.append(Check("spip", key, Group.INSTANSI, p.spip_level_min, facts.spip_level,
                            Decimal(gap), Status.LULUS if gap == 0 else Status.GAGAL))
    checks += [
        _flag("core_service", key, facts.core_service),
        _flag("dampak_signifikan", key, facts.significant_impact),
        _percent_fact("tindak_lanjut", key, p.tindak_lanjut_min_percent,
                      facts.tindak_lanjut_percent),
        _percent_fact("lhkpn", key, p.lhkpn_min_percent, facts.lhkpn_percent),
        _percent_fact("lhkasn", key, p.lhkasn_min_percent, facts.lhkasn_percent),
        _years_building(predicate, facts),
        _ordinal("sakip_internal", key, Group.UNIT, scales["sakip"], p.sakip_internal_min,
                 facts.sakip_internal),
    ]
    if p.requires_wbk:
        checks.append(_flag("predikat_wbk", key, facts.holds_wbk))
    return checks


def evaluate(lke: Lke, score: Score, facts: UnitFacts) -> Verdict:
    """Every check of both predicates, and whether the unit may be proposed."""
    checks: list[Check] = []
    for predicate in lke.predicates:
        checks += prerequisite_checks(lke, predicate, facts)
        checks += score_checks(lke, predicate, score)
    verdict = Verdict(tuple(checks), Kelayakan.BELUM_LAYAK)
    if verdict.eligible("wbbm"):
        result = Kelayakan.LAYAK_WBBM
    elif verdict.eligible("wbk"):
        result = Kelayakan.LAYAK_WBK
    else:
        result = Kelayakan.BELUM_LAYAK
    return Verdict(tuple(checks), result)
