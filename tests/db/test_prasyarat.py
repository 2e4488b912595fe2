"""Hasil inputs and Lampiran II prerequisites: who may enter them, the ranges and scales they
must fit, only given fields changing, and the facts a verdict reads from them."""

from __future__ import annotations

import json
from datetime import date
from decimal import Decimal
from fractions import Fraction

import pytest

from tests.db.evaluasi_helpers import LKE, person, run, unit_in
from zi_core.answers import HasilInputs
from zi_core.db.repositories import audit
from zi_core.domain.roles import Role
from zi_core.domain.statuses import UnitStatus
from zi_core.services import assignments, prasyarat
from zi_core.services.prasyarat import PrasyaratRefused
from zi_core.thresholds import UnitFacts

YEAR = 2025
TODAY = date(2025, 6, 1)


@pytest.fixture
async def scene(session_factory):
    """A unit, its assigned evaluator, the unit's leader and an admin."""
    unit = await unit_in(session_factory)
    secretary = await person(session_factory, Role.TPI_SECRETARY)
    member = await person(session_factory, Role.TPI_MEMBER)
    await run(session_factory, assignments.assign, secretary, unit.id, member.id)
    leader = await person(session_factory, Role.LEADER, unit.id)
    admin = await person(session_factory, Role.ADMIN)
    return unit, member, leader, admin


async def reason_of(factory, call, *args, **kwargs) -> str:
    with pytest.raises(PrasyaratRefused) as refused:
        await run(factory, call, *args, **kwargs)
    return refused.value.reason


async def test_survey_scores_lie_on_0_to_4_with_two_decimals(session_factory, scene):
    unit, member, *_ = scene

    for bad in ("4.5", "3.605", "-0.01", "NaN"):
        assert await reason_of(session_factory, prasyarat.set_hasil, member, unit.id, YEAR,
                               ipak=Decimal(bad)) == "range"
    await run(session_factory, prasyarat.set_hasil, member, unit.id, YEAR,
              ipak=Decimal("4.00"), ipkp=Decimal("3.6"))

    found = await run(session_factory, prasyarat.hasil_for, unit.id, YEAR)
    assert found == HasilInputs(ipak=Fraction(4), ipkp=Fraction(18, 5), kinerja=None)


async def test_capaian_kinerja_is_a_grade_a_to_e(session_factory, scene):
    unit, member, *_ = scene

    assert await reason_of(session_factory, prasyarat.set_hasil, member, unit.id, YEAR,
                           kinerja="F") == "kinerja"
    await run(session_factory, prasyarat.set_hasil, member, unit.id, YEAR, kinerja=" b ")

    assert (await run(session_factory, prasyarat.hasil_for, unit.id, YEAR)).kinerja == "B"


async def test_only_the_given_hasil_fields_change_and_each_change_is_audited(session_factory,
                                                                            scene):
    unit, member, *_ = scene
    await run(session_factory, prasyarat.set_hasil, member, unit.id, YEAR,
              ipak=Decimal("3.50"), kinerja="C")
    await run(session_factory, prasyarat.set_hasil, member, unit.id, YEAR, ipkp=Decimal("3.00"))
    await run(session_factory, prasyarat.set_hasil, member, unit.id, YEAR, ipkp=Decimal("3"))

    found = await run(session_factory, prasyarat.hasil_for, unit.id, YEAR)
    assert found == HasilInputs(ipak=Fraction(7, 2), ipkp=Fraction(3), kinerja="C")
    assert await run(session_factory, prasyarat.hasil_for, unit.id, YEAR + 1) == HasilInputs()
    row = await run(session_factory, prasyarat.hasil_row, unit.id, YEAR)
    assert (row.ipak, row.ipkp, row.entered_by_user_id) == (Decimal("3.50"), Decimal("3.00"),
                                                            member.id)
    events = [e for e in await run(session_factory, audit.events_for, "unit", unit.id)
              if e.action == "hasil.set"]
    assert [json.loads(e.payload)["after"] for e in events] == [
        {"ipak": "3.50", "kinerja": "C"}, {"ipkp": "3.00"}]


async def test_hasil_is_entered_by_the_units_evaluators_only(session_factory, scene):
    unit, _, leader, admin = scene
    outsider = await person(session_factory, Role.TPI_MEMBER)

    for who in (outsider, leader, admin):
        assert await reason_of(session_factory, prasyarat.set_hasil, who, unit.id, YEAR,
                               ipak=Decimal("3.00")) == "not_allowed"


async def test_instansi_prerequisites_follow_the_lke_scales(session_factory, scene):
    _, member, _, admin = scene

    assert await reason_of(session_factory, prasyarat.set_instansi, admin, LKE, YEAR,
                           opini_bpk="WTP-DPP") == "scale"
    assert await reason_of(session_factory, prasyarat.set_instansi, admin, LKE, YEAR,
                           sakip="Z") == "scale"
    assert await reason_of(session_factory, prasyarat.set_instansi, admin, LKE, YEAR,
                           spip_level=6) == "range"
    assert await reason_of(session_factory, prasyarat.set_instansi, member, LKE, YEAR,
                           sakip="BB") == "not_allowed"
    await run(session_factory, prasyarat.set_instansi, admin, LKE, YEAR, opini_bpk="wtp",
              sakip="BB")
    stored = await run(session_factory, prasyarat.set_instansi, admin, LKE, YEAR,
                       indeks_rb="B", spip_level=3)

    assert (stored.opini_bpk, stored.sakip, stored.indeks_rb, stored.spip_level) == (
        "WTP", "BB", "B", 3)
    assert await run(session_factory, prasyarat.instansi_for, YEAR) == stored
    assert await run(session_factory, prasyarat.instansi_for, YEAR - 1) is None


