"""The application around the screens: starting it, refusing a file that is not a database,
showing bugs instead of dying, rebuilding the window in another language, and the keyboard."""

from __future__ import annotations

import datetime as dt
import sys

import pytest
from PySide6.QtCore import QLocale, Qt
from PySide6.QtWidgets import QApplication, QMessageBox

from trainer_desktop.core import i18n
from trainer_desktop.ui import app
from trainer_desktop.ui.app import WindowHost, build_main_window, install_excepthook, run_gui
from trainer_desktop.ui.operations import OperationRunner
from trainer_desktop.ui.session_dialog import SessionDialog


def add_session(workspace, items=0):
    start = dt.date(2022, 11, 8)
    session = workspace.sessions.create(title="Atelier OPJ Sévaré", start_date=start,
                                        end_date=start + dt.timedelta(days=2))  # fmt: skip
    for n in range(items):
        workspace.programme.add(session.id, day=start, start_time=dt.time(8 + n),
                                end_time=dt.time(9 + n), title=f"Module {n + 1}")  # fmt: skip
    return session


@pytest.fixture
def restore_language():
    yield
    app.set_interface_language("en")
    QLocale.setDefault(QLocale(QLocale.Language.English))


# -- the application ----------------------------------------------------------------------------


def test_a_file_that_is_not_a_database_is_refused_with_a_message(qapp, tmp_path, monkeypatch,
                                                                 restore_language):  # fmt: skip
    bogus = tmp_path / "notes.sqlite"
    bogus.write_bytes(b"This is not a database, just notes." * 10)
    shown: list[str] = []
    monkeypatch.setattr(QMessageBox, "critical", lambda _p, _t, text: shown.append(text))
    assert run_gui(str(bogus), "en") == 1
    assert len(shown) == 1 and "notes.sqlite" in shown[0]


def test_run_gui_opens_the_window_in_the_chosen_language(qapp, workspace, monkeypatch,
                                                         restore_language):  # fmt: skip
    add_session(workspace)
    seen: list[tuple[str, str, bool]] = []

    def exec_once() -> int:
        window = next(w for w in QApplication.topLevelWidgets()
                      if w.isVisible() and hasattr(w, "open_session"))  # fmt: skip
        seen.append((i18n.current().language, window.windowTitle(), window.model.rowCount()))
        window.close()
        return 0

    monkeypatch.setattr(QApplication, "exec", staticmethod(exec_once))
    assert run_gui(str(workspace.path), "fr") == 0
    assert seen == [("fr", f"{workspace.path.name} — Trainer Desktop", 1)]
    assert QApplication.applicationName() == "Trainer Desktop"


def test_an_unexpected_error_is_shown_with_its_traceback(qtbot, workspace, monkeypatch):
    monkeypatch.setattr(sys, "excepthook", sys.excepthook)  # put back after the test
    install_excepthook(WindowHost(workspace, OperationRunner()))
    shown: list[tuple[str, str]] = []
    monkeypatch.setattr(QMessageBox, "exec", lambda box: shown.append(
        (box.informativeText(), box.detailedText())) or 0)  # fmt: skip
    try:
        raise RuntimeError("boom")
    except RuntimeError as exc:
        sys.excepthook(type(exc), exc, exc.__traceback__)
    [(summary, details)] = shown
    assert summary == "RuntimeError: boom" and "Traceback" in details and "boom" in details


# -- language -----------------------------------------------------------------------------------


def test_changing_the_language_rebuilds_the_window_on_the_same_page(qtbot, workspace,
                                                                   restore_language):  # fmt: skip
    session = add_session(workspace)
    host = WindowHost(workspace, OperationRunner())
    first = host.show(session_id=session.id)
    qtbot.addWidget(first)
    with qtbot.waitSignal(first.destroyed):  # the settings dialog's OK emits this
        first.language_changed.emit("fr")
    second = host.window
    qtbot.addWidget(second)
    assert i18n.current().language == "fr" and QLocale().name() == "fr_ML"
    assert second is not first and second.isVisible()
    assert second.session_page is not None and second.session_page.session_id == session.id
    # The old window no longer follows changes; the new one does.
    workspace.sessions.update(session.id, title="Atelier OPJ Mopti")
    host.runner.changed.emit(frozenset({"sessions"}), None)
    assert second.session_page.title_label.text() == "Atelier OPJ Mopti"

    third = host.rebuild("en")
    qtbot.addWidget(third)
    assert i18n.current().language == "en" and third.session_page.session_id == session.id


# -- the keyboard -------------------------------------------------------------------------------


def test_the_keyboard_drives_the_list_and_the_page(qtbot, workspace, monkeypatch):
    session = add_session(workspace, items=1)
    window = build_main_window(workspace)
    qtbot.addWidget(window)
    window.show()
    window.activateWindow()
    qtbot.waitUntil(lambda: QApplication.activeWindow() is window)
    window.home.table.setFocus()
    window.home.select(session.id)
    qtbot.keyClick(window.home.table, Qt.Key.Key_Return)
    assert window.session_page is not None
    page = window.session_page
    qtbot.keyClick(page.tabs.currentWidget(), Qt.Key.Key_Escape)
    assert window.session_page is None
    window.open_session(session.id)
    qtbot.keyClick(window.session_page, Qt.Key.Key_Left, Qt.KeyboardModifier.AltModifier)
    assert window.session_page is None

    monkeypatch.setattr(QMessageBox, "question", lambda *a, **k: QMessageBox.StandardButton.Yes)
    window.home.table.setFocus()
    qtbot.keyClick(window.home.table, Qt.Key.Key_Delete)
    assert workspace.sessions.list() == []
    qtbot.keyClick(window.home.table, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)
    assert len(workspace.sessions.list()) == 1

    qtbot.keyClick(window.home.table, Qt.Key.Key_N, Qt.KeyboardModifier.ControlModifier)
    dialogs = [d for d in window.findChildren(SessionDialog) if d.isVisible()]
    assert len(dialogs) == 1 and dialogs[0].session_id is None
    dialogs[0].reject()
