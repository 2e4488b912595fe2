"""Units as the database keeps them: a unit kerja, its prerequisites and Hasil inputs, and the
frozen record of a finalised evaluation."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime
from decimal import Decimal

from zi_core.domain.statuses import UnitStatus


@dataclass(frozen=True)
class UnitDTO:
    """A unit kerja."""

    id: int
    code: str
    name: str
    status: UnitStatus
    headcount: int | None
    pencanangan_date: date | None
    core_service: bool | None
    high_risk: bool | None
    wide_impact: bool | None
    penetapan_note: str | None
    penetapan_at: datetime | None
    penetapan_by: int | None
    created_at: datetime


@dataclass(frozen=True)
class InstansiDTO:
    """The regency's prerequisites for one year."""

    year: int
    opini_bpk: str | None
    sakip: str | None
    indeks_rb: str | None
    spip_level: int | None
    entered_by_user_id: int
    entered_at: datetime


@dataclass(frozen=True)
class UnitPrerequisiteDTO:
    """A unit's prerequisites for one year."""

    unit_id: int
    year: int
    tindak_lanjut_percent: Decimal | None
    lhkpn_percent: Decimal | None
    lhkasn_percent: Decimal | None
    sakip_internal: str | None
    core_service: bool | None
    significant_impact: bool | None
    holds_wbk: bool | None
    entered_by_user_id: int
    entered_at: datetime
    wbk_predicate_date: date | None = None


@dataclass(frozen=True)
class HasilDTO:
    """The Hasil inputs stored for one unit and year, with who entered them."""

    unit_id: int
    year: int
    ipak: Decimal | None
    ipkp: Decimal | None
    kinerja: str | None
    entered_by_user_id: int
    entered_at: datetime


@dataclass(frozen=True)
class SnapshotDTO:
    """A finalised evaluation's frozen record; `verdict` and `total` come from its payload."""

    id: int
    unit_id: int
    created_at: datetime
    created_by: int
    lke_version: str
    sha256: str
    verdict: str
    total: str
