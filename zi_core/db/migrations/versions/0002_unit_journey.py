"""The unit's journey: a user's pending typed input, tim kerja, reminders sent.

Revision ID: 0002
Revises: 0001
Create Date: 2026-11-25
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0002"
down_revision: str | Sequence[str] | None = "0001"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    with op.batch_alter_table("app_user") as batch:
        batch.add_column(sa.Column("pending_input", sa.String(length=96), nullable=True))
        batch.add_column(sa.Column("pending_input_at", sa.DateTime(timezone=True),
                                   nullable=True))
    op.create_table(
        "tim_kerja",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("unit_id", sa.Integer(), nullable=False),
        sa.Column("area_key", sa.String(length=64), nullable=False),
        sa.Column("user_id", sa.Integer(), nullable=False),
        sa.Column("coordinator", sa.Boolean(), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(["unit_id"], ["unit_kerja.id"],
                                name=op.f("fk_tim_kerja_unit_id_unit_kerja")),
        sa.ForeignKeyConstraint(["user_id"], ["app_user.id"],
                                name=op.f("fk_tim_kerja_user_id_app_user")),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_tim_kerja")),
        sa.UniqueConstraint("unit_id", "area_key", "user_id",
                            name=op.f("uq_tim_kerja_unit_id_area_key_user_id")),
    )
    op.create_index(op.f("ix_tim_kerja_unit_id"), "tim_kerja", ["unit_id"], unique=False)
    op.create_table(
        "reminder_sent",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("user_id", sa.Integer(), nullable=False),
        sa.Column("kind", sa.String(length=32), nullable=False),
        sa.Column("day", sa.Date(), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(["user_id"], ["app_user.id"],
                                name=op.f("fk_reminder_sent_user_id_app_user")),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_reminder_sent")),
        sa.UniqueConstraint("user_id", "kind", "day",
                            name=op.f("uq_reminder_sent_user_id_kind_day")),
    )


def downgrade() -> None:
    op.drop_table("reminder_sent")
    op.drop_index(op.f("ix_tim_kerja_unit_id"), table_name="tim_kerja")
    op.drop_table("tim_kerja")
    with op.batch_alter_table("app_user") as batch:
        batch.drop_column("pending_input_at")
        batch.drop_column("pending_input")
