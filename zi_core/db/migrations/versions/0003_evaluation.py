"""The TPI's evaluation: assignments, the evaluation's status, snapshots, rekomendasi, recheck.

Revision ID: 0003
Revises: 0002
Create Date: 2026-12-02
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0003"
down_revision: str | Sequence[str] | None = "0002"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def _fk(table: str, column: str, target: str) -> sa.ForeignKeyConstraint:
    """A foreign key named as the models' naming convention names it."""
    referred = target.partition(".")[0]
    return sa.ForeignKeyConstraint([column], [target],
                                   name=op.f(f"fk_{table}_{column}_{referred}"))


def upgrade() -> None:
    op.create_table(
        "tpi_assignment",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("unit_id", sa.Integer(), nullable=False),
        sa.Column("user_id", sa.Integer(), nullable=False),
        sa.Column("assigned_by_user_id", sa.Integer(), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        _fk("tpi_assignment", "unit_id", "unit_kerja.id"),
        _fk("tpi_assignment", "user_id", "app_user.id"),
        _fk("tpi_assignment", "assigned_by_user_id", "app_user.id"),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_tpi_assignment")),
        sa.UniqueConstraint("unit_id", "user_id",
                            name=op.f("uq_tpi_assignment_unit_id_user_id")),
    )
    op.create_index(op.f("ix_tpi_assignment_user_id"), "tpi_assignment", ["user_id"],
                    unique=False)
    op.create_table(
        "evaluation",
        sa.Column("unit_id", sa.Integer(), autoincrement=False, nullable=False),
        sa.Column("status", sa.String(length=16), nullable=False),
        sa.Column("version", sa.Integer(), nullable=False),
        sa.Column("finalised_at", sa.DateTime(timezone=True), nullable=True),
        sa.Column("finalised_by", sa.Integer(), nullable=True),
        sa.Column("reopened_at", sa.DateTime(timezone=True), nullable=True),
        sa.Column("reopened_by", sa.Integer(), nullable=True),
        sa.CheckConstraint("status IN ('open', 'final')", name=op.f("ck_evaluation_status")),
        _fk("evaluation", "unit_id", "unit_kerja.id"),
        _fk("evaluation", "finalised_by", "app_user.id"),
        _fk("evaluation", "reopened_by", "app_user.id"),
        sa.PrimaryKeyConstraint("unit_id", name=op.f("pk_evaluation")),
    )
    op.create_table(
        "evaluation_snapshot",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("unit_id", sa.Integer(), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("created_by", sa.Integer(), nullable=False),
        sa.Column("lke_version", sa.String(length=32), nullable=False),
        sa.Column("payload", sa.Text(), nullable=False),
        sa.Column("sha256", sa.String(length=64), nullable=False),
        _fk("evaluation_snapshot", "unit_id", "unit_kerja.id"),
        _fk("evaluation_snapshot", "created_by", "app_user.id"),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_evaluation_snapshot")),
    )
    op.create_index(op.f("ix_evaluation_snapshot_unit_id"), "evaluation_snapshot",
                    ["unit_id"], unique=False)
    op.create_table(
        "rekomendasi",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("unit_id", sa.Integer(), nullable=False),
        sa.Column("question_id", sa.String(length=64), nullable=False),
        sa.Column("author_user_id", sa.Integer(), nullable=False),
        sa.Column("text", sa.Text(), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        _fk("rekomendasi", "unit_id", "unit_kerja.id"),
        _fk("rekomendasi", "author_user_id", "app_user.id"),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_rekomendasi")),
    )
    op.create_index(op.f("ix_rekomendasi_unit_id_question_id"), "rekomendasi",
                    ["unit_id", "question_id"], unique=False)
    op.create_table(
        "recheck",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("unit_id", sa.Integer(), nullable=False),
        sa.Column("question_id", sa.String(length=64), nullable=False),
        sa.Column("evidence_id", sa.Integer(), nullable=True),
        sa.Column("flagged_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("cleared_at", sa.DateTime(timezone=True), nullable=True),
        sa.Column("cleared_by", sa.Integer(), nullable=True),
        _fk("recheck", "unit_id", "unit_kerja.id"),
        _fk("recheck", "evidence_id", "evidence.id"),
        _fk("recheck", "cleared_by", "app_user.id"),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_recheck")),
    )
    op.create_index(op.f("ix_recheck_unit_id_question_id"), "recheck",
                    ["unit_id", "question_id"], unique=False)


def downgrade() -> None:
    op.drop_index(op.f("ix_recheck_unit_id_question_id"), table_name="recheck")
    op.drop_table("recheck")
    op.drop_index(op.f("ix_rekomendasi_unit_id_question_id"), table_name="rekomendasi")
    op.drop_table("rekomendasi")
    op.drop_index(op.f("ix_evaluation_snapshot_unit_id"), table_name="evaluation_snapshot")
    op.drop_table("evaluation_snapshot")
    op.drop_table("evaluation")
    op.drop_index(op.f("ix_tpi_assignment_user_id"), table_name="tpi_assignment")
    op.drop_table("tpi_assignment")
