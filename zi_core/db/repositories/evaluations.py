"""The evaluation row of a unit (open or final) and the snapshots taken when it is finalised.

`lock` serialises what depends on the status: answers take it shared, finalise and reopen
take it exclusively (PostgreSQL row locks; SQLite's `BEGIN IMMEDIATE` already serialises
every writer), so no answer slips in after the snapshot was taken.
"""

from __future__ import annotations

import json
from datetime import datetime

from sqlalchemy import bindparam, select
from sqlalchemy.ext.asyncio import AsyncSession

from zi_core.db.models import Evaluation, EvaluationSnapshot
from zi_core.db.repositories import lke_versions as installed_versions
from zi_core.db.repositories._upsert import insert_for
from zi_core.db.types import utcnow
from zi_core.domain.errors import NotFound
from zi_core.domain.penilaian import EvaluationDTO
from zi_core.domain.statuses import EvaluationStatus
from zi_core.domain.unit import SnapshotDTO
from zi_core.lke import load_lke


def to_dto(row: Evaluation) -> EvaluationDTO:
    """Copy an evaluation row into its DTO."""
    return EvaluationDTO(row.unit_id, EvaluationStatus(row.status), row.version,
                         row.finalised_at, row.finalised_by, row.reopened_at, row.reopened_by,
                         row.lke_version)


def snapshot_dto(row: EvaluationSnapshot) -> SnapshotDTO:
    """Copy a snapshot row into its DTO, with the verdict and total read from its payload."""
    card = json.loads(row.payload).get("scorecard", {})
    return SnapshotDTO(row.id, row.unit_id, row.created_at, row.created_by, row.lke_version,
                       row.sha256, str(card.get("verdict", "")), str(card.get("total", "")))


async def get(session: AsyncSession, unit_id: int) -> EvaluationDTO | None:
    """The unit's evaluation row, or None before anything was scored."""
    row = await session.get(Evaluation, unit_id, populate_existing=True)
    return to_dto(row) if row else None


async def lke_versions(session: AsyncSession) -> dict[int, str]:
    """The LKE version of every unit's evaluation, by unit id."""
    rows = await session.execute(select(Evaluation.unit_id, Evaluation.lke_version)
                                 .where(Evaluation.lke_version.is_not(None)))
    return {unit_id: label for unit_id, label in rows}


async def lock(session: AsyncSession, unit_id: int, *, exclusive: bool) -> EvaluationDTO:
    """The unit's evaluation row (created open if missing), locked until the transaction ends.

    A new row records the LKE version in force, which the evaluation keeps from then on.
    """
    row = await _locked(session, unit_id, exclusive)
    if row is None:  # the unit's first answer: create the row (a racing creator wins quietly)
        installed = await installed_versions.in_force(session)
        version = installed.version if installed else load_lke().version
        await session.execute(
            insert_for(session, Evaluation)
            .values(unit_id=unit_id, status=EvaluationStatus.OPEN.value, version=1,
                    lke_version=version)
            .on_conflict_do_nothing(index_elements=["unit_id"]))
        row = await _locked(session, unit_id, exclusive)
    if row is None:
        raise NotFound("evaluation", unit_id)
    return to_dto(row)


_LOCKED = {exclusive: select(Evaluation).where(Evaluation.unit_id == bindparam("unit_id"))
           .with_for_update(read=not exclusive).execution_options(populate_existing=True)
           for exclusive in (False, True)}


async def _locked(session: AsyncSession, unit_id: int, exclusive: bool) -> Evaluation | None:
    return await session.scalar(_LOCKED[exclusive], {"unit_id": unit_id})


async def set_status(session: AsyncSession, unit_id: int, status: EvaluationStatus,
                     by_user_id: int, now: datetime | None = None) -> EvaluationDTO:
    """Finalise or reopen: store the status, who and when; the version goes up by one."""
    row = await session.get(Evaluation, unit_id, populate_existing=True)
    if row is None:
        raise NotFound("evaluation", unit_id)
    status, now = EvaluationStatus(status), now or utcnow()
    row.status, row.version = status.value, row.version + 1
    if status is EvaluationStatus.FINAL:
        row.finalised_at, row.finalised_by = now, by_user_id
    else:
        row.reopened_at, row.reopened_by = now, by_user_id
    await session.flush()
    return to_dto(row)


async def add_snapshot(session: AsyncSession, *, unit_id: int, created_by: int,
                       lke_version: str, payload: str, sha256: str) -> SnapshotDTO:
    """Store a snapshot (its payload is canonical JSON, `sha256` its hash)."""
    row = EvaluationSnapshot(unit_id=unit_id, created_by=created_by, lke_version=lke_version,
                             payload=payload, sha256=sha256)
    session.add(row)
    await session.flush()
    return snapshot_dto(row)


async def latest_snapshot(session: AsyncSession, unit_id: int) -> SnapshotDTO | None:
    """The unit's newest snapshot, or None."""
    row = await _latest(session, unit_id)
    return snapshot_dto(row) if row else None


async def snapshot_payload(session: AsyncSession, snapshot_id: int) -> str:
    """The canonical JSON a snapshot froze (its SHA-256 is the snapshot's `sha256`)."""
    payload = await session.scalar(select(EvaluationSnapshot.payload)
                                   .where(EvaluationSnapshot.id == snapshot_id))
    if payload is None:
        raise NotFound("evaluation snapshot", snapshot_id)
    return payload


async def snapshots_of(session: AsyncSession, unit_id: int) -> list[SnapshotDTO]:
    """Every snapshot of a unit, oldest first."""
    rows = await session.scalars(select(EvaluationSnapshot)
                                 .where(EvaluationSnapshot.unit_id == unit_id)
                                 .order_by(EvaluationSnapshot.id))
    return [snapshot_dto(row) for row in rows]


async def _latest(session: AsyncSession, unit_id: int) -> EvaluationSnapshot | None:
    return await session.scalar(select(EvaluationSnapshot)
                                .where(EvaluationSnapshot.unit_id == unit_id)
                                .order_by(EvaluationSnapshot.id.desc()).limit(1))
