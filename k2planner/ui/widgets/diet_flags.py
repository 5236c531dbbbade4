"""Tri-state check boxes for a food's diet flags: empty = free, half = may contain, full =
contains. Each box's tooltip gives the reason the rules (or a review) decided it."""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import QCheckBox, QGridLayout, QGroupBox, QLabel, QWidget

from k2planner.domain.diet import ALL_FLAGS, Contains, DietFlags

_STATE = {
    Qt.CheckState.Unchecked: "free",
    Qt.CheckState.PartiallyChecked: "may contain",
    Qt.CheckState.Checked: "contains",
}


class DietFlagsEditor(QGroupBox):
    """Edit contains / may contain for every tracked flag.

    Signals:
        edited(): the user changed a box.
    """

    edited = Signal()

    def __init__(self, title: str, parent: QWidget | None = None) -> None:
        super().__init__(title, parent)
        grid = QGridLayout(self)
        self.boxes: dict[Contains, QCheckBox] = {}
        for i, flag in enumerate(ALL_FLAGS.each()):
            box = QCheckBox(flag.label.capitalize())
            box.setObjectName(f"flag-{flag.names()[0]}")
            box.setTristate(True)
            box.checkStateChanged.connect(lambda _s, b=box: self._changed(b))
            self.boxes[flag] = box
            grid.addWidget(box, i // 3, i % 3)
        hint = QLabel("Click to cycle: empty = free of it · half = may contain · ticked = contains")
        hint.setWordWrap(True)
        grid.addWidget(hint, 3, 0, 1, 3)
        self._reasons: DietFlags = DietFlags()

    def set_flags(self, flags: DietFlags) -> None:
        """Show ``flags`` (without emitting ``edited``)."""
        self._reasons = flags
        for flag, box in self.boxes.items():
            box.blockSignals(True)
            if flag & flags.contains:
                box.setCheckState(Qt.CheckState.Checked)
            elif flag & flags.may_contain:
                box.setCheckState(Qt.CheckState.PartiallyChecked)
            else:
                box.setCheckState(Qt.CheckState.Unchecked)
            box.blockSignals(False)
            self._tip(flag, box)

    def value(self) -> tuple[Contains, Contains]:
        """(contains, may contain) as ticked."""
        contains = may = Contains.NONE
        for flag, box in self.boxes.items():
            if box.checkState() == Qt.CheckState.Checked:
                contains |= flag
            elif box.checkState() == Qt.CheckState.PartiallyChecked:
                may |= flag
        return contains, may

    def _changed(self, box: QCheckBox) -> None:
        box.setToolTip(f"{_STATE[box.checkState()].capitalize()} – you set this")
        self.edited.emit()

    def _tip(self, flag: Contains, box: QCheckBox) -> None:
        why = self._reasons.reason(flag) or "no rule found it"
        box.setToolTip(f"{_STATE[box.checkState()].capitalize()} – {why}")
