"""Starting the graphical interface: the Qt application, the workspace, the main window.

:func:`build_main_window` is the only way a main window is made (tests use it with a temporary
workspace). :class:`WindowHost` keeps the one window of a running application and rebuilds it
when the user changes the interface language.
"""

from __future__ import annotations

import gc
import sqlite3
import sys
import traceback
from collections.abc import Sequence
from pathlib import Path
from types import TracebackType

from PySide6.QtCore import QLibraryInfo, QLocale, QObject, Qt, QThread, QTimer, QTranslator, Signal
from PySide6.QtGui import QFontDatabase, QIcon
from PySide6.QtWidgets import QApplication, QMessageBox

from trainer_desktop.core import backups, i18n
from trainer_desktop.core.errors import DatabaseUnavailable, UserError
from trainer_desktop.core.i18n import _
from trainer_desktop.core.workspace import Workspace, open_workspace

from .first_run import FirstRunWizard, needs_first_run
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


class DailyBackup(QThread):
    """Today's copy of the database, taken off the GUI thread once the window shows."""

    failed = Signal(str)

    def __init__(self, path: Path, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.path = path

    def run(self) -> None:
        try:
            backups.daily_backup(self.path)
        except (OSError, sqlite3.Error) as exc:
            self.failed.emit(str(exc))


class WindowHost(QObject):
    """Owns the workspace and the main window; replaces the window with a new one when the
    language changes (on the same page), and the database when a copy is restored."""

    def __init__(self, workspace: Workspace, runner: OperationRunner) -> None:
        super().__init__()
        self.workspace = workspace
        self.runner = runner
        self.window: MainWindow | None = None

    def show(self, session_id: str | None = None, selected: str | None = None) -> MainWindow:
        window = build_main_window(self.workspace, self.runner)
        window.language_changed.connect(self.rebuild)
        window.restore_requested.connect(self.restore)
        if session_id:
            window.open_session(session_id)
        elif selected:
            window.home.select(selected)
        screen = window.screen().availableGeometry()
        window.setGeometry(screen)  # where no window manager maximises (kiosk setups)
        window.showMaximized()
        self.window = window
        return window

    def _retire(self) -> MainWindow | None:
        old = self.window
        if old is not None:
            old.language_changed.disconnect(self.rebuild)
            old.restore_requested.disconnect(self.restore)
            old.detach()
        return old

    def rebuild(self, language: str) -> MainWindow:
        set_interface_language(language, self.workspace.settings.formats)
        session_id = selected = None
        if self.window is not None:
            session_id = self.window.session_page.session_id if self.window.session_page else None
            selected = self.window.home.selected_session_id()
        old = self._retire()
        window = self.show(session_id, selected)
        if old is not None:
            old.close()
            old.deleteLater()
        return window

    def restore(self, copy: Path) -> MainWindow | None:
        """Put ``copy`` in place of the database and show it; on a refusal nothing changed."""
        path = self.workspace.path
        old = self._retire()
        if old is not None:
            old.close()
            old.deleteLater()
        self.workspace.close()
        problem = None
        try:
            backups.restore_backup(path, copy)
        except UserError as exc:
            problem = exc.message
        self.workspace = open_workspace(path)
        # The language stays as it is (a copy may have another setting: it shows next start).
        set_interface_language(i18n.current().language, self.workspace.settings.formats)
        window = self.show()
        if problem:
            QMessageBox.warning(window, _("Restore a copy"), problem)
        else:
            window.statusBar().showMessage(
                _("The copy was restored. The data as it was before is kept as a copy "
                  "(File ▸ Backups…)."), 15_000)  # fmt: skip
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


#: The fonts shipped with the application (also embedded in its PDF documents).
FONTS_DIR = Path(__file__).resolve().parent.parent / "resources" / "fonts"
ICONS_DIR = FONTS_DIR.parent / "icons"


def add_bundled_fonts() -> list[str]:
    """Make DejaVu Sans (Latin, Arabic…) available to the interface: a laptop without an
    Arabic system font (a minimal Linux) then shows Arabic through Qt's font fallback instead
    of empty boxes. Returns the families added (empty if the files are missing)."""
    families: list[str] = []
    for path in sorted(FONTS_DIR.glob("DejaVuSans*.ttf")):
        font_id = QFontDatabase.addApplicationFont(str(path))
        if font_id >= 0:
            families += QFontDatabase.applicationFontFamilies(font_id)
    return sorted(set(families))


def application_icon() -> QIcon:
    """The flip-chart icon (``resources/icons``), every size drawn for its size."""
    icon = QIcon()
    for path in sorted(ICONS_DIR.glob("trainer-desktop-*.png")):
        icon.addFile(str(path))
    return icon


def run_gui(db_path: str | None, language: str | None, bundles: Sequence[str] = ()) -> int:
    """Run the application on the database at ``db_path`` (default: the user's); ``bundles``
    (a double-click on a ``.tdbundle``) are imported once the window shows. Returns the exit
    code."""
    app = QApplication.instance() or QApplication(sys.argv[:1])
    app.setApplicationName(APP_NAME)
    app.setApplicationDisplayName(APP_NAME)
    add_bundled_fonts()
    app.setWindowIcon(application_icon())
    set_interface_language(language or i18n.DEFAULT_LANGUAGE)  # for an error while opening
    try:
        workspace = open_workspace(db_path)
    except DatabaseUnavailable as exc:
        QMessageBox.critical(None, APP_NAME, exc.message)
        return 1
    host: WindowHost | None = None
    daily: DailyBackup | None = None
    try:
        set_interface_language(language or workspace.settings.language, workspace.settings.formats)
        if needs_first_run(workspace):
            wizard = FirstRunWizard(workspace, set_interface_language)
            wizard.exec()
            set_interface_language(language or workspace.settings.language,
                                   workspace.settings.formats)  # fmt: skip
        host = WindowHost(workspace, OperationRunner())
        install_excepthook(host)
        host.show()
        daily = DailyBackup(workspace.path, app)
        daily.failed.connect(lambda error: host.window and host.window.statusBar().showMessage(
            _("Today's copy of the data could not be written: {error}").format(error=error)))
        daily.start()
        if bundles:
            QTimer.singleShot(0, lambda: host.window and host.window.import_bundles(
                [Path(b) for b in bundles]))  # fmt: skip
        # Everything loaded so far (Qt, SQLAlchemy, the window) lives as long as the program:
        # moved out of the collector's sight, a full collection no longer stalls a sign-in or a
        # grid change for 60-90 ms (bench/bench_attendance.py).
        gc.freeze()
        return app.exec()
    finally:
        sys.excepthook = sys.__excepthook__
        if daily is not None:
            daily.wait()  # a copy half written would be left as a .part
        (host.workspace if host is not None else workspace).close()
