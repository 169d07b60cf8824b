"""Sign-in periods from the attendance tab, used as a trainer would: add an evening session,
be refused without its name, change its hours, delete it and bring it back — checking the database
and the attendance grid, which shows each change at once."""

from __future__ import annotations

import datetime as dt

import pytest
from PySide6.QtCore import Qt, QTime
from PySide6.QtWidgets import QMessageBox

from trainer_desktop.ui.attendance_page import AttendancePage
from trainer_desktop.ui.periods_dialog import DAY, PERIOD, TIMES, PeriodsDialog, PeriodsModel

YES = QMessageBox.StandardButton.Yes


@pytest.fixture
def session(workspace):
    session = workspace.sessions.create(title="Atelier OPJ droits de l'homme",
                                        start_date=dt.date(2022, 11, 8),
                                        end_date=dt.date(2022, 11, 9), town="Sévaré")  # fmt: skip
    person = workspace.participants.create(family_name="Traoré", given_names="Awa", sex="woman")
    workspace.participants.enrol(session.id, person.id)
    workspace.attendance.ensure_default_periods(session.id)
    return session


@pytest.fixture
def page(qtbot, workspace, runner, session, boxes):
    page = AttendancePage(workspace, runner, session.id)
    qtbot.addWidget(page)
    page.resize(1100, 500)
    page.show()
    qtbot.waitExposed(page)
    return page


def open_periods(qtbot, page: AttendancePage) -> PeriodsDialog:
    qtbot.mouseClick(page.periods_button, Qt.MouseButton.LeftButton)
    dialog = page.periods_dialog
    assert isinstance(dialog, PeriodsDialog) and dialog.isVisible()
    return dialog


def headers(page: AttendancePage) -> list[str]:
    model = page.model
    return [model.headerData(c, Qt.Orientation.Horizontal) for c in range(model.columnCount())]


def select(dialog: PeriodsDialog, label: str) -> None:
    row = next(r for r in range(dialog.model.rowCount())
               if dialog.model.index(r, PERIOD).data() == label)  # fmt: skip
    dialog.table.selectRow(row)


def test_the_model_lists_day_period_and_times(qtmodeltester, workspace, session):
    model = PeriodsModel()
    model.refresh(workspace.attendance.periods(session.id))
    qtmodeltester.check(model)
    assert model.rowCount() == 4
    assert model.index(0, DAY).data() == "Tuesday, November 8, 2022"
    assert [model.index(r, PERIOD).data() for r in range(2)] == ["Morning", "Afternoon"]
    assert model.index(1, TIMES).data() == "14:00–17:30"
    assert model.headerData(TIMES, Qt.Orientation.Horizontal) == "Times"
    qtmodeltester.check(PeriodsModel())


def test_add_a_custom_evening_session(qtbot, workspace, session, page, boxes):
    dialog = open_periods(qtbot, page)
    select(dialog, "Afternoon")  # the day proposed is the selected period's
    qtbot.mouseClick(dialog.add_button, Qt.MouseButton.LeftButton)
    editor = dialog.editor
    assert editor is not None and editor.isVisible()
    assert editor.day.currentData() == dt.date(2022, 11, 8)
    assert editor.kind.currentData() == "custom"
    # Refused without a name: a warning, the editor stays open, the cursor in the name.
    qtbot.mouseClick(editor.ok_button, Qt.MouseButton.LeftButton)
    assert boxes.warnings == ["A custom period needs a name (e.g. “Evening session”)."]
    assert editor.isVisible() and editor.focusWidget() is editor.label
    assert len(workspace.attendance.periods(session.id)) == 4
    editor.label.setText("Séance du soir")
    editor.start.setTime(QTime(19, 0))
    editor.end.setTime(QTime(21, 0))
    qtbot.mouseClick(editor.ok_button, Qt.MouseButton.LeftButton)
    assert dialog.editor is None
    evening = [p for p in workspace.attendance.periods(session.id) if p.kind == "custom"]
    assert [(p.day, p.label, p.start_time, p.end_time) for p in evening] == [
        (dt.date(2022, 11, 8), "Séance du soir", dt.time(19), dt.time(21))]  # fmt: skip
    assert dialog.current().id == evening[0].id  # the new period is selected
    assert dialog.model.index(dialog.table.currentIndex().row(), TIMES).data() == "19:00–21:00"
    # The grid has its column, between Tuesday afternoon and Wednesday morning.
    assert headers(page)[1:5] == ["Tue 8\nMorning", "Tue 8\nAfternoon", "Tue 8\nSéance du soir",
                                  "Wed 9\nMorning"]  # fmt: skip


