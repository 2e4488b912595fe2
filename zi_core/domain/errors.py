"""Domain errors: a row that does not exist, a duplicate, an invite that cannot be used, a lost
compare-and-set. Raised by the repositories and services, so callers never parse database
exceptions."""

from __future__ import annotations

from typing import Literal


class RepositoryError(Exception):
    """Base class of the errors the repositories raise on purpose."""


class NotFound(RepositoryError):
    """The row asked for does not exist."""

    def __init__(self, entity: str, key: object) -> None:
        super().__init__(f"{entity} {key!r} not found")
        self.entity = entity
        self.key = key


class DuplicateUnitCode(RepositoryError):
    """A unit with this code already exists."""

    def __init__(self, code: str) -> None:
        super().__init__(f"unit code {code!r} already exists")
        self.code = code


InviteFailure = Literal["unknown", "used", "expired", "revoked", "registered", "deactivated"]


class InviteInvalid(RepositoryError):
    """An invite code cannot be redeemed (or revoked); `reason` says why: "unknown", "used",
    "expired", "revoked", "registered" (the caller already has a role) or "deactivated"
    (the caller's access was taken away: only an admin gives it back)."""

    def __init__(self, reason: InviteFailure) -> None:
        super().__init__(f"invite {reason}")
        self.reason: InviteFailure = reason


class StaleVersion(RepositoryError):
    """A compare-and-set lost: the row changed since the caller read `expected` version."""

    def __init__(self, entity: str, key: object, expected: int, current: int) -> None:
        super().__init__(f"{entity} {key!r}: expected version {expected}, found {current}")
        self.entity = entity
        self.key = key
        self.expected = expected
        self.current = current
