"""Which answer counts when several TPI evaluators scored the same question.

Rules (the regulation is silent; DESIGN.md section 8 style decisions):

1. a FINAL answer (set by the secretary or chair) wins;
2. otherwise the evaluators' answer if they all agree (or there is only one);
3. otherwise, while they disagree and nobody decided, the *lowest-valued* answer counts —
   conservative: a unit is never shown as layak on the strength of the kinder evaluator.

Answers are stored as text (an option key, or a ratio such as "5/6"); one that no longer
fits the question (an LKE version changed its options) is ignored.
"""

from __future__ import annotations

from collections.abc import Iterable
from fractions import Fraction

from zi_core.answers import AnswerError, question_value
from zi_core.lke.model import AnswerType, Question

Answer = str | Fraction
"""An option key, or a percentage question's ratio."""


def parse(question: Question, stored: str) -> Answer | None:
    """The answer as scored (canonical option key, or ratio), or None if it does not fit."""
    try:
        if question.answer_type is AnswerType.PERSEN:
            ratio = Fraction(stored)
            question_value(question, ratio)
            return ratio
        option = question.option(stored)
        return option.key if option is not None else None
    except (AnswerError, ValueError, ZeroDivisionError):
        return None


def distinct(question: Question, stored: Iterable[str]) -> set[Answer]:
    """The different answers among the stored ones (ill-fitting ones left out)."""
    return {a for a in (parse(question, s) for s in stored) if a is not None}


def disagree(question: Question, stored: Iterable[str]) -> bool:
    """Whether the evaluators gave different answers."""
    return len(distinct(question, stored)) > 1


def effective(question: Question, tpi: Iterable[str], final: str | None) -> Answer | None:
    """The answer that counts for the unit (rules in the module docstring), or None."""
    if final is not None and (decided := parse(question, final)) is not None:
        return decided
    answers = distinct(question, tpi)
    if not answers:
        return None
    return min(answers, key=lambda a: (question_value(question, a), str(a)))
