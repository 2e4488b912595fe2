"""Score many units with full, varied answer sets; print units/s and peak memory.

Run: `python -m bench.scoring [--units 1000] [--with-gaps]`. Target: >= 2,000 units/s.
"""

from __future__ import annotations

import argparse
import random
import resource
import time
from datetime import date
from decimal import Decimal
from fractions import Fraction

from zi_core.answers import AnswerSet, HasilInputs
from zi_core.gap import analyse
from zi_core.lke import load_lke
from zi_core.lke.model import AnswerType, Lke
from zi_core.scoring import score_unit
from zi_core.thresholds import UnitFacts, evaluate


def random_unit(lke: Lke, rng: random.Random) -> AnswerSet:
    """A complete answer set, skewed toward good answers as real units are."""
    answers: dict[str, str | Fraction] = {}
    for question in lke.questions():
        if question.answer_type == AnswerType.PERSEN:
            answers[question.id] = Fraction(rng.randint(60, 100), 100)
        else:
            options = question.options
            answers[question.id] = options[min(int(rng.expovariate(2.5)), len(options) - 1)].key
    hasil = HasilInputs(Fraction(rng.randint(330, 400), 100), Fraction(rng.randint(300, 400), 100),
                        rng.choice("AABBC"))
    return AnswerSet(answers, hasil)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--units", type=int, default=1000)
    parser.add_argument("--with-gaps", action="store_true", help="also run the gap analysis")
    args = parser.parse_args()
    lke = load_lke()
    rng = random.Random(49)
    units = [random_unit(lke, rng) for _ in range(args.units)]
    facts = UnitFacts(opini_bpk="WTP", sakip="BB", indeks_rb="B", spip_level=3,
                      core_service=True, significant_impact=True,
                      tindak_lanjut_percent=Decimal(100), lhkpn_percent=Decimal(100),
                      lhkasn_percent=Decimal(100), sakip_internal="BB", holds_wbk=True,
                      wbk_predicate_date=date(2025, 10, 1),
                      evaluated_on=date(2026, 11, 24), pencanangan=date(2025, 1, 2))
    started = time.perf_counter()
    scores = [score_unit(lke, answers) for answers in units]
    scoring = time.perf_counter() - started
    started = time.perf_counter()
    verdicts: dict[str, int] = {}
    for answers, score in zip(units, scores, strict=True):
        verdict = evaluate(lke, score, facts)
        if args.with_gaps:
            analyse(lke, answers, score, verdict)
        verdicts[verdict.result.value] = verdicts.get(verdict.result.value, 0) + 1
    checking = time.perf_counter() - started
    peak_kib = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    checked = "Lampiran II checks" + (" + gap analysis" if args.with_gaps else "")
    print(f"{args.units} units, {len(lke.questions())} questions each (all answered)")
    print(f"scoring      {scoring:.3f} s  {args.units / scoring:>9,.0f} units/s")
    print(f"{checked:<12} {checking:.3f} s  {args.units / checking:>9,.0f} units/s")
    print(f"both         {scoring + checking:.3f} s  "
          f"{args.units / (scoring + checking):>9,.0f} units/s")
    print(f"peak memory  {peak_kib / 1024:.1f} MiB (max RSS of the whole process)")
    print(f"verdicts     {verdicts}")


if __name__ == "__main__":
    main()
