"""Set the diet flags of one row of an import, before importing it."""

from __future__ import annotations

from PySide6.QtWidgets import QDialog, QDialogButtonBox, QLabel, QVBoxLayout, QWidget

from k2planner.domain.diet import DietFlags
from k2planner.ui.widgets.diet_flags import DietFlagsEditor


class RowFlagsDialog(QDialog):
    """Tri-state boxes for one food of the file; OK returns the flags the user set."""

    def __init__(self, name: str, flags: DietFlags, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle("Diet flags")
        head = QLabel(f"Diet flags of “{name}”, as they will be imported:")
        head.setWordWrap(True)
        self.editor = DietFlagsEditor("Contains / may contain")
        self.editor.set_flags(flags)
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(head)
        layout.addWidget(self.editor)
        layout.addWidget(buttons)

    def flags(self) -> DietFlags:
        """The flags as set; every flag's reason says the user set it."""
        contains, may = self.editor.value()
        reasons = tuple(
            (f.names()[0], "you set this in the import preview") for f in (contains | may).each()
        )
        return DietFlags(contains, may, reasons)

    @classmethod
    def ask(cls, parent: QWidget | None, name: str, flags: DietFlags) -> DietFlags | None:
        """Show the dialog; the new flags, or None if cancelled."""
        dlg = cls(name, flags, parent)
        return dlg.flags() if dlg.exec() == QDialog.DialogCode.Accepted else None
