"""Widgets shared by several dialogs."""

from __future__ import annotations

import html
from collections.abc import Iterable

from PySide6.QtCore import QSize, Qt
from PySide6.QtWidgets import (
    QButtonGroup,
    QCheckBox,
    QDialog,
    QDialogButtonBox,
    QDoubleSpinBox,
    QGridLayout,
    QLabel,
    QMessageBox,
    QRadioButton,
    QTextBrowser,
    QVBoxLayout,
    QWidget,
)

from k2planner.domain.diet import Restriction
from k2planner.domain.preferences import Anticoagulant, Preferences
from k2planner.domain.sources import Source
from k2planner.domain.vka import (
    K2_SPREAD_EXPLANATION,
    K2_SPREAD_RANGE_UG,
    MK7_CAP_EXPLANATION,
    MK7_CAP_RANGE_UG,
)
from k2planner.ui.widgets.fit import fit_to_screen

RESTRICTION_HELP = {
    Restriction.VEGETARIAN: "no meat or fish",
    Restriction.STRICT_VEGETARIAN: "vegetarian, and no animal rennet (Parmesan, Gruyère …), "
    "gelatine or isinglass-fined drinks",
    Restriction.VEGAN: "no animal foods at all",
    Restriction.PESCATARIAN: "fish but no meat",
    Restriction.DAIRY_FREE: "no milk, cheese, butter …",
    Restriction.EGG_FREE: "no eggs",
    Restriction.GLUTEN_FREE: "no wheat, barley, rye, oats",
    Restriction.SOY_FREE: "no soy (this excludes natto)",
    Restriction.NUT_FREE: "no tree nuts or peanuts",
}


