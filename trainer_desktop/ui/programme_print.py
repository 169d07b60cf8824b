"""Print a session's programme: ask where to save the PDF, write it, open it.

The trainer may have no printer in the room: the PDF is the programme "on paper" she can print
later, send by WhatsApp or put on a USB stick, so it is saved where she will find it (Documents,
named after the session) and opened at once.
"""

from __future__ import annotations

import re
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QStandardPaths, Qt, QUrl
from PySide6.QtGui import QDesktopServices
from PySide6.QtWidgets import QApplication, QFileDialog, QWidget

from trainer_desktop.core.i18n import Translator, _
from trainer_desktop.core.sessions import TrainingSession

if TYPE_CHECKING:
    from trainer_desktop.core.workspace import Workspace
    from trainer_desktop.ui.operations import OperationRunner

_UNSAFE_IN_FILE_NAMES = re.compile(r'[<>:"/\\|?*\x00-\x1f]+')


def write_programme_pdf(
    workspace: Workspace, session_id: str, out: Path, translator: Translator | None = None
) -> Path:
    # Imported when first printing: ReportLab is slow to load and not needed to show a window.
    from trainer_desktop.reports.programme_pdf import write_programme_pdf as write

    return write(workspace, session_id, out, translator)


def pdf_file_name(session_title: str) -> str:
    """“Programme - <title>.pdf”, without the characters Windows refuses in a file name."""
    title = " ".join(_UNSAFE_IN_FILE_NAMES.sub(" ", session_title).split())[:100].rstrip(". ")
    return f"{_('Programme')} - {title}.pdf" if title else f"{_('Programme')}.pdf"


def documents_folder() -> Path:
    folder = QStandardPaths.writableLocation(QStandardPaths.StandardLocation.DocumentsLocation)
    return Path(folder) if folder else Path.home()


def print_programme(
    parent: QWidget, workspace: Workspace, runner: OperationRunner, session: TrainingSession
) -> Path | None:
    """Ask for a file name, write the PDF through the runner and open it; returns the file, or
    None if the trainer cancelled or the file could not be written (the runner said why)."""
    suggested = documents_folder() / pdf_file_name(session.title)
    path, _filter = QFileDialog.getSaveFileName(
        parent, _("Save the programme as PDF"), str(suggested), _("PDF documents (*.pdf)")
    )
    if not path:
        return None
    out = Path(path if path.lower().endswith(".pdf") else f"{path}.pdf")
    QApplication.setOverrideCursor(Qt.CursorShape.WaitCursor)
    try:
        outcome = runner.run(parent, write_programme_pdf, workspace, session.id, out)
    finally:
        QApplication.restoreOverrideCursor()
    if not outcome.ok:
        return None
    QDesktopServices.openUrl(QUrl.fromLocalFile(str(outcome.value or out)))
    return out
