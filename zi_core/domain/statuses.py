"""The statuses and kinds of the domain, spelled as the database stores them.

The allowed transitions between them are the unit's life (`zi_core.domain.unit_life`,
DESIGN.md section 4); CHECK constraints enforce the spelling in the schema.
"""

from __future__ import annotations

from enum import StrEnum


class Kelayakan(StrEnum):
    """The verdict of Lampiran II: whether a unit may be proposed, and for which predicate.

    The one definition of the verdict: the thresholds return it, a finalised unit takes it as
    its status, and the views name it.
    """

    BELUM_LAYAK = "belum_layak"
    LAYAK_WBK = "layak_wbk"
    LAYAK_WBBM = "layak_wbbm"


class UnitStatus(StrEnum):
    """A unit's life, from registration to the TPN's predicate."""

    TERDAFTAR = "terdaftar"
    DICANANGKAN = "dicanangkan"
    DITETAPKAN = "ditetapkan"
    PEMBANGUNAN = "pembangunan"
    EVALUASI = "evaluasi"
    BELUM_LAYAK = Kelayakan.BELUM_LAYAK.value
    LAYAK_WBK = Kelayakan.LAYAK_WBK.value
    LAYAK_WBBM = Kelayakan.LAYAK_WBBM.value
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

