"""An index on evidence.replaces_evidence_id: "is this the current revision?" is asked on
every screen that counts or lists evidence.

Revision ID: 0005
Revises: 0004
Create Date: 2026-11-25
"""

from collections.abc import Sequence

from alembic import op

revision: str = "0005"
down_revision: str | Sequence[str] | None = "0004"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_index(op.f("ix_evidence_replaces_evidence_id"), "evidence",
                    ["replaces_evidence_id"], unique=False)


def downgrade() -> None:
    op.drop_index(op.f("ix_evidence_replaces_evidence_id"), table_name="evidence")
