"""Adding, editing and deleting your foods, and keeping one out of (or less in) plans: the
Foods view's actions (mixed into FoodsView)."""

from __future__ import annotations

from collections.abc import Callable
from typing import cast

from PySide6.QtCore import SignalInstance
from PySide6.QtWidgets import QLineEdit, QWidget

from k2planner.domain.foods import Food
from k2planner.services.catalog import CatalogService
from k2planner.services.custom_foods import CustomFoodService
from k2planner.services.preferences import PreferencesService
from k2planner.ui.dialogs.common import show_error
from k2planner.ui.dialogs.food_editor import FoodEditorDialog
from k2planner.ui.plain import ask


class FoodEditActions:
    """The editing actions of :class:`~k2planner.ui.views.foods_view.FoodsView`."""

    _catalog: CatalogService
    _custom: CustomFoodService
    _prefs: PreferencesService
    _current: Food | None
    _select_after_load: int | None
    search: QLineEdit
    foods_changed: SignalInstance
    preferences_changed: SignalInstance
    reload: Callable[[], None]

    def _widget(self) -> QWidget:
        return cast(QWidget, self)

    def add_food(self) -> None:
        """Add a food from a label."""
        food = FoodEditorDialog.ask(self._widget(), self._catalog.group_names(), self._custom.check)
        if food is None:
            return
        try:
            saved = self._custom.save(food, confirmed=True)
        except ValueError as exc:
            show_error(self._widget(), "Add food", f"The food was not saved: {exc}")
            return
        self.foods_changed.emit()
        self._select_after_load = saved.id
        self.search.setText(food.name)
        self.reload()

    def edit_food(self) -> None:
        """Edit one of your foods."""
        f = self._current
        if f is None or not f.is_user:
            return
        food = FoodEditorDialog.ask(
            self._widget(), self._catalog.group_names(), self._custom.check, f
        )
        if food is None:
            return
        try:
            self._custom.save(food, food_id=f.id, confirmed=True)
        except ValueError as exc:
            show_error(self._widget(), "Edit food", f"The food was not saved: {exc}")
            return
        self.foods_changed.emit()
        self.reload()

    def delete_food(self) -> None:
        """Delete one of your foods (not while a meal uses it)."""
        f = self._current
        if f is None or not f.is_user:
            return
        if not ask(self._widget(), "Delete food", f"Delete {f.name}?"):
            return
        try:
            self._custom.delete(f.id)
        except ValueError as exc:
            show_error(self._widget(), "Delete food", str(exc))
            return
        self.foods_changed.emit()
        self.reload()

    def exclude_food(self) -> None:
        """Never plan meals with this food."""
        self._add_current_to("excluded_food_ids")

    def less_of_food(self) -> None:
        """Plan meals with this food less often (a soft dislike)."""
        self._add_current_to("less_food_ids")

    def _add_current_to(self, field: str) -> None:
        f = self._current
        if f is None:
            return
        prefs = self._prefs.load()
        self._prefs.save(prefs.with_changes(**{field: getattr(prefs, field) | {f.id}}))
        self.preferences_changed.emit()
