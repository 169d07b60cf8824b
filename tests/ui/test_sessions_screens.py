"""The sessions screens, driven as a trainer would: the list, the session dialog, the session
page, duplicate, delete and undo."""

from __future__ import annotations

import datetime as dt

import pytest
from PySide6.QtCore import QDate, QEvent, Qt
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import QApplication, QDialogButtonBox, QMessageBox

from trainer_desktop.ui.app import build_main_window
from trainer_desktop.ui.operations import OperationRunner
from trainer_desktop.ui.session_dialog import (
    DuplicateSessionDialog,
    SessionDialog,
    form_from_session,
    next_monday,
    values_from_form,
)
from trainer_desktop.ui.session_page import SessionPage
from trainer_desktop.ui.sessions_model import TITLE

NOV_8 = dt.date(2022, 11, 8)


@pytest.fixture
def window(qtbot, workspace):
    win = build_main_window(workspace, OperationRunner())
    qtbot.addWidget(win)
    win.show()
    return win


def add_session(workspace, title="Atelier OPJ Sévaré", start=NOV_8, items=0, **extra):
    session = workspace.sessions.create(
        title=title, start_date=start, end_date=start + dt.timedelta(days=2), **extra
    )
    for n in range(items):
        workspace.programme.add(session.id, day=start, start_time=dt.time(8 + n),
                                end_time=dt.time(9 + n), title=f"Module {n + 1}")  # fmt: skip
    return session


def type_into(qtbot, widget, text: str) -> None:
    """Type ``text`` key by key (QTest's keyClicks only knows ASCII; Sévaré is not)."""
    for char in text:
        if char.isascii():
            qtbot.keyClicks(widget, char)
        else:
            for kind in (QEvent.Type.KeyPress, QEvent.Type.KeyRelease):
                QApplication.sendEvent(
                    widget, QKeyEvent(kind, 0, Qt.KeyboardModifier.NoModifier, char)
                )


def press_ok(qtbot, dialog) -> None:
    box = dialog.findChild(QDialogButtonBox)
    qtbot.mouseClick(box.button(QDialogButtonBox.StandardButton.Ok), Qt.MouseButton.LeftButton)


def table_titles(window) -> list[str]:
    proxy = window.home.proxy
    return [proxy.index(r, TITLE).data() for r in range(proxy.rowCount())]


# -- the dialog's plain logic -------------------------------------------------------------------


def test_form_values_become_core_values():
    raw = {"title": "  Atelier  ", "funders": "EUCAP Sahel Mali\n\n  Union européenne \n",
           "facilitators": "", "expected_participants": 0, "start_date": NOV_8,
           "objectives": "  Connaître les droits  "}  # fmt: skip
    assert values_from_form(raw) == {
        "title": "Atelier", "funders": ["EUCAP Sahel Mali", "Union européenne"],
        "facilitators": [], "expected_participants": None, "start_date": NOV_8,
        "objectives": "Connaître les droits",
    }  # fmt: skip
    assert values_from_form({"expected_participants": 40}) == {"expected_participants": 40}


def test_a_session_fills_the_form_and_comes_back_unchanged(workspace):
    session = add_session(workspace, funders=["EUCAP Sahel Mali", "UE"], expected_participants=40)
    raw = form_from_session(workspace.sessions.get(session.id))
    assert raw["funders"] == "EUCAP Sahel Mali\nUE"
    values = values_from_form(raw)
    assert values["funders"] == ["EUCAP Sahel Mali", "UE"]
    assert values["expected_participants"] == 40


@pytest.mark.parametrize(
    ("today", "monday"),
    [(dt.date(2024, 5, 1), dt.date(2024, 5, 6)), (dt.date(2024, 5, 6), dt.date(2024, 5, 13)),
     (dt.date(2024, 5, 5), dt.date(2024, 5, 6))],
)  # fmt: skip
def test_next_monday_is_always_after_today(today, monday):
    assert next_monday(today) == monday


# -- the list -----------------------------------------------------------------------------------


