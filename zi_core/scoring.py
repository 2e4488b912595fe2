"""Answers → question values → indicator → area → Pengungkit, Hasil and total (pure).

Indicator = mean of its question values × its weight; an unanswered question counts 0 and is
listed. Surveys: score ÷ scale × weight. Everything stays an exact `Fraction`; rounding happens
only where a figure is shown (`zi_core.figures`).
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal
from fractions import Fraction

from zi_core.answers import AnswerSet, HasilInputs, question_value
from zi_core.figures import percent
from zi_core.lke.model import Area, AreaHalf, Indicator, Lke

ZERO = Fraction(0)


@dataclass(frozen=True)
class IndicatorScore:
    """An indicator's exact score and how many of its questions were answered."""

    indicator: Indicator
    score: Fraction
    answered: int

    @property
    def complete(self) -> bool:
        return self.answered == len(self.indicator.questions)


@dataclass(frozen=True)
class HalfScore:
    """The score of an area within one half (pemenuhan or reform)."""

    half: AreaHalf
    score: Fraction
    indicators: tuple[IndicatorScore, ...]

    @property
    def percent(self) -> Decimal:
        return percent(self.score, self.half.weight)


@dataclass(frozen=True)
class AreaScore:
    """A change area's combined score (pemenuhan + reform)."""

    area: Area
    pemenuhan: HalfScore
    reform: HalfScore

    @property
    def score(self) -> Fraction:
        return self.pemenuhan.score + self.reform.score

    @property
    def percent(self) -> Decimal:
        return percent(self.score, self.area.weight)


@dataclass(frozen=True)
class HasilScore:
    """The Hasil component; a part whose input is missing is None."""

    ipak: Fraction | None
    kinerja: Fraction | None
    ipkp: Fraction | None

    @property
    def birokrasi_bersih(self) -> Fraction:
        return (self.ipak or ZERO) + (self.kinerja or ZERO)

    @property
    def pelayanan_prima(self) -> Fraction:
        return self.ipkp or ZERO

    @property
    def total(self) -> Fraction:
        return self.birokrasi_bersih + self.pelayanan_prima

    @property
    def complete(self) -> bool:
        return None not in (self.ipak, self.kinerja, self.ipkp)


@dataclass(frozen=True)
class Score:
    """A unit's whole LKE score, exact, with the questions still unanswered."""

    lke_version: str
    areas: tuple[AreaScore, ...]
    hasil: HasilScore
    unanswered: tuple[str, ...]

    @property
    def pengungkit(self) -> Fraction:
        return sum((a.score for a in self.areas), ZERO)

    @property
    def pemenuhan(self) -> Fraction:
        return sum((a.pemenuhan.score for a in self.areas), ZERO)

    @property
    def reform(self) -> Fraction:
        return sum((a.reform.score for a in self.areas), ZERO)

    @property
    def total(self) -> Fraction:
        return self.pengungkit + self.hasil.total

    def area(self, key: str) -> AreaScore:
        return next(a for a in self.areas if a.area.key == key)


def score_indicator(indicator: Indicator, answers: AnswerSet,
                    unanswered: list[str] | None = None) -> IndicatorScore:
    """Mean of the indicator's question values times its weight."""
    total = ZERO
    answered = 0
    for question in indicator.questions:
        answer = answers.answers.get(question.id)
        if answer is None:
            if unanswered is not None:
                unanswered.append(question.id)
            continue
        total += question_value(question, answer)
        answered += 1
    score = total * indicator.weight / len(indicator.questions)
    return IndicatorScore(indicator, score, answered)


def _score_half(half: AreaHalf, answers: AnswerSet, unanswered: list[str]) -> HalfScore:
    indicators = tuple(score_indicator(i, answers, unanswered) for i in half.indicators)
    return HalfScore(half, sum((i.score for i in indicators), ZERO), indicators)


def score_hasil(lke: Lke, hasil: HasilInputs) -> HasilScore:
    """Survey scores scaled to their weight; capaian kinerja as its option value × weight."""
    ipak_item, kinerja_item, ipkp_item = (lke.hasil_item(k) for k in ("ipak", "kinerja", "ipkp"))
    assert ipak_item and kinerja_item and ipkp_item  # the loader guarantees all three

    def survey(item, value):
        return None if value is None else value / item.scale_max * item.weight

    kinerja = None
    if hasil.kinerja is not None:
        option = kinerja_item.option(hasil.kinerja)
        kinerja = option.value * kinerja_item.weight if option else None
    return HasilScore(survey(ipak_item, hasil.ipak), kinerja, survey(ipkp_item, hasil.ipkp))


def score_unit(lke: Lke, answers: AnswerSet) -> Score:
    """Score a whole answer set against a worksheet."""
    unanswered: list[str] = []
    pemenuhan = {a.key: _score_half(a.pemenuhan, answers, unanswered) for a in lke.areas}
    reform = {a.key: _score_half(a.reform, answers, unanswered) for a in lke.areas}
    areas = tuple(AreaScore(a, pemenuhan[a.key], reform[a.key]) for a in lke.areas)
    order = {q.id: n for n, q in enumerate(lke.questions())}
    unanswered.sort(key=order.__getitem__)
    return Score(lke.version, areas, score_hasil(lke, answers.hasil), tuple(unanswered))
