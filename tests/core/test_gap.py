"""Gap analysis: ranked next steps and the smallest plan that passes the Pengungkit checks.

A step's gain is (target value − current value) × indicator weight ÷ number of questions.
"""

from __future__ import annotations

import random
from dataclasses import replace
from decimal import Decimal
from fractions import Fraction

from tests.core.helpers import TOP_HASIL, WBBM_FACTS, answers, failing, judge
from zi_core.answers import parse_answer_set
from zi_core.domain.statuses import Kelayakan
from zi_core.gap import analyse

F = Fraction
D = Decimal
AREA_1 = "area.manajemen_perubahan"

# Area 1 (8,00) below 60 %, everything else at the top:
#   P.1.iv.a Tidak: −1 × 1,50/4 = −0,375 ; P.1.ii.a Tidak: −1 × 1,00/3 = −1/3
#   R.1.i.a 3/4 and R.1.i.b 1/4: (0,75 + 0,25)/2 × 2 = 1,00 (of 2)
#   R.1.ii.a E: 0 (of 1) ; R.1.iii.a C: 0,33 (of 1)
#   area = (4 − 0,375 − 1/3) + (1 + 0 + 0,33) = 4,62166… = 57,77 %
AREA_1_LOW = {
    "P.1.iv.a": "Tidak", "P.1.ii.a": "Tidak",
    "R.1.i.a": {"agen": 4, "perubahan": 3}, "R.1.i.b": {"dibuat": 4, "terintegrasi": 1},
    "R.1.ii.a": "E", "R.1.iii.a": "C",
}


def _report(lke, changes, hasil=None, facts=WBBM_FACTS):
    answer_set = answers(lke, changes, hasil=hasil)
    score, verdict = judge(lke, answer_set, facts)
    return answer_set, score, verdict, analyse(lke, answer_set, score, verdict)


def _apply(answer_set, steps, skip=None):
    """The raw answers with every step but `skip` applied ("100%" is ratio 1)."""
    raw = dict(answer_set.answers)
    for n, step in enumerate(steps):
        if n != skip:
            raw[step.question_id] = _ratio(step.target) if step.target.endswith("%") \
                else step.target
    return raw


def _ratio(label):
    """A percentage step's target ("100%", "0.04%") as the ratio it stands for."""
    return F(label.removesuffix("%")) / 100


def _pengungkit_fails(lke, raw, hasil, predicate):
    _, verdict = judge(lke, parse_answer_set(lke, raw, hasil))
    return {c for c in failing(verdict, predicate)
            if c in ("total", "pengungkit") or c.startswith("area.")}


def test_unit_failing_one_area_gets_next_steps_for_that_area_ranked_by_gain(lke):
    _, score, verdict, report = _report(lke, AREA_1_LOW)
    assert score.area("manajemen_perubahan").percent == Decimal("57.77")
    assert failing(verdict, "wbk") == {AREA_1}
    assert set(report.next_steps) == {("wbk", AREA_1), ("wbbm", AREA_1)}
    steps = report.next_steps[("wbk", AREA_1)]
    assert {s.area_key for s in steps} == {"manajemen_perubahan"}
    top_two = [(s.question_id, s.current, s.target, s.gain) for s in steps[:2]]
    assert top_two == [
        ("R.1.i.b", "25.00%", "100%", F(3, 4)),   # (1 − 0,25) × 2,00/2
        ("P.1.iv.a", "Tidak", "Ya", F(3, 8)),     # (1 − 0) × 1,50/4
    ]
    # then R.1.iii.a C->B (0,67 − 0,33) × 1 = 0,34 ; P.1.ii.a (1 − 0) × 1/3 ; two of 0,25
    assert [s.gain for s in steps[2:]] == [F("0.34"), F(1, 3), F(1, 4), F(1, 4)]


def test_next_steps_for_pengungkit_cover_every_area(lke):
    answer_set = parse_answer_set(lke, {}, TOP_HASIL)   # nothing answered: pengungkit 0
    score, verdict = judge(lke, answer_set)
    report = analyse(lke, answer_set, score, verdict, limit=200)
    steps = report.next_steps[("wbk", "pengungkit")]
    assert len(steps) == 110                 # every unanswered question can go up
    # the biggest single step: R.5.ii.a to 100 %, 1 × 3,00/1 = 3,00
    assert (steps[0].question_id, steps[0].current, steps[0].gain) == ("R.5.ii.a", None, 3)


