"""Shopping list state: ticked / already-have items and free-text extras.

Revision ID: 0002
Revises: 0001
Create Date: 2026-11-23
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0002"
down_revision = "0001"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "shoppingmark",
        sa.Column("list_key", sa.String(), nullable=False),
        sa.Column("item_key", sa.String(), nullable=False),
        sa.Column("state", sa.String(), nullable=False),
        sa.PrimaryKeyConstraint("list_key", "item_key"),
    )
    op.create_table(
        "shoppingextra",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("list_key", sa.String(), nullable=False),
        sa.Column("text", sa.String(), nullable=False),
        sa.Column("checked", sa.Boolean(), nullable=False),
        sa.Column("position", sa.Integer(), nullable=False),
        sa.PrimaryKeyConstraint("id"),
    )
    with op.batch_alter_table("shoppingextra", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_shoppingextra_list_key"), ["list_key"], unique=False)


def downgrade() -> None:
    with op.batch_alter_table("shoppingextra", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_shoppingextra_list_key"))
    op.drop_table("shoppingextra")
    op.drop_table("shoppingmark")
