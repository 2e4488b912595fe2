"""Which answer counts when evaluators differ: the decision, else the agreed answer, else the
lowest-valued one; answers that no longer fit the question are ignored."""

from __future__ import annotations

from fractions import Fraction

from zi_core.domain import konsensus
from zi_core.lke.model import AnswerType


def _first(lke, answer_type):
    return next(q for q in lke.questions() if q.answer_type is answer_type)


def test_the_final_answer_wins_over_every_evaluator(lke):
    question = _first(lke, AnswerType.ABCD)

    assert konsensus.effective(question, ["D", "C"], "b") == "B"


def test_an_agreed_or_single_answer_counts_as_it_is(lke):
    question = _first(lke, AnswerType.ABC)

    assert konsensus.effective(question, ["a", "A"], None) == "A"
    assert konsensus.effective(question, ["B"], None) == "B"
    assert not konsensus.disagree(question, ["a", "A"])


def test_undecided_disagreement_counts_the_lowest_valued_answer(lke):
    question = _first(lke, AnswerType.YA_TIDAK)

    assert konsensus.disagree(question, ["Ya", "Tidak"])
    assert konsensus.effective(question, ["Ya", "Tidak"], None) == "Tidak"


def test_percentage_answers_compare_as_exact_ratios(lke):
    question = _first(lke, AnswerType.PERSEN)

    assert not konsensus.disagree(question, ["1/2", "2/4"])
    assert konsensus.effective(question, ["5/6", "1/3"], None) == Fraction(1, 3)


def test_answers_that_do_not_fit_are_ignored(lke):
    question = _first(lke, AnswerType.ABC)

    assert konsensus.effective(question, ["Z", "B"], "nonsense") == "B"
    assert konsensus.effective(question, [], None) is None
    assert konsensus.effective(_first(lke, AnswerType.PERSEN), ["3/2", "x"], None) is None
