"""The audit trail: append hash-chained events, and verify the chain.

Each event's hash covers every column of the event, its previous event's hash included, so
altering, removing or reordering any event breaks the chain from that event on. Each event
names the scheme its hash was computed with (`audit_hash`): events written before the actors
were hashed keep their old rule; new events are keyed with AUDIT_KEY (HMAC-SHA256) when the
session has a key, plain SHA-256 otherwise. A scheme never goes down along the chain, so an
attacker without the key cannot rewrite the keyed tail with a rule anyone can compute.

Appends are serialised so that two events never claim the same predecessor: on SQLite the
engine's `BEGIN IMMEDIATE` already holds the write lock; on PostgreSQL `append` takes a
transaction-level advisory lock first. The caller appends in the same transaction as the
change it records.
"""

from __future__ import annotations

from collections.abc import AsyncIterator, Mapping
from dataclasses import asdict, replace
from datetime import UTC, datetime
from typing import Any

from sqlalchemy import insert, select, text
from sqlalchemy.ext.asyncio import AsyncSession

from zi_core.db.canonical import canonical_json
from zi_core.db.engine import AUDIT_KEY_INFO as KEY_INFO
from zi_core.db.models import AuditEvent
from zi_core.db.repositories.audit_hash import (
    FIELDS,
    KEYED,
    LEGACY,
    PLAIN,
    SCHEMES,
    AuditKeyMissing,
    chain_hash,
    legacy_hash,
    scheme_for,
)
from zi_core.db.types import utcnow
from zi_core.domain.audit import AuditEventDTO, AuditHead, VerifyResult
from zi_core.domain.people import UserDTO

__all__ = ["KEY_INFO", "KEYED", "LEGACY", "PLAIN", "AuditKeyMissing", "chain_hash",
           "legacy_hash", "append", "head", "events_for", "verify"]

GENESIS_HASH = "0" * 64
ADVISORY_LOCK_KEY = 0x5A49_A0D1
"""The PostgreSQL advisory lock that serialises appends ("ZI audit")."""
VERIFY_BATCH = 1000
_HEAD = (select(AuditEvent.seq, AuditEvent.hash, AuditEvent.scheme)
         .order_by(AuditEvent.seq.desc()).limit(1))
_APPEND = insert(AuditEvent.__table__)


def _as_utc(at: datetime) -> datetime:
    if at.tzinfo is None or at.utcoffset() is None:
        raise ValueError(f"naive datetime refused: {at!r}")
    return at.astimezone(UTC)


def to_dto(row: AuditEvent) -> AuditEventDTO:
    """Copy an audit row into its DTO."""
    return AuditEventDTO(
        seq=row.seq,
        at=row.at,
        actor_user_id=row.actor_user_id,
        actor_telegram_id=row.actor_telegram_id,
        action=row.action,
        entity=row.entity,
        entity_id=row.entity_id,
        payload=row.payload,
        prev_hash=row.prev_hash,
        hash=row.hash,
        scheme=row.scheme,
    )


async def append(
    session: AsyncSession,
    *,
    action: str,
    entity: str,
    entity_id: str | int | None = None,
    payload: Mapping[str, Any] | None = None,
    actor: UserDTO | None = None,
    actor_user_id: int | None = None,
    actor_telegram_id: int | None = None,
    at: datetime | None = None,
) -> AuditEventDTO:
    """Append one event (e.g. action "pakta.signed", payload {"before": .., "after": ..}).

    `actor`: the user who acted, whose id and Telegram id the event records (the one place
    those two fields are filled from a user); `actor_user_id` / `actor_telegram_id` alone
    are for an actor known only by id (a Telegram account not registered, a command line).
    """
    if actor is not None:
        actor_user_id, actor_telegram_id = actor.id, actor.telegram_id
    if session.get_bind().dialect.name == "postgresql":
        await session.execute(text("SELECT pg_advisory_xact_lock(:k)"), {"k": ADVISORY_LOCK_KEY})
    key = session.info.get(KEY_INFO)
    scheme = scheme_for(key)
    previous = (await session.execute(_HEAD)).one_or_none()
    if previous is not None and previous.scheme > scheme:
        raise AuditKeyMissing("the audit trail is keyed: set AUDIT_KEY before recording")
    seq = previous.seq + 1 if previous else 1
    prev_hash = previous.hash if previous else GENESIS_HASH
    # Stored as aware UTC with microseconds on both dialects, so a reloaded `at` hashes alike.
    at = utcnow() if at is None else _as_utc(at)
    entity_key = None if entity_id is None else str(entity_id)
    body = canonical_json(dict(payload or {}))
    event = AuditEventDTO(
        seq=seq,
        at=at,
        actor_user_id=actor_user_id,
        actor_telegram_id=actor_telegram_id,
        action=action,
        entity=entity,
        entity_id=entity_key,
        payload=body,
        prev_hash=prev_hash,
        hash="",
        scheme=scheme,
    )
    event = replace(event, hash=chain_hash(scheme, key, asdict(event)))
    await session.execute(_APPEND, asdict(event))
    return event