def test_wbk_plan_raises_one_answer_only_as_far_as_needed(lke):
    answer_set, _, _, report = _report(lke, AREA_1_LOW)
    plan = report.plans["wbk"]
    assert plan.reachable and plan.blocking == ()
    # R.1.ii.a has the biggest reach (E->A = 1,00) but E->D (+0,25) already gives
    # 4,87166… = 60,90 % ; the plan stops at D, not at the top option A
    assert [(s.question_id, s.current, s.target, s.gain) for s in plan.steps] == [
        ("R.1.ii.a", "E", "D", F(1, 4))]
    assert _pengungkit_fails(lke, _apply(answer_set, plan.steps), TOP_HASIL, "wbk") == set()


def test_wbbm_plan_is_the_fewest_steps_and_each_is_needed(lke):
    answer_set, _, _, report = _report(lke, AREA_1_LOW)
    plan = report.plans["wbbm"]
    # WBBM needs 75,00 % shown of 8, i.e. 5,9996: +1,37793…; no single step gives more than
    # 1,00, so two. R.1.ii.a E->A (+1) then R.1.i.b -> 100 % (+0,75); R.1.i.b (share 1) is
    # lowered first: 4,62166… + 1 = 5,62166… needs +0,37793… -> 25 % + 37,80 % = 62,80 %
    # (+0,378; 62,79 % gives 5,99956… = 74,99 %); R.1.ii.a cannot drop to B (5,75 < 5,9996)
    assert {(s.question_id, s.current, s.target, s.gain) for s in plan.steps} == {
        ("R.1.ii.a", "E", "A", F(1)), ("R.1.i.b", "25.00%", "62.80%", F(189, 500))}
    raw = _apply(answer_set, plan.steps)
    assert _pengungkit_fails(lke, raw, TOP_HASIL, "wbbm") == set()
    _, verdict = judge(lke, parse_answer_set(lke, raw, TOP_HASIL))
    assert verdict.result == Kelayakan.LAYAK_WBBM
    for n in range(len(plan.steps)):
        assert _pengungkit_fails(lke, _apply(answer_set, plan.steps, skip=n), TOP_HASIL,
                                 "wbbm") == {AREA_1}


def test_plan_on_a_heavy_question_stops_at_the_lowest_option_that_passes(lke):
    # Area 6 (10,00): R.6.ii.a D −2,50 ; R.6.i.a D and R.6.i.b 0 each −1 × 2,50/2 = −1,25
    # -> 5,00 = 50 %. R.6.ii.a D->C gives 0,33 × 2,50 = 0,825 -> 58,25 % (not enough);
    # D->B gives 0,67 × 2,50 = 1,675 -> 6,675 = 66,75 %.
    changes = {"R.6.ii.a": "D", "R.6.i.a": "D", "R.6.i.b": {"terdaftar": 3, "dipermudah": 0}}
    answer_set, _, verdict, report = _report(lke, changes)
    assert failing(verdict, "wbk") == {"area.peningkatan_kualitas_pelayanan_publik"}
    steps = report.plans["wbk"].steps
    assert _pengungkit_fails(lke, _apply(answer_set, steps), TOP_HASIL, "wbk") == set()
    assert [(s.question_id, s.current, s.target, s.gain) for s in steps] == [
        ("R.6.ii.a", "D", "B", F("1.675"))]