async def test_unit_prerequisites_by_the_leader_or_the_evaluators(session_factory, scene):
    unit, member, leader, admin = scene
    other_leader = await person(session_factory, Role.LEADER, (await unit_in(session_factory)).id)

    await run(session_factory, prasyarat.set_unit_prerequisite, leader, LKE, unit.id, YEAR,
              lhkpn_percent=Decimal("100"), core_service=True)
    stored = await run(session_factory, prasyarat.set_unit_prerequisite, member, LKE, unit.id,
                       YEAR, tindak_lanjut_percent=Decimal("87.25"), sakip_internal="bb",
                       core_service=None)

    assert (stored.lhkpn_percent, stored.tindak_lanjut_percent, stored.sakip_internal,
            stored.core_service) == (Decimal("100.00"), Decimal("87.25"), "BB", None)
    assert await run(session_factory, prasyarat.unit_prerequisite_for, unit.id, YEAR) == stored
    for who in (other_leader, admin):
        assert await reason_of(session_factory, prasyarat.set_unit_prerequisite, who, LKE,
                               unit.id, YEAR, holds_wbk=True) == "not_allowed"


async def test_unit_prerequisites_fit_their_ranges_and_scale(session_factory, scene):
    unit, member, *_ = scene

    for fields, reason in (({"lhkasn_percent": Decimal("100.01")}, "range"),
                           ({"lhkpn_percent": Decimal("-1")}, "range"),
                           ({"tindak_lanjut_percent": Decimal("50.125")}, "range"),
                           ({"sakip_internal": "E"}, "scale")):
        assert await reason_of(session_factory, prasyarat.set_unit_prerequisite, member, LKE,
                               unit.id, YEAR, **fields) == reason
    with pytest.raises(TypeError):
        await run(session_factory, prasyarat.set_unit_prerequisite, member, LKE, unit.id, YEAR,
                  lhkpn=100)


async def test_facts_combine_instansi_unit_and_the_units_own_record(session_factory, scene):
    unit, member, _, admin = scene
    await run(session_factory, prasyarat.set_instansi, admin, LKE, YEAR, opini_bpk="WTP",
              sakip="B", indeks_rb="BB", spip_level=3)
    await run(session_factory, prasyarat.set_unit_prerequisite, member, LKE, unit.id, YEAR,
              tindak_lanjut_percent=Decimal(100), lhkpn_percent=Decimal("98.5"),
              lhkasn_percent=Decimal(100), sakip_internal="A", significant_impact=True,
              holds_wbk=False)

    facts = await run(session_factory, prasyarat.facts_for, LKE, unit, YEAR, TODAY)

    assert facts == UnitFacts(
        opini_bpk="WTP", sakip="B", indeks_rb="BB", spip_level=3, core_service=None,
        significant_impact=True, tindak_lanjut_percent=Decimal("100.00"),
        lhkpn_percent=Decimal("98.50"), lhkasn_percent=Decimal("100.00"),
        pencanangan=date(2024, 1, 15), sakip_internal="A", holds_wbk=False,
        evaluated_on=TODAY)
    empty = await run(session_factory, prasyarat.facts_for, LKE, unit, YEAR + 1, TODAY)
    assert empty == UnitFacts(pencanangan=date(2024, 1, 15), evaluated_on=TODAY)


async def test_a_unit_with_a_tpn_predicate_holds_wbk(session_factory):
    unit = await unit_in(session_factory, UnitStatus.PREDIKAT_WBK)

    facts = await run(session_factory, prasyarat.facts_for, LKE, unit, YEAR, TODAY)

    assert facts.holds_wbk is True


async def test_the_wbk_predicate_is_recorded_with_the_date_of_its_sk(session_factory, scene):
    unit, member, leader, _ = scene
    await run(session_factory, prasyarat.set_unit_prerequisite, leader, LKE, unit.id, YEAR,
              holds_wbk=True, wbk_predicate_date=date(2024, 11, 20))

    facts = await run(session_factory, prasyarat.facts_for, LKE, unit, YEAR, TODAY)
    assert (facts.holds_wbk, facts.wbk_predicate_date) == (True, date(2024, 11, 20))
    # not a date is refused
    assert await reason_of(session_factory, prasyarat.set_unit_prerequisite, member, LKE,
                           unit.id, YEAR, wbk_predicate_date="kemarin") == "range"
    await run(session_factory, prasyarat.set_unit_prerequisite, member, LKE, unit.id, YEAR,
              wbk_predicate_date=None)
    facts = await run(session_factory, prasyarat.facts_for, LKE, unit, YEAR, TODAY)
    assert facts.wbk_predicate_date is None
