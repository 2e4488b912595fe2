"""How an audit event's hash is computed: one rule per scheme, stored with each event.

1 `LEGACY`, the rule of the events written before migration 0008 (actors outside the hash):
    sha256(prev_hash | seq | at | action | entity | entity_id or "" | payload)
2 `PLAIN`, every column, plain SHA-256 (no AUDIT_KEY set): anyone can recompute it, so
    only an anchored head (`audit verify --expect-head`) catches a consistent rewrite.
3 `KEYED`, every column, HMAC-SHA256 with AUDIT_KEY: without the key no one can rewrite an
    event and every later hash so that the chain still verifies.

"Every column" is the canonical JSON of the list
[scheme, prev_hash, seq, at, actor_user_id, actor_telegram_id, action, entity, entity_id,
payload], so no two different events share a material (no separator ambiguity).
"""

from __future__ import annotations

import hashlib
import hmac
from collections.abc import Mapping
from datetime import datetime
from typing import Any

from zi_core.db.canonical import canonical_json

LEGACY, PLAIN, KEYED = 1, 2, 3
SCHEMES = (LEGACY, PLAIN, KEYED)
FIELDS = ("prev_hash", "seq", "at", "actor_user_id", "actor_telegram_id", "action", "entity",
          "entity_id", "payload")


class AuditKeyMissing(RuntimeError):
    """The trail is keyed with AUDIT_KEY, and this process has no key to extend or check it."""


def legacy_hash(prev_hash: str, seq: int, at: datetime, action: str, entity: str,
                entity_id: str | None, payload: str) -> str:
    """The SHA-256 (hex) of scheme 1, kept so that the events written with it still verify."""
    material = "|".join(
        (prev_hash, str(seq), at.isoformat(), action, entity, entity_id or "", payload)
    )
    return hashlib.sha256(material.encode("utf-8")).hexdigest()


def chain_hash(scheme: int, key: bytes | None, event: Mapping[str, Any]) -> str:
    """The hash (hex) of `event` (a mapping with FIELDS) under `scheme`."""
    if scheme == LEGACY:
        return legacy_hash(*(event[name] for name in ("prev_hash", "seq", "at", "action",
                                                      "entity", "entity_id", "payload")))
    material = canonical_json([scheme, *(event[name] for name in FIELDS)]).encode("utf-8")
    if scheme == PLAIN:
        return hashlib.sha256(material).hexdigest()
    if scheme == KEYED:
        if not key:
            raise AuditKeyMissing("the audit trail is keyed: set AUDIT_KEY")
        return hmac.new(key, material, hashlib.sha256).hexdigest()
    raise ValueError(f"unknown audit hash scheme {scheme!r}")


def scheme_for(key: bytes | None) -> int:
    """The scheme new events get: keyed when there is a key."""
    return KEYED if key else PLAIN
