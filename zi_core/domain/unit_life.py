"""A unit's life (DESIGN.md section 4) as a state machine: which event moves it where.

Events happen in the services; this module only says whether the unit's current status
allows the event and what the status becomes.
"""

from __future__ import annotations

from enum import StrEnum

from zi_core.domain.statuses import Kelayakan
from zi_core.domain.statuses import UnitStatus as S


class Event(StrEnum):
    PENCANANGAN = "pencanangan"
    PENETAPAN = "penetapan"
    PLAN_WORK = "plan_work"
    EVALUATE = "evaluate"
    FINALISE = "finalise"
    REOPEN = "reopen"


class TransitionRefused(ValueError):
    """The event does not fit the unit's status; `reason` picks the user's message."""

    def __init__(self, reason: str) -> None:
        super().__init__(reason)
        self.reason = reason


LATER = (S.PEMBANGUNAN, S.EVALUASI, S.BELUM_LAYAK, S.LAYAK_WBK, S.LAYAK_WBBM,
         S.PREDIKAT_WBK, S.PREDIKAT_WBBM)


VERDICTS = tuple(S(verdict.value) for verdict in Kelayakan)
"""The statuses a finalised TPI evaluation gives (scorecard verdicts use the same words)."""
PREDICATES = (S.PREDIKAT_WBK, S.PREDIKAT_WBBM)
"""Given by the TPN, never taken away by the TPI's own evaluation."""
FINALISABLE = (S.DITETAPKAN, S.PEMBANGUNAN, S.EVALUASI, *VERDICTS, *PREDICATES)
"""A unit can be finalised once designated: before, its life has steps the TPI cannot skip."""


def after(event: Event, status: S, outcome: S | str | None = None) -> S:
    """The status after `event`; TransitionRefused when the status does not allow it.

    `outcome` is the verdict for FINALISE, and for REOPEN the status the unit had before it
    was finalised (None when unknown).
    """
    status = S(status)
    if event is Event.EVALUATE:
        # The TPI's first answer starts the evaluasi phase of a unit that is building ZI.
        return S.EVALUASI if status in (S.DITETAPKAN, S.PEMBANGUNAN) else status
    if event is Event.FINALISE:
        return _finalised(status, S(outcome) if outcome is not None else None)
    if event is Event.REOPEN:
        return _reopened(status, S(outcome) if outcome is not None else None)
    if event is Event.PENCANANGAN:
        if status is not S.TERDAFTAR:
            raise TransitionRefused("already_declared")
        return S.DICANANGKAN
    if event is Event.PENETAPAN:
        if status is S.TERDAFTAR:
            raise TransitionRefused("not_declared")
        return S.DITETAPKAN if status is S.DICANANGKAN else status
    # Working on the action plan starts the pembangunan phase of a designated unit and
    # leaves every other status as it is.
    return S.PEMBANGUNAN if status is S.DITETAPKAN else status


def _finalised(status: S, verdict: S | None) -> S:
    if status not in FINALISABLE:
        raise TransitionRefused("not_designated")
    if verdict not in VERDICTS:
        raise ValueError(f"not a verdict: {verdict!r}")
    if status is S.PREDIKAT_WBBM:
        return status  # periodic monitoring: the TPN's predicate stays
    if status is S.PREDIKAT_WBK:
        return S.LAYAK_WBBM if verdict is S.LAYAK_WBBM else status
    return verdict


def _reopened(status: S, before: S | None) -> S:
    if before in PREDICATES:
        return before  # a predicate unit evaluated for WBBM gets its predicate back
    return S.EVALUASI if status in VERDICTS else status