async def head(session: AsyncSession) -> AuditHead | None:
    """The last event's seq and hash, or None while the trail is empty."""
    row = (await session.execute(_HEAD)).one_or_none()
    return AuditHead(seq=row.seq, hash=row.hash) if row else None


async def events_for(
    session: AsyncSession, entity: str, entity_id: str | int
) -> list[AuditEventDTO]:
    """The events about one entity, oldest first."""
    rows = await session.scalars(
        select(AuditEvent)
        .where(AuditEvent.entity == entity, AuditEvent.entity_id == str(entity_id))
        .order_by(AuditEvent.seq)
    )
    return [to_dto(row) for row in rows]


async def verify(session: AsyncSession, anchor: AuditHead | None = None) -> VerifyResult:
    """Recompute the chain; name the first altered, removed or reordered event.

    `anchor`, a head recorded outside the database earlier, also catches events removed
    from the end of the trail, which the chain alone cannot see. Keyed events are checked
    with the session's key (a missing key is reported, not guessed).
    """
    key = session.info.get(KEY_INFO)
    expected_seq, expected_prev, floor, checked, unkeyed = 1, GENESIS_HASH, LEGACY, 0, 0
    last: AuditHead | None = None
    async for row in _all_events(session):
        problem = _check(row, expected_seq, expected_prev, floor, key)
        if problem is None and anchor is not None and anchor.seq == row.seq:
            problem = _check_anchor(row, anchor)
        if problem is not None:
            return VerifyResult(False, problem[0], problem[1], checked, last, unkeyed)
        checked += 1
        unkeyed += row.scheme != KEYED
        last = AuditHead(row.seq, row.hash)
        expected_seq, expected_prev, floor = row.seq + 1, row.hash, row.scheme
    if anchor is not None and (last is None or last.seq < anchor.seq):
        reason = f"events up to the anchored head {anchor.seq} are missing"
        return VerifyResult(False, expected_seq, reason, checked, last, unkeyed)
    return VerifyResult(True, None, None, checked, last, unkeyed)


async def _all_events(session: AsyncSession) -> AsyncIterator[AuditEvent]:
    after = 0
    while True:
        batch = await session.scalars(
            select(AuditEvent)
            .where(AuditEvent.seq > after)
            .order_by(AuditEvent.seq)
            .limit(VERIFY_BATCH)
            .execution_options(populate_existing=True)
        )
        rows = batch.all()
        for row in rows:
            yield row
        if len(rows) < VERIFY_BATCH:
            return
        after = rows[-1].seq


def _check_anchor(row: AuditEvent, anchor: AuditHead) -> tuple[int, str] | None:
    if row.hash != anchor.hash:
        return row.seq, "hash differs from the anchored head"
    return None


def _check(row: AuditEvent, expected_seq: int, expected_prev: str, floor: int,
           key: bytes | None) -> tuple[int, str] | None:
    if row.seq != expected_seq:
        return expected_seq, f"event {expected_seq} is missing (the next one is {row.seq})"
    if row.scheme not in SCHEMES:
        return row.seq, f"unknown hash scheme {row.scheme}"
    if row.scheme < floor:
        return row.seq, "hash scheme goes down (rewritten without the key)"
    if row.scheme == KEYED and not key:
        return row.seq, "the event is keyed: set AUDIT_KEY to verify it"
    fields = {name: getattr(row, name) for name in FIELDS}
    if chain_hash(row.scheme, key, fields) != row.hash:
        return row.seq, "hash does not match the event's content (altered, moved or another key)"
    if row.prev_hash != expected_prev:
        return row.seq, "prev_hash does not match the previous event (removed or reordered)"
    return None
