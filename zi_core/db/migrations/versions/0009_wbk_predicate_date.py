"""The date of the SK giving a unit the WBK predicate: WBBM's "at least one year" counts from it.

Revision ID: 0009
Revises: 0008
Create Date: 2026-12-07
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0009"
down_revision: str | Sequence[str] | None = "0008"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    with op.batch_alter_table("unit_prerequisite") as batch:
        batch.add_column(sa.Column("wbk_predicate_date", sa.Date(), nullable=True))


def downgrade() -> None:
    with op.batch_alter_table("unit_prerequisite") as batch:
        batch.drop_column("wbk_predicate_date")
