"""A unit's answers to the LKE, checked against the worksheet before anything is scored.

An answer is an option key (`Ya`, `B`) for choice questions and a ratio in 0..1 for percentage
questions, either typed directly or computed from the question's named inputs.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from decimal import Decimal, InvalidOperation
from fractions import Fraction

from zi_core.lke.model import AnswerType, HasilItem, Lke, PercentFormula, Question


class AnswerError(ValueError):
    """An answer does not fit its question; the message says which and why."""


@dataclass(frozen=True)
class HasilInputs:
    """The Hasil component's inputs: survey scores (0..4) and capaian kinerja (A..E)."""

    ipak: Fraction | None = None
    ipkp: Fraction | None = None
    kinerja: str | None = None


@dataclass(frozen=True)
class AnswerSet:
    """Answers of one unit: option keys or ratios per question id, plus Hasil inputs."""

    answers: Mapping[str, str | Fraction] = field(default_factory=dict)
    hasil: HasilInputs = HasilInputs()


MAX_EXPONENT = 30
"""No count, score or ratio of the LKE needs more than 30 digits; larger exponents only make
exact arithmetic crawl (Fraction of 1e99999999 takes seconds), so they are refused."""


def to_fraction(value: object, what: str) -> Fraction:
    """A number from JSON or text (point decimals) as an exact fraction; floats via their text."""
    if isinstance(value, bool) or value is None:
        raise AnswerError(f"{what}: harus berupa angka")
    if isinstance(value, Fraction | int):
        return Fraction(value)
    try:
        number = value if isinstance(value, Decimal) else Decimal(str(value).strip())
    except (InvalidOperation, ValueError) as exc:
        raise AnswerError(f"{what}: harus berupa angka, bukan {value!r}") from exc
    if not number.is_finite() or abs(number.adjusted()) > MAX_EXPONENT:
        raise AnswerError(f"{what}: harus berupa angka terhingga, bukan {value!r}")
    return Fraction(number)


def percent_ratio(question: Question, inputs: Mapping[str, object]) -> Fraction:
    """The value (0..1) of a percentage question from its named inputs."""
    formula = question.formula
    if formula is None:
        raise AnswerError(f"{question.id}: bukan pertanyaan persentase")
    known = {i.key for i in question.inputs}
    unknown = sorted(set(inputs) - known)
    if unknown:
        raise AnswerError(f"{question.id}: masukan tidak dikenal: {', '.join(unknown)}")
    numbers: dict[str, Fraction] = {}
    for item in question.inputs:
        if item.key not in inputs:
            raise AnswerError(f"{question.id}: masukan '{item.key}' belum diisi")
        number = to_fraction(inputs[item.key], f"{question.id}.{item.key}")
        if number < 0:
            raise AnswerError(f"{question.id}.{item.key}: tidak boleh negatif")
        if number.denominator != 1:
            raise AnswerError(f"{question.id}.{item.key}: harus bilangan bulat")
        numbers[item.key] = number
    return _apply(formula, numbers)


def _apply(formula: PercentFormula, numbers: Mapping[str, Fraction]) -> Fraction:
    if formula.kind == "decrease":
        previous = numbers[formula.previous or ""]
        current = numbers[formula.current or ""]
        if previous == 0:
            return formula.zero_value if current == 0 else Fraction(0)
        return _clamp((previous - current) / previous)
    numerator = sum((numbers[k] for k in formula.numerator), Fraction(0))
    denominator = sum((numbers[k] for k in formula.denominator), Fraction(0))
    if denominator == 0:
        return formula.zero_value
    return _clamp(numerator / denominator)


def _clamp(value: Fraction) -> Fraction:
    return min(Fraction(1), max(Fraction(0), value))


def question_value(question: Question, answer: str | Fraction) -> Fraction:
    """The value (0..1) an answer earns on its question; raises `AnswerError` if invalid."""
    if question.answer_type == AnswerType.PERSEN:
        if isinstance(answer, str):
            answer = to_fraction(answer, question.id)
        if not 0 <= answer <= 1:
            raise AnswerError(f"{question.id}: rasio harus di antara 0 dan 1")
        return answer
    if not isinstance(answer, str):
        raise AnswerError(f"{question.id}: jawaban harus salah satu dari {_keys(question)}")
    option = question.option(answer)
    if option is None:
        raise AnswerError(f"{question.id}: jawaban {answer!r} tidak ada di antara "
                          f"{_keys(question)}")
    return option.value


def _keys(question: Question) -> str:
    return "/".join(o.key for o in question.options)


def survey_score(item: HasilItem, value: object) -> Fraction:
    """A survey score checked to lie on the item's scale (0..4)."""
    score = to_fraction(value, item.key)
    if not 0 <= score <= item.scale_max:
        raise AnswerError(f"{item.key}: skor survei harus di antara 0 dan {item.scale_max}")
    return score


def kinerja_key(item: HasilItem, value: object) -> str:
    """A capaian-kinerja grade checked against the item's options (A..E)."""
    if not isinstance(value, str) or item.option(value) is None:
        keys = "/".join(o.key for o in item.options)
        raise AnswerError(f"{item.key}: nilai harus salah satu dari {keys}")
    return item.option(value).key  # type: ignore[union-attr]


def parse_answer_set(lke: Lke, answers: Mapping[str, object],
                     hasil: Mapping[str, object] | None = None) -> AnswerSet:
    """Validate raw answers (as in ANSWERS.json) into an `AnswerSet`."""
    parsed: dict[str, str | Fraction] = {}
    for question_id, raw in answers.items():
        question = lke.question(question_id)
        if question is None:
            raise AnswerError(f"{question_id}: pertanyaan tidak ada di LKE {lke.version}")
        if raw is None:
            continue
        if question.answer_type == AnswerType.PERSEN:
            value = percent_ratio(question, raw) if isinstance(raw, Mapping) else raw
            parsed[question_id] = question_value(question, to_fraction(value, question_id))
        else:
            if not isinstance(raw, str):
                raise AnswerError(f"{question_id}: jawaban harus salah satu dari "
                                  f"{_keys(question)}")
            parsed[question_id] = question.option(raw).key if question.option(raw) else raw
            question_value(question, raw)
    return AnswerSet(parsed, parse_hasil(lke, hasil or {}))


def parse_hasil(lke: Lke, hasil: Mapping[str, object]) -> HasilInputs:
    """Validate the Hasil inputs `{"ipak": 3.6, "ipkp": 3.2, "kinerja": "C"}`."""
    unknown = sorted(set(hasil) - {"ipak", "ipkp", "kinerja"})
    if unknown:
        raise AnswerError(f"hasil: kunci tidak dikenal: {', '.join(unknown)}")
    values: dict[str, object] = {}
    for key in ("ipak", "ipkp"):
        item = lke.hasil_item(key)
        if hasil.get(key) is not None and item is not None:
            values[key] = survey_score(item, hasil[key])
    item = lke.hasil_item("kinerja")
    if hasil.get("kinerja") is not None and item is not None:
        values["kinerja"] = kinerja_key(item, hasil["kinerja"])
    return HasilInputs(**values)  # type: ignore[arg-type]
