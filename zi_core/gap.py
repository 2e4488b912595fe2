"""Gap analysis: which answers to raise so that a unit reaches WBK (or WBBM).

For each failing score check it ranks the questions that feed it by the points one step up
would add; for each predicate it finds the smallest set of raised answers that passes every
Pengungkit check (each area, Pengungkit, total), raising each only as far as needed. Checks no
answer can fix (surveys, prerequisites) are listed as blocking.
"""

from __future__ import annotations

from dataclasses import dataclass
from fractions import Fraction

from zi_core.answers import AnswerSet, question_value
from zi_core.figures import shown
from zi_core.gap_hasil import Assumption, assumed_hasil
from zi_core.lke.model import AnswerType, Lke, Predicate, Question
from zi_core.scoring import Score
from zi_core.thresholds import Status, Verdict

PENGUNGKIT_CHECKS = ("total", "pengungkit")
RATIO_STEPS = 10_000  # a percentage step is planned to 0,01 %


@dataclass(frozen=True)
class Step:
    """Raising one question's answer, with the points it adds to the score."""

    question_id: str
    area_key: str
    current: str | None
    target: str
    gain: Fraction


@dataclass(frozen=True)
class Plan:
    """The smallest set of raised answers that passes a predicate's Pengungkit checks.

    `reachable` says whether raising answers can pass every Pengungkit check; `blocking` names
    the failing checks that no answer can fix (surveys, prerequisites, missing Hasil).
    """

    predicate: str
    steps: tuple[Step, ...]
    reachable: bool
    blocking: tuple[str, ...]
    assumes: tuple[Assumption, ...] = ()  # Hasil not entered: (item, least entry counted on)


@dataclass(frozen=True)
class GapReport:
    """Per failing check, the best next steps; per predicate, a plan."""

    next_steps: dict[tuple[str, str], tuple[Step, ...]]
    plans: dict[str, Plan]


@dataclass
class _Candidate:
    question: Question
    area_key: str
    weight: Fraction  # the question's share of its indicator weight
    current_value: Fraction
    current: str | None

    def ladder(self) -> list[tuple[str, Fraction]]:
        """Answers above the current one, lowest first, with their values."""
        if self.question.answer_type == AnswerType.PERSEN:
            return [("100%", Fraction(1))] if self.current_value < 1 else []
        better = [(o.key, o.value) for o in self.question.options if o.value > self.current_value]
        return sorted(better, key=lambda kv: kv[1])

    def gain_to(self, value: Fraction) -> Fraction:
        """Points added to the area by raising the answer to `value`."""
        return (value - self.current_value) * self.weight


def _candidates(lke: Lke, answers: AnswerSet) -> list[_Candidate]:
    found = []
    for indicator in lke.indicators():
        share = indicator.weight / len(indicator.questions)
        for question in indicator.questions:
            answer = answers.answers.get(question.id)
            value = Fraction(0) if answer is None else question_value(question, answer)
            current = None if answer is None else _label(question, answer)
            found.append(_Candidate(question, indicator.area_key, share, value, current))
    return [c for c in found if c.ladder()]


def _label(question: Question, answer: str | Fraction) -> str:
    if question.answer_type == AnswerType.PERSEN:
        return f"{shown(Fraction(answer) * 100)}%"
    return str(answer)


class _Sheet:
    """Exact area scores under a plan, checked with the same rounding as the verdict."""

    def __init__(self, lke: Lke, score: Score, predicate: Predicate) -> None:
        self.weights = {a.key: a.weight for a in lke.areas}
        self.scores = {a.area.key: a.score for a in score.areas}
        self.hasil, self.assumes = assumed_hasil(lke, predicate, score.hasil)
        self.t = predicate.scores

    def area_ok(self, key: str) -> bool:
        return shown(self.scores[key] / self.weights[key] * 100) >= shown(self.t.area_min_percent)

    def pengungkit(self) -> Fraction:
        return sum(self.scores.values(), Fraction(0))

    def totals_ok(self) -> bool:
        p = self.pengungkit()
        return (shown(p) >= shown(self.t.pengungkit_min)
                and shown(p + self.hasil) >= shown(self.t.total_min))

    def all_ok(self) -> bool:
        return all(self.area_ok(k) for k in self.scores) and self.totals_ok()


