"""The SQLite schema as sqlmodel table models.

Every schema change is an Alembic migration in ``k2planner/db/migrations/versions``; these
classes describe the current head. Repositories convert rows to frozen domain objects: rows
never leave the ``db`` layer.
"""

from __future__ import annotations

from sqlalchemy import Index, text
from sqlmodel import Field, SQLModel


class Meta(SQLModel, table=True):
    """Key/value facts about the database (seed version, creation time)."""

    key: str = Field(primary_key=True)
    value: str


class Aisle(SQLModel, table=True):
    """A shop aisle; ``position`` is the user's order."""

    id: int | None = Field(default=None, primary_key=True)
    name: str = Field(unique=True)
    position: int


class FoodGroup(SQLModel, table=True):
    """A food group of a source (USDA group, CIQUAL sub-group, literature category, user)."""

    id: int | None = Field(default=None, primary_key=True)
    name: str = Field(unique=True)
    aisle_id: int = Field(foreign_key="aisle.id")


class Food(SQLModel, table=True):
    """A food; nutrient values are in :class:`NutrientValue` (per 100 g)."""

    # the Foods view sorts and pages by name without case (migration 0003)
    __table_args__ = (Index("ix_food_name_nocase", text("name COLLATE NOCASE")),)

    id: int | None = Field(default=None, primary_key=True)
    source_id: str = Field(unique=True)
    name: str = Field(index=True)
    group_id: int = Field(foreign_key="foodgroup.id", index=True)
    aisle_id: int | None = Field(default=None, foreign_key="aisle.id")
    contains: int = 0  # bit set of domain.diet.Contains
    # migration 0004: flags it may contain (bit set) and the reason of each flag (JSON object)
    may_contain: int = Field(default=0, sa_column_kwargs={"server_default": "0"})
    flag_reasons: str = Field(default="", sa_column_kwargs={"server_default": ""})
    flags_user_set: bool = False
    k2_low_ug: float | None = None  # migration 0005: K2 per 100 g across the sources
    k2_high_ug: float | None = None
    density_g_per_ml: float | None = None
    tags: str = ""
    note: str = ""
    is_user: bool = False


class NutrientValue(SQLModel, table=True):
    """One nutrient value of a food per 100 g, with its source and quality tier."""

    food_id: int = Field(foreign_key="food.id", primary_key=True, ondelete="CASCADE")
    nutrient: str = Field(primary_key=True)
    value: float
    source: str
    tier: str


class Portion(SQLModel, table=True):
    """A household measure of a food (``amount`` × ``unit`` weighs ``grams``)."""

    id: int | None = Field(default=None, primary_key=True)
    food_id: int = Field(foreign_key="food.id", index=True, ondelete="CASCADE")
    seq: int = 0
    amount: float
    unit: str
    grams: float


class Meal(SQLModel, table=True):
    """A recipe; its nutrients are derived from :class:`MealIngredient` rows."""

    id: int | None = Field(default=None, primary_key=True)
    key: str = Field(unique=True)
    name: str = Field(index=True)
    slots: str  # comma-separated Slot values
    cuisine: str = ""
    tags: str = ""  # comma-separated
    description: str = ""
    is_user: bool = False
    method: str = ""  # migration 0006: the steps, one per line
    prep_minutes: int | None = None
    cook_minutes: int | None = None
    servings: int = 1  # the yield the method and an imported recipe's amounts were written for
    source: str = ""  # where an imported recipe came from (file, recipe, link)


class MealLine(SQLModel, table=True):
    """An ingredient line of an imported recipe that matches no food (unknown K2, not zero)."""

    id: int | None = Field(default=None, primary_key=True)
    meal_id: int = Field(foreign_key="meal.id", index=True, ondelete="CASCADE")
    position: int
    text: str  # the line as written ("1 pinch of saffron")
    name: str = ""  # the food it names, as the parser read it ("saffron"): its diet flags


class MealIngredient(SQLModel, table=True):
    """An ingredient of a meal in grams per serving."""

    id: int | None = Field(default=None, primary_key=True)
    meal_id: int = Field(foreign_key="meal.id", index=True, ondelete="CASCADE")
    food_id: int = Field(foreign_key="food.id", index=True, ondelete="RESTRICT")
    position: int = 0
    grams: float
    note: str = ""


class Preference(SQLModel, table=True):
    """A plan-affecting preference, stored as JSON text."""

    key: str = Field(primary_key=True)
    value: str


class SavedPlan(SQLModel, table=True):
    """A generated week plan with the preferences and seed that produced it."""

    id: int | None = Field(default=None, primary_key=True)
    created_at: str
    start_date: str = Field(index=True)
    seed: int
    status: str
    preferences_json: str
    plan_json: str


class ShoppingMark(SQLModel, table=True):
    """The state of one shopping-list item: ticked off, or "already have" (migration 0002)."""

    list_key: str = Field(primary_key=True)
    item_key: str = Field(primary_key=True)
    state: str  # "checked" or "have"


class ShoppingExtra(SQLModel, table=True):
    """A free-text item the user added to a shopping list (migration 0002)."""

    id: int | None = Field(default=None, primary_key=True)
    list_key: str = Field(index=True)
    text: str
    checked: bool = False
    position: int = 0