def test_an_empty_list_says_how_to_start(window, workspace):
    assert window.home.list_stack.currentWidget() is window.home.empty_page
    assert "Ctrl+N" in window.home.empty_label.text()
    assert window.home.new_button.isVisible() and not window.home.count_label.isVisible()
    assert workspace.path.name in window.windowTitle()
    assert not window.open_action.isEnabled() and not window.delete_action.isEnabled()


def test_search_filters_as_you_type_ignoring_accents(qtbot, workspace):
    add_session(workspace, "Atelier OPJ", town="Sévaré", region="Mopti")
    add_session(workspace, "Formation des formateurs", town="Rabat", start=dt.date(2019, 1, 7))
    window = build_main_window(workspace)
    qtbot.addWidget(window)
    assert table_titles(window) == ["Atelier OPJ", "Formation des formateurs"]
    assert window.home.count_label.text() == "2 sessions"
    qtbot.keyClicks(window.home.search, "sevare")
    assert table_titles(window) == ["Atelier OPJ"]
    assert window.home.count_label.text() == "1 session"
    window.home.search.clear()
    qtbot.keyClicks(window.home.search, "kidal")
    assert window.home.list_stack.currentWidget() is window.home.empty_page
    assert "kidal" in window.home.empty_label.text()
    assert not window.home.new_button.isVisibleTo(window.home)
    window.home.search.clear()
    assert len(table_titles(window)) == 2


