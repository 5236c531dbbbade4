"""Diet flags in three states: a "may contain" bit set and the reasons behind each flag.

The values are filled in by ``db.diet_refresh`` when the app opens the database (it recomputes
every food whose flags the user did not set, whenever the bundled rules change).

Revision ID: 0004
Revises: 0003
Create Date: 2026-12-04
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0004"
down_revision = "0003"
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table("food") as batch:
        batch.add_column(sa.Column("may_contain", sa.Integer(), nullable=False, server_default="0"))
        batch.add_column(sa.Column("flag_reasons", sa.String(), nullable=False, server_default=""))


def downgrade() -> None:
    with op.batch_alter_table("food") as batch:
        batch.drop_column("flag_reasons")
        batch.drop_column("may_contain")
