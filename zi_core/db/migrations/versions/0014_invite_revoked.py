"""An invite can be revoked (by an admin, or with the deactivation of the person who made it).

Revision ID: 0014
Revises: 0013
Create Date: 2026-12-07
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0014"
down_revision: str | Sequence[str] | None = "0013"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    with op.batch_alter_table("invite") as batch:
        batch.add_column(sa.Column("revoked_at", sa.DateTime(timezone=True), nullable=True))
        batch.add_column(sa.Column("revoked_by_user_id", sa.Integer(), nullable=True))
        batch.create_foreign_key(op.f("fk_invite_revoked_by_user_id_app_user"), "app_user",
                                 ["revoked_by_user_id"], ["id"])


def downgrade() -> None:
    with op.batch_alter_table("invite") as batch:
        batch.drop_constraint(op.f("fk_invite_revoked_by_user_id_app_user"),
                              type_="foreignkey")
        batch.drop_column("revoked_by_user_id")
        batch.drop_column("revoked_at")
