"""The notice outbox: messages owed to other people after a change, delivered with retries.

Revision ID: 0007
Revises: 0005
Create Date: 2026-12-07
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0007"
down_revision: str | Sequence[str] | None = "0005"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_table(
        "notice_outbox",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("key", sa.String(length=96), nullable=False),
        sa.Column("user_id", sa.Integer(), nullable=False),
        sa.Column("text", sa.Text(), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("attempts", sa.Integer(), nullable=False),
        sa.Column("next_attempt_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("sent_at", sa.DateTime(timezone=True), nullable=True),
        sa.Column("failed_reason", sa.String(length=64), nullable=True),
        sa.ForeignKeyConstraint(["user_id"], ["app_user.id"],
                                name=op.f("fk_notice_outbox_user_id_app_user")),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_notice_outbox")),
        sa.UniqueConstraint("key", name=op.f("uq_notice_outbox_key")),
    )
    op.create_index(op.f("ix_notice_outbox_user_id"), "notice_outbox", ["user_id"],
                    unique=False)
    op.create_index(op.f("ix_notice_outbox_sent_at"), "notice_outbox", ["sent_at"],
                    unique=False)


def downgrade() -> None:
    op.drop_index(op.f("ix_notice_outbox_sent_at"), table_name="notice_outbox")
    op.drop_index(op.f("ix_notice_outbox_user_id"), table_name="notice_outbox")
    op.drop_table("notice_outbox")
