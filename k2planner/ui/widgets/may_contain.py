"""The "may contain" setting: per restriction, whether a food that *may* contain a forbidden
ingredient (traces, an unstated rennet) is left out of plans or planned with a note."""

from __future__ import annotations

from collections.abc import Iterable

from PySide6.QtWidgets import QCheckBox, QGridLayout, QGroupBox, QLabel, QWidget

from k2planner.domain.diet import Restriction


class MayContainPicker(QGroupBox):
    """One box per restriction: ticked = "may contain" excludes the food."""

    def __init__(self, excluded: Iterable[Restriction], parent: QWidget | None = None) -> None:
        super().__init__("“May contain” leaves a meal out for:", parent)
        grid = QGridLayout(self)
        chosen = set(excluded)
        self.boxes: dict[Restriction, QCheckBox] = {}
        for i, r in enumerate(Restriction):
            box = QCheckBox(r.label)
            box.setObjectName(f"may-{r.value}")
            box.setChecked(r in chosen)
            box.setToolTip(
                f"Ticked: a meal that may contain what “{r.label.lower()}” avoids is not planned. "
                "Unticked: it is planned, with a note naming the ingredient."
            )
            self.boxes[r] = box
            grid.addWidget(box, i // 3, i % 3)
        hint = QLabel(
            "By default allergies leave such meals out, and diets plan them with a note "
            "(for example a cheese whose rennet is not stated)."
        )
        hint.setWordWrap(True)
        grid.addWidget(hint, 3, 0, 1, 3)

    def value(self) -> frozenset[Restriction]:
        """The restrictions under which "may contain" excludes."""
        return frozenset(r for r, b in self.boxes.items() if b.isChecked())
