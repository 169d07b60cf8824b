"""The first start (language, formats, names, empty or demo), the daily copy, File ▸ Backups…
(take a copy, restore one through the window host) and opening the app on bundle files."""

from __future__ import annotations

import datetime as dt

import pytest
from PySide6.QtCore import QLocale, Qt
from PySide6.QtWidgets import QApplication, QMessageBox
from test_backups import titles

from trainer_desktop.cli import main as cli_main
from trainer_desktop.core import backups, i18n
from trainer_desktop.ui import app
from trainer_desktop.ui.app import WindowHost, run_gui
from trainer_desktop.ui.backups_dialog import BackupsDialog
from trainer_desktop.ui.first_run import SETUP_DONE, FirstRunWizard, needs_first_run
from trainer_desktop.ui.operations import OperationRunner

D = dt.date(2026, 3, 2)


@pytest.fixture
def restore_language():
    yield
    app.set_interface_language("en", i18n.DEFAULT_COUNTRY)
    QLocale.setDefault(QLocale(QLocale.Language.English))


# -- the first start -----------------------------------------------------------------------------


def test_only_a_database_never_set_up_and_without_sessions_gets_the_first_start(make_workspace):
    fresh = make_workspace("fresh")
    assert needs_first_run(fresh)
    used = make_workspace("used")  # a database from before this version, with sessions
    used.sessions.create(title="Atelier", start_date=D, end_date=D)
    assert not needs_first_run(used)
    fresh.settings.set(SETUP_DONE, "1")
    assert not needs_first_run(fresh)


def test_the_first_start_switches_language_at_once_and_saves_what_it_asks(qtbot, workspace,
                                                                          restore_language):  # fmt: skip
    wizard = FirstRunWizard(workspace, app.set_interface_language)
    qtbot.addWidget(wizard)
    wizard.show()
    buttons = {b.property("language"): b for b in wizard.language_group.buttons()}
    assert {b.text() for b in buttons.values()} == {"Français", "English", "العربية"}
    buttons["ar"].click()
    assert i18n.current().language == "ar"
    assert QApplication.layoutDirection() == Qt.LayoutDirection.RightToLeft
    assert wizard.windowTitle() == i18n.Translator("ar").gettext("Welcome to Trainer Desktop")
    wizard.formats.setCurrentIndex(wizard.formats.findData("MA"))
    assert "MAD" in wizard.formats.currentText() or "د.م." in wizard.formats.currentText()
    buttons["fr"].click()
    assert i18n.current().language == "fr"
    assert QApplication.layoutDirection() == Qt.LayoutDirection.LeftToRight
    assert wizard.formats.currentData() == "MA"  # the choice survives the switch
    wizard.next()
    assert wizard.currentPage() is wizard.laptop_page
    wizard.device_name.setText("   ")
    wizard.next()
    assert wizard.currentPage() is wizard.laptop_page  # an empty device name is refused
    wizard.device_name.setText("Portable Mopti 2")
    wizard.trainer_name.setText("Awa Traoré")
    wizard.organisation.setText("CNDH Mali")
    wizard.next()
    assert wizard.currentPage() is wizard.start_page and wizard.empty.isChecked()
    assert str(backups.folder_of(workspace.path)) in wizard.backup_note.text()
    wizard.accept()
    settings = workspace.settings
    assert (settings.device_name, settings.get("trainer_name"), settings.get("organisation_name"),
            settings.language, settings.formats) == ("Portable Mopti 2", "Awa Traoré",
                                                     "CNDH Mali", "fr", "MA")  # fmt: skip
    assert not needs_first_run(workspace) and workspace.sessions.list() == []


def test_the_first_start_can_fill_the_demo_sessions(qtbot, workspace, restore_language):
    wizard = FirstRunWizard(workspace, app.set_interface_language)
    qtbot.addWidget(wizard)
    wizard.show()
    wizard.next()
    wizard.next()
    wizard.demo.setChecked(True)
    wizard.accept()
    assert len(workspace.sessions.list()) > 5
    assert not needs_first_run(workspace)


def test_closing_the_first_start_keeps_the_defaults_and_does_not_ask_again(qtbot, workspace):
    wizard = FirstRunWizard(workspace)
    qtbot.addWidget(wizard)
    wizard.reject()
    assert not needs_first_run(workspace) and workspace.sessions.list() == []


def test_run_gui_asks_the_first_start_on_a_new_database_then_takes_the_daily_copy(
    qapp, tmp_path, monkeypatch, restore_language
):
    path = tmp_path / "new.sqlite"
    asked: list[str] = []

    def answer(wizard: FirstRunWizard) -> int:
        asked.append(wizard.windowTitle())
        wizard.device_name.setText("Laptop Rabat")
        wizard.accept()
        return 1

    monkeypatch.setattr(FirstRunWizard, "exec", answer)

    def exec_once() -> int:
        window = next(w for w in QApplication.topLevelWidgets()
                      if w.isVisible() and hasattr(w, "open_session"))  # fmt: skip
        window.close()
        return 0

    monkeypatch.setattr(QApplication, "exec", staticmethod(exec_once))
    assert run_gui(str(path), "en") == 0
    assert asked == ["Welcome to Trainer Desktop"]
    [daily] = backups.list_backups(path)  # written before run_gui returned
    assert daily.kind == "daily" and daily.taken.date() == dt.date.today()
    assert run_gui(str(path), "en") == 0
    assert len(asked) == 1  # not asked again
    assert len(backups.list_backups(path)) == 1  # one daily copy a day


