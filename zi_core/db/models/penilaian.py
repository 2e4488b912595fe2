"""Answers to the LKE: the current answer per evaluator and question, its history, and the
Hasil component's inputs."""

from __future__ import annotations

from datetime import datetime
from decimal import Decimal

from sqlalchemy import CheckConstraint, ForeignKey, String, Text, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column

from zi_core.db.models.base import Base
from zi_core.db.models.rencana_aksi import LKE_ID_LENGTH
from zi_core.db.types import ExactNumeric, UtcDateTime, sql_in, utcnow
from zi_core.domain.statuses import AssessmentKind


class Assessment(Base):
    """The current answer of one evaluator (or the unit itself) to one LKE question."""

    __tablename__ = "assessment"
    __table_args__ = (
        UniqueConstraint("unit_id", "question_id", "kind", "evaluator_user_id"),
        CheckConstraint(sql_in("kind", AssessmentKind), name="kind"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    unit_id: Mapped[int] = mapped_column(ForeignKey("unit_kerja.id"))
    question_id: Mapped[str] = mapped_column(String(LKE_ID_LENGTH))
    kind: Mapped[str] = mapped_column(String(16))
    # For `mandiri` the unit user who answered; for `tpi` the evaluator; for `final` the chair.
    evaluator_user_id: Mapped[int] = mapped_column(ForeignKey("app_user.id"))
    # An option key ("A", "Ya") or, for a percentage question, a ratio such as "5/6".
    answer: Mapped[str] = mapped_column(String(64))
    # Canonical JSON of a percentage question's named inputs.
    inputs: Mapped[str | None] = mapped_column(Text)
    note: Mapped[str | None] = mapped_column(Text)
    version: Mapped[int] = mapped_column(default=1)
    updated_at: Mapped[datetime] = mapped_column(UtcDateTime(), default=utcnow, onupdate=utcnow)

    __mapper_args__ = {"version_id_col": version}


class AssessmentHistory(Base):
    """An append-only record of every distinct value an assessment has held."""

    __tablename__ = "assessment_history"

    id: Mapped[int] = mapped_column(primary_key=True)
    assessment_id: Mapped[int] = mapped_column(ForeignKey("assessment.id"), index=True)
    answer: Mapped[str] = mapped_column(String(64))
    inputs: Mapped[str | None] = mapped_column(Text)
    note: Mapped[str | None] = mapped_column(Text)
    changed_by_user_id: Mapped[int] = mapped_column(ForeignKey("app_user.id"))
    changed_at: Mapped[datetime] = mapped_column(UtcDateTime(), default=utcnow)


class HasilInput(Base):
    """The Hasil component for one unit and year: IPAK, IPKP (0..4) and capaian kinerja."""

    __tablename__ = "hasil_input"
    __table_args__ = (
        UniqueConstraint("unit_id", "year"),
        CheckConstraint("kinerja IN ('A', 'B', 'C', 'D', 'E')", name="kinerja"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    unit_id: Mapped[int] = mapped_column(ForeignKey("unit_kerja.id"))
    year: Mapped[int]
    ipak: Mapped[Decimal | None] = mapped_column(ExactNumeric(4, 2))
    ipkp: Mapped[Decimal | None] = mapped_column(ExactNumeric(4, 2))
    kinerja: Mapped[str | None] = mapped_column(String(1))
    entered_by_user_id: Mapped[int] = mapped_column(ForeignKey("app_user.id"))
    entered_at: Mapped[datetime] = mapped_column(UtcDateTime(), default=utcnow)
