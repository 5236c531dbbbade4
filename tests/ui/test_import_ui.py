"""The import dialog, its models, and the File menu (import, export, backup, restore)."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtCore import Qt, QTimer
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication, QMenu
from sqlalchemy.engine import Engine

from k2planner.domain.diet import Contains, DietFlags
from k2planner.domain.nutrients import Nutrient
from k2planner.services.catalog import CatalogService
from k2planner.services.importer import ImportService, OnDuplicate
from k2planner.ui.dialogs.import_dialog import ImportDialog
from k2planner.ui.dialogs.import_summary import SummaryDialog
from k2planner.ui.dialogs.row_flags import RowFlagsDialog
from k2planner.ui.models.import_models import MappingModel, MappingRow, PreviewModel, PreviewRow
from k2planner.ui.workers import TaskRunner

CSV = (
    "Produkt;Vitamin K1 (µg);menaquinone-7;Vitamin K2 (µg);kcal\n"
    "Hof-Gouda;2,4;1,6;75,0;370\n"
    "Kefir natur;0,3;;8,4;61\n"
    "Bergkäse;1,0;;90;400\n"
)


def _count(engine: Engine) -> int:
    with engine.connect() as c:
        return int(c.exec_driver_sql("SELECT COUNT(*) FROM food").scalar_one())


def _dialog(qtbot, engine: Engine, path: Path) -> ImportDialog:  # type: ignore[no-untyped-def]
    dlg = ImportDialog(ImportService(engine), TaskRunner(), path)
    qtbot.addWidget(dlg)
    with qtbot.waitSignal(dlg.loaded, timeout=20000):
        dlg.show()
    return dlg


def _summary(dlg: ImportDialog) -> SummaryDialog:
    found = dlg.findChildren(SummaryDialog)
    assert found, "no summary shown"
    return found[-1]


def test_mapping_and_preview_models(qtmodeltester) -> None:  # type: ignore[no-untyped-def]
    """Both models pass Qt's model checks; a mapping edit sets the nutrient's unit."""
    mapping = MappingModel()
    mapping.set_rows(
        [MappingRow(0, "Food", "Gouda", "name", ""), MappingRow(1, "MK7", "12", "", "")]
    )
    qtmodeltester.check(mapping)
    assert mapping.flags(mapping.index(1, 2)) & Qt.ItemFlag.ItemIsEditable
    assert not mapping.flags(mapping.index(1, 0)) & Qt.ItemFlag.ItemIsEditable
    changed = []
    mapping.mapping_changed.connect(lambda: changed.append(1))
    assert mapping.setData(mapping.index(1, 2), Nutrient.MK7.value)
    assert changed and mapping.rows[1].field == Nutrient.MK7.value
    assert mapping.rows[1].unit == "µg"
    assert mapping.index(1, 2).data().startswith("MK-7")
    preview = PreviewModel()
    values = {
        Nutrient.K1: 2.0,
        Nutrient.MK7: 1.5,
        Nutrient.K2_REPORTED: 75.0,
        Nutrient.ENERGY: 370.0,
    }
    preview.set_rows(
        [PreviewRow(2, "Gouda", values, "ok", "OK"), PreviewRow(3, "", {}, "error", "bad")]
    )
    qtmodeltester.check(preview)
    assert preview.index(1, 8).data(Qt.ItemDataRole.BackgroundRole) is not None
    assert preview.index(0, 3).data() == ""  # unknown MK-4 stays blank, not 0
    assert preview.index(0, 4).data() == "1.5"


def test_dialog_guesses_mapping_and_imports(
    qtbot,
    seeded_engine: Engine,  # type: ignore[no-untyped-def]
    tmp_path: Path,
) -> None:
    """Headers are recognised, the preview shows values, Import adds the foods."""
    path = tmp_path / "diaetassistentin.csv"
    path.write_text(CSV, encoding="latin-1")
    before = _count(seeded_engine)
    dlg = _dialog(qtbot, seeded_engine, path)
    fields = {r.header: r.field for r in dlg.mapping.rows}
    assert fields["Produkt"] == "name"
    assert fields["menaquinone-7"] == Nutrient.MK7.value
    assert fields["Vitamin K2 (µg)"] == Nutrient.K2_REPORTED.value
    assert fields["kcal"] == Nutrient.ENERGY.value
    assert dlg.mapping.rows[0].sample == "Hof-Gouda"
    assert dlg.mapping_view.isVisibleTo(dlg)
    assert [r.name for r in dlg.preview.rows] == ["Hof-Gouda", "Kefir natur", "Bergkäse"]
    assert dlg.preview.rows[0].values[Nutrient.MK7] == pytest.approx(1.6)
    assert dlg.import_button.isEnabled()
    with qtbot.waitSignal(dlg.imported, timeout=20000):
        dlg.import_button.click()
    assert dlg.summary is not None and dlg.summary.added == 3
    assert _count(seeded_engine) == before + 3
    report = _summary(dlg)
    report.close()
    qtbot.waitUntil(lambda: dlg.result() == 1, timeout=5000)
    gouda = [f for f in CatalogService(seeded_engine).search_foods("Hof-Gouda", 5)]
    assert gouda and gouda[0].name == "Hof-Gouda"


def test_remapping_a_column_rereads_the_file(
    qtbot,
    seeded_engine: Engine,  # type: ignore[no-untyped-def]
    tmp_path: Path,
) -> None:
    """Ignoring the K2 total column removes it from the preview."""
    path = tmp_path / "d.csv"
    path.write_text(CSV, encoding="utf-8")
    dlg = _dialog(qtbot, seeded_engine, path)
    col = next(r.column for r in dlg.mapping.rows if r.header == "Vitamin K2 (µg)")
    with qtbot.waitSignal(dlg.loaded, timeout=20000):
        dlg.mapping.setData(dlg.mapping.index(col, 2), "")
    assert all(Nutrient.K2_REPORTED not in r.values for r in dlg.preview.rows)
    assert Nutrient.K2_REPORTED.value not in {c.field for c in dlg.current_mapping()}


def test_bad_last_row_imports_nothing_and_says_where(
    qtbot,
    seeded_engine: Engine,  # type: ignore[no-untyped-def]
    tmp_path: Path,
) -> None:
    """An error in the last row rejects the import unless the user skips bad rows."""
    path = tmp_path / "bad.csv"
    path.write_text(CSV + "Kaputt;-3;;;\n", encoding="utf-8")
    before = _count(seeded_engine)
    dlg = _dialog(qtbot, seeded_engine, path)
    bad = [r for r in dlg.preview.rows if r.status == "error"]
    assert [r.row for r in bad] == [5]
    assert "negative" in bad[0].message.lower() or "below" in bad[0].message.lower()
    dlg.import_button.click()
    qtbot.waitUntil(lambda: bool(dlg.findChildren(SummaryDialog)), timeout=20000)
    assert _count(seeded_engine) == before
    assert "row 5" in _summary(dlg).findChild(type(dlg.info)).text()
    _summary(dlg).close()
    dlg.skip_bad.setChecked(True)
    with qtbot.waitSignal(dlg.imported, timeout=20000):
        dlg.import_button.click()
    assert _count(seeded_engine) == before + 3
    assert dlg.summary is not None and [r for r, _ in dlg.summary.rejected] == [5]


def test_duplicates_marked_and_per_row_choice(
    qtbot,
    seeded_engine: Engine,  # type: ignore[no-untyped-def]
    tmp_path: Path,
) -> None:
    """A second import of the same file finds duplicates; one row can be updated."""
    path = tmp_path / "d.csv"
    path.write_text(CSV, encoding="utf-8")
    svc = ImportService(seeded_engine)
    from k2planner.services.import_read import read_import

    svc.commit(read_import(path))
    changed = tmp_path / "d2.csv"
    changed.write_text(CSV.replace("8,4;61", "9,9;61"), encoding="utf-8")
    dlg = _dialog(qtbot, seeded_engine, changed)
    assert {r.status for r in dlg.preview.rows} == {"duplicate"}
    kefir = next(r for r in dlg.preview.rows if r.name == "Kefir natur")
    assert kefir.action is OnDuplicate.SKIP
    dlg._set_row_action(kefir.row, OnDuplicate.UPDATE)
    assert next(r for r in dlg.preview.rows if r.name == "Kefir natur").action is OnDuplicate.UPDATE
    before = _count(seeded_engine)
    with qtbot.waitSignal(dlg.imported, timeout=20000):
        dlg.import_button.click()
    assert dlg.summary is not None and (dlg.summary.updated, len(dlg.summary.skipped)) == (1, 2)
    assert _count(seeded_engine) == before
    food = next(
        f
        for f in CatalogService(seeded_engine).search_foods("Kefir natur", 5)
        if f.name == "Kefir natur"
    )
    assert food.value(Nutrient.K2_REPORTED) == pytest.approx(9.9)


def test_unreadable_file_is_explained(qtbot, seeded_engine: Engine, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    """A broken JSON file shows what is wrong and offers no Import."""
    path = tmp_path / "broken.json"
    path.write_text('{"format": "k2planner-export", "foods": [', encoding="utf-8")
    dlg = _dialog(qtbot, seeded_engine, path)
    assert not dlg.import_button.isEnabled()
    assert "broken.json" in dlg.info.text()


def test_file_menu_import_export_backup_restore(qtbot, window, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    """Import from the File menu, export the user's foods, back up, import more, restore."""
    w = window
    menus = [a.text() for a in w.menuBar().actions()]
    assert menus[0] == "&File"
    path = tmp_path / "mine.csv"
    path.write_text(CSV, encoding="utf-8")
    dlg = w.files.import_file(path)
    qtbot.waitUntil(lambda: dlg.import_button.isEnabled(), timeout=20000)
    with qtbot.waitSignal(w.files.data_changed, timeout=20000):
        dlg.import_button.click()
    assert w.tabs.currentWidget() is w.foods_view
    _summary(dlg).close()

    from k2planner.ui.file_actions import EXPORTS

    export = tmp_path / "out" / "my-foods"
    export.parent.mkdir()
    kind = next(k for k in EXPORTS if k.what == "foods" and k.scope.value == "user")
    with qtbot.waitSignal(w.files.status_message, timeout=20000):
        w.files.export(kind, export)
    text = (tmp_path / "out" / "my-foods.csv").read_text(encoding="utf-8")
    assert "Hof-Gouda" in text and "Bergkäse" in text

    backup = tmp_path / "backup.sqlite"
    with qtbot.waitSignal(w.files.status_message, timeout=20000):
        w.files.backup(backup)
    assert backup.stat().st_size > 100_000

    more = tmp_path / "more.csv"
    more.write_text("Name,MK-7 (µg)\nNachher-Natto,900\n", encoding="utf-8")
    dlg2 = w.files.import_file(more)
    qtbot.waitUntil(lambda: dlg2.import_button.isEnabled(), timeout=20000)
    with qtbot.waitSignal(w.files.data_changed, timeout=20000):
        dlg2.import_button.click()
    _summary(dlg2).close()
    catalog = w._catalog
    assert catalog.search_foods("Nachher-Natto", 5)

    qtbot.waitUntil(lambda: not w._runner.busy, timeout=20000)  # the foods view reloads first
    with qtbot.waitSignal(w.files.database_replaced, timeout=20000):
        w.files.restore(backup, confirm=False)
    assert not catalog.search_foods("Nachher-Natto", 5)
    assert catalog.search_foods("Hof-Gouda", 5)
    kept = list((tmp_path / "backups").glob("k2planner-before-restore-*.sqlite"))
    assert kept, "the replaced database was not kept"


