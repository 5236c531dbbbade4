"""Meals get a method, times, servings and a source; recipe lines that match no food are kept.

Bundled meals are filled from ``resources/meals/methods.toml`` by ``db.meal_methods``; imported
recipes keep their method, times, yield and where they came from. ``mealline`` holds a recipe's
ingredient lines that match no food: kept as text and counted as unknown K2, never as zero.

Revision ID: 0006
Revises: 0005
Create Date: 2026-12-06
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0006"
down_revision = "0005"
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table("meal") as batch:
        batch.add_column(sa.Column("method", sa.String(), nullable=False, server_default=""))
        batch.add_column(sa.Column("prep_minutes", sa.Integer(), nullable=True))
        batch.add_column(sa.Column("cook_minutes", sa.Integer(), nullable=True))
        batch.add_column(sa.Column("servings", sa.Integer(), nullable=False, server_default="1"))
        batch.add_column(sa.Column("source", sa.String(), nullable=False, server_default=""))
    op.create_table(
        "mealline",
        sa.Column("id", sa.Integer(), primary_key=True),
        sa.Column(
            "meal_id",
            sa.Integer(),
            sa.ForeignKey("meal.id", ondelete="CASCADE"),
            nullable=False,
            index=True,
        ),
        sa.Column("position", sa.Integer(), nullable=False),
        sa.Column("text", sa.String(), nullable=False),
        sa.Column("name", sa.String(), nullable=False, server_default=""),
    )


def downgrade() -> None:
    op.drop_table("mealline")
    with op.batch_alter_table("meal") as batch:
        for name in ("source", "servings", "cook_minutes", "prep_minutes", "method"):
            batch.drop_column(name)
