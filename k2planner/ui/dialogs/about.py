"""About and Help: version, what the app does, data sources and references."""

from __future__ import annotations

import html
from pathlib import Path

from PySide6.QtCore import QSize
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QTabWidget,
    QTextBrowser,
    QVBoxLayout,
    QWidget,
)

from k2planner import APP_DISPLAY_NAME, __version__
from k2planner.domain.sources import DATA_SOURCE_KEYS, SOURCES
from k2planner.paths import resources_dir
from k2planner.ui.widgets.fit import fit_to_screen


def about_html() -> str:
    """The About text with the SOURCES section."""
    data = "".join(
        f"<li><b>{html.escape(SOURCES[k].key)}</b>: {html.escape(SOURCES[k].citation)}</li>"
        for k in DATA_SOURCE_KEYS
    )
    refs = "".join(
        f"<li><b>{html.escape(s.key)}</b>: {html.escape(s.citation)}"
        + (f' <a href="{html.escape(s.url)}">{html.escape(s.url)}</a>' if s.url else "")
        + "</li>"
        for k, s in SOURCES.items()
        if k not in DATA_SOURCE_KEYS
    )
    return (
        f"<h2>{APP_DISPLAY_NAME} {__version__}</h2>"
        "<p>Plans a week of meals that reaches a daily vitamin K2 (menaquinone) goal, from "
        "real food-composition data with the source of every value. Values nobody measured "
        "are shown as unknown, never as zero.</p>"
        "<p><b>K2 Planner informs; it does not prescribe.</b> There is no official intake "
        "recommendation for K2. If you take an anticoagulant, talk to the clinician who "
        "manages it before you change your diet or start a supplement.</p>"
        "<h3>How to use it</h3><ul>"
        "<li><b>Plan</b>: Generate a week (Ctrl+G), Regenerate (Ctrl+R) keeps locked slots. "
        "Click a padlock to lock a meal; right-click a meal to swap, lock or clear it; "
        "double-click for its ingredients. Ctrl+Z undoes an edit, Ctrl+Shift+Z redoes it; "
        "Ctrl+Shift+R plans the selected day again; Plan → History (Ctrl+H) lists earlier "
        "versions of the week. Name the people you cook for in Settings → Week: each gets "
        "servings that fit their energy target.</li>"
        "<li><b>Foods</b>: search all foods; each value shows its source and quality tier "
        "(measured, literature, estimated, yours). Add your own from a label.</li>"
        "<li><b>Meals</b>: browse, mark favourites or exclude; create your own meals.</li></ul>"
        f"<h3>Data sources</h3><ul>{data}</ul><h3>References for the app's statements</h3>"
        f"<ul>{refs}</ul>"
    )


def licences_text(resources: Path) -> str:
    """The MIT licence of the app and the third-party notices (Markdown)."""
    folder = resources / "licenses"
    try:
        notices = (folder / "THIRD_PARTY_NOTICES.md").read_text(encoding="utf-8")
    except OSError:
        notices = "The third-party notices are missing from this installation."
    return (
        f"# {APP_DISPLAY_NAME} licence\n\nK2 Planner is free software under the MIT licence.\n\n"
        + notices
        + "\n\nThe texts of the GNU LGPL 3.0 and GPL 3.0 are in "
        + f"`{folder / 'LGPL-3.0.txt'}` and `{folder / 'GPL-3.0.txt'}`."
    )


class AboutDialog(QDialog):
    """About / Help with the sources."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(f"About {APP_DISPLAY_NAME}")
        fit_to_screen(self, QSize(680, 600))
        text = QTextBrowser()
        text.setOpenExternalLinks(True)
        text.setHtml(about_html())
        notices = QTextBrowser()
        notices.setObjectName("licences")
        notices.setOpenExternalLinks(True)
        notices.setMarkdown(licences_text(resources_dir()))
        tabs = QTabWidget()
        tabs.addTab(text, "About and sources")
        tabs.addTab(notices, "Licences")
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(tabs)
        layout.addWidget(buttons)