def test_open_a_session_by_double_click_and_come_back_with_escape(qtbot, workspace):
    session = add_session(workspace, organiser="CNDH Mali", funders=["EUCAP Sahel Mali"],
                          town="Sévaré", region="Mopti", venue="Hôtel Via Via")  # fmt: skip
    window = build_main_window(workspace)
    qtbot.addWidget(window)
    window.show()
    view = window.home.table
    rect = view.visualRect(window.home.proxy.index(0, TITLE))
    qtbot.mouseClick(view.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
    qtbot.mouseDClick(view.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
    page = window.session_page
    assert isinstance(page, SessionPage) and page.session_id == session.id
    assert window.pages.currentWidget() is page
    assert page.title_label.text() == "Atelier OPJ Sévaré"
    assert "Nov 8" in page.when_label.text() and "3 days" in page.when_label.text()
    assert "Hôtel Via Via, Sévaré, Mopti" in page.when_label.text()
    assert "CNDH Mali" in page.who_label.text() and "EUCAP Sahel Mali" in page.who_label.text()
    assert page.tabs.tabText(0) == "Programme"
    assert "Atelier OPJ Sévaré" in window.windowTitle()
    assert not window.delete_action.isEnabled()  # Del belongs to the programme here
    page.back_button.click()
    assert window.session_page is None and window.pages.currentWidget() is window.home
    assert window.home.selected_session_id() == session.id


# -- creating and editing -----------------------------------------------------------------------


def test_create_a_session_by_typing_into_the_dialog(qtbot, window, workspace):
    dialog = window.new_session()
    assert isinstance(dialog, SessionDialog) and dialog.isVisible()
    assert dialog.windowTitle() == "New training session"
    fields = dialog.fields
    type_into(qtbot, fields["title"], "Atelier de renforcement des capacités des OPJ")
    qtbot.keyClicks(fields["theme"], "Droits de l'homme")
    fields["start_date"].setDate(QDate(2022, 11, 8))
    assert fields["end_date"].date() == QDate(2022, 11, 10)  # three days by default
    for name, text in (("venue", "Hôtel Via Via"), ("town", "Sévaré"), ("region", "Mopti"),
                       ("country", "Mali"), ("organiser", "CNDH Mali")):  # fmt: skip
        type_into(qtbot, fields[name], text)
    qtbot.keyClicks(fields["funders"], "EUCAP Sahel Mali")
    qtbot.keyClick(fields["funders"], Qt.Key.Key_Return)
    type_into(qtbot, fields["funders"], "Union européenne")
    expected = fields["expected_participants"]
    assert expected.text() == "Not set"
    qtbot.mouseClick(expected.lineEdit(), Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: expected.lineEdit().selectedText() == "Not set")
    qtbot.keyClicks(expected, "40")
    press_ok(qtbot, dialog)

    [summary] = workspace.sessions.list()
    session = workspace.sessions.get(summary.id)
    assert session.title == "Atelier de renforcement des capacités des OPJ"
    assert (session.start_date, session.end_date) == (NOV_8, dt.date(2022, 11, 10))
    assert (session.town, session.region, session.organiser) == ("Sévaré", "Mopti", "CNDH Mali")
    assert session.funders == ["EUCAP Sahel Mali", "Union européenne"]
    assert session.expected_participants == 40 and session.language == "en"
    assert table_titles(window) == [session.title]
    assert window.session_page.session_id == session.id  # a new session opens, ready to plan


def test_an_empty_title_is_refused_and_nothing_is_saved(qtbot, window, workspace, warnings):
    dialog = window.new_session()
    type_into(qtbot, dialog.fields["town"], "Ségou")
    press_ok(qtbot, dialog)
    assert warnings == ["The session needs a title."]
    assert workspace.sessions.list() == []
    assert dialog.isVisible() and dialog.fields["town"].text() == "Ségou"  # nothing lost


def test_an_end_before_the_start_is_refused(qtbot, window, workspace, warnings):
    dialog = window.new_session()
    qtbot.keyClicks(dialog.fields["title"], "Atelier")
    dialog.fields["start_date"].setDate(QDate(2022, 11, 10))
    dialog.fields["end_date"].setDate(QDate(2022, 11, 8))
    press_ok(qtbot, dialog)
    assert len(warnings) == 1 and "ends (2022-11-08) before it starts" in warnings[0]
    assert workspace.sessions.list() == []
    assert dialog.isVisible()
    assert dialog.focusWidget() is dialog.fields["end_date"]


def test_moving_the_start_keeps_the_length(window):
    dialog = window.new_session()
    dialog.fields["start_date"].setDate(QDate(2022, 11, 8))
    dialog.fields["end_date"].setDate(QDate(2022, 11, 12))
    dialog.fields["start_date"].setDate(QDate(2022, 11, 14))
    assert dialog.fields["end_date"].date() == QDate(2022, 11, 18)
    dialog.reject()


def test_edit_a_session_from_the_list(qtbot, window, workspace):
    session = add_session(workspace, items=2, funders=["EUCAP Sahel Mali"])
    window.refresh()
    window.home.select(session.id)
    dialog = window.edit_session()
    assert dialog.windowTitle() == "Edit session details"
    assert dialog.fields["title"].text() == "Atelier OPJ Sévaré"
    assert dialog.fields["funders"].toPlainText() == "EUCAP Sahel Mali"
    dialog.fields["title"].clear()
    type_into(qtbot, dialog.fields["title"], "Atelier OPJ Ségou")
    dialog.fields["start_date"].setDate(QDate(2022, 11, 15))
    press_ok(qtbot, dialog)
    edited = workspace.sessions.get(session.id)
    assert edited.title == "Atelier OPJ Ségou" and edited.end_date == dt.date(2022, 11, 17)
    assert {i.day for i in workspace.programme.items(session.id)} == {dt.date(2022, 11, 15)}
    assert table_titles(window) == ["Atelier OPJ Ségou"]


def test_edit_details_from_the_session_page_updates_its_header(qtbot, window, workspace):
    session = add_session(workspace)
    page = window.open_session(session.id)
    dialog = page.edit_details()
    qtbot.keyClicks(dialog.fields["organiser"], "CNDH Mali")
    press_ok(qtbot, dialog)
    assert workspace.sessions.get(session.id).organiser == "CNDH Mali"
    assert "CNDH Mali" in page.who_label.text()


# -- duplicate, delete, undo --------------------------------------------------------------------


def test_duplicate_copies_the_programme_to_the_new_dates(qtbot, window, workspace):
    session = add_session(workspace, items=3)
    window.refresh()
    window.home.select(session.id)
    dialog = window.duplicate_session()
    assert isinstance(dialog, DuplicateSessionDialog)
    start = dialog.fields["start_date"].date().toPython()
    assert start == next_monday(dt.date.today())
    dialog.fields["start_date"].setDate(QDate(2023, 3, 6))
    dialog.fields["title"].clear()
    type_into(qtbot, dialog.fields["title"], "Atelier OPJ Ségou")
    assert "2023" in dialog.ends.text() and "8" in dialog.ends.text()
    press_ok(qtbot, dialog)
    copy = next(s for s in workspace.sessions.list() if s.id != session.id)
    assert (copy.title, copy.start_date, copy.end_date) == (
        "Atelier OPJ Ségou", dt.date(2023, 3, 6), dt.date(2023, 3, 8))  # fmt: skip
    assert copy.programme_items == 3
    assert window.home.selected_session_id() == copy.id


def test_delete_asks_naming_the_session_then_undo_restores_it(qtbot, window, workspace,
                                                             monkeypatch):  # fmt: skip
    session = add_session(workspace, items=2)
    window.refresh()
    window.home.select(session.id)
    asked: list[str] = []

    def question(_parent, _title, text, *args, **kwargs):
        asked.append(text)
        return QMessageBox.StandardButton.Yes

    monkeypatch.setattr(QMessageBox, "question", question)
    window.home.table.setFocus()
    window.delete_action.trigger()
    assert asked == ["Delete the session “Atelier OPJ Sévaré” and its programme?"]
    assert workspace.sessions.list() == []
    assert window.home.list_stack.currentWidget() is window.home.empty_page
    assert window.undo_bar.isVisible() and "Atelier OPJ Sévaré" in window.undo_label.text()
    assert window.undo_action.isEnabled()

    qtbot.mouseClick(window.undo_button, Qt.MouseButton.LeftButton)
    [restored] = workspace.sessions.list()
    assert restored.id == session.id and restored.programme_items == 2
    assert table_titles(window) == ["Atelier OPJ Sévaré"]
    assert not window.undo_bar.isVisible() and not window.undo_action.isEnabled()


def test_after_a_delete_the_next_session_is_selected(window, workspace, monkeypatch):
    add_session(workspace, "Atelier Mopti", start=dt.date(2022, 11, 8))
    add_session(workspace, "Atelier Ségou", start=dt.date(2022, 11, 1))
    window.refresh()
    window.home.select_row(0)
    monkeypatch.setattr(QMessageBox, "question", lambda *a, **k: QMessageBox.StandardButton.Yes)
    window.delete_session()
    assert table_titles(window) == ["Atelier Ségou"]
    assert window.home.selected_session_id() is not None and window.delete_action.isEnabled()


def test_saying_no_to_delete_keeps_the_session(window, workspace, monkeypatch):
    session = add_session(workspace)
    window.refresh()
    window.home.select(session.id)
    monkeypatch.setattr(QMessageBox, "question", lambda *a, **k: QMessageBox.StandardButton.No)
    window.delete_session()
    assert len(workspace.sessions.list()) == 1 and not window.undo_bar.isVisible()


def test_about_names_the_database_and_the_laptop(window, workspace, monkeypatch):
    shown: list[str] = []
    monkeypatch.setattr(QMessageBox, "about", lambda _p, _t, text: shown.append(text))
    window.show_about()
    assert str(workspace.path) in shown[0] and workspace.settings.device_name in shown[0]


def test_a_session_deleted_elsewhere_sends_its_page_back_to_the_list(window, workspace):
    session = add_session(workspace)
    window.open_session(session.id)
    workspace.sessions.delete(session.id)  # e.g. by a merge
    window.runner.changed.emit(frozenset({"sessions"}), None)
    assert window.session_page is None and window.pages.currentWidget() is window.home
    assert table_titles(window) == []