def _plan(lke: Lke, score: Score, verdict: Verdict, predicate: Predicate,
          candidates: list[_Candidate]) -> Plan:
    fixable = {f"area.{a.key}" for a in lke.areas} | set(PENGUNGKIT_CHECKS)
    blocking = tuple(c.id for c in verdict.failing(predicate.key)
                     if c.id not in fixable or (c.id == "total" and not score.hasil.complete))
    sheet = _Sheet(lke, score, predicate)
    chosen: dict[str, tuple[_Candidate, Fraction]] = {}
    pool = sorted(candidates, key=lambda c: c.gain_to(c.ladder()[-1][1]), reverse=True)

    def take(candidate: _Candidate) -> None:
        top = candidate.ladder()[-1][1]
        chosen[candidate.question.id] = (candidate, top)
        sheet.scores[candidate.area_key] += candidate.gain_to(top)

    for area in lke.areas:
        for candidate in (c for c in pool if c.area_key == area.key):
            if sheet.area_ok(area.key):
                break
            take(candidate)
    for candidate in pool:
        if sheet.totals_ok():
            break
        if candidate.question.id not in chosen:
            take(candidate)
    reachable = sheet.all_ok()
    if reachable:
        _lower_targets(sheet, chosen)
    steps = [Step(c.question.id, c.area_key, c.current, _target_label(c, v), c.gain_to(v))
             for c, v in chosen.values()]
    steps.sort(key=lambda s: s.gain, reverse=True)
    return Plan(predicate.key, tuple(steps), reachable, blocking, sheet.assumes)


def _lowest_ratio(sheet: _Sheet, candidate: _Candidate, top: Fraction) -> Fraction:
    """The smallest ratio, in hundredths of a percent, that still passes everything."""
    def move(old: Fraction, new: Fraction) -> None:
        sheet.scores[candidate.area_key] += candidate.gain_to(new) - candidate.gain_to(old)

    low, high = int(candidate.current_value * RATIO_STEPS) + 1, int(top * RATIO_STEPS)
    value = top
    while low < high:   # `value` (high) passes; look for the first that does
        middle = Fraction((low + high) // 2, RATIO_STEPS)
        move(value, middle)
        if sheet.all_ok():
            value, high = middle, (low + high) // 2
        else:
            move(middle, value)
            low = (low + high) // 2 + 1
    return value


def _lower_targets(sheet: _Sheet, chosen: dict[str, tuple[_Candidate, Fraction]]) -> None:
    """Lower each raised answer to the smallest step that still passes everything."""
    for question_id, (candidate, top) in sorted(chosen.items(),
                                                key=lambda kv: kv[1][0].gain_to(kv[1][1])):
        if candidate.question.answer_type == AnswerType.PERSEN:
            chosen[question_id] = (candidate, _lowest_ratio(sheet, candidate, top))
            continue
        for _, value in candidate.ladder():
            if value >= top:
                break
            drop = candidate.gain_to(top) - candidate.gain_to(value)
            sheet.scores[candidate.area_key] -= drop
            if sheet.all_ok():
                chosen[question_id] = (candidate, value)
                top = value
                break
            sheet.scores[candidate.area_key] += drop


def _target_label(candidate: _Candidate, value: Fraction) -> str:
    if candidate.question.answer_type == AnswerType.PERSEN and value < 1:
        return _label(candidate.question, value)
    return next(key for key, v in candidate.ladder() if v == value)


def _next_steps(candidates: list[_Candidate], area_key: str | None,
                limit: int) -> tuple[Step, ...]:
    steps = []
    for c in candidates:
        if area_key is not None and c.area_key != area_key:
            continue
        key, value = c.ladder()[0]
        steps.append(Step(c.question.id, c.area_key, c.current, key, c.gain_to(value)))
    steps.sort(key=lambda s: s.gain, reverse=True)
    return tuple(steps[:limit])


def analyse(lke: Lke, answers: AnswerSet, score: Score, verdict: Verdict,
            limit: int = 10) -> GapReport:
    """Ranked next steps per failing Pengungkit check, and a smallest plan per predicate."""
    candidates = _candidates(lke, answers)
    next_steps: dict[tuple[str, str], tuple[Step, ...]] = {}
    plans: dict[str, Plan] = {}
    for predicate in lke.predicates:
        for check in verdict.failing(predicate.key):
            if check.status != Status.GAGAL and check.id not in PENGUNGKIT_CHECKS:
                continue
            if check.id.startswith("area."):
                area_key = check.id.removeprefix("area.")
                next_steps[(predicate.key, check.id)] = _next_steps(candidates, area_key, limit)
            elif check.id in PENGUNGKIT_CHECKS:
                next_steps[(predicate.key, check.id)] = _next_steps(candidates, None, limit)
        plans[predicate.key] = _plan(lke, score, verdict, predicate, candidates)
    return GapReport(next_steps, plans)
