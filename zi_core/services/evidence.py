"""What a unit does with evidence files: attach, replace, delete — each audited.

The bytes are already durable in the blob store when these run (the caller `put`s first),
so the row and its audit event, which records the sha256, commit together after the object
exists. The rules live here, not in the caller: a finalised evaluation locks the unit's
files, and a new file on a question the TPI already scored flags it for a second look. A
refusal is `EvidenceDenied` with a short `reason` the bot turns into a message:

- "not_member": the actor is inactive, not a leader or staff, or of another unit;
- "not_owner": only the uploader or the unit's leader may replace or delete a file;
- "locked": the TPI has finalised, files can no longer change;
- "target": not exactly one of action item / question, or an item of another unit;
- "gone": the file was already replaced or deleted (reload and try again).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

from sqlalchemy.ext.asyncio import AsyncSession

from zi_core.db.repositories import audit, evaluations
from zi_core.db.repositories import evidence as repo
from zi_core.domain.bukti import EvidenceDTO
from zi_core.domain.errors import NotFound
from zi_core.domain.people import UserDTO
from zi_core.domain.roles import Permission, may
from zi_core.evidence.store import check_sha256
from zi_core.services.rekomendasi import flag_recheck
from zi_core.unit_of_work import UnitOfWork

Denial = Literal["not_member", "not_owner", "locked", "target", "gone"]


class EvidenceDenied(ValueError):
    """An evidence change the actor may not make; `reason` picks the message."""

    def __init__(self, reason: Denial) -> None:
        super().__init__(reason)
        self.reason: Denial = reason


@dataclass(frozen=True)
class Attached:
    """A file attached (or replaced); `duplicate`: the same content was already there."""

    row: EvidenceDTO
    duplicate: bool


async def attach(uow: UnitOfWork, *, actor: UserDTO, unit_id: int,
                 action_item_id: int | None = None, question_id: str | None = None,
                 replaces: int | None = None, **file: object) -> Attached:
    """Attach a stored file to an item or question, or in place of file `replaces` (which
    answers the prompt that asked for it), in one transaction."""
    async with uow.transaction(answered=replaces is not None) as session:
        if replaces is not None:
            return await _replace(session, actor=actor, old_id=replaces, **file)
        return await _add(session, actor=actor, unit_id=unit_id, action_item_id=action_item_id,
                          question_id=question_id, **file)


async def remove(uow: UnitOfWork, *, actor: UserDTO, evidence_id: int) -> EvidenceDTO:
    """Delete a file of the actor's unit, in one transaction."""
    async with uow.transaction() as session:
        return await delete_evidence(session, actor=actor, evidence_id=evidence_id)


async def add_evidence(session: AsyncSession, **upload: object) -> EvidenceDTO:
    """Attach a stored file to an action item or an LKE question of the actor's unit.

    The same content already attached to the same target is returned as it is, so a
    re-delivered upload has exactly one effect.
    """
    return (await _add(session, **upload)).row


async def _add(
    session: AsyncSession, *, actor: UserDTO, unit_id: int, action_item_id: int | None = None,
    question_id: str | None = None, sha256: str, file_name: str, mime_type: str, size: int,
    telegram_file_id: str, telegram_file_unique_id: str, caption: str | None = None,
) -> Attached:
    _check_file(sha256, file_name, mime_type, size, caption)
    if (action_item_id is None) == (question_id is None):
        raise EvidenceDenied("target")
    if question_id is not None and not 0 < len(question_id) <= repo.QUESTION_ID_LENGTH:
        raise EvidenceDenied("target")
    member = _member(actor, unit_id)
    await _check_open(session, unit_id)
    await repo.lock_unit(session, unit_id)
    if action_item_id is not None and await repo.item_unit_id(session, action_item_id) != unit_id:
        raise EvidenceDenied("target")
    existing = await repo.find_current(session, unit_id=unit_id, sha256=sha256,
                                       action_item_id=action_item_id, question_id=question_id)
    if existing is not None:
        return Attached(existing, duplicate=True)
    added = await repo.add(
        session, unit_id=unit_id, uploaded_by_user_id=member.id, sha256=sha256,
        file_name=file_name, mime_type=mime_type, size=size, telegram_file_id=telegram_file_id,
        telegram_file_unique_id=telegram_file_unique_id, action_item_id=action_item_id,
        question_id=question_id, caption=caption,
    )
    await _audit(session, "evidence.added", added, member, _describe(added))
    await _new_evidence_on_question(session, added)
    return Attached(added, duplicate=False)


async def replace_evidence(session: AsyncSession, **upload: object) -> EvidenceDTO:
    """Attach a new revision in place of `old_id`, which stays as history.

    Replacing with the same content, or repeating a replacement already made, changes
    nothing and returns the current revision.
    """
    return (await _replace(session, **upload)).row


