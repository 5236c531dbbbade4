"""Every table model passes pytest-qt's model tester and shows the right things."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt
from sqlalchemy.engine import Engine

from k2planner.db.repo_foods import FoodRow
from k2planner.domain.diet import Contains, Restriction
from k2planner.domain.meals import Slot
from k2planner.domain.planner.swap import SwapOption
from k2planner.services.catalog import CatalogService
from k2planner.services.planning import PlanOutcome
from k2planner.ui.dialogs.meal_editor import FoodResultsModel
from k2planner.ui.models.foods_model import FoodFilter, FoodsFilterProxy, FoodsTableModel
from k2planner.ui.models.meals_model import MealRow, MealsTableModel
from k2planner.ui.models.plan_model import CellKind, WeekGridModel
from k2planner.ui.models.small_models import (
    FoodValuesModel,
    IngredientRow,
    IngredientsModel,
    SwapOptionsModel,
    ValueRow,
)
from k2planner.ui.views.foods_view import value_rows


def rows() -> list[FoodRow]:
    return [
        FoodRow(
            1,
            "usda:16113",
            "Natto",
            "Legumes",
            Contains.SOY.value,
            23.1,
            3.3,
            930.0,
            112.0,
            None,
            "literature",
            False,
        ),
        FoodRow(
            2,
            "ciqual:1",
            "Gouda cheese",
            "cheese",
            Contains.DAIRY.value,
            2.3,
            None,
            None,
            None,
            None,
            "",
            False,
        ),
        FoodRow(
            3,
            "ciqual:2",
            "Edam",
            "cheese",
            Contains.DAIRY.value,
            2.3,
            None,
            None,
            None,
            47.5,
            "measured",
            False,
        ),
    ]


def test_week_grid_model(qtmodeltester, outcome: PlanOutcome) -> None:  # type: ignore[no-untyped-def]
    """The week grid: one row per slot plus totals, a column per day."""
    model = WeekGridModel()
    model.set_outcome(outcome, outcome.prefs.slots, list(outcome.day_labels))
    qtmodeltester.check(model)
    assert model.rowCount() == 5 and model.columnCount() == 7
    cell = model.data(model.index(0, 0), Qt.ItemDataRole.UserRole)
    assert cell.kind is CellKind.MEAL and "K2" in cell.detail
    totals = model.data(model.index(4, 0), Qt.ItemDataRole.UserRole)
    assert totals.kind is CellKind.TOTALS and totals.title.startswith("K2 ")
    assert model.headerData(4, Qt.Orientation.Vertical) == "Day total"
    model.set_outcome(None, (Slot.DINNER,), ["Mon", "Tue"])
    qtmodeltester.check(model)
    assert model.rowCount() == 2


def test_foods_model_and_proxy(qtmodeltester) -> None:  # type: ignore[no-untyped-def]
    """Unknown values show as a dash and sort below numbers; filters combine."""
    model = FoodsTableModel()
    model.set_rows(rows())
    qtmodeltester.check(model)
    k2_col = model.column_index("K2 total µg")
    assert model.data(model.index(1, k2_col)) == "–"
    assert model.data(model.index(2, k2_col)) == "47.5"
    proxy = FoodsFilterProxy()
    proxy.setSourceModel(model)
    qtmodeltester.check(proxy)
    proxy.sort(k2_col, Qt.SortOrder.DescendingOrder)
    assert proxy.data(proxy.index(0, 0)) == "Natto"
    assert proxy.data(proxy.index(2, 0)) == "Gouda cheese"
    proxy.set_filter(FoodFilter(k2_only=True))
    assert proxy.rowCount() == 2
    proxy.set_filter(FoodFilter(text="gou", restriction=Restriction.VEGAN))
    assert proxy.rowCount() == 0
    proxy.set_filter(FoodFilter(restriction=Restriction.DAIRY_FREE))
    assert proxy.rowCount() == 1


def test_meals_model(qtmodeltester, seeded_engine: Engine) -> None:  # type: ignore[no-untyped-def]
    """Meals with derived nutrition, favourites and exclusions."""
    views = CatalogService(seeded_engine).meals()
    model = MealsTableModel()
    model.set_rows([MealRow(v, i == 0, i == 1) for i, v in enumerate(views)])
    qtmodeltester.check(model)
    assert model.rowCount() >= 150
    assert model.data(model.index(0, model.column_index("Yours"))).startswith("★")


def test_small_models(qtmodeltester, seeded_engine: Engine) -> None:  # type: ignore[no-untyped-def]
    """Swap options, food values and ingredient tables."""
    swap = SwapOptionsModel()
    swap.set_rows(
        [
            SwapOption(1, "Natto bowl", 1.0, 470, 520, 1900, 0.3, True, False),
            SwapOption(2, "Toast", 1.0, 30, 80, 1800, 6000, False, True),
        ]
    )
    qtmodeltester.check(swap)
    assert swap.data(swap.index(1, 0)).endswith("(current)")
    values = FoodValuesModel()
    food = CatalogService(seeded_engine).search_foods("natto", 1)[0]
    values.set_rows(value_rows(food))
    qtmodeltester.check(values)
    labels = [r.label for r in values.rows]
    assert "MK-7" in labels and "MK-8" in labels
    mk8 = next(r for r in values.rows if r.label == "MK-8")
    assert mk8.value is None and values.data(values.index(labels.index("MK-8"), 1)) == "unknown"
    values.set_rows([ValueRow("K1", 1.0, "µg", "user", "test")])
    qtmodeltester.check(values)
    ing = IngredientsModel()
    ing.set_rows([IngredientRow(1, "Natto", 45, "1 pot", 470.0, None)])
    qtmodeltester.check(ing)
    assert ing.data(ing.index(0, 4)) == "unknown"
    results = FoodResultsModel()
    results.set_rows([food])
    qtmodeltester.check(results)


@pytest.mark.parametrize("empty", [True, False])
def test_models_handle_empty(qtmodeltester, empty: bool) -> None:  # type: ignore[no-untyped-def]
    """Empty models are valid too."""
    model = FoodsTableModel()
    model.set_rows([] if empty else rows())
    qtmodeltester.check(model)