def test_restore_refuses_a_file_that_is_not_a_backup(
    qtbot,
    window,
    tmp_path: Path,  # type: ignore[no-untyped-def]
    monkeypatch,
) -> None:
    """A text file is refused with a message and nothing changes."""
    import k2planner.ui.file_actions as fa

    shown: list[str] = []
    monkeypatch.setattr(
        fa, "show_error", lambda parent, title, message, tb="": shown.append(message)
    )
    junk = tmp_path / "notes.sqlite"
    junk.write_text("hello", encoding="utf-8")
    before = len(window._catalog.search_foods("gouda", 50))
    window.files.restore(junk, confirm=False)
    assert shown and "not changed" in shown[0]
    assert len(window._catalog.search_foods("gouda", 50)) == before


def test_off_preview_shows_vitamin_k_of_unstated_form(qtmodeltester) -> None:  # type: ignore[no-untyped-def]
    """Open Food Facts vitamin K (form not stated) has its own preview column, in µg."""
    from k2planner.services.import_read import read_import
    from k2planner.ui.models.import_models import preview_rows

    parsed = read_import(Path(__file__).resolve().parent.parent / "data" / "off" / "product.json")
    rows = preview_rows(parsed, {}, {}, OnDuplicate.SKIP)
    model = PreviewModel()
    model.set_rows(rows)
    qtmodeltester.check(model)
    headers = [model.headerData(c, Qt.Orientation.Horizontal) for c in range(model.columnCount())]
    col = headers.index("Vit. K µg")
    assert float(model.index(0, col).data()) == pytest.approx(
        parsed.foods[0].values[Nutrient.VK_TOTAL], rel=1e-2
    )
    assert model.index(0, headers.index("K2 µg")).data() == ""


