"""Per-year rows of Lampiran II facts and Hasil inputs: the instansi's, each unit's prerequisites
and each unit's survey scores and capaian kinerja.

`write` changes only the fields it is given, under a row lock (created first if missing), and
says what the fields were before, so the caller can audit the change.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar

from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession

from zi_core.db.models import HasilInput, InstansiPrerequisite, UnitPrerequisite
from zi_core.db.repositories._upsert import insert_for
from zi_core.db.types import utcnow
from zi_core.domain.unit import HasilDTO, InstansiDTO, UnitPrerequisiteDTO

Row = TypeVar("Row", HasilInput, InstansiPrerequisite, UnitPrerequisite)

UNIT_FIELDS = ("tindak_lanjut_percent", "lhkpn_percent", "lhkasn_percent", "sakip_internal",
               "core_service", "significant_impact", "holds_wbk", "wbk_predicate_date")
INSTANSI_FIELDS = ("opini_bpk", "sakip", "indeks_rb", "spip_level")
HASIL_FIELDS = ("ipak", "ipkp", "kinerja")


def instansi_dto(row: InstansiPrerequisite) -> InstansiDTO:
    """Copy an instansi row into its DTO."""
    return InstansiDTO(row.year, row.opini_bpk, row.sakip, row.indeks_rb, row.spip_level,
                       row.entered_by_user_id, row.entered_at)


def unit_dto(row: UnitPrerequisite) -> UnitPrerequisiteDTO:
    """Copy a unit prerequisite row into its DTO."""
    return UnitPrerequisiteDTO(row.unit_id, row.year, row.tindak_lanjut_percent,
                               row.lhkpn_percent, row.lhkasn_percent, row.sakip_internal,
                               row.core_service, row.significant_impact, row.holds_wbk,
                               row.entered_by_user_id, row.entered_at,
                               row.wbk_predicate_date)


def hasil_dto(row: HasilInput) -> HasilDTO:
    """Copy a Hasil input row into its DTO."""
    return HasilDTO(row.unit_id, row.year, row.ipak, row.ipkp, row.kinerja,
                    row.entered_by_user_id, row.entered_at)


async def instansi(session: AsyncSession, year: int) -> InstansiDTO | None:
    """The instansi's prerequisites of a year, or None."""
    row = await _find(session, InstansiPrerequisite, {"year": year})
    return instansi_dto(row) if row else None


async def unit(session: AsyncSession, unit_id: int, year: int) -> UnitPrerequisiteDTO | None:
    """A unit's prerequisites of a year, or None."""
    row = await _find(session, UnitPrerequisite, {"unit_id": unit_id, "year": year})
    return unit_dto(row) if row else None


async def hasil(session: AsyncSession, unit_id: int, year: int) -> HasilDTO | None:
    """A unit's Hasil inputs of a year, or None."""
    row = await _find(session, HasilInput, {"unit_id": unit_id, "year": year})
    return hasil_dto(row) if row else None


async def write_instansi(session: AsyncSession, year: int, values: Mapping[str, Any],
                         by_user_id: int) -> tuple[dict[str, Any], InstansiDTO]:
    """Change the given fields of the year's row; the fields before, and the row after."""
    before, row = await _write(session, InstansiPrerequisite, {"year": year}, values,
                               by_user_id)
    return before, instansi_dto(row)


async def write_unit(session: AsyncSession, unit_id: int, year: int,
                     values: Mapping[str, Any],
                     by_user_id: int) -> tuple[dict[str, Any], UnitPrerequisiteDTO]:
    """Change the given fields of the unit's row of the year; before, and the row after."""
    before, row = await _write(session, UnitPrerequisite, {"unit_id": unit_id, "year": year},
                               values, by_user_id)
    return before, unit_dto(row)


async def write_hasil(session: AsyncSession, unit_id: int, year: int,
                      values: Mapping[str, Any],
                      by_user_id: int) -> tuple[dict[str, Any], HasilDTO]:
    """Change the given Hasil inputs of the unit's row of the year; before, and after."""
    before, row = await _write(session, HasilInput, {"unit_id": unit_id, "year": year},
                               values, by_user_id)
    return before, hasil_dto(row)


async def _find(session: AsyncSession, model: type[Row], keys: Mapping[str, int],
                lock: bool = False) -> Row | None:
    query = select(model).filter_by(**keys).execution_options(populate_existing=True)
    return await session.scalar(query.with_for_update() if lock else query)


async def _write(session: AsyncSession, model: type[Row], keys: Mapping[str, int],
                 values: Mapping[str, Any], by_user_id: int) -> tuple[dict[str, Any], Row]:
    row = await _find(session, model, keys, lock=True)
    if row is None:
        # A twin request may create it meanwhile: then this insert does nothing.
        await session.execute(
            insert_for(session, model)
            .values(**keys, entered_by_user_id=by_user_id, entered_at=utcnow())
            .on_conflict_do_nothing(index_elements=list(keys)))
        row = await _find(session, model, keys, lock=True)
        assert row is not None
    before = {field: getattr(row, field) for field in values}
    if any(before[field] != value for field, value in values.items()):
        for field, value in values.items():
            setattr(row, field, value)
        row.entered_by_user_id, row.entered_at = by_user_id, utcnow()
        await session.flush()
    return before, row
