"""The TPI's evaluation of a unit: who evaluates it, whether it is final, what was frozen
when it was finalised, the evaluators' recommendations and the questions to look at again."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import CheckConstraint, ForeignKey, Index, String, Text, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column

from zi_core.db.models.base import Base, created_at_column
from zi_core.db.models.rencana_aksi import LKE_ID_LENGTH
from zi_core.db.types import UtcDateTime, sql_in
from zi_core.domain.statuses import EvaluationStatus


class TpiAssignment(Base):
    """A TPI evaluator assigned to a unit by the secretary or the chair."""

    __tablename__ = "tpi_assignment"
    __table_args__ = (UniqueConstraint("unit_id", "user_id"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    unit_id: Mapped[int] = mapped_column(ForeignKey("unit_kerja.id"))
    user_id: Mapped[int] = mapped_column(ForeignKey("app_user.id"), index=True)
    assigned_by_user_id: Mapped[int] = mapped_column(ForeignKey("app_user.id"))
    created_at: Mapped[datetime] = created_at_column()


class Evaluation(Base):
    """Where the evaluation of one unit stands; `version` goes up on every finalise/reopen."""

    __tablename__ = "evaluation"
    __table_args__ = (CheckConstraint(sql_in("status", EvaluationStatus), name="status"),)

    unit_id: Mapped[int] = mapped_column(ForeignKey("unit_kerja.id"), primary_key=True,
                                         autoincrement=False)
    status: Mapped[str] = mapped_column(String(16), default=EvaluationStatus.OPEN.value)
    version: Mapped[int] = mapped_column(default=1)
    finalised_at: Mapped[datetime | None] = mapped_column(UtcDateTime())
    finalised_by: Mapped[int | None] = mapped_column(ForeignKey("app_user.id"))
    reopened_at: Mapped[datetime | None] = mapped_column(UtcDateTime())
    reopened_by: Mapped[int | None] = mapped_column(ForeignKey("app_user.id"))
    # The LKE version the evaluation is scored with, set when it is first created (Pasal 7(4)).
    lke_version: Mapped[str | None] = mapped_column(String(64))


class EvaluationSnapshot(Base):
    """Everything a finalised evaluation rested on, frozen as canonical JSON with its hash."""

    __tablename__ = "evaluation_snapshot"

    id: Mapped[int] = mapped_column(primary_key=True)
    unit_id: Mapped[int] = mapped_column(ForeignKey("unit_kerja.id"), index=True)
    created_at: Mapped[datetime] = created_at_column()
    created_by: Mapped[int] = mapped_column(ForeignKey("app_user.id"))
    lke_version: Mapped[str] = mapped_column(String(32))
    payload: Mapped[str] = mapped_column(Text)
    sha256: Mapped[str] = mapped_column(String(64))


class Rekomendasi(Base):
    """An evaluator's recommendation to a unit about one LKE question."""

    __tablename__ = "rekomendasi"
    __table_args__ = (Index(None, "unit_id", "question_id"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    unit_id: Mapped[int] = mapped_column(ForeignKey("unit_kerja.id"))
    question_id: Mapped[str] = mapped_column(String(LKE_ID_LENGTH))
    author_user_id: Mapped[int] = mapped_column(ForeignKey("app_user.id"))
    text: Mapped[str] = mapped_column(Text)
    created_at: Mapped[datetime] = created_at_column()


class Recheck(Base):
    """A question to score again because the unit added evidence after the TPI looked.

    At most one open (cleared_at NULL) row per unit and question; the service enforces it.
    """

    __tablename__ = "recheck"
    __table_args__ = (Index(None, "unit_id", "question_id"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    unit_id: Mapped[int] = mapped_column(ForeignKey("unit_kerja.id"))
    question_id: Mapped[str] = mapped_column(String(LKE_ID_LENGTH))
    evidence_id: Mapped[int | None] = mapped_column(ForeignKey("evidence.id"))
    flagged_at: Mapped[datetime] = created_at_column()
    cleared_at: Mapped[datetime | None] = mapped_column(UtcDateTime())
    cleared_by: Mapped[int | None] = mapped_column(ForeignKey("app_user.id"))
