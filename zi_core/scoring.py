"""Answers → question values → indicator → area → Pengungkit, Hasil and total (pure).

Indicator = mean of its question values × its weight; an unanswered question counts 0 and is
listed. Surveys: score ÷ scale × weight. Everything stays an exact `Fraction`; rounding happens
only where a figure is shown (`zi_core.figures`).
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal
from fractions import Fraction
from functools import cached_property
from math import lcm

from zi_core.answers import AnswerSet, HasilInputs, question_value
from zi_core.figures import percent
from zi_core.lke.model import Area, AreaHalf, Indicator, Lke

ZERO = Fraction(0)


def _exact(points: int, denominator: int, ratios: Fraction) -> Fraction:
    """points ÷ denominator + ratios, skipping the fraction sum when there are no ratios."""
    whole = Fraction(points, denominator)
    return whole + ratios if ratios.numerator else whole


def _sum(*ratios: Fraction) -> Fraction:
    """The sum of the non-zero ratios (most are zero: only percentage answers have them)."""
    present = [r for r in ratios if r.numerator]
    if not present:
        return ZERO
    return present[0] if len(present) == 1 else sum(present[1:], present[0])


@dataclass(frozen=True)
class IndicatorScore:
    """An indicator's exact score and how many of its questions were answered.

    The score is `points / denominator + ratios`: option answers summed as integers over the
    worksheet's common denominator, percentage answers as fractions.
    """

    indicator: Indicator
    points: int
    denominator: int
    ratios: Fraction
    answered: int

    @cached_property
    def score(self) -> Fraction:
        return _exact(self.points, self.denominator, self.ratios)

    @property
    def complete(self) -> bool:
        return self.answered == len(self.indicator.questions)


@dataclass(frozen=True)
class HalfScore:
    """The score of an area within one half (pemenuhan or reform)."""

    half: AreaHalf
    indicators: tuple[IndicatorScore, ...]
    points: int
    denominator: int
    ratios: Fraction

    @cached_property
    def score(self) -> Fraction:
        return _exact(self.points, self.denominator, self.ratios)

    @cached_property
    def percent(self) -> Decimal:
        return percent(self.score, self.half.weight)


@dataclass(frozen=True)
class AreaScore:
    """A change area's combined score (pemenuhan + reform)."""

    area: Area
    pemenuhan: HalfScore
    reform: HalfScore

    @cached_property
    def score(self) -> Fraction:
        pemenuhan, reform = self.pemenuhan, self.reform
        return _exact(pemenuhan.points + reform.points, pemenuhan.denominator,
                      _sum(pemenuhan.ratios, reform.ratios))

    @cached_property
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

    @cached_property
    def pengungkit(self) -> Fraction:
        halves = [h for a in self.areas for h in (a.pemenuhan, a.reform)]
        points = sum(h.points for h in halves)
        return _exact(points, halves[0].denominator, _sum(*(h.ratios for h in halves)))

    @cached_property
    def pemenuhan(self) -> Fraction:
        return sum((a.pemenuhan.score for a in self.areas), ZERO)

    @cached_property
    def reform(self) -> Fraction:
        return sum((a.reform.score for a in self.areas), ZERO)

    @cached_property
    def total(self) -> Fraction:
        return self.pengungkit + self.hasil.total

    def area(self, key: str) -> AreaScore:
        return next(a for a in self.areas if a.area.key == key)


class _Compiled:
    """A worksheet prepared for fast exact scoring.

    Every option's contribution to its indicator (value × weight ÷ questions) is an integer
    over one common denominator, so a unit is summed in integers; percentage answers, whose
    ratios are arbitrary, are added as fractions.
    """

    def __init__(self, lke: Lke) -> None:
        shares = {q.id: i.weight / len(i.questions) for i in lke.indicators()
                  for q in i.questions}
        denominators = [(o.value * shares[q.id]).denominator
                        for q in lke.questions() for o in q.options]
        self.denominator = lcm(1, *denominators)
        self.share = shares
        self.points: dict[str, dict[str, int]] = {}
        for question in lke.questions():
            table: dict[str, int] = {}
            for option in question.options:
                points = option.value * shares[question.id] * self.denominator
                table[option.key] = table[option.key.casefold()] = int(points)
            self.points[question.id] = table
        self.order = {q.id: n for n, q in enumerate(lke.questions())}
        self.plan = {
            i.id: tuple((q, self.points[q.id] or None, shares[q.id]) for q in i.questions)
            for i in lke.indicators()
        }


def _compiled(lke: Lke) -> _Compiled:
    """The compiled form, kept on the (immutable) worksheet after the first use."""
    compiled = lke.__dict__.get("_scoring")
    if compiled is None:
        compiled = _Compiled(lke)
        object.__setattr__(lke, "_scoring", compiled)
    return compiled


def score_indicator(lke: Lke, indicator: Indicator, answers: AnswerSet,
                    unanswered: list[str] | None = None) -> IndicatorScore:
    """Mean of the indicator's question values times its weight."""
    compiled = _compiled(lke)
    given = answers.answers
    points = 0
    ratios = ZERO
    answered = 0
    for question, table, share in compiled.plan[indicator.id]:
        answer = given.get(question.id)
        if answer is None:
            if unanswered is not None:
                unanswered.append(question.id)
            continue
        answered += 1
        if table is None:
            ratios += question_value(question, answer) * share
            continue
        found = table.get(answer) if isinstance(answer, str) else None
        if found is None:
            found = table.get(answer.strip().casefold()) if isinstance(answer, str) else None
            if found is None:
                question_value(question, answer)  # raises the clear AnswerError
        points += found  # type: ignore[operator]
    return IndicatorScore(indicator, points, compiled.denominator, ratios, answered)


def _score_half(lke: Lke, half: AreaHalf, answers: AnswerSet,
                unanswered: list[str]) -> HalfScore:
    indicators = tuple(score_indicator(lke, i, answers, unanswered) for i in half.indicators)
    points = sum(i.points for i in indicators)
    ratios = _sum(*(i.ratios for i in indicators))
    return HalfScore(half, indicators, points, _compiled(lke).denominator, ratios)


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
    pemenuhan = {a.key: _score_half(lke, a.pemenuhan, answers, unanswered)
                 for a in lke.areas}
    reform = {a.key: _score_half(lke, a.reform, answers, unanswered) for a in lke.areas}
    areas = tuple(AreaScore(a, pemenuhan[a.key], reform[a.key]) for a in lke.areas)
    unanswered.sort(key=_compiled(lke).order.__getitem__)
    return Score(lke.version, areas, score_hasil(lke, answers.hasil), tuple(unanswered))
