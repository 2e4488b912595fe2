"""Bukti as screens list them: the files of an item or a question, with who uploaded each."""

from __future__ import annotations

from dataclasses import dataclass

from zi_core.db.repositories import evidence, users
from zi_core.domain.bukti import EvidenceDTO
from zi_core.unit_of_work import UnitOfWork


@dataclass(frozen=True)
class Listing:
    """The current files of one item or question and the uploaders' names by user id."""

    rows: list[EvidenceDTO]
    uploaders: dict[int, str]


async def file_of_unit(uow: UnitOfWork, evidence_id: int, unit_id: int | None, *,
                       deleted_too: bool = False) -> EvidenceDTO | None:
    """A file of the unit (None for another unit's, or a deleted one unless `deleted_too`)."""
    async with uow.reading() as session:
        row = await evidence.get(session, evidence_id)
    if row is None or row.unit_id != unit_id or (row.deleted and not deleted_too):
        return None
    return row


async def listing(uow: UnitOfWork, unit_id: int, *, action_item_id: int | None = None,
                  question_id: str | None = None) -> Listing:
    """The files of an action item, or of a question of the unit."""
    async with uow.reading() as session:
        rows = (await evidence.list_for_item(session, action_item_id)
                if action_item_id is not None
                else await evidence.list_for_question(session, unit_id, question_id or ""))
        people = await users.list_all(session, unit_id=unit_id, active_only=False)
    return Listing(rows, {u.id: u.full_name or "—" for u in people})


async def of_question(uow: UnitOfWork, unit_id: int, question_id: str) -> list[EvidenceDTO]:
    """The unit's current files on one LKE question."""
    async with uow.reading() as session:
        return await evidence.list_for_question(session, unit_id, question_id)
