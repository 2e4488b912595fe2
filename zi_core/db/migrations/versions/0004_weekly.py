"""The Inspektur's weekly summary: figures per unit and week, the runs, the deliveries.

Revision ID: 0004
Revises: 0003
Create Date: 2026-12-09
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0004"
down_revision: str | Sequence[str] | None = "0003"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def _fk(table: str, column: str, target: str) -> sa.ForeignKeyConstraint:
    """A foreign key named as the models' naming convention names it."""
    referred = target.partition(".")[0]
    return sa.ForeignKeyConstraint([column], [target],
                                   name=op.f(f"fk_{table}_{column}_{referred}"))


def upgrade() -> None:
    op.create_table(
        "weekly_figure",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("week_start", sa.Date(), nullable=False),
        sa.Column("unit_id", sa.Integer(), nullable=False),
        sa.Column("total", sa.String(length=8), nullable=False),
        sa.Column("verdict", sa.String(length=16), nullable=False),
        sa.Column("progress_percent", sa.Integer(), nullable=False),
        sa.Column("evidence_count", sa.Integer(), nullable=False),
        sa.Column("pact_signed", sa.Integer(), nullable=False),
        sa.Column("last_activity_at", sa.DateTime(timezone=True), nullable=True),
        _fk("weekly_figure", "unit_id", "unit_kerja.id"),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_weekly_figure")),
        sa.UniqueConstraint("week_start", "unit_id",
                            name=op.f("uq_weekly_figure_week_start_unit_id")),
    )
    op.create_table(
        "summary_run",
        sa.Column("week_start", sa.Date(), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("sent_at", sa.DateTime(timezone=True), nullable=True),
        sa.PrimaryKeyConstraint("week_start", name=op.f("pk_summary_run")),
    )
    op.create_table(
        "summary_outbox",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("week_start", sa.Date(), nullable=False),
        sa.Column("user_id", sa.Integer(), nullable=False),
        sa.Column("sent_at", sa.DateTime(timezone=True), nullable=True),
        sa.Column("failed_reason", sa.String(length=64), nullable=True),
        _fk("summary_outbox", "user_id", "app_user.id"),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_summary_outbox")),
        sa.UniqueConstraint("week_start", "user_id",
                            name=op.f("uq_summary_outbox_week_start_user_id")),
    )


def downgrade() -> None:
    op.drop_table("summary_outbox")
    op.drop_table("summary_run")
    op.drop_table("weekly_figure")
