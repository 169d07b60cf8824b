import datetime as dt
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QDateTimeEdit
from trainer_desktop.ui.operations import OperationRunner
from trainer_desktop.ui.programme_editor import ProgrammeEditor

def test_x(qtbot, workspace, monkeypatch):
    from PySide6.QtWidgets import QMessageBox
    for n in ('warning','critical','question','information'):
        monkeypatch.setattr(QMessageBox, n, lambda *a, n=n: print('BOX', n, a[2]) or QMessageBox.StandardButton.Yes)
    s = workspace.sessions.create(title="T", start_date=dt.date(2022,11,8), end_date=dt.date(2022,11,10))
    r = OperationRunner()
    e = ProgrammeEditor(workspace, r, s.id); qtbot.addWidget(e); e.show()
    e.activateWindow(); qtbot.waitUntil(e.isActiveWindow)
    e.table.setFocus()
    print("A", e.table.hasFocus())
    qtbot.keyClick(e.table, Qt.Key_Insert)
    d = e.item_dialog
    print("B", d, d and d.isVisible())
    qtbot.waitUntil(d.isActiveWindow)
    print("C", d.title.hasFocus(), QApplication.focusWidget())
    qtbot.keyClicks(d.title, "Hello")
    qtbot.mouseClick(d.ok_button, Qt.LeftButton)
    print("D", [i.title for i in workspace.programme.items(s.id)], e.item_dialog, e.model.rowCount(), e.table.currentIndex().row())
    qtbot.keyClick(e.table, Qt.Key_N, Qt.ControlModifier | Qt.ShiftModifier)
    d = e.item_dialog
    print("E", d, d.start.time(), d.end.time())
    qtbot.keyClicks(d.title, "Two")
    qtbot.keyClick(d.title, Qt.Key_Return)
    print("F", [(i.title, i.start_time) for i in workspace.programme.items(s.id)], e.table.currentIndex().row(), QApplication.focusWidget())
    qtbot.keyClick(e.table, Qt.Key_Up, Qt.ControlModifier)
    print("G", [(i.title, i.start_time) for i in workspace.programme.items(s.id)], e.table.currentIndex().row())
    qtbot.keyClick(e.table, Qt.Key_Return)
    print("H", e.item_dialog and e.item_dialog.title.text())
