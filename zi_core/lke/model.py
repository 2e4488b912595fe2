"""The LKE (Lembar Kerja Evaluasi) as immutable domain objects.

A worksheet is data issued by Keputusan Inspektur (Perbup 49/2022 Pasal 7(4)); these classes
only describe its shape. Weights and option values are exact `Fraction`s so that scores can be
summed without drift and rounded once, where they are shown (DESIGN.md section 8).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from enum import StrEnum
from fractions import Fraction


class AnswerType(StrEnum):
    """How a question is answered; option lists carry their own values."""

    YA_TIDAK = "ya_tidak"
    ABC = "abc"
    ABCD = "abcd"
    ABCDE = "abcde"
    PERSEN = "persen"
    NILAI_0_4 = "nilai_0_4"

    @property
    def has_options(self) -> bool:
        return self not in (AnswerType.PERSEN, AnswerType.NILAI_0_4)


class Part(StrEnum):
    """The two halves of the Pengungkit component."""

    PEMENUHAN = "pemenuhan"
    REFORM = "reform"


@dataclass(frozen=True)
class Option:
    """One answer choice of a question, worth `value` (0..1) of the question."""

    key: str
    value: Fraction
    text: str


@dataclass(frozen=True)
class PercentInput:
    """A named number the unit types for a percentage question."""

    key: str
    label: str


@dataclass(frozen=True)
class PercentFormula:
    """How a percentage question turns its inputs into a value in 0..1.

    `ratio`: sum(numerator) / sum(denominator), clamped to 0..1.
    `decrease`: (previous - current) / previous, clamped to 0..1.
    `zero_value` is the value when the denominator (or previous) is zero and nothing was owed.
    """

    kind: str
    numerator: tuple[str, ...] = ()
    denominator: tuple[str, ...] = ()
    previous: str | None = None
    current: str | None = None
    zero_value: Fraction = Fraction(0)


@dataclass(frozen=True)
class Question:
    """One LKE question (`P.1.i.a`); its value in 0..1 counts toward its indicator."""

    id: str
    indicator_id: str
    text: str
    answer_type: AnswerType
    options: tuple[Option, ...] = ()
    inputs: tuple[PercentInput, ...] = ()
    formula: PercentFormula | None = None
    explanation: str = ""
    source_page: int | None = None

    _by_key: dict[str, Option] = field(default_factory=dict, repr=False, compare=False)

    def __post_init__(self) -> None:
        for option in self.options:
            self._by_key[option.key] = self._by_key[option.key.casefold()] = option

    def option(self, key: str) -> Option | None:
        """The option with this key, case-insensitively (`ya` finds `Ya`)."""
        found = self._by_key.get(key)
        return found if found is not None else self._by_key.get(key.strip().casefold())

    @property
    def top_value(self) -> Fraction:
        return max((o.value for o in self.options), default=Fraction(1))


@dataclass(frozen=True)
class Indicator:
    """An indicator: mean of its question values times its weight."""

    id: str
    name: str
    weight: Fraction
    part: Part
    area_key: str
    questions: tuple[Question, ...]


@dataclass(frozen=True)
class AreaHalf:
    """An area within one half of the Pengungkit (`P.1` or `R.1`)."""

    id: str
    key: str
    name: str
    part: Part
    weight: Fraction
    indicators: tuple[Indicator, ...]


@dataclass(frozen=True)
class Area:
    """One of the six change areas, combining its pemenuhan and reform halves."""

    key: str
    number: int
    name: str
    pemenuhan: AreaHalf
    reform: AreaHalf

    @property
    def weight(self) -> Fraction:
        return self.pemenuhan.weight + self.reform.weight

    @property
    def halves(self) -> tuple[AreaHalf, AreaHalf]:
        return (self.pemenuhan, self.reform)


@dataclass(frozen=True)
class HasilItem:
    """A Hasil item: a survey score on 0..scale_max, or a graded option (capaian kinerja)."""

    id: str
    key: str
    text: str
    weight: Fraction
    answer_type: AnswerType
    options: tuple[Option, ...] = ()
    scale_max: Fraction = Fraction(4)

    def option(self, key: str) -> Option | None:
        wanted = key.strip().casefold()
        return next((o for o in self.options if o.key.casefold() == wanted), None)


@dataclass(frozen=True)
class HasilGroup:
    """A sub-component of Hasil: birokrasi bersih (H.1) or pelayanan prima (H.2)."""

    id: str
    key: str
    name: str
    weight: Fraction
    items: tuple[HasilItem, ...]


@dataclass(frozen=True)
class ScoreThresholds:
    """Pra-evaluasi minima of Lampiran II B.3-B.6 for one predicate."""

    total_min: Fraction
    pengungkit_min: Fraction
    area_min_percent: Fraction
    birokrasi_bersih_min: Fraction
    ipak_min: Fraction
    kinerja_min: Fraction
    pelayanan_prima_min: Fraction


@dataclass(frozen=True)
class Prerequisites:
    """Syarat pengusulan of Lampiran II A for one predicate."""

    opini_bpk_min: str
    sakip_min: str
    indeks_rb_min: str
    spip_level_min: int
    tindak_lanjut_min_percent: Fraction
    lhkpn_min_percent: Fraction
    lhkasn_min_percent: Fraction
    years_building_min: int
    sakip_internal_min: str
    requires_wbk: bool


@dataclass(frozen=True)
class Predicate:
    """A predicate (`wbk`, `wbbm`) with everything a unit must meet for it."""

    key: str
    name: str
    scores: ScoreThresholds
    prerequisites: Prerequisites


@dataclass(frozen=True)
class RencanaAksiItem:
    """A Lampiran I action-plan row, linked to the LKE indicator it builds."""

    id: str
    indicator_id: str
    text: str


@dataclass(frozen=True)
class Lke:
    """A complete, validated worksheet version."""

    version: str
    title: str
    basis: str
    areas: tuple[Area, ...]
    hasil: tuple[HasilGroup, ...]
    predicates: tuple[Predicate, ...]
    scales: dict[str, tuple[str, ...]]
    rencana_aksi: tuple[RencanaAksiItem, ...]
    pengungkit_weight: Fraction
    hasil_weight: Fraction
    thresholds_version: str = ""
    thresholds_citation: str = ""
    _questions: dict[str, Question] = field(default_factory=dict, repr=False, compare=False)
    _indicators: dict[str, Indicator] = field(default_factory=dict, repr=False, compare=False)

    def __post_init__(self) -> None:
        for indicator in self.indicators():
            self._indicators[indicator.id] = indicator
            for question in indicator.questions:
                self._questions[question.id] = question

    def halves(self, part: Part | None = None) -> list[AreaHalf]:
        """Area halves in worksheet order, optionally of one part only."""
        found = [h for area in self.areas for h in area.halves]
        found.sort(key=lambda h: (h.part != Part.PEMENUHAN, h.id))
        return [h for h in found if part is None or h.part == part]

    def indicators(self) -> list[Indicator]:
        """Every indicator in worksheet order (pemenuhan first)."""
        return [i for half in self.halves() for i in half.indicators]

    def questions(self) -> list[Question]:
        """Every pengungkit question in worksheet order."""
        return [q for i in self.indicators() for q in i.questions]

    def question(self, question_id: str) -> Question | None:
        return self._questions.get(question_id)

    def indicator(self, indicator_id: str) -> Indicator | None:
        return self._indicators.get(indicator_id)

    def area(self, key: str) -> Area | None:
        return next((a for a in self.areas if a.key == key), None)

    def hasil_item_by_id(self, item_id: str) -> HasilItem | None:
        return next((i for g in self.hasil for i in g.items if i.id == item_id), None)

    def hasil_item(self, key: str) -> HasilItem | None:
        return next((i for g in self.hasil for i in g.items if i.key == key), None)

    def predicate(self, key: str) -> Predicate:
        return next(p for p in self.predicates if p.key == key)