async def _replace(
    session: AsyncSession, *, actor: UserDTO, old_id: int, sha256: str, file_name: str,
    mime_type: str, size: int, telegram_file_id: str, telegram_file_unique_id: str,
    caption: str | None = None,
) -> Attached:
    _check_file(sha256, file_name, mime_type, size, caption)
    old, member = await _owned(session, actor, old_id)
    if old.deleted:
        raise EvidenceDenied("gone")
    newer = await repo.replacement_of(session, old.id)
    if newer is not None:
        if newer.sha256 == sha256 and not newer.deleted:
            return Attached(newer, duplicate=True)
        raise EvidenceDenied("gone")
    if old.sha256 == sha256:
        return Attached(old, duplicate=True)
    new = await repo.add(
        session, unit_id=old.unit_id, uploaded_by_user_id=member.id, sha256=sha256,
        file_name=file_name, mime_type=mime_type, size=size, telegram_file_id=telegram_file_id,
        telegram_file_unique_id=telegram_file_unique_id, action_item_id=old.action_item_id,
        question_id=old.question_id, caption=caption, replaces_evidence_id=old.id,
    )
    await _audit(session, "evidence.replaced", new, member,
                 {**_describe(new), "before": {"id": old.id, "sha256": old.sha256}})
    await _new_evidence_on_question(session, new)
    return Attached(new, duplicate=False)


async def delete_evidence(session: AsyncSession, *, actor: UserDTO,
                          evidence_id: int) -> EvidenceDTO:
    """Mark a current file deleted (the row stays); deleting it again changes nothing."""
    found, member = await _owned(session, actor, evidence_id, allow_deleted=True)
    if found.deleted:
        return found
    if await repo.replacement_of(session, found.id) is not None:
        raise EvidenceDenied("gone")  # history is not deleted; delete the current revision
    deleted = await repo.mark_deleted(session, found.id, by_user_id=member.id)
    await _audit(session, "evidence.deleted", deleted, member, _describe(deleted))
    return deleted


def _member(actor: UserDTO, unit_id: int) -> UserDTO:
    """The actor, if an active uploader of this unit. The actor is as read for this request
    (the bot's gate reads the caller on every update), so it is not read a second time."""
    if (not actor.active or actor.unit_id != unit_id
            or not may(actor.role, Permission.UPLOAD_EVIDENCE)):
        raise EvidenceDenied("not_member")
    return actor


async def _check_open(session: AsyncSession, unit_id: int) -> None:
    """Refuse ("locked") when the TPI has finalised the unit's evaluation."""
    evaluation = await evaluations.get(session, unit_id)
    if evaluation is not None and evaluation.final:
        raise EvidenceDenied("locked")


async def _new_evidence_on_question(session: AsyncSession, row: EvidenceDTO) -> None:
    """A new file on a question the TPI already scored asks for a second look."""
    if row.question_id is not None:
        await flag_recheck(session, row.unit_id, row.question_id, row.id)


async def _owned(session: AsyncSession, actor: UserDTO, evidence_id: int,
                 allow_deleted: bool = False) -> tuple[EvidenceDTO, UserDTO]:
    """The row and the actor, if the actor uploaded it or leads its unit, and not locked."""
    found = await repo.get(session, evidence_id)
    if found is None:
        raise NotFound("evidence", evidence_id)
    member = _member(actor, found.unit_id)
    if found.uploaded_by_user_id != member.id and not may(member.role, Permission.LEAD_UNIT):
        raise EvidenceDenied("not_owner")
    if found.deleted and allow_deleted:
        return found, member
    await _check_open(session, found.unit_id)
    await repo.lock_unit(session, found.unit_id)
    # Read again under the lock: a twin request may have replaced or deleted it meanwhile.
    found = await repo.get(session, evidence_id)
    assert found is not None  # rows are never removed, only marked
    return found, member


def _check_file(sha256: str, file_name: str, mime_type: str, size: int,
                caption: str | None) -> None:
    """Programming errors, not user errors: the bot sniffs and sanitises before this."""
    check_sha256(sha256)
    if size <= 0:
        raise ValueError(f"size must be positive, got {size}")
    longest = repo.FILE_NAME_LENGTH
    if not 0 < len(file_name) <= longest or not 0 < len(mime_type) <= longest:
        raise ValueError(f"file name and MIME type must be 1-{longest} characters")
    if caption is not None and len(caption) > repo.CAPTION_LENGTH:
        raise ValueError(f"caption longer than {repo.CAPTION_LENGTH} characters")


def _describe(row: EvidenceDTO) -> dict[str, object]:
    return {"sha256": row.sha256, "unit_id": row.unit_id, "action_item_id": row.action_item_id,
            "question_id": row.question_id, "file_name": row.file_name,
            "mime_type": row.mime_type, "size": row.size}


async def _audit(session: AsyncSession, action: str, row: EvidenceDTO, actor: UserDTO,
                 payload: dict[str, object]) -> None:
    await audit.append(session, action=action, entity="evidence", entity_id=row.id,
                       actor=actor,
                       payload=payload)