def test_plan_on_a_light_question_is_not_raised_further_than_needed(lke):
    # Area 2 (7,00): R.2.iii a/b/c E −2,00 ; R.2.i.a D −0,50 ; R.2.ii.a C −0,50
    # -> 4,00 = 57,14 %. One R.2.iii question E->D: 0,25 × 2/3 = 1/6 -> 59,52 % (fails);
    # E->C: 0,5 × 2/3 = 1/3 -> 4,333… = 61,90 % (passes): the plan should stop at C.
    changes = {"R.2.iii.a": "E", "R.2.iii.b": "E", "R.2.iii.c": "E", "R.2.i.a": "D",
               "R.2.ii.a": "C"}
    answer_set, _, _, report = _report(lke, changes)
    steps = report.plans["wbk"].steps
    assert len(steps) == 1
    step = steps[0]
    assert step.question_id in {"R.2.iii.a", "R.2.iii.b", "R.2.iii.c"}
    assert (step.current, step.target, step.gain) == ("E", "C", F(1, 3))


def test_checks_no_answer_can_fix_are_blocking(lke):
    # IPAK 3,59 -> 15,71 < 15,75 ; opini WDP ; area 1 low as above
    _, _, _, report = _report(lke, AREA_1_LOW, hasil={**TOP_HASIL, "ipak": "3.59"},
                              facts=replace(WBBM_FACTS, opini_bpk="WDP"))
    for predicate in ("wbk", "wbbm"):
        plan = report.plans[predicate]
        assert set(plan.blocking) == {"ipak", "opini_bpk"}
        assert plan.reachable                    # the area itself can still be fixed
        assert {s.area_key for s in plan.steps} == {"manajemen_perubahan"}


def test_missing_hasil_and_missing_prerequisites_are_blocking(lke):
    _, _, _, report = _report(lke, {}, hasil={},
                              facts=replace(WBBM_FACTS, lhkasn_percent=None))
    # pengungkit 60 alone: total 60,00 < 75 is belum_diisi until Hasil is entered
    assert set(report.plans["wbk"].blocking) == {
        "lhkasn", "total", "birokrasi_bersih", "ipak", "kinerja", "pelayanan_prima"}
    assert report.plans["wbk"].steps == ()


def test_total_out_of_reach_with_hasil_zero_is_not_reachable(lke):
    # 60 + 0 < 75: no answer can close the gap
    _, _, _, report = _report(lke, {}, hasil={"ipak": 0, "kinerja": "E", "ipkp": 0})
    plan = report.plans["wbk"]
    assert not plan.reachable
    assert {"ipak", "kinerja", "birokrasi_bersih", "pelayanan_prima"} <= set(plan.blocking)


# --- properties over seeded random units ------------------------------------------------------

def _random_units(lke, count=40):
    for seed in range(count):
        rng = random.Random(seed)
        keep_top = rng.choice([0.3, 0.5, 0.7, 0.85])
        raw = {}
        for q in lke.questions():
            if q.options:
                raw[q.id] = q.options[0].key if rng.random() < keep_top else rng.choice(
                    q.options).key
            else:
                raw[q.id] = 1 if rng.random() < keep_top else F(rng.randint(0, 4), 4)
        hasil = {**TOP_HASIL, "ipkp": rng.choice(["4", "3.2", "2"])}
        answer_set = parse_answer_set(lke, raw, hasil)
        score, verdict = judge(lke, answer_set)
        report = analyse(lke, answer_set, score, verdict)
        for predicate, plan in report.plans.items():
            if plan.reachable and plan.steps:
                yield seed, predicate, answer_set, hasil, plan


def test_random_plans_pass_every_pengungkit_check_when_applied(lke):
    broken = [(seed, predicate) for seed, predicate, answer_set, hasil, plan in
              _random_units(lke)
              if _pengungkit_fails(lke, _apply(answer_set, plan.steps), hasil, predicate)]
    assert broken == []


def test_random_plans_fail_when_any_single_step_is_removed(lke):
    checked = 0
    for seed, predicate, answer_set, hasil, plan in _random_units(lke):
        for n in range(len(plan.steps)):
            assert _pengungkit_fails(lke, _apply(answer_set, plan.steps, skip=n), hasil,
                                     predicate), (seed, predicate, plan.steps[n])
            checked += 1
    assert checked > 50


