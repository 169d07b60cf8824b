"""Starting the graphical interface: the Qt application, the workspace, the main window.

:func:`build_main_window` is the only way a main window is made (tests use it with a temporary
workspace). :class:`WindowHost` keeps the one window of a running application and rebuilds it
when the user changes the interface language.
"""

from __future__ import annotations

import gc
import sys
import traceback
from types import TracebackType

from PySide6.QtCore import QLibraryInfo, QLocale, QObject, Qt, QTranslator
from PySide6.QtWidgets import QApplication, QMessageBox

from trainer_desktop.core import i18n
from trainer_desktop.core.errors import DatabaseUnavailable
from trainer_desktop.core.i18n import _
from trainer_desktop.core.workspace import Workspace, open_workspace

from .main_window import APP_NAME, MainWindow
from .operations import OperationRunner


def build_main_window(workspace: Workspace, runner: OperationRunner | None = None) -> MainWindow:
    """A main window on ``workspace``; every screen in it changes data through ``runner``."""
    return MainWindow(workspace, runner or OperationRunner())


_qt_translator: QTranslator | None = None


def set_interface_language(language: str, country: str | None = None) -> str:
    """Messages, dates, Qt's own texts (OK, Cancel, Yes...) and the direction of every layout
    (right to left for Arabic) in ``language``, with dates and numbers in the formats of
    ``country`` (default: unchanged); returns the supported code actually used."""
    global _qt_translator
    translator = i18n.set_language(language, country)
    QLocale.setDefault(QLocale(translator.locale))
    app = QApplication.instance()
    if app is not None:
        if _qt_translator is not None:
            app.removeTranslator(_qt_translator)
        _qt_translator = QTranslator(app)
        folder = QLibraryInfo.path(QLibraryInfo.LibraryPath.TranslationsPath)
        if _qt_translator.load(f"qtbase_{translator.language}", folder):
            app.installTranslator(_qt_translator)
        app.setLayoutDirection(
            Qt.LayoutDirection.RightToLeft if translator.right_to_left
            else Qt.LayoutDirection.LeftToRight
        )  # fmt: skip
    return translator.language


class WindowHost(QObject):
    """Owns the main window; replaces it with a new one when the language changes, on the
    same page."""

    def __init__(self, workspace: Workspace, runner: OperationRunner) -> None:
        super().__init__()
        self.workspace = workspace
        self.runner = runner
        self.window: MainWindow | None = None

    def show(self, session_id: str | None = None, selected: str | None = None) -> MainWindow:
        window = build_main_window(self.workspace, self.runner)
        window.language_changed.connect(self.rebuild)
        if session_id:
            window.open_session(session_id)
        elif selected:
            window.home.select(selected)
        screen = window.screen().availableGeometry()
        window.setGeometry(screen)  # where no window manager maximises (kiosk setups)
        window.showMaximized()
        self.window = window
        return window

    def rebuild(self, language: str) -> MainWindow:
        set_interface_language(language, self.workspace.settings.formats)
        old = self.window
        session_id = selected = None
        if old is not None:
            session_id = old.session_page.session_id if old.session_page else None
            selected = old.home.selected_session_id()
            old.language_changed.disconnect(self.rebuild)
            old.detach()
        window = self.show(session_id, selected)
        if old is not None:
            old.close()
            old.deleteLater()
        return window


def install_excepthook(host: WindowHost) -> None:
    """Show bugs in a message box (with the traceback under Details) instead of dying."""
    showing = False

    def hook(
        exc_type: type[BaseException], exc: BaseException, tb: TracebackType | None
    ) -> None:
        nonlocal showing
        details = "".join(traceback.format_exception(exc_type, exc, tb))
        sys.stderr.write(details)
        if issubclass(exc_type, KeyboardInterrupt):
            QApplication.quit()
            return
        if showing:  # an error while showing an error: the console has it
            return
        showing = True
        try:
            box = QMessageBox(host.window)
            box.setIcon(QMessageBox.Icon.Critical)
            box.setWindowTitle(_("Unexpected error"))
            box.setText(
                _(
                    "Something unexpected went wrong. Everything saved before is safe; the "
                    "last action may not have been completed. Please send the details below "
                    "to the person who supports Trainer Desktop."
                )
            )
            box.setInformativeText(f"{exc_type.__name__}: {exc}")
            box.setDetailedText(details)
            box.exec()
        finally:
            showing = False

    sys.excepthook = hook


def run_gui(db_path: str | None, language: str | None) -> int:
    """Run the application on the database at ``db_path`` (default: the user's); returns the
    exit code."""
    app = QApplication.instance() or QApplication(sys.argv[:1])
    app.setApplicationName(APP_NAME)
    app.setApplicationDisplayName(APP_NAME)
    set_interface_language(language or i18n.DEFAULT_LANGUAGE)  # for an error while opening
    try:
        workspace = open_workspace(db_path)
    except DatabaseUnavailable as exc:
        QMessageBox.critical(None, APP_NAME, exc.message)
        return 1
    try:
        set_interface_language(language or workspace.settings.language, workspace.settings.formats)
        host = WindowHost(workspace, OperationRunner())
        install_excepthook(host)
        host.show()
        # Everything loaded so far (Qt, SQLAlchemy, the window) lives as long as the program:
        # moved out of the collector's sight, a full collection no longer stalls a sign-in or a
        # grid change for 60-90 ms (bench/bench_attendance.py).
        gc.freeze()
        return app.exec()
    finally:
        sys.excepthook = sys.__excepthook__
        workspace.close()