def test_only_the_newest_mapping_counts(qtbot, seeded_engine: Engine, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    """Two quick edits: the preview ends with the second, whatever order the reads finish in."""
    path = tmp_path / "d.csv"
    path.write_text(CSV, encoding="utf-8")
    dlg = _dialog(qtbot, seeded_engine, path)
    col = next(r.column for r in dlg.mapping.rows if r.header == "Vitamin K2 (µg)")
    dlg.mapping.setData(dlg.mapping.index(col, 2), "")
    dlg.mapping.setData(dlg.mapping.index(col, 2), Nutrient.K2_REPORTED.value)
    qtbot.waitUntil(lambda: dlg._reading == 0, timeout=20000)
    assert [r.values.get(Nutrient.K2_REPORTED) for r in dlg.preview.rows] == [75.0, 8.4, 90.0]
    assert dlg.import_button.isEnabled()


@pytest.mark.qt_log_ignore("This plugin does not support (raise|grabbing)")  # offscreen popups
def test_preview_shows_diet_flags_and_the_row_menu_changes_them(
    qtbot,
    seeded_engine: Engine,  # type: ignore[no-untyped-def]
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """Each row shows the flags it will get (Bergkäse: animal rennet); "Diet flags…" in the
    row's context menu sets them, and the import keeps the choice."""
    path = tmp_path / "d.csv"
    path.write_text(CSV, encoding="utf-8")
    dlg = _dialog(qtbot, seeded_engine, path)
    rows = {r.name: r for r in dlg.preview.rows}
    berg = rows["Bergkäse"]
    assert berg.flags is not None and berg.flags.contains & Contains.ANIMAL_ADDITIVE
    col = dlg.preview.column_index("Diet")
    assert "dairy" in dlg.preview.index(2, col).data()
    tip = dlg.preview.index(2, col).data(Qt.ItemDataRole.ToolTipRole)
    assert "animal rennet" in tip
    chosen = DietFlags(Contains.DAIRY, Contains.NONE, (("dairy", "you set this"),))
    monkeypatch.setattr(RowFlagsDialog, "ask", classmethod(lambda cls, p, name, f: chosen))

    def pick() -> None:
        menu = QApplication.activePopupWidget()
        assert isinstance(menu, QMenu)
        action = next(a for a in menu.actions() if a.text() == "Diet flags…")
        menu.setActiveAction(action)
        QTest.keyClick(menu, Qt.Key.Key_Return)

    QTimer.singleShot(200, pick)
    pos = dlg.preview_view.visualRect(dlg.preview.index(2, 1)).center()
    dlg.preview_view.customContextMenuRequested.emit(pos)
    assert dlg.preview.rows[2].flags == chosen and dlg.preview.rows[2].flags_set
    assert "✎" in dlg.preview.index(2, col).data()
    with qtbot.waitSignal(dlg.imported, timeout=20000):
        dlg.import_button.click()
    berg_food = next(
        f for f in CatalogService(seeded_engine).search_foods("Bergkäse", 5) if f.name == "Bergkäse"
    )
    assert berg_food.contains == Contains.DAIRY and berg_food.may_contain == Contains.NONE
    _summary(dlg).close()
