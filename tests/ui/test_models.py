"""Every table model passes pytest-qt's model tester and shows the right things."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt, QTimer
from sqlalchemy.engine import Engine

from k2planner.db.repo_food_rows import FoodQuery
from k2planner.db.repo_foods import FoodRow
from k2planner.domain.diet import Contains, Restriction
from k2planner.domain.meals import Slot
from k2planner.domain.planner.swap import SwapOption
from k2planner.services.catalog import CatalogService
from k2planner.services.planning import PlanOutcome
from k2planner.ui.dialogs.meal_editor import FoodResultsModel
from k2planner.ui.models.foods_model import (
    PAGE,
    FoodPage,
    FoodsPagedModel,
    k2_total,
    restriction_masks,
)
from k2planner.ui.models.meals_model import MealRow, MealsTableModel
from k2planner.ui.models.plan_model import CellKind, WeekGridModel
from k2planner.ui.models.small_models import (
    FoodValuesModel,
    IngredientRow,
    IngredientsModel,
    SwapOptionsModel,
    ValueRow,
)
from k2planner.ui.views.food_values import value_rows


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


def _paged(engine: Engine) -> FoodsPagedModel:
    """A paged foods model over the real database, fetching synchronously."""
    catalog = CatalogService(engine)

    def fetch(q: FoodQuery, offset: int, limit: int, count: bool) -> FoodPage:
        rows, total = catalog.food_page(q, offset, limit, count)
        return FoodPage(offset, tuple(rows), total)

    # like the real worker, the result comes back later through the event loop
    return FoodsPagedModel(fetch, lambda fn, done: QTimer.singleShot(0, lambda: done(fn())))


def _settle(qtbot, model: FoodsPagedModel) -> None:  # type: ignore[no-untyped-def]
    qtbot.waitUntil(lambda: not model._pending, timeout=10000)


def test_foods_paged_model_sorts_filters_and_fetches_more(
    qtbot, qtmodeltester, seeded_engine: Engine
) -> None:  # type: ignore[no-untyped-def]
    """A→Z by default; pages arrive as the view scrolls; SQL filters and sorts; unknown last."""
    model = _paged(seeded_engine)
    model.set_query(FoodQuery())
    _settle(qtbot, model)
    assert model.total > 12000 and model.rowCount() == PAGE
    names = [r.name for r in model.rows]
    assert names == sorted(names, key=str.lower)
    assert model.canFetchMore()
    model.fetchMore()
    _settle(qtbot, model)
    assert model.rowCount() == 2 * PAGE
    assert [r.name.lower() for r in model.rows] == sorted(r.name.lower() for r in model.rows)
    qtmodeltester.check(model)
    _settle(qtbot, model)
    k2_col = model.column_index("K2 total µg")
    model.sort(k2_col, Qt.SortOrder.DescendingOrder)
    _settle(qtbot, model)
    top = model.rows[0]
    assert "natto" in top.name.lower()
    model.set_query(FoodQuery(text="gouda", sort=model.query.sort, descending=True))
    _settle(qtbot, model)
    assert all("gouda" in r.name.lower() for r in model.rows)
    unknown = [i for i, r in enumerate(model.rows) if k2_total(r) is None]
    known = [i for i, r in enumerate(model.rows) if k2_total(r) is not None]
    assert not unknown or max(known) < min(unknown)  # unknown K2 sorts last
    assert model.data(model.index(unknown[0], k2_col)) == "–" if unknown else True
    forbidden, may = restriction_masks(Restriction.VEGAN, frozenset())
    model.set_query(FoodQuery(text="gouda", forbidden=forbidden, may_forbidden=may))
    _settle(qtbot, model)
    assert model.total == 0
    diet_col = model.column_index("Diet")
    forbidden, may = restriction_masks(Restriction.DAIRY_FREE, frozenset({Restriction.DAIRY_FREE}))
    model.set_query(FoodQuery(text="chocolate, dark", forbidden=forbidden, may_forbidden=may))
    _settle(qtbot, model)
    assert model.total == 0  # dark chocolate may contain milk: out for a milk allergy
    model.set_query(FoodQuery(text="chocolate, dark", forbidden=forbidden))
    _settle(qtbot, model)
    assert model.total > 0
    cell = model.data(model.index(0, diet_col))
    tip = model.data(model.index(0, diet_col), Qt.ItemDataRole.ToolTipRole)
    assert "may: dairy" in cell and "May contain dairy" in tip and "milk chocolate" in tip
    qtmodeltester.check(model)
    _settle(qtbot, model)
    model.set_query(FoodQuery(mine_only=True))
    _settle(qtbot, model)
    assert model.total == 0


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
    model = MealsTableModel()
    model.set_rows([])
    qtmodeltester.check(model)
    del empty
