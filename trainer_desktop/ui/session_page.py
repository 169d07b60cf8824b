"""One training session on screen: what it is (header) and its tabs (programme, and later
participants, attendance, tests, evaluation, reports).

A new tab is one entry in :data:`SESSION_TABS`: a label marked with ``N_`` and a factory
``(workspace, runner, session_id, parent) -> QWidget``. Each tab listens to ``runner.changed``
for what it shows (``SESSIONS`` too if it depends on the session's days); the page refreshes only
its header.
"""

from __future__ import annotations

import html
from collections.abc import Callable

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QAction, QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QDialog,
    QHBoxLayout,
    QLabel,
    QMenu,
    QPushButton,
    QSizePolicy,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from trainer_desktop.core import i18n
from trainer_desktop.core.errors import NotFoundError
from trainer_desktop.core.i18n import N_, _, ngettext
from trainer_desktop.core.sessions import TrainingSession
from trainer_desktop.core.workspace import Workspace

from .forms import align_with_interface
from .operations import SESSIONS, OperationRunner
from .sessions_model import place_text

TabFactory = Callable[[Workspace, OperationRunner, str, QWidget], QWidget]


def _programme_tab(
    workspace: Workspace, runner: OperationRunner, session_id: str, parent: QWidget
) -> QWidget:
    from .programme_editor import ProgrammeEditor  # imported when a session is first opened

    return ProgrammeEditor(workspace, runner, session_id, parent)


def _participants_tab(
    workspace: Workspace, runner: OperationRunner, session_id: str, parent: QWidget
) -> QWidget:
    from .participants_page import ParticipantsPage

    return ParticipantsPage(workspace, runner, session_id, parent)


def _attendance_tab(
    workspace: Workspace, runner: OperationRunner, session_id: str, parent: QWidget
) -> QWidget:
    from .attendance_page import AttendancePage

    return AttendancePage(workspace, runner, session_id, parent)


def _tests_tab(
    workspace: Workspace, runner: OperationRunner, session_id: str, parent: QWidget
) -> QWidget:
    from .quiz_page import QuizPage

    return QuizPage(workspace, runner, session_id, parent)


def _evaluation_tab(
    workspace: Workspace, runner: OperationRunner, session_id: str, parent: QWidget
) -> QWidget:
    from .evaluation_page import EvaluationPage

    return EvaluationPage(workspace, runner, session_id, parent)


#: The tabs of a session, in order.
SESSION_TABS: list[tuple[str, TabFactory]] = [
    (N_("Programme"), _programme_tab),
    (N_("Participants"), _participants_tab),
    (N_("Attendance"), _attendance_tab),
    (N_("Tests"), _tests_tab),
    (N_("Evaluation"), _evaluation_tab),
]


def _line(*parts: tuple[str, str]) -> str:
    """Rich text "<b>Label</b> value · <b>Label</b> value", leaving out empty values."""
    shown = [
        f"<b>{html.escape(label)}</b>&nbsp; {html.escape(value)}" for label, value in parts if value
    ]
    return " &nbsp;·&nbsp; ".join(shown)


def describe_place(session: TrainingSession) -> str:
    place = place_text(session.town, session.region)
    return ", ".join(p for p in (session.venue, place, session.country) if p)


