"""An index on food names without case, for the paged Foods view.

Revision ID: 0003
Revises: 0002
Create Date: 2026-12-04
"""

from __future__ import annotations

from alembic import op

revision = "0003"
down_revision = "0002"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.execute("CREATE INDEX IF NOT EXISTS ix_food_name_nocase ON food (name COLLATE NOCASE)")


def downgrade() -> None:
    op.execute("DROP INDEX IF EXISTS ix_food_name_nocase")
