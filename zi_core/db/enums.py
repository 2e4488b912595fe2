"""The string values the database stores for statuses, roles and kinds.

The allowed transitions between them are the domain's business (DESIGN.md section 4); this
module only fixes the spelling, which CHECK constraints enforce in the schema.
"""

from __future__ import annotations

from enum import StrEnum

from zi_core.domain.roles import UNIT_ROLES, Role

__all__ = ["UNIT_ROLES", "ActionItemStatus", "AssessmentKind", "ConsultationStatus",
           "EvaluationStatus", "Role", "UnitStatus", "sql_in"]


class UnitStatus(StrEnum):
    """A unit's life, from registration to the TPN's predicate."""

    TERDAFTAR = "terdaftar"
    DICANANGKAN = "dicanangkan"
    DITETAPKAN = "ditetapkan"
    PEMBANGUNAN = "pembangunan"
    EVALUASI = "evaluasi"
    BELUM_LAYAK = "belum_layak"
    LAYAK_WBK = "layak_wbk"
    LAYAK_WBBM = "layak_wbbm"
    PREDIKAT_WBK = "predikat_wbk"
    PREDIKAT_WBBM = "predikat_wbbm"


class ActionItemStatus(StrEnum):
    """Progress of one rencana aksi item."""

    BELUM = "belum"
    PROSES = "proses"
    SELESAI = "selesai"


class AssessmentKind(StrEnum):
    """Whose answer an assessment row holds."""

    TPI = "tpi"
    MANDIRI = "mandiri"
    FINAL = "final"


class ConsultationStatus(StrEnum):
    """Where a unit's question to the TPI stands."""

    OPEN = "open"
    ANSWERED = "answered"
    CLOSED = "closed"


class EvaluationStatus(StrEnum):
    """Whether the TPI's evaluation of a unit is still being scored or finalised."""

    OPEN = "open"
    FINAL = "final"


def sql_in(column: str, values: type[StrEnum] | tuple[StrEnum, ...]) -> str:
    """The SQL text `column IN ('a', 'b')` for a CHECK constraint over enum values."""
    quoted = ", ".join(f"'{member.value}'" for member in values)
    return f"{column} IN ({quoted})"
