"""The facts besides the LKE answers that a verdict needs (Lampiran II A) and the Hasil inputs.

- the instansi's prerequisites per year (opini BPK, SAKIP, indeks RB, SPIP), by an admin;
- a unit's prerequisites per year (follow-up, LHKPN, LHKASN rates, SAKIP internal, criteria),
  by the unit's TPI evaluators or its own leader;
- a unit's Hasil inputs per year (IPAK, IPKP on 0,00–4,00, capaian kinerja A–E), by its TPI
  evaluators.

Only the fields given change; each change is audited with before and after. A refusal is
`PrasyaratRefused` with `reason` "not_allowed", "range", "scale" or "kinerja".
"""

from __future__ import annotations

from collections.abc import Mapping
from datetime import date, datetime
from decimal import Decimal, InvalidOperation
from fractions import Fraction
from typing import Any, Literal

from sqlalchemy.ext.asyncio import AsyncSession

from zi_core.answers import HasilInputs
from zi_core.db.repositories import audit, units
from zi_core.db.repositories import prasyarat as repo
from zi_core.domain.errors import NotFound
from zi_core.domain.people import UserDTO
from zi_core.domain.roles import Permission, Role, may
from zi_core.domain.statuses import UnitStatus
from zi_core.domain.unit import HasilDTO, InstansiDTO, UnitDTO, UnitPrerequisiteDTO
from zi_core.lke.model import Lke
from zi_core.services.assignments import current, may_evaluate
from zi_core.thresholds import UnitFacts

Reason = Literal["not_allowed", "range", "scale", "kinerja"]

# The bounds of the columns (NUMERIC(4,2), NUMERIC(5,2), CHECK on kinerja), which the LKE's
# survey scale (0..4) and grades (A..E) and a percentage fit.
SURVEY_MAX = Decimal(4)
PERCENT_MAX = Decimal(100)
KINERJA = ("A", "B", "C", "D", "E")
SPIP_LEVELS = range(1, 6)
YEARS = range(2000, 2101)
_CENT = Decimal("0.01")

PERCENT_FIELDS = ("tindak_lanjut_percent", "lhkpn_percent", "lhkasn_percent")
FLAG_FIELDS = ("core_service", "significant_impact", "holds_wbk")


class PrasyaratRefused(ValueError):
    """A fact or result that cannot be stored; `reason` picks the message."""

    def __init__(self, reason: Reason, field: str = "") -> None:
        super().__init__(f"{reason}: {field}" if field else reason)
        self.reason: Reason = reason
        self.field = field


async def set_hasil(session: AsyncSession, actor: UserDTO, unit_id: int, year: int, *,
                    ipak: Decimal | None = None, ipkp: Decimal | None = None,
                    kinerja: str | None = None) -> None:
    """Enter the unit's IPAK/IPKP survey scores and capaian kinerja of a year."""
    if not await may_evaluate(session, actor, unit_id):
        raise PrasyaratRefused("not_allowed")
    _check_year(year)
    values: dict[str, Any] = {}
    for field, value in (("ipak", ipak), ("ipkp", ipkp)):
        if value is not None:
            values[field] = _figure(value, SURVEY_MAX, field)
    if kinerja is not None:
        grade = kinerja.strip().upper() if isinstance(kinerja, str) else ""
        if grade not in KINERJA:
            raise PrasyaratRefused("kinerja", "kinerja")
        values["kinerja"] = grade
    if values:
        before, after = await repo.write_hasil(session, unit_id, year, values, actor.id)
        await _audit(session, "hasil.set", "unit", unit_id, actor, year, before,
                     {field: getattr(after, field) for field in values})


async def hasil_for(session: AsyncSession, unit_id: int, year: int) -> HasilInputs:
    """The unit's Hasil inputs of a year, as the scoring takes them (absent ones None)."""
    return hasil_inputs(await repo.hasil(session, unit_id, year))