def test_random_plans_raise_each_answer_no_higher_than_needed(lke):
    too_high = []
    for seed, predicate, answer_set, hasil, plan in _random_units(lke):
        for step in plan.steps:
            keys = [o.key for o in lke.question(step.question_id).options]
            if step.target not in keys or keys.index(step.target) + 1 >= len(keys):
                continue
            lower = keys[keys.index(step.target) + 1]
            if lower == step.current:
                continue
            raw = _apply(answer_set, plan.steps)
            raw[step.question_id] = lower
            if not _pengungkit_fails(lke, raw, hasil, predicate):
                too_high.append((seed, predicate, step.question_id, step.target))
    assert too_high == []


# --- planning while Hasil is not entered yet --------------------------------------------------

def test_plan_without_surveys_covers_the_pengungkit_and_names_the_hasil_needed(lke):
    # Kinerja A known, IPAK and IPKP not yet. The plan is the same as with Hasil entered
    # (R.1.ii.a E->D, as above), on the least surveys that pass their own checks:
    #   WBK  IPAK 15,75/17,5 × 4 = 3,60 ; IPKP 14,00/17,5 × 4 = 3,20
    #   WBBM IPAK 3,60 ; IPKP 15,75/17,5 × 4 = 3,60
    # total with them: pengungkit 60 − 8 + 4,87166… = 56,87 ; + 15,75 + 5 + 14 = 91,62 ≥ 75
    answer_set, _, verdict, report = _report(lke, AREA_1_LOW, hasil={"kinerja": "A"})
    wbk = report.plans["wbk"]
    assert wbk.reachable
    assert [(s.question_id, s.target) for s in wbk.steps] == [("R.1.ii.a", "D")]
    assert wbk.assumes == (("ipak", D("3.60")), ("ipkp", D("3.20")))
    assert set(wbk.blocking) == {"total", "ipak", "birokrasi_bersih", "pelayanan_prima"}
    wbbm = report.plans["wbbm"]
    assert wbbm.reachable and len(wbbm.steps) == 2
    assert wbbm.assumes == (("ipak", D("3.60")), ("ipkp", D("3.60")))


def test_plan_with_no_hasil_at_all_assumes_the_least_grade_too(lke):
    # kinerja: WBK 2,50/5 = 0,5 -> C ; WBBM 3,75/5 = 0,75 -> B
    _, _, _, report = _report(lke, AREA_1_LOW, hasil={})
    assert report.plans["wbk"].reachable
    assert report.plans["wbk"].assumes == (("ipak", D("3.60")), ("kinerja", "C"),
                                           ("ipkp", D("3.20")))
    assert report.plans["wbbm"].assumes == (("ipak", D("3.60")), ("kinerja", "B"),
                                            ("ipkp", D("3.60")))


def test_plan_with_hasil_entered_assumes_nothing(lke):
    _, _, _, report = _report(lke, AREA_1_LOW)
    assert report.plans["wbk"].assumes == ()


def test_a_percentage_step_raises_the_ratio_only_as_far_as_needed(lke):
    # Area 1 (8,00) at 74,99 %: R.1.i.b 0 (−1,00), P.1.iv.a Tidak (−0,375), R.1.i.a at
    # 0,3742 (−0,6258): 8 − 2,0008 = 5,9992 = 74,99 %. WBBM needs 75,00 as shown, i.e.
    # 5,9996 (74,995 %): +0,0004. R.1.i.b (share 2,00/2 = 1) 0 % -> 0,04 % adds exactly that;
    # 0,03 % gives 5,9995 = 74,99 %.
    changes = {"R.1.i.b": 0, "P.1.iv.a": "Tidak", "R.1.i.a": "0.3742"}
    answer_set, score, verdict, report = _report(lke, changes)
    assert score.area("manajemen_perubahan").percent == D("74.99")
    assert failing(verdict, "wbbm") == {AREA_1}
    steps = report.plans["wbbm"].steps
    assert [(s.question_id, s.current, s.target, s.gain) for s in steps] == [
        ("R.1.i.b", "0.00%", "0.04%", F(4, 10000))]
    assert _pengungkit_fails(lke, _apply(answer_set, steps), TOP_HASIL, "wbbm") == set()
    raw = {**answer_set.answers, "R.1.i.b": F(3, 10000)}
    assert _pengungkit_fails(lke, raw, TOP_HASIL, "wbbm") == {AREA_1}
