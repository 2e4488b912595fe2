"""The refusal of every step of the TPI's evaluation (see `zi_core.services.evaluasi`)."""

from __future__ import annotations

from typing import Literal

Reason = Literal["not_evaluator", "final", "stale", "option", "inputs", "not_final",
                 "disagreements", "not_allowed", "too_long", "empty", "not_designated"]


class EvaluationRefused(ValueError):
    """A step of the evaluation that cannot be taken; `reason` picks the user's message."""

    def __init__(self, reason: Reason) -> None:
        super().__init__(reason)
        self.reason: Reason = reason
