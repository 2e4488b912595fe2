"""Installed LKE worksheet versions (Perbup 49/2022 Pasal 7(4)); each evaluation's version.

Revision ID: 0010
Revises: 0009
Create Date: 2026-12-07
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0010"
down_revision: str | Sequence[str] | None = "0009"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_table(
        "lke_version",
        sa.Column("id", sa.Integer(), autoincrement=True, nullable=False),
        sa.Column("version", sa.String(length=64), nullable=False),
        sa.Column("sha256", sa.String(length=64), nullable=False),
        sa.Column("text", sa.Text(), nullable=False),
        sa.Column("installed_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("installed_by_user_id", sa.Integer(), nullable=True),
        sa.Column("installed_by_telegram_id", sa.BigInteger(), nullable=True),
        sa.ForeignKeyConstraint(["installed_by_user_id"], ["app_user.id"],
                                name=op.f("fk_lke_version_installed_by_user_id_app_user")),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_lke_version")),
        sa.UniqueConstraint("version", name=op.f("uq_lke_version_version")),
    )
    with op.batch_alter_table("evaluation") as batch:
        batch.add_column(sa.Column("lke_version", sa.String(length=64), nullable=True))


def downgrade() -> None:
    with op.batch_alter_table("evaluation") as batch:
        batch.drop_column("lke_version")
    op.drop_table("lke_version")
