"""The main window: the list of sessions (home) and one session's page, with the actions on
sessions in the menus, the toolbar and the keyboard.

Built by :func:`trainer_desktop.ui.app.build_main_window` with the services it needs; nothing
here is global. Changing the interface language rebuilds the window: :attr:`language_changed`
asks the application to do it.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import Qt, QTimer, Signal
from PySide6.QtGui import QAction, QCloseEvent, QKeySequence
from PySide6.QtWidgets import (
    QDialog,
    QHBoxLayout,
    QLabel,
    QMainWindow,
    QMessageBox,
    QPushButton,
    QStackedWidget,
    QToolBar,
    QWidget,
)

from trainer_desktop.core.i18n import _
from trainer_desktop.core.workspace import Workspace

from .backups_dialog import BackupsDialog
from .bundle_export import BundleExportDialog
from .bundle_import import BundleImportDialog, bundle_paths_in
from .duplicates_review import DuplicatesReviewDialog
from .home_page import HomePage
from .merge_review import MergeBadge, MergeReviewDialog
from .operations import MERGE, PROGRAMME, SESSIONS, OperationRunner
from .session_dialog import DuplicateSessionDialog, SessionDialog
from .session_page import SessionPage
from .sessions_model import SessionsTableModel
from .settings_dialog import SettingsDialog

if TYPE_CHECKING:
    from .form_library import FormLibrary
    from .overview_window import OverviewWindow
    from .quiz_library import QuizLibrary

APP_NAME = "Trainer Desktop"  # a name, not translated
UNDO_MESSAGE_MS = 30_000


class MainWindow(QMainWindow):
    #: The user chose another interface language (its code): rebuild the window in it.
    language_changed = Signal(str)
    #: The user chose to restore this copy of the database (File ▸ Backups…).
    restore_requested = Signal(object)  # the Path of the copy

    def __init__(
        self, workspace: Workspace, runner: OperationRunner, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self.workspace = workspace
        self.runner = runner
        self.session_page: SessionPage | None = None
        self._undo_session: tuple[str, str] | None = None  # (id, title) of the last deleted
        self.quiz_library: QuizLibrary | None = None
        self.form_library: FormLibrary | None = None
        self.overview_window: OverviewWindow | None = None

        self.model = SessionsTableModel(self)
        self.home = HomePage(self.model)
        self.pages = QStackedWidget()
        self.pages.addWidget(self.home)
        self.setCentralWidget(self.pages)
        self._make_actions()
        self._make_menus()
        self._make_status_bar()
        self.setAcceptDrops(True)  # bundles dropped on the window are imported

        self.home.search.textChanged.connect(self.refresh)
        self.home.new_button.clicked.connect(self.new_session)
        self.home.table.doubleClicked.connect(lambda _index: self.open_selected())
        self.home.table.selectionModel().selectionChanged.connect(self._update_actions)
        runner.changed.connect(self._on_changed)
        self.refresh()
        self._update_title()
        self.resize(1200, 720)

    # -- building
    def _action(self, text: str, slot, shortcuts=(), home_only: bool = False) -> QAction:
        action = QAction(text, self)
        action.setShortcuts([QKeySequence(s) for s in shortcuts])
        action.triggered.connect(lambda _checked=False: slot())
        if home_only:
            # Only while the list has the focus: the session page's own keys (Enter, Delete...)
            # belong to what it shows.
            action.setShortcutContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
            self.home.addAction(action)
        else:
            self.addAction(action)
        if shortcuts:
            keys = action.shortcut().toString(QKeySequence.SequenceFormat.NativeText)
            action.setToolTip(_("{action} ({shortcut})").format(action=text, shortcut=keys))
        return action

    def _make_actions(self) -> None:
        key = QKeySequence.StandardKey
        self.new_action = self._action(_("New session…"), self.new_session, ["Ctrl+N"])
        self.open_action = self._action(_("Open"), self.open_selected,
                                        [Qt.Key.Key_Return, Qt.Key.Key_Enter], home_only=True)
        self.edit_action = self._action(_("Edit details…"), self.edit_session, ["Ctrl+E"])
        self.duplicate_action = self._action(_("Duplicate…"), self.duplicate_session,
                                             ["Ctrl+D"], home_only=True)
        self.delete_action = self._action(_("Delete…"), self.delete_session,
                                          [key.Delete], home_only=True)
        self.undo_action = self._action(_("Undo delete"), self.undo_delete, [key.Undo],
                                        home_only=True)
        self.settings_action = self._action(_("Settings…"), self.open_settings, ["Ctrl+,"])
        self.backups_action = self._action(_("Backups…"), self.open_backups)
        self.import_action = self._action(_("Import bundles…"), self.import_bundles,
                                          ["Ctrl+Shift+I"])  # fmt: skip
        self.export_action = self._action(_("Export a bundle…"), self.export_bundle,
                                          ["Ctrl+Shift+E"])  # fmt: skip
        self.review_action = self._action(_("Review merge…"), self.review_merge)
        self.duplicates_action = self._action(_("Probable duplicates…"), self.review_duplicates)
        self.quizzes_action = self._action(_("Quizzes…"), self.open_quiz_library, ["Ctrl+Shift+Q"])
        self.forms_action = self._action(_("Evaluation forms…"), self.open_form_library,
                                         ["Ctrl+Shift+F"])  # fmt: skip
        self.overview_action = self._action(_("Overview across sessions…"), self.open_overview,
                                            ["Ctrl+Shift+O"])  # fmt: skip
        self.certificate_action = self._action(_("Check a certificate…"), self.check_certificate)
        self.quit_action = self._action(_("Quit"), self.close, ["Ctrl+Q"])
        self.about_action = self._action(_("About Trainer Desktop"), self.show_about)
        for action in (self.open_action, self.edit_action, self.duplicate_action,
                       self.delete_action):  # fmt: skip
            self.home.table.addAction(action)

    def _make_menus(self) -> None:
        menu = self.menuBar().addMenu(_("&File"))
        menu.addAction(self.new_action)
        menu.addSeparator()
        menu.addActions([self.import_action, self.export_action])
        menu.addSeparator()
        menu.addActions([self.quizzes_action, self.forms_action])
        menu.addSeparator()
        menu.addActions([self.settings_action, self.backups_action])
        menu.addSeparator()
        menu.addAction(self.quit_action)
        menu = self.menuBar().addMenu(_("&Session"))
        menu.addActions([self.open_action, self.edit_action, self.duplicate_action])
        menu.addSeparator()
        menu.addActions([self.delete_action, self.undo_action])
        menu.addSeparator()
        menu.addActions([self.review_action, self.duplicates_action])
        menu.addSeparator()
        menu.addActions([self.overview_action, self.certificate_action])
        self.menuBar().addMenu(_("&Help")).addAction(self.about_action)

        toolbar = QToolBar(_("Sessions"))
        toolbar.setObjectName("sessions_toolbar")
        toolbar.setMovable(False)
        toolbar.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextOnly)
        toolbar.addActions([self.new_action, self.open_action, self.edit_action,
                            self.duplicate_action, self.delete_action])  # fmt: skip
        toolbar.addSeparator()
        toolbar.addActions([self.import_action, self.export_action])
        toolbar.addSeparator()
        toolbar.addActions([self.quizzes_action, self.forms_action])
        toolbar.addSeparator()
        toolbar.addAction(self.settings_action)
        self.addToolBar(toolbar)
        self.toolbar = toolbar

    def _make_status_bar(self) -> None:
        self.undo_label = QLabel()
        self.undo_button = QPushButton(_("Undo"))
        self.undo_button.setToolTip(_("Bring the deleted session back (Ctrl+Z)"))
        self.undo_button.clicked.connect(self.undo_delete)
        self.undo_bar = QWidget()
        row = QHBoxLayout(self.undo_bar)
        row.setContentsMargins(0, 0, 0, 0)
        row.addWidget(self.undo_label)
        row.addWidget(self.undo_button)
        self.undo_bar.hide()
        self.statusBar().addWidget(self.undo_bar)
        self._undo_timer = QTimer(self, singleShot=True, interval=UNDO_MESSAGE_MS)
        self._undo_timer.timeout.connect(self.undo_bar.hide)
        self.merge_badge = MergeBadge(self.workspace)
        self.merge_badge.review_requested.connect(self.review_merge)
        self.statusBar().addPermanentWidget(self.merge_badge)

    # -- state
    def current_session_id(self) -> str | None:
        """The session the actions apply to: the one on screen, else the one selected."""
        if self.session_page is not None:
            return self.session_page.session_id
        return self.home.selected_session_id()

    def _update_actions(self) -> None:
        on_home = self.session_page is None
        self.toolbar.setVisible(on_home)  # the session page has its own buttons
        selected = self.current_session_id() is not None
        for action in (self.open_action, self.duplicate_action, self.delete_action):
            action.setEnabled(on_home and selected)
        self.edit_action.setEnabled(selected)
        self.undo_action.setEnabled(on_home and self._undo_session is not None)
        if self._undo_session:
            self.undo_action.setText(_("Undo delete of “{title}”").format(
                title=self._undo_session[1]))  # fmt: skip

    def _update_title(self) -> None:
        parts = [self.workspace.path.name, APP_NAME]
        if self.session_page is not None:
            parts.insert(0, self.session_page.session.title)
        self.setWindowTitle(" — ".join(parts))

    def refresh(self) -> None:
        selected = self.home.selected_session_id()
        self.model.refresh(self.workspace.sessions.list(self.home.search.text()))
        self.home.select(selected)
        self.home.show_empty(self.model.rowCount() == 0)
        self._update_actions()

    def _on_changed(self, changed: frozenset, _source: object) -> None:
        if changed & {SESSIONS, PROGRAMME}:
            self.refresh()
            self._update_title()
        if MERGE in changed:
            self.merge_badge.refresh()

    # -- pages
    def open_session(self, session_id: str) -> SessionPage:
        self._close_session_page()
        self.session_page = SessionPage(self.workspace, self.runner, session_id, self.pages)
        self.session_page.back_requested.connect(self.show_home)
        self.pages.addWidget(self.session_page)
        self.pages.setCurrentWidget(self.session_page)
        self.session_page.setFocus()
        self._update_actions()
        self._update_title()
        return self.session_page

    def show_home(self) -> None:
        came_from = self._close_session_page()
        self.pages.setCurrentWidget(self.home)
        self.refresh()
        self.home.select(came_from)
        self.home.table.setFocus()
        self._update_actions()
        self._update_title()

    def detach(self) -> None:
        """Stop following changes: this window is being replaced."""
        self._close_session_page()
        if self.overview_window is not None:  # its count runs in a thread: stop it first
            self.overview_window.stop_counting()
            self.overview_window.close()
        self.runner.changed.disconnect(self._on_changed)

    def _close_session_page(self) -> str | None:
        page, self.session_page = self.session_page, None
        if page is None:
            return None
        self.runner.changed.disconnect(page._on_changed)
        self.pages.removeWidget(page)
        page.deleteLater()
        return page.session_id

    # -- actions
    def new_session(self) -> SessionDialog:
        dialog = SessionDialog(self.workspace, self.runner, parent=self)
        dialog.accepted.connect(lambda: self.open_session(dialog.saved_session_id))
        return self._show(dialog)

    def open_selected(self) -> None:
        session_id = self.home.selected_session_id()
        if session_id is None and self.model.rowCount() == 1:
            session_id = self.model.summary(0).id  # the one search result: Enter opens it
        if session_id:
            self.open_session(session_id)

    def edit_session(self) -> QDialog | None:
        if self.session_page is not None:
            return self.session_page.edit_details()
        session_id = self.current_session_id()
        if session_id is None:
            return None
        return self._show(SessionDialog(self.workspace, self.runner, session_id, self))

    def duplicate_session(self) -> DuplicateSessionDialog | None:
        session_id = self.current_session_id()
        if session_id is None:
            return None
        dialog = DuplicateSessionDialog(self.workspace, self.runner, session_id, self)

        def select_copy() -> None:
            self.home.search.clear()  # the copy may not match the search
            self.home.select(dialog.saved_session_id)
            self.statusBar().showMessage(_("Session duplicated with its programme."), 5000)

        dialog.accepted.connect(select_copy)
        return self._show(dialog)

    def delete_session(self) -> None:
        session_id = self.current_session_id()
        if session_id is None or self.session_page is not None:
            return
        title = self.model.summary(self.model.row_of(session_id)).title  # type: ignore[arg-type]
        answer = QMessageBox.question(
            self,
            _("Delete session"),
            _("Delete the session “{title}” and its programme?").format(title=title),
            QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No,
            QMessageBox.StandardButton.No,
        )
        if answer != QMessageBox.StandardButton.Yes:
            return
        row = self.home.table.currentIndex().row()
        outcome = self.runner.run(self, self.workspace.sessions.delete, session_id,
                                  changes={SESSIONS, PROGRAMME})  # fmt: skip
        if not outcome.ok:
            return
        self.home.select_row(row)  # the one that took its place
        self._undo_session = (session_id, title)
        self.undo_label.setText(_("“{title}” was deleted.").format(title=title))
        self.undo_bar.show()
        self._undo_timer.start()
        self._update_actions()

    def undo_delete(self) -> None:
        if self._undo_session is None:
            return
        session_id, title = self._undo_session
        outcome = self.runner.run(self, self.workspace.sessions.restore, session_id,
                                  changes={SESSIONS, PROGRAMME})  # fmt: skip
        if not outcome.ok:
            return
        self._undo_session = None
        self.undo_bar.hide()
        self.home.select(session_id)
        self.statusBar().showMessage(_("“{title}” was restored.").format(title=title), 5000)
        self._update_actions()

    def open_settings(self) -> SettingsDialog:
        dialog = SettingsDialog(self.workspace, self.runner, self)

        def after() -> None:
            if dialog.language_changed:
                language = self.workspace.settings.language
                # Once the dialog has closed: the window is about to be replaced.
                QTimer.singleShot(0, lambda: self.language_changed.emit(language))

        dialog.accepted.connect(after)
        return self._show(dialog)

    def export_bundle(self) -> BundleExportDialog:
        if self.session_page is not None:  # with this session ticked
            return self.session_page.export_bundle()
        return self._show(BundleExportDialog(self.workspace, self.runner, parent=self))

    def import_bundles(self, paths: list | None = None) -> BundleImportDialog:
        """The import dialog; with ``paths`` (files or folders) it starts importing them."""
        dialog = BundleImportDialog(self.workspace, self.runner, self)
        dialog.review_requested.connect(self.review_merge)
        self._show(dialog)
        if paths:
            dialog.start(paths)
        return dialog

    def open_backups(self) -> BackupsDialog:
        dialog = BackupsDialog(self.workspace, self)
        dialog.restore_requested.connect(self.restore_requested)
        return self._show(dialog)

    def review_merge(self) -> MergeReviewDialog:
        return self._show(MergeReviewDialog(self.workspace, self.runner, self))

    def review_duplicates(self) -> DuplicatesReviewDialog:
        return self._show(DuplicatesReviewDialog(self.workspace, self.runner, self))

    def closeEvent(self, event: QCloseEvent) -> None:
        """Quitting with a quiz or a form being edited asks first, as closing the editor does."""
        for library in (self.quiz_library, self.form_library):
            editor = library.editor if library is not None else None
            if editor is not None:
                editor.reject()  # Save / Discard / Cancel
                if library.editor is editor:
                    event.ignore()  # the trainer chose to keep editing
                    return
        super().closeEvent(event)

    def open_quiz_library(self) -> QuizLibrary:
        """The quiz library in a window of its own beside the sessions (one at a time)."""
        from .quiz_library import QuizLibrary  # imported on first use: start-up stays quick

        if self.quiz_library is None:
            library = QuizLibrary(self.workspace, self.runner, self)
            library.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
            library.finished.connect(lambda _code: setattr(self, "quiz_library", None))
            self.quiz_library = library
        self.quiz_library.show()
        self.quiz_library.raise_()
        self.quiz_library.activateWindow()
        return self.quiz_library

    def open_form_library(self) -> FormLibrary:
        """The evaluation-form library in a window of its own beside the sessions (one at a
        time)."""
        from .form_library import FormLibrary  # imported on first use: start-up stays quick

        if self.form_library is None:
            library = FormLibrary(self.workspace, self.runner, self)
            library.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
            library.finished.connect(lambda _code: setattr(self, "form_library", None))
            self.form_library = library
        self.form_library.show()
        self.form_library.raise_()
        self.form_library.activateWindow()
        return self.form_library

    def open_overview(self) -> OverviewWindow:
        """The figures across sessions in a window of its own (one at a time)."""
        from .overview_window import OverviewWindow  # imported on first use: start-up stays quick

        if self.overview_window is None:
            window = OverviewWindow(self.workspace, self.runner, self)
            window.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
            window.finished.connect(lambda _code: setattr(self, "overview_window", None))
            window.session_requested.connect(self.open_session)
            self.overview_window = window
        self.overview_window.show()
        self.overview_window.raise_()
        self.overview_window.activateWindow()
        return self.overview_window

    def check_certificate(self) -> QDialog:
        from .certificate_check import CertificateCheckDialog

        return self._show(CertificateCheckDialog(self.workspace, self))

    def dragEnterEvent(self, event) -> None:
        if bundle_paths_in(event.mimeData()):
            event.acceptProposedAction()

    dragMoveEvent = dragEnterEvent

    def dropEvent(self, event) -> None:
        paths = bundle_paths_in(event.mimeData())
        if paths:
            event.acceptProposedAction()
            self.import_bundles(paths)

    def show_about(self) -> None:
        from trainer_desktop import __version__ as number

        QMessageBox.about(
            self,
            _("About Trainer Desktop"),
            _("Trainer Desktop {version}\n\nDatabase: {path}\nThis laptop: {device}").format(
                version=number, path=self.workspace.path, device=self.workspace.settings.device_name
            ),
        )

    def _show(self, dialog: QDialog) -> QDialog:
        # Window-modal without a nested event loop, so nothing blocks (and tests can drive it).
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.open()
        return dialog
