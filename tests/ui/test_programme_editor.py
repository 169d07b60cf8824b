"""The programme editor used as a trainer would: keys, clicks, typing; then what the database holds
and what the table shows. Every message box and file dialog is patched: nothing modal can block."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest
from PySide6.QtCore import QEvent, QModelIndex, Qt, QUrl
from PySide6.QtGui import QDesktopServices, QKeyEvent
from PySide6.QtWidgets import (
    QApplication,
    QDateTimeEdit,
    QFileDialog,
    QMessageBox,
    QTimeEdit,
    QWidget,
)

from trainer_desktop.core import records
from trainer_desktop.core.sessions import TrainingSession
from trainer_desktop.core.workspace import open_workspace
from trainer_desktop.ui import operations, programme_print
from trainer_desktop.ui.operations import OperationRunner
from trainer_desktop.ui.programme_editor import ProgrammeEditor
from trainer_desktop.ui.programme_item_dialog import ProgrammeItemDialog
from trainer_desktop.ui.programme_model import TIME, TITLE

Yes, No = QMessageBox.StandardButton.Yes, QMessageBox.StandardButton.No
CTRL = Qt.KeyboardModifier.ControlModifier
NO_KEY = Qt.KeyboardModifier.NoModifier
TITLE_OPJ = "Atelier de renforcement des capacités des OPJ sur les droits de l'homme"


pytestmark = pytest.mark.usefixtures("boxes")


@pytest.fixture
def session(workspace):
    return workspace.sessions.create(
        title=TITLE_OPJ, start_date=dt.date(2022, 11, 8), end_date=dt.date(2022, 11, 10),
        town="Sévaré", facilitators=["Awa Traoré", "Moussa Keïta"],
    )  # fmt: skip


@pytest.fixture
def open_editor(qtbot, workspace, runner, session):
    def factory(on=workspace, with_runner=runner) -> ProgrammeEditor:
        editor = ProgrammeEditor(on, with_runner, session.id)
        qtbot.addWidget(editor)
        editor.resize(1100, 600)
        editor.show()
        return editor

    return factory


def add(workspace, session, title: str, start: str, end: str, day: int = 0, **values):
    return workspace.programme.add(
        session.id, day=session.start_date + dt.timedelta(days=day), title=title,
        start_time=dt.time.fromisoformat(start), end_time=dt.time.fromisoformat(end), **values,
    )  # fmt: skip


def activate(qtbot, window: QWidget, focus: QWidget) -> None:
    # The offscreen platform does not give the focus back to a window when a dialog closes.
    window.activateWindow()
    qtbot.waitUntil(window.isActiveWindow)
    focus.setFocus()


def key(qtbot, editor: ProgrammeEditor, key: Qt.Key, modifier=NO_KEY) -> None:
    activate(qtbot, editor, editor.table)
    qtbot.keyClick(editor.table, key, modifier)


def open_new_item(qtbot, editor, *shortcut) -> ProgrammeItemDialog:
    key(qtbot, editor, *(shortcut or (Qt.Key.Key_Insert,)))
    dialog = editor.item_dialog
    assert dialog is not None and dialog.isVisible()
    activate(qtbot, dialog, dialog.title)
    return dialog


def type_text(qtbot, widget: QWidget, text: str) -> None:
    """QTest types ASCII only: accented letters are sent as key events carrying the letter."""
    for char in text:
        if char.isascii():
            qtbot.keyClicks(widget, char)
        else:
            for kind in (QEvent.Type.KeyPress, QEvent.Type.KeyRelease):
                QApplication.sendEvent(widget, QKeyEvent(kind, Qt.Key.Key_unknown, NO_KEY, char))


def type_time(qtbot, edit: QTimeEdit, hhmm: str) -> None:
    edit.setFocus()
    edit.setSelectedSection(QDateTimeEdit.Section.HourSection)  # as a click on the hours does
    qtbot.keyClicks(edit, hhmm)


def save(qtbot, dialog: ProgrammeItemDialog) -> None:
    qtbot.mouseClick(dialog.ok_button, Qt.MouseButton.LeftButton)


def shown(editor: ProgrammeEditor) -> list[tuple[str, str]]:
    model = editor.model
    return [(model.data(model.index(r, TIME)), model.data(model.index(r, TITLE)))
            for r in range(model.rowCount())]  # fmt: skip


def stored(workspace, session) -> list[tuple[str, str, str]]:
    return [(f"{i.start_time:%H:%M}", f"{i.end_time:%H:%M}", i.title)
            for i in workspace.programme.items(session.id)]  # fmt: skip


def click_row(qtbot, editor: ProgrammeEditor, row: int, double: bool = False) -> None:
    center = editor.table.visualRect(editor.model.index(row, TITLE)).center()
    click = qtbot.mouseDClick if double else qtbot.mouseClick
    if double:
        qtbot.mouseClick(editor.table.viewport(), Qt.MouseButton.LeftButton, pos=center)
    click(editor.table.viewport(), Qt.MouseButton.LeftButton, pos=center)


def test_add_three_items_reorder_with_the_keyboard_and_find_them_after_reopening(
    qtbot, workspace, session, open_editor
):
    editor = open_editor()
    dialog = open_new_item(qtbot, editor)
    assert (dialog.start.time().toString("HH:mm"), dialog.end.time().toString("HH:mm")) == (
        "08:30", "09:30")  # an empty day starts at 08:30, for one hour  # fmt: skip
    type_time(qtbot, dialog.start, "0900")
    assert dialog.end.time().toString("HH:mm") == "10:00"  # the end follows: same duration
    type_time(qtbot, dialog.end, "0930")
    type_text(qtbot, dialog.title, "Cérémonie d'ouverture")
    save(qtbot, dialog)
    dialog = open_new_item(qtbot, editor, Qt.Key.Key_N, CTRL | Qt.KeyboardModifier.ShiftModifier)
    type_text(qtbot, dialog.title, "Module 1 : Concepts et principes fondamentaux")
    dialog.speaker.setFocus()
    type_text(qtbot, dialog.speaker, "Awa Traoré")
    save(qtbot, dialog)
    dialog = open_new_item(qtbot, editor)
    type_text(qtbot, dialog.title, "Pause-café")
    type_text(qtbot, dialog.kind, "B")  # "Break"
    type_time(qtbot, dialog.end, "1045")
    save(qtbot, dialog)
    assert editor.item_dialog is None
    assert stored(workspace, session) == [
        ("09:00", "09:30", "Cérémonie d'ouverture"),
        ("09:30", "10:30", "Module 1 : Concepts et principes fondamentaux"),
        ("10:30", "10:45", "Pause-café"),
    ]
    assert [i.kind for i in workspace.programme.items(session.id)][2] == "break"
    assert editor.status.text() == "3 items · 09:00–10:45"
    assert editor.day_tabs.tabText(0) == "Day 1 — Tuesday, November 8, 2022 · 3 items"
    assert editor.current_item().title == "Pause-café"  # the new item is selected

    key(qtbot, editor, Qt.Key.Key_Up, CTRL)
    assert editor.current_item().title == "Pause-café"  # still selected, one row up
    assert editor.table.currentIndex().row() == 1
    editor.close()

    reopened = open_workspace(workspace.path)
    try:
        again = open_editor(on=reopened, with_runner=OperationRunner())
        assert shown(again) == [
            ("09:00–09:30", "Cérémonie d'ouverture"),
            ("09:30–09:45", "Pause-café"),  # the pair kept its span, each item its duration
            ("09:45–10:45", "Module 1 : Concepts et principes fondamentaux"),
        ]
        assert reopened.programme.items(session.id)[2].speaker == "Awa Traoré"
    finally:
        reopened.close()


def test_an_item_ending_before_it_starts_is_refused_and_the_dialog_keeps_it(
    qtbot, workspace, session, open_editor, boxes
):
    dialog = open_new_item(qtbot, open_editor())
    type_text(qtbot, dialog.title, "Pré-test")
    type_time(qtbot, dialog.end, "0800")
    assert dialog.duration.text() == "ends before it starts"
    save(qtbot, dialog)
    assert boxes.warnings == ["The item ends (08:00) before it starts (08:30)."]
    assert workspace.programme.items(session.id) == []
    assert dialog.isVisible() and dialog.title.text() == "Pré-test"
    assert dialog.end.hasFocus()  # the field the message is about


def test_an_item_without_title_is_refused_with_the_cursor_in_the_title(
    qtbot, workspace, session, open_editor, boxes
):
    dialog = open_new_item(qtbot, open_editor())
    dialog.objective.setFocus()
    type_text(qtbot, dialog.objective, "Mesurer les connaissances")
    save(qtbot, dialog)
    assert boxes.warnings == ["The programme item needs a title."]
    assert dialog.isVisible() and dialog.title.hasFocus()
    assert workspace.programme.items(session.id) == []


@pytest.mark.parametrize("answer", [Yes, No])
def test_an_overlapping_item_is_saved_only_if_the_trainer_confirms(
    qtbot, workspace, session, open_editor, boxes, answer
):
    add(workspace, session, "Travaux de groupe A", "14:00", "16:00")
    dialog = open_new_item(qtbot, open_editor())
    type_time(qtbot, dialog.start, "1430")
    type_text(qtbot, dialog.title, "Travaux de groupe B")
    boxes.answers = [answer]
    save(qtbot, dialog)
    assert len(boxes.questions) == 1 and "Travaux de groupe A" in boxes.questions[0]
    titles = [title for _start, _end, title in stored(workspace, session)]
    if answer == Yes:
        assert titles == ["Travaux de groupe A", "Travaux de groupe B"]
        assert not dialog.isVisible()
    else:
        assert titles == ["Travaux de groupe A"]
        assert dialog.isVisible() and dialog.start.hasFocus()


def test_delete_asks_first_and_ctrl_z_brings_the_item_back(
    qtbot, workspace, session, open_editor, boxes
):
    for title, start, end in [("Pré-test", "09:30", "10:00"), ("Module 1", "10:00", "11:00"),
                              ("Pause-café", "11:00", "11:15")]:  # fmt: skip
        add(workspace, session, title, start, end)
    editor = open_editor()
    click_row(qtbot, editor, 1)
    boxes.answers = [No]
    key(qtbot, editor, Qt.Key.Key_Delete)
    assert "Module 1" in boxes.questions[0] and len(stored(workspace, session)) == 3
    assert not editor.undo_action.isEnabled()

    boxes.answers = [Yes]
    key(qtbot, editor, Qt.Key.Key_Delete)
    assert [t for *_slot, t in stored(workspace, session)] == ["Pré-test", "Pause-café"]
    assert editor.current_item().title == "Pause-café"  # the next row takes the selection
    assert "Ctrl+Z" in editor.notice.text()

    key(qtbot, editor, Qt.Key.Key_Z, CTRL)
    assert [t for *_slot, t in stored(workspace, session)] == ["Pré-test", "Module 1", "Pause-café"]
    assert editor.current_item().title == "Module 1"
    assert not editor.undo_action.isEnabled()


def test_edit_by_double_click_or_enter_saves_only_what_changed(
    qtbot, workspace, session, open_editor, boxes
):
    add(workspace, session, "Atelier A", "14:00", "16:00")
    add(workspace, session, "Atelier B", "14:00", "16:00", confirmed=True)  # parallel workshops
    editor = open_editor()
    click_row(qtbot, editor, 1, double=True)
    dialog = editor.item_dialog
    assert dialog.windowTitle() == "Edit programme item" and dialog.title.text() == "Atelier B"
    activate(qtbot, dialog, dialog.title)
    dialog.title.selectAll()
    type_text(qtbot, dialog.title, "Atelier B : cas pratiques")
    qtbot.keyClick(dialog.title, Qt.Key.Key_Return)  # Enter saves
    assert boxes.questions == []  # the times did not change: no overlap question again
    assert [t for *_slot, t in stored(workspace, session)][1] == "Atelier B : cas pratiques"

    key(qtbot, editor, Qt.Key.Key_Return)
    dialog = editor.item_dialog
    assert dialog.title.text() == "Atelier B : cas pratiques"
    speakers = [dialog.speaker.itemText(i) for i in range(dialog.speaker.count())]
    assert speakers == ["Awa Traoré", "Moussa Keïta"]  # the session's facilitators
    dialog.reject()


def test_move_up_and_down_stop_at_the_ends_of_the_day(qtbot, workspace, session, open_editor):
    add(workspace, session, "Pré-test", "09:00", "09:30")
    add(workspace, session, "Module 1", "09:30", "10:30")
    editor = open_editor()
    assert editor.current_item().title == "Pré-test"
    assert not editor.up_action.isEnabled() and editor.down_action.isEnabled()
    key(qtbot, editor, Qt.Key.Key_Down, CTRL)
    assert shown(editor) == [("09:00–10:00", "Module 1"), ("10:00–10:30", "Pré-test")]
    assert editor.current_item().title == "Pré-test"
    assert editor.up_action.isEnabled() and not editor.down_action.isEnabled()
    key(qtbot, editor, Qt.Key.Key_Down, CTRL)  # already last: nothing happens
    assert [t for *_slot, t in stored(workspace, session)] == ["Module 1", "Pré-test"]


def test_days_are_tabs_and_a_new_item_goes_on_the_day_chosen(
    qtbot, workspace, session, open_editor
):
    add(workspace, session, "Pré-test", "09:00", "09:30")
    editor = open_editor()
    assert [editor.day_tabs.tabText(i) for i in range(3)] == [
        "Day 1 — Tuesday, November 8, 2022 · 1 item",
        "Day 2 — Wednesday, November 9, 2022 · 0 items",
        "Day 3 — Thursday, November 10, 2022 · 0 items",
    ]
    key(qtbot, editor, Qt.Key.Key_PageDown, CTRL)
    assert editor.current_day() == dt.date(2022, 11, 9) and shown(editor) == []
    assert "Insert" in editor.status.text()
    dialog = open_new_item(qtbot, editor)
    assert dialog.day.currentIndex() == 1 and dialog.start.time().toString("HH:mm") == "08:30"
    dialog.day.setFocus()
    qtbot.keyClick(dialog.day, Qt.Key.Key_Down)  # day 3
    type_text(qtbot, dialog.title, "Post-test")
    save(qtbot, dialog)
    assert editor.current_day() == dt.date(2022, 11, 10)  # shown where it went
    assert shown(editor) == [("08:30–09:30", "Post-test")]
    assert editor.day_tabs.tabText(2).endswith("· 1 item")


def test_the_editor_follows_changes_made_elsewhere(workspace, runner, session, open_editor):
    editor = open_editor()
    add(workspace, session, "Pré-test", "09:00", "09:30", day=2)
    runner.changed.emit(frozenset({operations.PROGRAMME}), None)
    assert editor.day_tabs.tabText(2).endswith("· 1 item")
    # Shortened here: the trainer confirmed, the item on the removed day is gone.
    workspace.sessions.update(session.id, end_date=dt.date(2022, 11, 9), confirmed=True)
    runner.changed.emit(frozenset({operations.SESSIONS}), None)
    assert editor.day_tabs.count() == 2
    # A merge can still leave an item outside the dates (one laptop shortened the session while
    # another added to its last day): it shows, on a tab of its own.
    add(workspace, session, "Clôture", "16:00", "16:30", day=1)
    with workspace.db.write() as tx:
        records.update(tx.get(TrainingSession, session.id), workspace.clock.tick(tx),
                       {"end_date": dt.date(2022, 11, 8)})  # fmt: skip
    runner.changed.emit(frozenset({operations.SESSIONS}), None)
    assert editor.day_tabs.count() == 2
    assert editor.day_tabs.tabText(1).startswith("Wednesday, November 9, 2022 (outside")
    workspace.sessions.delete(session.id)
    runner.changed.emit(frozenset({operations.SESSIONS}), None)
    assert editor.status.text() == "This session no longer exists."
    assert not editor.add_action.isEnabled() and editor.model.rowCount() == 0


def test_dragging_a_row_reorders_the_day(qtbot, workspace, session, open_editor):
    add(workspace, session, "Pré-test", "09:00", "09:30")
    add(workspace, session, "Module 1", "09:30", "10:30")
    add(workspace, session, "Déjeuner", "13:00", "14:00", kind="meal")
    editor = open_editor()
    click_row(qtbot, editor, 0)
    model = editor.model
    model.dropMimeData(
        model.mimeData([model.index(0, TITLE)]), Qt.DropAction.MoveAction, 2, 0, QModelIndex()
    )  # what the view does on a drop between rows 1 and 2
    qtbot.waitUntil(lambda: shown(editor)[1][1] == "Pré-test")
    assert [t for *_slot, t in stored(workspace, session)] == ["Module 1", "Pré-test", "Déjeuner"]
    assert editor.current_item().title == "Pré-test"


def test_print_saves_a_pdf_in_documents_and_opens_it(
    qtbot, workspace, session, open_editor, monkeypatch, tmp_path
):
    add(workspace, session, "Cérémonie d'ouverture", "09:00", "09:30", kind="opening")
    asked, opened = [], []
    out = tmp_path / "programme"  # the extension is added

    def get_save_file_name(parent, caption, directory, filter_):
        asked.append(Path(directory))
        return str(out), filter_

    monkeypatch.setattr(QFileDialog, "getSaveFileName", get_save_file_name)
    monkeypatch.setattr(QDesktopServices, "openUrl", lambda url: opened.append(url) or True)
    editor = open_editor()
    key(qtbot, editor, Qt.Key.Key_P, CTRL)
    assert editor.notice.text() == f"Programme saved to {tmp_path / 'programme.pdf'}"
    assert asked[0].name == f"Programme - {TITLE_OPJ}.pdf"
    assert asked[0].parent == programme_print.documents_folder()
    pdf = tmp_path / "programme.pdf"
    assert pdf.read_bytes().startswith(b"%PDF")
    assert opened == [QUrl.fromLocalFile(str(pdf))]


def test_cancelling_the_file_dialog_prints_nothing(qtbot, open_editor, monkeypatch):
    monkeypatch.setattr(QFileDialog, "getSaveFileName", lambda *args: ("", ""))
    monkeypatch.setattr(programme_print, "write_programme_pdf", lambda *args: pytest.fail())
    key(qtbot, open_editor(), Qt.Key.Key_P, CTRL)


def test_pdf_file_name_is_safe_on_windows():
    name = programme_print.pdf_file_name
    assert name('OPJ: "Mopti"/Sévaré?') == "Programme - OPJ Mopti Sévaré.pdf"
    assert name("  ") == "Programme.pdf"
