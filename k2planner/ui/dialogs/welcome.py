"""First start: the three questions that change the plan."""

from __future__ import annotations

from PySide6.QtCore import QSize
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QDoubleSpinBox,
    QGroupBox,
    QLabel,
    QVBoxLayout,
    QWidget,
)

from k2planner.domain.preferences import DEFAULT_K2_TARGET_UG, Preferences
from k2planner.ui.dialogs.common import AnticoagulantPicker, RestrictionPicker
from k2planner.ui.widgets.fit import fit_to_screen, scrolling


class WelcomeDialog(QDialog):
    """Welcome: K2 target, restrictions, anticoagulant. Everything can change later."""

    def __init__(self, prefs: Preferences, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle("Welcome to K2 Planner")
        self._prefs = prefs
        intro = QLabel(
            "<h2>Welcome</h2><p>K2 Planner plans a week of meals that reaches a daily vitamin "
            "K2 goal, prints your shopping list, and tells you honestly when food alone falls "
            "short. Three questions, and you will see your first week. You can change every "
            "answer later in Settings.</p>"
        )
        intro.setWordWrap(True)

        self.target = QDoubleSpinBox()
        self.target.setObjectName("target")
        self.target.setRange(10, 1000)
        self.target.setDecimals(0)
        self.target.setSuffix(" µg of K2 a day")
        self.target.setValue(prefs.k2_target_ug)
        why = QLabel(
            f"There is no official recommendation for K2. The default, "
            f"{DEFAULT_K2_TARGET_UG:.0f} µg, is the US Adequate Intake for total vitamin K "
            "for women (120 µg for men); EFSA's 70 µg a day is for K1 only."
        )
        why.setWordWrap(True)
        g1 = QGroupBox("1. Your daily K2 goal")
        l1 = QVBoxLayout(g1)
        l1.addWidget(self.target)
        l1.addWidget(why)

        self.restrictions = RestrictionPicker(prefs.restrictions)
        g2 = QGroupBox("2. Anything you do not eat?")
        l2 = QVBoxLayout(g2)
        l2.addWidget(self.restrictions)

        self.anticoagulant = AnticoagulantPicker(prefs)
        g3 = QGroupBox("3. Do you take a blood thinner (anticoagulant)?")
        l3 = QVBoxLayout(g3)
        l3.addWidget(self.anticoagulant)

        buttons = QDialogButtonBox()
        buttons.addButton("Plan my week", QDialogButtonBox.ButtonRole.AcceptRole)
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        content = QWidget()
        inner = QVBoxLayout(content)
        for w in (intro, g1, g2, g3):
            inner.addWidget(w)
        inner.addStretch(1)
        layout = QVBoxLayout(self)
        layout.addWidget(scrolling(content), 1)
        layout.addWidget(buttons)
        fit_to_screen(self, QSize(560, 760))

    def preferences(self) -> Preferences:
        """The answers as preferences."""
        return self._prefs.with_changes(
            k2_target_ug=self.target.value(),
            restrictions=self.restrictions.value(),
            **self.anticoagulant.changes(),
            first_run_done=True,
        )

    @classmethod
    def ask(cls, parent: QWidget | None, prefs: Preferences) -> Preferences | None:
        """Show the dialog; the answers, or None if closed."""
        dlg = cls(prefs, parent)
        return dlg.preferences() if dlg.exec() == QDialog.DialogCode.Accepted else None
