"""Add or edit one of your own foods, from a label (per 100 g or per serving)."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import replace

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QButtonGroup,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QDoubleSpinBox,
    QFormLayout,
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QMessageBox,
    QRadioButton,
    QVBoxLayout,
    QWidget,
)

from k2planner.domain.diet_rules import derive_flags
from k2planner.domain.food_input import FoodInput, NormalisedFood
from k2planner.domain.foods import Food, Portion
from k2planner.domain.nutrients import Nutrient
from k2planner.ui.widgets.diet_flags import DietFlagsEditor

FIELDS: list[tuple[Nutrient, str, list[str]]] = [
    (Nutrient.ENERGY, "Energy", ["kcal", "kJ"]),
    (Nutrient.PROTEIN, "Protein", ["g"]),
    (Nutrient.FAT, "Fat", ["g"]),
    (Nutrient.CARB, "Carbohydrate", ["g"]),
    (Nutrient.FIBER, "Fibre", ["g"]),
    (Nutrient.K1, "Vitamin K1 (phylloquinone)", ["µg", "mg"]),
    (Nutrient.MK4, "Vitamin K2 as MK-4", ["µg", "mg"]),
    (Nutrient.MK7, "Vitamin K2 as MK-7", ["µg", "mg"]),
    (Nutrient.K2_REPORTED, "Vitamin K2, form not stated", ["µg", "mg"]),
]


def parse_number(text: str) -> float | None:
    """A number typed with a decimal point or comma; empty means unknown (None)."""
    t = text.strip().replace(" ", "").replace("\u202f", "")
    if not t:
        return None
    if "," in t and "." not in t:
        t = t.replace(",", ".")
    return float(t)


class FoodEditorDialog(QDialog):
    """The form; ``check`` validates with the same rules as imports."""

    def __init__(
        self,
        groups: Sequence[str],
        check: Callable[[FoodInput], NormalisedFood],
        food: Food | None = None,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.setWindowTitle("Edit your food" if food else "Add a food from its label")
        self._check = check
        self._flags_touched = food is not None
        self.result_input: FoodInput | None = None
        self.confirmed = False

        self.name = QLineEdit(food.name if food else "")
        self.name.setObjectName("name")
        self.name.setPlaceholderText("e.g. Farmhouse Gouda, 18 months")
        self.group = QComboBox()
        self.group.setEditable(True)
        self.group.addItems(["Your foods", *[g for g in groups if g != "Your foods"]])
        if food:
            self.group.setCurrentText(food.group)
        self.per_100 = QRadioButton("per 100 g")
        self.per_serving = QRadioButton("per serving of")
        self.serving = QDoubleSpinBox()
        self.serving.setRange(1, 5000)
        self.serving.setSuffix(" g")
        self.serving.setValue(30)
        basis_group = QButtonGroup(self)
        basis_group.addButton(self.per_100)
        basis_group.addButton(self.per_serving)
        self.per_100.setChecked(True)
        basis = QHBoxLayout()
        basis.addWidget(QLabel("Values are"))
        basis.addWidget(self.per_100)
        basis.addWidget(self.per_serving)
        basis.addWidget(self.serving)
        basis.addStretch(1)

        grid = QGridLayout()
        self.values: dict[Nutrient, tuple[QLineEdit, QComboBox]] = {}
        for row, (nutrient, label, units) in enumerate(FIELDS):
            edit = QLineEdit()
            edit.setObjectName(f"value-{nutrient.value}")
            edit.setPlaceholderText("unknown")
            unit = QComboBox()
            unit.addItems(units)
            if food is not None and food.value(nutrient) is not None:
                edit.setText(f"{food.value(nutrient):g}")
            grid.addWidget(QLabel(label), row, 0)
            grid.addWidget(edit, row, 1)
            grid.addWidget(unit, row, 2)
            self.values[nutrient] = (edit, unit)
            edit.textChanged.connect(self._validate)
            unit.currentIndexChanged.connect(self._validate)
        hint = QLabel("Leave a field empty when the label does not give it: unknown is not zero.")
        hint.setWordWrap(True)

        flags_box = DietFlagsEditor("Diet flags (derived from the name; correct them if needed)")
        flags_box.edited.connect(self._flags_edited)
        self.flags = flags_box
        if food is not None:
            flags_box.set_flags(food.diet)

        self.portion_unit = QLineEdit(food.portions[0].unit if food and food.portions else "")
        self.portion_unit.setPlaceholderText("e.g. slice")
        self.portion_grams = QDoubleSpinBox()
        self.portion_grams.setRange(0, 5000)
        self.portion_grams.setSuffix(" g")
        if food and food.portions:
            self.portion_grams.setValue(food.portions[0].grams_per_unit)
        portion = QHBoxLayout()
        portion.addWidget(QLabel("1"))
        portion.addWidget(self.portion_unit)
        portion.addWidget(QLabel("="))
        portion.addWidget(self.portion_grams)

        self.problems = QLabel()
        self.problems.setObjectName("problems")
        self.problems.setWordWrap(True)
        form = QFormLayout()
        form.addRow("Name:", self.name)
        form.addRow("Group:", self.group)
        form.addRow("Household measure:", portion)
        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Save | QDialogButtonBox.StandardButton.Cancel
        )
        self.buttons.accepted.connect(self._save)
        self.buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addLayout(basis)
        layout.addLayout(grid)
        layout.addWidget(hint)
        layout.addWidget(flags_box)
        layout.addWidget(self.problems)
        layout.addWidget(self.buttons)
        self.name.textChanged.connect(self._name_changed)
        self.serving.valueChanged.connect(self._validate)
        self.per_serving.toggled.connect(self._validate)
        self._validate()

    def _flags_edited(self) -> None:
        self._flags_touched = True

    def _name_changed(self, text: str) -> None:
        if not self._flags_touched:
            self.flags.set_flags(derive_flags(text, self.group.currentText() or "Your foods"))
        self._validate()

    def food_input(self) -> FoodInput:
        """The form as a FoodInput (raises ValueError naming a field that is not a number)."""
        values = {}
        for nutrient, (edit, unit) in self.values.items():
            try:
                number = parse_number(edit.text())
            except ValueError:
                raise ValueError(f"{nutrient.label}: {edit.text()!r} is not a number") from None
            if number is not None:
                values[nutrient] = (number, unit.currentText())
        contains, may = self.flags.value()
        portions: tuple[Portion, ...] = ()
        if self.portion_unit.text().strip() and self.portion_grams.value() > 0:
            portions = (Portion(1.0, self.portion_unit.text().strip(), self.portion_grams.value()),)
        return FoodInput(
            name=self.name.text().strip(),
            group=self.group.currentText().strip() or "Your foods",
            basis_grams=self.serving.value() if self.per_serving.isChecked() else 100.0,
            values=values,
            contains=contains if self._flags_touched else None,
            may_contain=may,
            portions=portions,
        )

    def _validate(self) -> None:
        save = self.buttons.button(QDialogButtonBox.StandardButton.Save)
        try:
            result = self._check(self.food_input())
        except ValueError as exc:
            self.problems.setText(f"⚠ {exc}")
            save.setEnabled(False)
            return
        lines = [f"⚠ {p.field} ({p.value}): {p.message}" for p in result.problems]
        self.problems.setText("\n".join(lines))
        save.setEnabled(not result.errors)

    def _save(self) -> None:
        try:
            food = self.food_input()
        except ValueError as exc:
            self.problems.setText(f"⚠ {exc}")
            return
        result = self._check(food)
        if result.errors:
            return
        for q in result.questions:
            box = QMessageBox(
                QMessageBox.Icon.Question,
                "Check a value",
                f"{q.field}: {q.message}\n\nYes: store {q.suggestion:g} µg per 100 g.\n"
                "No: keep the value as typed.",
                QMessageBox.StandardButton.Yes
                | QMessageBox.StandardButton.No
                | QMessageBox.StandardButton.Cancel,
                self,
            )
            box.setTextFormat(Qt.TextFormat.PlainText)
            answer = box.exec()
            if answer == QMessageBox.StandardButton.Cancel:
                return
            if answer == QMessageBox.StandardButton.Yes and q.suggestion is not None:
                food = _scale_field(food, q.field, 1 / 1000)
        self.result_input = food
        self.confirmed = True
        self.accept()

    @classmethod
    def ask(
        cls,
        parent: QWidget | None,
        groups: Sequence[str],
        check: Callable[[FoodInput], NormalisedFood],
        food: Food | None = None,
    ) -> FoodInput | None:
        """Show the form; the confirmed input, or None."""
        dlg = cls(groups, check, food, parent)
        return dlg.result_input if dlg.exec() == QDialog.DialogCode.Accepted else None


def _scale_field(food: FoodInput, label: str, factor: float) -> FoodInput:
    values = dict(food.values)
    for nutrient, (value, unit) in food.values.items():
        if nutrient.label == label:
            values[nutrient] = (value * factor, unit)
    return replace(food, values=values)
