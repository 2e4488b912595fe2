"""Units kerja: register, look up, list, move through their life."""

from __future__ import annotations

import re
from datetime import date

from sqlalchemy import select
from sqlalchemy.exc import IntegrityError
from sqlalchemy.ext.asyncio import AsyncSession

from zi_core.db.models import Unit
from zi_core.db.types import utcnow
from zi_core.domain.errors import DuplicateUnitCode, NotFound
from zi_core.domain.statuses import UnitStatus
from zi_core.domain.unit import UnitDTO

CODE_PATTERN = re.compile(r"[A-Z0-9][A-Z0-9_.-]{0,31}")


def normalize_code(code: str) -> str:
    """The stored form of a unit code: trimmed, upper case; ValueError if malformed."""
    normalized = code.strip().upper()
    if not CODE_PATTERN.fullmatch(normalized):
        raise ValueError(f"unit code {code!r} must be 1-32 of A-Z, 0-9, '_', '.', '-'")
    return normalized


def to_dto(row: Unit) -> UnitDTO:
    """Copy a unit row into its DTO."""
    return UnitDTO(
        id=row.id,
        code=row.code,
        name=row.name,
        status=UnitStatus(row.status),
        headcount=row.headcount,
        pencanangan_date=row.pencanangan_date,
        core_service=row.core_service,
        high_risk=row.high_risk,
        wide_impact=row.wide_impact,
        penetapan_note=row.penetapan_note,
        penetapan_at=row.penetapan_at,
        penetapan_by=row.penetapan_by,
        created_at=row.created_at,
    )


async def add(
    session: AsyncSession, *, code: str, name: str, headcount: int | None = None
) -> UnitDTO:
    """Register a unit in status `terdaftar`; DuplicateUnitCode if the code is taken."""
    code = normalize_code(code)
    name = name.strip()
    if not name:
        raise ValueError("unit name must not be empty")
    row = Unit(code=code, name=name, status=UnitStatus.TERDAFTAR.value, headcount=headcount)
    try:
        # A savepoint keeps the caller's transaction usable after a unique violation.
        async with session.begin_nested():
            session.add(row)
    except IntegrityError as exc:
        if await _code_exists(session, code):
            raise DuplicateUnitCode(code) from exc
        raise
    return to_dto(row)


async def get(session: AsyncSession, unit_id: int) -> UnitDTO | None:
    """The unit with this id, or None."""
    row = await session.get(Unit, unit_id)
    return to_dto(row) if row else None


async def get_by_code(session: AsyncSession, code: str) -> UnitDTO | None:
    """The unit with this code (case-insensitive), or None."""
    try:
        code = normalize_code(code)
    except ValueError:
        return None
    row = await session.scalar(select(Unit).where(Unit.code == code))
    return to_dto(row) if row else None


async def list_all(session: AsyncSession) -> list[UnitDTO]:
    """All units, ordered by code."""
    rows = await session.scalars(select(Unit).order_by(Unit.code))
    return [to_dto(row) for row in rows]


async def set_status(session: AsyncSession, unit_id: int, status: UnitStatus) -> UnitDTO:
    """Store a new status; whether the transition is allowed is the domain's decision."""
    return await _change(session, unit_id, status=UnitStatus(status).value)


async def _code_exists(session: AsyncSession, code: str) -> bool:
    return await session.scalar(select(Unit.id).where(Unit.code == code)) is not None


async def _change(session: AsyncSession, unit_id: int, **values: object) -> UnitDTO:
    row = await session.get(Unit, unit_id, populate_existing=True)
    if row is None:
        raise NotFound("unit", unit_id)
    for field, value in values.items():
        setattr(row, field, value)
    await session.flush()
    return to_dto(row)


async def set_headcount(session: AsyncSession, unit_id: int, headcount: int) -> UnitDTO:
    """Store the unit's number of employees."""
    return await _change(session, unit_id, headcount=headcount)


async def set_pencanangan(session: AsyncSession, unit_id: int, on: date,
                          status: UnitStatus) -> UnitDTO:
    """Store the pencanangan date and the status it brings."""
    return await _change(session, unit_id, pencanangan_date=on, status=UnitStatus(status).value)


async def set_penetapan(session: AsyncSession, unit_id: int, *, core_service: bool,
                        high_risk: bool, wide_impact: bool, note: str | None, by_user_id: int,
                        status: UnitStatus) -> UnitDTO:
    """Store the penetapan criteria, who recorded them and when, and the status."""
    return await _change(session, unit_id, core_service=core_service, high_risk=high_risk,
                         wide_impact=wide_impact, penetapan_note=note,
                         penetapan_at=utcnow(), penetapan_by=by_user_id,
                         status=UnitStatus(status).value)