class RestrictionPicker(QWidget):
    """Check boxes for the dietary restrictions."""

    def __init__(self, chosen: Iterable[Restriction] = (), parent: QWidget | None = None) -> None:
        super().__init__(parent)
        grid = QGridLayout(self)
        grid.setContentsMargins(0, 0, 0, 0)
        self.boxes: dict[Restriction, QCheckBox] = {}
        picked = set(chosen)
        for i, r in enumerate(Restriction):
            box = QCheckBox(f"{r.label}")
            box.setToolTip(RESTRICTION_HELP[r])
            box.setChecked(r in picked)
            box.setObjectName(f"restriction-{r.value}")
            self.boxes[r] = box
            grid.addWidget(box, i // 2, i % 2)

    def value(self) -> frozenset[Restriction]:
        """The ticked restrictions."""
        return frozenset(r for r, b in self.boxes.items() if b.isChecked())


class AnticoagulantPicker(QWidget):
    """None / vitamin K antagonist / direct oral anticoagulant, with baseline and band."""

    def __init__(self, prefs: Preferences, parent: QWidget | None = None) -> None:
        current, baseline, band = prefs.anticoagulant, prefs.vk_baseline_ug, prefs.vk_band_ug
        super().__init__(parent)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        self._group = QButtonGroup(self)
        self.buttons: dict[Anticoagulant, QRadioButton] = {}
        for a in Anticoagulant:
            b = QRadioButton(a.label)
            b.setObjectName(f"anticoagulant-{a.value}")
            self.buttons[a] = b
            self._group.addButton(b)
            layout.addWidget(b)
        self.buttons[current].setChecked(True)
        self.baseline = QDoubleSpinBox()
        self.baseline.setRange(10, 2000)
        self.baseline.setSuffix(" µg/day")
        self.baseline.setDecimals(0)
        self.baseline.setValue(baseline)
        self.band = QDoubleSpinBox()
        self.band.setRange(5, 1000)
        self.band.setPrefix("± ")
        self.band.setSuffix(" µg")
        self.band.setDecimals(0)
        self.band.setValue(band)
        self._vka = QWidget()
        grid = QGridLayout(self._vka)
        grid.setContentsMargins(24, 0, 0, 0)
        note = QLabel(
            "With a vitamin K antagonist the plan keeps your daily vitamin K (K1 + K2) steady "
            "instead of raising K2. Use the usual intake your clinic knows; if you do not know "
            "it, keep the default and ask your clinic."
        )
        note.setWordWrap(True)
        grid.addWidget(note, 0, 0, 1, 2)
        grid.addWidget(QLabel("Usual daily vitamin K:"), 1, 0)
        grid.addWidget(self.baseline, 1, 1)
        grid.addWidget(QLabel("Allowed day-to-day change:"), 2, 0)
        grid.addWidget(self.band, 2, 1)
        self.mk7_cap = QDoubleSpinBox()
        self.mk7_cap.setObjectName("mk7-cap")
        self.mk7_cap.setRange(*MK7_CAP_RANGE_UG)
        self.mk7_cap.setDecimals(0)
        self.mk7_cap.setSuffix(" µg/day")
        self.mk7_cap.setValue(prefs.vka_mk7_cap_ug)
        self.mk7_cap.setToolTip(MK7_CAP_EXPLANATION)
        grid.addWidget(QLabel("Most MK-7 in a day:"), 3, 0)
        grid.addWidget(self.mk7_cap, 3, 1)
        cap_note = QLabel(MK7_CAP_EXPLANATION)
        cap_note.setWordWrap(True)
        cap_note.setTextFormat(Qt.TextFormat.PlainText)
        cap_note.setObjectName("note")
        grid.addWidget(cap_note, 4, 0, 1, 2)
        self.k2_spread = QDoubleSpinBox()
        self.k2_spread.setObjectName("k2-spread")
        self.k2_spread.setRange(*K2_SPREAD_RANGE_UG)
        self.k2_spread.setDecimals(0)
        self.k2_spread.setSuffix(" µg")
        self.k2_spread.setValue(prefs.vka_k2_spread_ug)
        self.k2_spread.setToolTip(K2_SPREAD_EXPLANATION)
        grid.addWidget(QLabel("K2 steady within:"), 5, 0)
        grid.addWidget(self.k2_spread, 5, 1)
        spread_note = QLabel(K2_SPREAD_EXPLANATION)
        spread_note.setWordWrap(True)
        spread_note.setTextFormat(Qt.TextFormat.PlainText)
        grid.addWidget(spread_note, 6, 0, 1, 2)
        never = QLabel(
            "Natto and foods with 50 µg of MK-7 or more per 100 g are never planned in this "
            "mode, whatever these settings say. Change them only with your anticoagulation "
            "clinic."
        )
        never.setWordWrap(True)
        never.setTextFormat(Qt.TextFormat.PlainText)
        grid.addWidget(never, 7, 0, 1, 2)
        layout.addWidget(self._vka)
        self._group.buttonToggled.connect(self._sync)
        self._sync()

    def _sync(self, *_args: object) -> None:
        self._vka.setVisible(self.value() is Anticoagulant.VKA)

    def value(self) -> Anticoagulant:
        """The chosen anticoagulant."""
        return next(a for a, b in self.buttons.items() if b.isChecked())

    def changes(self) -> dict[str, object]:
        """The picked values as preference changes."""
        return {
            "anticoagulant": self.value(),
            "vk_baseline_ug": self.baseline.value(),
            "vk_band_ug": self.band.value(),
            "vka_mk7_cap_ug": self.mk7_cap.value(),
            "vka_k2_spread_ug": self.k2_spread.value(),
        }


def show_sources(parent: QWidget | None, title: str, sources: Iterable[Source]) -> None:
    """A small window listing citations (with links)."""
    dlg = QDialog(parent)
    dlg.setWindowTitle(f"Sources – {title}")
    fit_to_screen(dlg, QSize(560, 360))
    text = QTextBrowser()
    text.setOpenExternalLinks(True)
    items = []
    for s in sources:
        link = f' <a href="{html.escape(s.url)}">{html.escape(s.url)}</a>' if s.url else ""
        items.append(f"<li><b>{html.escape(s.key)}</b>: {html.escape(s.citation)}{link}</li>")
    text.setHtml("<ul>" + "".join(items) + "</ul>" if items else "<p>No sources.</p>")
    buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
    buttons.rejected.connect(dlg.reject)
    layout = QVBoxLayout(dlg)
    layout.addWidget(text)
    layout.addWidget(buttons)
    dlg.exec()


def show_error(parent: QWidget | None, title: str, message: str, details: str = "") -> None:
    """A plain-language error message (technical details folded away)."""
    box = QMessageBox(parent)
    box.setIcon(QMessageBox.Icon.Warning)
    box.setWindowTitle(title)
    box.setTextFormat(Qt.TextFormat.PlainText)
    box.setText(message)
    if details:
        box.setDetailedText(details)
    box.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
    box.exec()