class SessionPage(QWidget):
    #: The user wants the sessions list back.
    back_requested = Signal()

    def __init__(
        self,
        workspace: Workspace,
        runner: OperationRunner,
        session_id: str,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.workspace = workspace
        self.runner = runner
        self.session_id = session_id
        self.session = workspace.sessions.get(session_id)
        self._build()
        self._show_header()
        runner.changed.connect(self._on_changed)

    def _build(self) -> None:
        self.back_button = QPushButton(_("← Back to sessions"))
        self.back_button.setToolTip(_("Back to the list of sessions (Esc)"))
        self.back_button.clicked.connect(self.back_requested)
        for key in (QKeySequence(Qt.Key.Key_Escape), QKeySequence(QKeySequence.StandardKey.Back)):
            shortcut = QShortcut(key, self, context=Qt.ShortcutContext.WidgetWithChildrenShortcut)
            shortcut.activated.connect(self.back_requested)
        self.edit_button = QPushButton(_("Edit details…"))
        self.edit_button.clicked.connect(self.edit_details)
        self.export_button = QPushButton(_("Export a bundle…"))
        self.export_button.setToolTip(_("Export this session to a bundle file (Ctrl+Shift+E)"))
        self.export_button.clicked.connect(self.export_bundle)
        self.reports_button = self._reports_button()

        self.title_label = QLabel()
        font = self.title_label.font()
        font.setPointSizeF(font.pointSizeF() * 1.6)
        font.setBold(True)
        self.title_label.setFont(font)
        self.title_label.setWordWrap(True)
        self.title_label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.theme_label = QLabel()
        self.theme_label.setWordWrap(True)
        self.when_label = QLabel()
        self.who_label = QLabel()
        for label in (self.when_label, self.who_label):
            label.setTextFormat(Qt.TextFormat.RichText)
            label.setWordWrap(True)
        for label in (self.title_label, self.theme_label, self.when_label, self.who_label):
            label.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Preferred)
            align_with_interface(label)  # one block, though a French title in Arabic

        buttons = QHBoxLayout()
        buttons.addWidget(self.back_button)
        buttons.addStretch(1)
        buttons.addWidget(self.reports_button)
        buttons.addWidget(self.export_button)
        buttons.addWidget(self.edit_button)

        header = QVBoxLayout()
        header.setSpacing(4)
        header.addWidget(self.title_label)
        header.addWidget(self.theme_label)
        header.addWidget(self.when_label)
        header.addWidget(self.who_label)

        self.tabs = QTabWidget()
        self.tabs.setDocumentMode(True)
        for label, factory in SESSION_TABS:
            self.tabs.addTab(factory(self.workspace, self.runner, self.session_id, self), _(label))

        layout = QVBoxLayout(self)
        layout.addLayout(buttons)
        layout.addLayout(header)
        layout.addSpacing(6)
        layout.addWidget(self.tabs, 1)

    def _reports_button(self) -> QPushButton:
        """The “Reports” button and its menu; each entry also has a key while the page has the
        focus."""
        menu = QMenu(self)
        entries = (
            (_("Session report (PDF)…"), "Ctrl+Shift+R", lambda: self.open_document("report")),
            (_("Workbook (Excel)…"), "Ctrl+Shift+X", lambda: self.open_document("workbook")),
            (_("Participant list (PDF)…"), "Ctrl+Shift+L",
             lambda: self.open_document("participants")),
            None,
            (_("Certificates…"), "Ctrl+Shift+C", self.open_certificates),
        )  # fmt: skip
        self.report_actions: list[QAction] = []
        for entry in entries:
            if entry is None:
                menu.addSeparator()
                continue
            text, keys, slot = entry
            action = QAction(text, self)
            action.setShortcut(QKeySequence(keys))
            action.setShortcutContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
            action.triggered.connect(lambda _checked=False, slot=slot: slot())
            self.addAction(action)  # the key works with the menu closed
            menu.addAction(action)
            self.report_actions.append(action)
        button = QPushButton(_("Reports"))
        button.setToolTip(_("The session report, the workbook, the participant list and the "
                            "certificates"))  # fmt: skip
        button.setMenu(menu)
        return button

    def _show_header(self) -> None:
        s = self.session
        tr = i18n.current()
        days = len(s.days)
        self.title_label.setText(s.title)
        self.theme_label.setText(s.theme)
        self.theme_label.setVisible(bool(s.theme))
        dates = "{range} ({days})".format(
            range=tr.format_date_range(s.start_date, s.end_date),
            days=ngettext("{n} day", "{n} days", days).format(n=days),
        )
        self.when_label.setText(_line((_("Dates"), dates), (_("Place"), describe_place(s))))
        self.who_label.setText(
            _line(
                (_("Organiser"), s.organiser),
                (_("Funders and partners"), ", ".join(s.funders)),
                (_("Facilitators"), ", ".join(s.facilitators)),
            )
        )
        self.who_label.setVisible(bool(self.who_label.text()))

    def tab_widgets(self) -> list[QWidget]:
        return [self.tabs.widget(i) for i in range(self.tabs.count())]

    def edit_details(self) -> QDialog:
        """Open the session's details for editing (window-modal; returns the dialog)."""
        from .session_dialog import SessionDialog

        dialog = SessionDialog(self.workspace, self.runner, self.session_id, self)
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.open()
        return dialog

    def export_bundle(self) -> QDialog:
        """The export dialog with this session ticked (window-modal; returns the dialog)."""
        from .bundle_export import BundleExportDialog

        dialog = BundleExportDialog(self.workspace, self.runner, self.session_id, self)
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.open()
        return dialog

    def open_document(self, kind: str) -> QDialog:
        """The dialog for one of the session's documents (``session_reports.DOCUMENTS``):
        language, file, then written and opened (window-modal; returns the dialog)."""
        from .session_reports import ask_document

        return ask_document(self, self.workspace, self.session_id, kind)

    def open_certificates(self) -> QDialog:
        """Who gets a certificate, then the certificates written and opened (window-modal)."""
        from .session_reports import ask_certificates

        return ask_certificates(self, self.workspace, self.session_id)

    def _on_changed(self, changed: frozenset, _source: object) -> None:
        if SESSIONS not in changed:
            return
        try:
            self.session = self.workspace.sessions.get(self.session_id)
        except NotFoundError:
            self.back_requested.emit()  # deleted (here, or merged from elsewhere)
            return
        self._show_header()
