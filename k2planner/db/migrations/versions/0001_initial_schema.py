"""initial schema

Revision ID: 0001
Revises:
Create Date: 2026-11-23
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0001"
down_revision = None
branch_labels = None
depends_on = None


def upgrade() -> None:

    op.create_table(
        "aisle",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("name", sa.String(), nullable=False),
        sa.Column("position", sa.Integer(), nullable=False),
        sa.PrimaryKeyConstraint("id"),
        sa.UniqueConstraint("name"),
    )
    op.create_table(
        "meal",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("key", sa.String(), nullable=False),
        sa.Column("name", sa.String(), nullable=False),
        sa.Column("slots", sa.String(), nullable=False),
        sa.Column("cuisine", sa.String(), nullable=False),
        sa.Column("tags", sa.String(), nullable=False),
        sa.Column("description", sa.String(), nullable=False),
        sa.Column("is_user", sa.Boolean(), nullable=False),
        sa.PrimaryKeyConstraint("id"),
        sa.UniqueConstraint("key"),
    )
    with op.batch_alter_table("meal", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_meal_name"), ["name"], unique=False)

    op.create_table(
        "meta",
        sa.Column("key", sa.String(), nullable=False),
        sa.Column("value", sa.String(), nullable=False),
        sa.PrimaryKeyConstraint("key"),
    )
    op.create_table(
        "preference",
        sa.Column("key", sa.String(), nullable=False),
        sa.Column("value", sa.String(), nullable=False),
        sa.PrimaryKeyConstraint("key"),
    )
    op.create_table(
        "savedplan",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("created_at", sa.String(), nullable=False),
        sa.Column("start_date", sa.String(), nullable=False),
        sa.Column("seed", sa.Integer(), nullable=False),
        sa.Column("status", sa.String(), nullable=False),
        sa.Column("preferences_json", sa.String(), nullable=False),
        sa.Column("plan_json", sa.String(), nullable=False),
        sa.PrimaryKeyConstraint("id"),
    )
    with op.batch_alter_table("savedplan", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_savedplan_start_date"), ["start_date"], unique=False)

    op.create_table(
        "foodgroup",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("name", sa.String(), nullable=False),
        sa.Column("aisle_id", sa.Integer(), nullable=False),
        sa.ForeignKeyConstraint(
            ["aisle_id"],
            ["aisle.id"],
        ),
        sa.PrimaryKeyConstraint("id"),
        sa.UniqueConstraint("name"),
    )
    op.create_table(
        "food",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("source_id", sa.String(), nullable=False),
        sa.Column("name", sa.String(), nullable=False),
        sa.Column("group_id", sa.Integer(), nullable=False),
        sa.Column("aisle_id", sa.Integer(), nullable=True),
        sa.Column("contains", sa.Integer(), nullable=False),
        sa.Column("flags_user_set", sa.Boolean(), nullable=False),
        sa.Column("density_g_per_ml", sa.Float(), nullable=True),
        sa.Column("tags", sa.String(), nullable=False),
        sa.Column("note", sa.String(), nullable=False),
        sa.Column("is_user", sa.Boolean(), nullable=False),
        sa.ForeignKeyConstraint(
            ["aisle_id"],
            ["aisle.id"],
        ),
        sa.ForeignKeyConstraint(
            ["group_id"],
            ["foodgroup.id"],
        ),
        sa.PrimaryKeyConstraint("id"),
        sa.UniqueConstraint("source_id"),
    )
    with op.batch_alter_table("food", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_food_group_id"), ["group_id"], unique=False)
        batch_op.create_index(batch_op.f("ix_food_name"), ["name"], unique=False)

    op.create_table(
        "mealingredient",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("meal_id", sa.Integer(), nullable=False),
        sa.Column("food_id", sa.Integer(), nullable=False),
        sa.Column("position", sa.Integer(), nullable=False),
        sa.Column("grams", sa.Float(), nullable=False),
        sa.Column("note", sa.String(), nullable=False),
        sa.ForeignKeyConstraint(["food_id"], ["food.id"], ondelete="RESTRICT"),
        sa.ForeignKeyConstraint(["meal_id"], ["meal.id"], ondelete="CASCADE"),
        sa.PrimaryKeyConstraint("id"),
    )
    with op.batch_alter_table("mealingredient", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_mealingredient_food_id"), ["food_id"], unique=False)
        batch_op.create_index(batch_op.f("ix_mealingredient_meal_id"), ["meal_id"], unique=False)

    op.create_table(
        "nutrientvalue",
        sa.Column("food_id", sa.Integer(), nullable=False),
        sa.Column("nutrient", sa.String(), nullable=False),
        sa.Column("value", sa.Float(), nullable=False),
        sa.Column("source", sa.String(), nullable=False),
        sa.Column("tier", sa.String(), nullable=False),
        sa.ForeignKeyConstraint(["food_id"], ["food.id"], ondelete="CASCADE"),
        sa.PrimaryKeyConstraint("food_id", "nutrient"),
    )
    op.create_table(
        "portion",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("food_id", sa.Integer(), nullable=False),
        sa.Column("seq", sa.Integer(), nullable=False),
        sa.Column("amount", sa.Float(), nullable=False),
        sa.Column("unit", sa.String(), nullable=False),
        sa.Column("grams", sa.Float(), nullable=False),
        sa.ForeignKeyConstraint(["food_id"], ["food.id"], ondelete="CASCADE"),
        sa.PrimaryKeyConstraint("id"),
    )
    with op.batch_alter_table("portion", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_portion_food_id"), ["food_id"], unique=False)


def downgrade() -> None:

    with op.batch_alter_table("portion", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_portion_food_id"))

    op.drop_table("portion")
    op.drop_table("nutrientvalue")
    with op.batch_alter_table("mealingredient", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_mealingredient_meal_id"))
        batch_op.drop_index(batch_op.f("ix_mealingredient_food_id"))

    op.drop_table("mealingredient")
    with op.batch_alter_table("food", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_food_name"))
        batch_op.drop_index(batch_op.f("ix_food_group_id"))

    op.drop_table("food")
    op.drop_table("foodgroup")
    with op.batch_alter_table("savedplan", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_savedplan_start_date"))

    op.drop_table("savedplan")
    op.drop_table("preference")
    op.drop_table("meta")
    with op.batch_alter_table("meal", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_meal_name"))

    op.drop_table("meal")
    op.drop_table("aisle")