def hasil_inputs(row: HasilDTO | None) -> HasilInputs:
    """A stored Hasil row as the scoring takes it (no row: nothing entered)."""
    if row is None:
        return HasilInputs()
    return HasilInputs(ipak=Fraction(row.ipak) if row.ipak is not None else None,
                       ipkp=Fraction(row.ipkp) if row.ipkp is not None else None,
                       kinerja=row.kinerja)


async def hasil_row(session: AsyncSession, unit_id: int, year: int) -> HasilDTO | None:
    """The stored Hasil inputs of a year as entered (two-decimal figures, who, when), or None."""
    return await repo.hasil(session, unit_id, year)


async def set_instansi(session: AsyncSession, actor: UserDTO, lke: Lke, year: int, *,
                       opini_bpk: str | None = None, sakip: str | None = None,
                       indeks_rb: str | None = None,
                       spip_level: int | None = None) -> InstansiDTO:
    """Enter the regency's own prerequisites of a year (an admin)."""
    fresh = await current(session, actor)
    if fresh is None or not may(fresh.role, Permission.MANAGE_UNITS):
        raise PrasyaratRefused("not_allowed")
    _check_year(year)
    values: dict[str, Any] = {}
    for field, value in (("opini_bpk", opini_bpk), ("sakip", sakip), ("indeks_rb", indeks_rb)):
        if value is not None:
            values[field] = _grade(lke, field, field, value)
    if spip_level is not None:
        if isinstance(spip_level, bool) or spip_level not in SPIP_LEVELS:
            raise PrasyaratRefused("range", "spip_level")
        values["spip_level"] = int(spip_level)
    if not values:
        found = await repo.instansi(session, year)
        if found is not None:
            return found
    before, after = await repo.write_instansi(session, year, values, fresh.id)
    await _audit(session, "prasyarat.instansi", "instansi", year, fresh, year, before,
                 {field: getattr(after, field) for field in values})
    return after


async def set_unit_prerequisite(session: AsyncSession, actor: UserDTO, lke: Lke, unit_id: int,
                                year: int, **fields: Any) -> UnitPrerequisiteDTO:
    """Enter a unit's prerequisites of a year; a field given as None is cleared.

    Fields: tindak_lanjut_percent, lhkpn_percent, lhkasn_percent (0..100), sakip_internal
    (the LKE's SAKIP scale), core_service, significant_impact, holds_wbk (bool),
    wbk_predicate_date (the date of the SK giving WBK, from which WBBM's year counts).
    """
    unknown = sorted(set(fields) - set(repo.UNIT_FIELDS))
    if unknown:
        raise TypeError(f"unknown prerequisite fields: {', '.join(unknown)}")
    if await units.get(session, unit_id) is None:
        raise NotFound("unit", unit_id)
    if not (await may_evaluate(session, actor, unit_id)
            or await _leads(session, actor, unit_id)):
        raise PrasyaratRefused("not_allowed")
    _check_year(year)
    values = {field: _unit_value(lke, field, value) for field, value in fields.items()}
    if not values:
        found = await repo.unit(session, unit_id, year)
        if found is not None:
            return found
    before, after = await repo.write_unit(session, unit_id, year, values, actor.id)
    await _audit(session, "prasyarat.unit", "unit", unit_id, actor, year, before,
                 {field: getattr(after, field) for field in values})
    return after


async def instansi_for(session: AsyncSession, year: int) -> InstansiDTO | None:
    """The instansi's prerequisites of a year, or None."""
    return await repo.instansi(session, year)


async def unit_prerequisite_for(session: AsyncSession, unit_id: int,
                                year: int) -> UnitPrerequisiteDTO | None:
    """A unit's prerequisites of a year, or None."""
    return await repo.unit(session, unit_id, year)


