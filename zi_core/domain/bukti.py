"""Bukti: a file uploaded as evidence."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime


@dataclass(frozen=True)
class EvidenceDTO:
    """A file uploaded as evidence for an action item or an LKE question of a unit.

    `replaces_evidence_id` links a revision to the one it replaced; a replaced or deleted
    row stays for the record.
    """

    id: int
    unit_id: int
    action_item_id: int | None
    question_id: str | None
    sha256: str
    file_name: str
    mime_type: str
    size: int
    telegram_file_id: str
    telegram_file_unique_id: str
    caption: str | None
    uploaded_by_user_id: int
    uploaded_at: datetime
    replaces_evidence_id: int | None
    deleted_at: datetime | None
    deleted_by_user_id: int | None

    @property
    def deleted(self) -> bool:
        """Whether the file was deleted (the row stays, for the record)."""
        return self.deleted_at is not None
