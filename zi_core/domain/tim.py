"""Tim kerja: who is on which area's team of a unit, and who coordinates it."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class TeamMemberDTO:
    """One person on one area's team of a unit; `coordinator` marks the area's lead."""

    unit_id: int
    area_key: str
    user_id: int
    coordinator: bool
