"""audit_event.scheme: how each event's hash was computed, so that the events written before
the actors were hashed still verify with their old rule (scheme 1) and new events are hashed
over every column (2, plain SHA-256) or keyed with AUDIT_KEY (3).

A plain ADD COLUMN (no batch move-and-copy), so SQLite keeps the append-only triggers.

Revision ID: 0008
Revises: 0007
Create Date: 2026-12-07
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0008"
down_revision: str | Sequence[str] | None = "0007"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.add_column("audit_event", sa.Column("scheme", sa.SmallInteger(), server_default="1",
                                           nullable=False))


def downgrade() -> None:
    # Dropping the column loses how events of schemes 2 and 3 were hashed: they no longer
    # verify after a downgrade (SQLite's DROP COLUMN keeps the triggers).
    op.drop_column("audit_event", "scheme")
