"""The ORM models, one module per aggregate; importing this package registers all tables."""

from zi_core.db.models.audit import AuditEvent
from zi_core.db.models.base import NAMING_CONVENTION, Base
from zi_core.db.models.consultation import Consultation, ConsultationMessage
from zi_core.db.models.evaluasi import (
    Evaluation,
    EvaluationSnapshot,
    Recheck,
    Rekomendasi,
    TpiAssignment,
)
from zi_core.db.models.inbox import InboxUpdate
from zi_core.db.models.laporan import SummaryOutbox, SummaryRun, WeeklyFigure
from zi_core.db.models.lke_version import LkeUpload, LkeVersion
from zi_core.db.models.notice import Notice
from zi_core.db.models.pakta import PactSignature
from zi_core.db.models.penilaian import Assessment, AssessmentHistory, HasilInput
from zi_core.db.models.prasyarat import InstansiPrerequisite, UnitPrerequisite
from zi_core.db.models.rencana_aksi import ActionItem, Evidence
from zi_core.db.models.tim import ReminderSent, TeamMember
from zi_core.db.models.unit import Unit
from zi_core.db.models.user import Invite, User

metadata = Base.metadata

__all__ = [
    "NAMING_CONVENTION",
    "ActionItem",
    "Assessment",
    "AssessmentHistory",
    "AuditEvent",
    "Base",
    "Consultation",
    "ConsultationMessage",
    "Evaluation",
    "EvaluationSnapshot",
    "Evidence",
    "HasilInput",
    "InboxUpdate",
    "LkeUpload",
    "InstansiPrerequisite",
    "Invite",
    "LkeVersion",
    "Notice",
    "PactSignature",
    "Recheck",
    "Rekomendasi",
    "ReminderSent",
    "SummaryOutbox",
    "SummaryRun",
    "TeamMember",
    "TpiAssignment",
    "Unit",
    "UnitPrerequisite",
    "User",
    "WeeklyFigure",
    "metadata",
]
