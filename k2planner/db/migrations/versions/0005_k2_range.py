"""The range of a food's K2 across the sources that describe it (per 100 g).

Filled for bundled foods by ``db.seed_refresh`` when the app opens the database.

Revision ID: 0005
Revises: 0004
Create Date: 2026-12-04
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0005"
down_revision = "0004"
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table("food") as batch:
        batch.add_column(sa.Column("k2_low_ug", sa.Float(), nullable=True))
        batch.add_column(sa.Column("k2_high_ug", sa.Float(), nullable=True))


def downgrade() -> None:
    with op.batch_alter_table("food") as batch:
        batch.drop_column("k2_high_ug")
        batch.drop_column("k2_low_ug")