# -- backups -------------------------------------------------------------------------------------


def test_the_backups_dialog_lists_copies_takes_one_and_asks_before_restoring(
    qtbot, workspace, monkeypatch
):
    workspace.sessions.create(title="Avant", start_date=D, end_date=D)
    backups.take_backup(workspace.path, "daily", dt.datetime(2026, 3, 1, 9))
    dialog = BackupsDialog(workspace)
    qtbot.addWidget(dialog)
    assert dialog.table.rowCount() == 1
    assert dialog.table.item(0, 1).text() == "Daily"
    copy = dialog.take()
    assert copy is not None and dialog.table.rowCount() == 2
    assert dialog.table.item(0, 1).text() == "Made by hand"  # newest first, and selected
    assert dialog.selected().path == copy
    requested: list = []
    dialog.restore_requested.connect(requested.append)
    monkeypatch.setattr(QMessageBox, "question",
                        lambda *a: QMessageBox.StandardButton.No)  # fmt: skip
    dialog.restore()
    assert requested == []
    monkeypatch.setattr(QMessageBox, "question",
                        lambda *a: QMessageBox.StandardButton.Yes)  # fmt: skip
    dialog.restore()
    assert requested == [copy]


def test_a_damaged_copy_is_refused_before_asking(qtbot, workspace, monkeypatch):
    copy = backups.take_backup(workspace.path, "manual")
    copy.write_bytes(b"SQLite format 3\x00" + b"\x00" * 200)
    dialog = BackupsDialog(workspace)
    qtbot.addWidget(dialog)
    warned: list[str] = []
    monkeypatch.setattr(QMessageBox, "warning", lambda _p, _t, text: warned.append(text))
    monkeypatch.setattr(QMessageBox, "question", lambda *a: pytest.fail("asked"))
    dialog.restore()
    assert len(warned) == 1 and copy.name in warned[0]


def test_restoring_through_the_window_replaces_the_data_and_keeps_the_state_before(
    qtbot, make_workspace, restore_language
):
    workspace = make_workspace("trainer")
    workspace.sessions.create(title="Atelier Ségou", start_date=D, end_date=D)
    copy = backups.take_backup(workspace.path, "manual")
    workspace.sessions.create(title="Créée par erreur", start_date=D, end_date=D)
    host = WindowHost(workspace, OperationRunner())
    first = host.show()
    qtbot.addWidget(first)
    assert first.model.rowCount() == 2
    with qtbot.waitSignal(first.destroyed):
        first.restore_requested.emit(copy)
    second = host.window
    qtbot.addWidget(second)
    assert second is not first and second.model.rowCount() == 1
    assert [s.title for s in host.workspace.sessions.list()] == ["Atelier Ségou"]
    [before] = [b for b in backups.list_backups(workspace.path) if b.kind == "before-restore"]
    assert titles(before.path) == ["Atelier Ségou", "Créée par erreur"]
    assert "restored" in second.statusBar().currentMessage()
    host.workspace.close()


def test_the_file_menu_opens_the_backups(qtbot, workspace):
    from trainer_desktop.ui.app import build_main_window

    window = build_main_window(workspace)
    qtbot.addWidget(window)
    [file_menu] = [a.menu() for a in window.menuBar().actions() if a.text() == "&File"]
    assert window.backups_action in file_menu.actions()
    dialog = window.open_backups()
    assert isinstance(dialog, BackupsDialog) and dialog.isVisible()
    dialog.reject()


# -- a double-click on a bundle ------------------------------------------------------------------


def test_bundle_files_alone_on_the_command_line_open_the_app_and_import_them(monkeypatch,
                                                                             tmp_path):  # fmt: skip
    seen: list = []
    monkeypatch.setattr(app, "run_gui", lambda db, lang, bundles=(): seen.append(
        (db, lang, list(bundles))) or 0)  # fmt: skip
    bundle = str(tmp_path / "De Awa.TDBUNDLE")
    assert cli_main.main([bundle]) == 0
    assert cli_main.main(["gui", "--db", "x.sqlite", bundle]) == 0
    assert seen == [(None, None, [bundle]), ("x.sqlite", None, [bundle])]


def test_run_gui_starts_importing_the_bundles_it_is_given(qapp, workspace, monkeypatch,
                                                          restore_language):  # fmt: skip
    from trainer_desktop.ui.main_window import MainWindow

    workspace.sessions.create(title="Atelier", start_date=D, end_date=D)
    started: list = []
    monkeypatch.setattr(MainWindow, "import_bundles", lambda self, paths=None: started.append(
        [p.name for p in paths]))  # fmt: skip

    def exec_once() -> int:
        QApplication.processEvents()  # the import starts once the window shows
        for w in QApplication.topLevelWidgets():
            if hasattr(w, "open_session"):
                w.close()
        return 0

    monkeypatch.setattr(QApplication, "exec", staticmethod(exec_once))
    assert run_gui(str(workspace.path), "en", ["/x/De Awa.tdbundle"]) == 0
    assert started == [["De Awa.tdbundle"]]


def test_the_application_has_its_icon_in_every_size(qapp):
    icon = app.application_icon()
    sizes = {size.width() for size in icon.availableSizes()}
    assert {16, 32, 48, 256} <= sizes and not icon.pixmap(32, 32).isNull()