def test_times_out_of_order_focus_the_end_time(qtbot, workspace, session, page, boxes):
    dialog = open_periods(qtbot, page)
    qtbot.mouseClick(dialog.add_button, Qt.MouseButton.LeftButton)
    editor = dialog.editor
    editor.label.setText("Soir")
    editor.end.setTime(QTime(18, 0))
    qtbot.mouseClick(editor.ok_button, Qt.MouseButton.LeftButton)
    assert boxes.warnings == ["The period ends (18:00) before it starts (19:00)."]
    assert editor.isVisible() and editor.focusWidget() is editor.end


def test_choosing_a_kind_proposes_its_hours(qtbot, page):
    dialog = open_periods(qtbot, page)
    qtbot.mouseClick(dialog.add_button, Qt.MouseButton.LeftButton)
    editor = dialog.editor
    editor.kind.setCurrentIndex(editor.kind.findData("day"))
    assert (editor.start.time(), editor.end.time()) == (QTime(8, 30), QTime(17, 30))
    assert editor.start.displayFormat() == "HH:mm"
    editor.reject()


def test_edit_the_hours_of_a_period(qtbot, workspace, session, page):
    dialog = open_periods(qtbot, page)
    select(dialog, "Morning")
    qtbot.mouseClick(dialog.edit_button, Qt.MouseButton.LeftButton)
    editor = dialog.editor
    assert editor.kind.currentData() == "morning"
    assert (editor.start.time(), editor.end.time()) == (QTime(8, 30), QTime(12, 30))
    editor.start.setTime(QTime(9, 0))
    editor.end.setTime(QTime(13, 0))
    qtbot.mouseClick(editor.ok_button, Qt.MouseButton.LeftButton)
    first = workspace.attendance.periods(session.id)[0]
    assert (first.kind, first.start_time, first.end_time) == ("morning", dt.time(9), dt.time(13))
    assert dialog.model.index(0, TIMES).data() == "09:00–13:00"


def test_delete_asks_then_undo_brings_the_period_back(qtbot, workspace, session, page, boxes):
    dialog = open_periods(qtbot, page)
    select(dialog, "Afternoon")
    afternoon = dialog.current()
    boxes.answers = [QMessageBox.StandardButton.No]
    qtbot.mouseClick(dialog.delete_button, Qt.MouseButton.LeftButton)
    assert len(boxes.questions) == 1 and "Afternoon" in boxes.questions[0]
    assert len(workspace.attendance.periods(session.id)) == 4  # "No" deletes nothing
    boxes.answers = [YES]
    qtbot.mouseClick(dialog.delete_button, Qt.MouseButton.LeftButton)
    assert afternoon.id not in [p.id for p in workspace.attendance.periods(session.id)]
    assert dialog.model.rowCount() == 3 and "Tue 8\nAfternoon" not in headers(page)
    assert dialog.undo_button.isEnabled()
    dialog.activateWindow()  # Ctrl+Z is a shortcut: it needs the active window
    qtbot.waitUntil(dialog.isActiveWindow)
    dialog.table.setFocus()
    qtbot.keyClick(dialog.table, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)
    assert afternoon.id in [p.id for p in workspace.attendance.periods(session.id)]
    assert dialog.current().id == afternoon.id and "Tue 8\nAfternoon" in headers(page)
    assert not dialog.undo_button.isEnabled()
