"""Penilaian records: answers to LKE questions, their history, the state of a unit's TPI
evaluation and the TPI's recommendations."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from typing import Any

from zi_core.domain.statuses import AssessmentKind, EvaluationStatus


@dataclass(frozen=True)
class AssessmentDTO:
    """The current answer of one evaluator to one question of a unit."""

    id: int
    unit_id: int
    question_id: str
    kind: AssessmentKind
    evaluator_user_id: int
    answer: str
    inputs: dict[str, Any] | None
    note: str | None
    version: int
    updated_at: datetime


@dataclass(frozen=True)
class UpsertResult:
    """An upserted assessment and whether this call changed it (and so wrote history)."""

    assessment: AssessmentDTO
    changed: bool


@dataclass(frozen=True)
class AssessmentChangeDTO:
    """One distinct value an assessment held, from its history."""

    assessment_id: int
    answer: str
    inputs: dict[str, Any] | None
    note: str | None
    changed_by_user_id: int
    changed_at: datetime


@dataclass(frozen=True)
class EvaluationDTO:
    """Where the TPI's evaluation of a unit stands ('open' or 'final')."""

    unit_id: int
    status: EvaluationStatus
    version: int
    finalised_at: datetime | None
    finalised_by: int | None
    reopened_at: datetime | None
    reopened_by: int | None
    lke_version: str | None = None

    @property
    def final(self) -> bool:
        """Whether the evaluation is finalised (answers are frozen)."""
        return self.status is EvaluationStatus.FINAL


@dataclass(frozen=True)
class RekomendasiDTO:
    """An evaluator's recommendation about one question of a unit."""

    id: int
    unit_id: int
    question_id: str
    author_user_id: int
    text: str
    created_at: datetime