async def facts_for(session: AsyncSession, lke: Lke, unit: UnitDTO, year: int,
                    today: date) -> UnitFacts:
    """Everything Lampiran II A asks about a unit in a year, evaluated on `today`.

    Core service falls back to the penetapan record (the same criterion: the unit delivers
    the instansi's core service); holding WBK is also true for a unit with a TPN predicate.
    """
    return facts_of(unit, await repo.instansi(session, year),
                    await repo.unit(session, unit.id, year), today)


def facts_of(unit: UnitDTO, instansi: InstansiDTO | None, own: UnitPrerequisiteDTO | None,
             today: date) -> UnitFacts:
    """`facts_for` from rows already loaded (the weekly summary loads them for every unit)."""
    core = own.core_service if own is not None else None
    holds = own.holds_wbk if own is not None else None
    if unit.status in (UnitStatus.PREDIKAT_WBK, UnitStatus.PREDIKAT_WBBM):
        holds = True
    return UnitFacts(
        opini_bpk=instansi.opini_bpk if instansi else None,
        sakip=instansi.sakip if instansi else None,
        indeks_rb=instansi.indeks_rb if instansi else None,
        spip_level=instansi.spip_level if instansi else None,
        core_service=core if core is not None else unit.core_service,
        significant_impact=own.significant_impact if own else None,
        tindak_lanjut_percent=own.tindak_lanjut_percent if own else None,
        lhkpn_percent=own.lhkpn_percent if own else None,
        lhkasn_percent=own.lhkasn_percent if own else None,
        pencanangan=unit.pencanangan_date,
        sakip_internal=own.sakip_internal if own else None,
        holds_wbk=holds,
        wbk_predicate_date=own.wbk_predicate_date if own else None,
        evaluated_on=today,
    )


def _figure(value: object, maximum: Decimal, field: str) -> Decimal:
    """A figure in 0..maximum with at most two decimals, else "range"."""
    if isinstance(value, bool | float) or not isinstance(value, Decimal | int | str):
        raise PrasyaratRefused("range", field)
    try:
        number = Decimal(value) if not isinstance(value, str) else Decimal(value.strip())
    except InvalidOperation as exc:
        raise PrasyaratRefused("range", field) from exc
    if not number.is_finite() or not 0 <= number <= maximum or number != number.quantize(_CENT):
        raise PrasyaratRefused("range", field)
    return number.quantize(_CENT)


def _grade(lke: Lke, scale: str, field: str, value: object) -> str:
    grade = value.strip().upper() if isinstance(value, str) else ""
    if grade not in lke.scales[scale]:
        raise PrasyaratRefused("scale", field)
    return grade


def _unit_value(lke: Lke, field: str, value: Any) -> Any:
    if value is None:
        return None
    if field in PERCENT_FIELDS:
        return _figure(value, PERCENT_MAX, field)
    if field == "sakip_internal":
        return _grade(lke, "sakip", field, value)
    if field == "wbk_predicate_date":
        if not isinstance(value, date) or isinstance(value, datetime):
            raise PrasyaratRefused("range", field)
        return value
    if not isinstance(value, bool):
        raise TypeError(f"{field} must be true or false")
    return value


def _check_year(year: int) -> None:
    if isinstance(year, bool) or year not in YEARS:
        raise PrasyaratRefused("range", "year")


async def _leads(session: AsyncSession, actor: UserDTO, unit_id: int) -> bool:
    fresh = await current(session, actor)
    return fresh is not None and fresh.role is Role.LEADER and fresh.unit_id == unit_id


async def _audit(session: AsyncSession, action: str, entity: str, entity_id: int,
                 actor: UserDTO, year: int, before: Mapping[str, Any],
                 after: Mapping[str, Any]) -> None:
    if dict(before) == dict(after):
        return  # the same values again (a repeated tap): nothing changed, nothing to record
    await audit.append(session, action=action, entity=entity, entity_id=entity_id,
                       actor=actor,
                       payload={"year": year, "before": dict(before), "after": dict(after)})
