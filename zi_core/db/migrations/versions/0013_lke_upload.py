"""LKE files sent in the chat awaiting the admin's confirmation; every evaluation names its LKE.

Evaluations created before 0010 were scored with the only worksheet there was then, the
bundled LKE 2021.1: they get that label, so that installing a new version leaves them on it.

Revision ID: 0013
Revises: 0010
Create Date: 2026-12-08
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0013"
down_revision: str | Sequence[str] | None = "0010"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

BUNDLED_BEFORE_0010 = "2021.1"


def upgrade() -> None:
    op.create_table(
        "lke_upload",
        sa.Column("id", sa.Integer(), autoincrement=True, nullable=False),
        sa.Column("user_id", sa.Integer(), nullable=False),
        sa.Column("version", sa.String(length=64), nullable=False),
        sa.Column("based_on", sa.String(length=64), nullable=False),
        sa.Column("text", sa.Text(), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(["user_id"], ["app_user.id"],
                                name=op.f("fk_lke_upload_user_id_app_user")),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_lke_upload")),
    )
    op.create_index(op.f("ix_lke_upload_user_id"), "lke_upload", ["user_id"])
    op.execute(sa.text("UPDATE evaluation SET lke_version = :label WHERE lke_version IS NULL")
               .bindparams(label=BUNDLED_BEFORE_0010))


def downgrade() -> None:
    op.drop_index(op.f("ix_lke_upload_user_id"), table_name="lke_upload")
    op.drop_table("lke_upload")
