"""Print an attendance sheet: choose the period and the kind of sheet (blank, to sign on paper; or
with the signatures captured on the laptop), save the PDF where the trainer will find it, open it.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import Qt, QUrl
from PySide6.QtGui import QDesktopServices
from PySide6.QtWidgets import (
    QApplication,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QFormLayout,
    QRadioButton,
    QVBoxLayout,
    QWidget,
)

from trainer_desktop.core.attendance import SignInPeriod
from trainer_desktop.core.i18n import Translator, _
from trainer_desktop.ui.attendance_model import period_title
from trainer_desktop.ui.programme_print import documents_folder

if TYPE_CHECKING:
    from trainer_desktop.core.workspace import Workspace
    from trainer_desktop.ui.operations import OperationRunner

_UNSAFE_IN_FILE_NAMES = re.compile(r'[<>:"/\\|?*\x00-\x1f]+')


def write_attendance_sheet(
    workspace: Workspace, session_id: str, period_id: str, out: Path, signed: bool = False,
    translator: Translator | None = None,
) -> Path:  # fmt: skip
    # Imported when first printing: ReportLab is slow to load and not needed to show a window.
    from trainer_desktop.reports.attendance_pdf import write_attendance_sheet as write

    return write(workspace, session_id, period_id, out, translator=translator, signed=signed)


def sheet_file_name(session_title: str, period: SignInPeriod) -> str:
    """“Attendance - <title> - 2022-11-08 morning.pdf”, safe for Windows."""
    title = " ".join(_UNSAFE_IN_FILE_NAMES.sub(" ", session_title).split())[:80].rstrip(". ")
    label = " ".join(_UNSAFE_IN_FILE_NAMES.sub(" ", period.label or period.kind).split())
    parts = [_("Attendance"), title, f"{period.day.isoformat()} {label}".strip()]
    return " - ".join(p for p in parts if p) + ".pdf"


class AttendancePrintDialog(QDialog):
    """Which period, blank or signed; then the file dialog, the PDF, and the PDF viewer."""

    def __init__(
        self,
        workspace: Workspace,
        runner: OperationRunner,
        session_id: str,
        periods: Sequence[SignInPeriod],
        current: str | None = None,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.workspace = workspace
        self.runner = runner
        self.session_id = session_id
        self.periods = list(periods)
        self.saved_to: Path | None = None
        self.setWindowTitle(_("Print an attendance sheet"))
        self.period = QComboBox()
        for period in self.periods:
            self.period.addItem(period_title(period), period.id)
        if current is not None and self.period.findData(current) >= 0:
            self.period.setCurrentIndex(self.period.findData(current))
        self.blank = QRadioButton(_("Blank, to sign on paper"))
        self.signed = QRadioButton(_("With the signatures captured on the laptop"))
        self.blank.setChecked(True)
        kinds = QVBoxLayout()
        kinds.addWidget(self.blank)
        kinds.addWidget(self.signed)
        form = QFormLayout()
        form.addRow(_("Period"), self.period)
        form.addRow(_("Sheet"), kinds)
        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        self.ok_button = self.buttons.button(QDialogButtonBox.StandardButton.Ok)
        self.ok_button.setText(_("Save as PDF…"))
        self.buttons.accepted.connect(self.save)
        self.buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(self.buttons)

    def selected_period(self) -> SignInPeriod | None:
        period_id = self.period.currentData()
        return next((p for p in self.periods if p.id == period_id), None)

    def save(self) -> None:
        """Ask for a file name, write the PDF through the runner, open it; the dialog closes
        once the file is written (it stays open if the trainer cancels the file dialog)."""
        period = self.selected_period()
        if period is None:
            return
        session = self.workspace.sessions.get(self.session_id)
        suggested = documents_folder() / sheet_file_name(session.title, period)
        path, _filter = QFileDialog.getSaveFileName(
            self, _("Save the attendance sheet as PDF"), str(suggested), _("PDF documents (*.pdf)")
        )
        if not path:
            return
        out = Path(path if path.lower().endswith(".pdf") else f"{path}.pdf")
        QApplication.setOverrideCursor(Qt.CursorShape.WaitCursor)
        try:
            outcome = self.runner.run(
                self, write_attendance_sheet, self.workspace, self.session_id, period.id, out,
                signed=self.signed.isChecked(),
            )  # fmt: skip
        finally:
            QApplication.restoreOverrideCursor()
        if not outcome.ok:
            return
        self.saved_to = out
        QDesktopServices.openUrl(QUrl.fromLocalFile(str(out)))
        self.accept()
