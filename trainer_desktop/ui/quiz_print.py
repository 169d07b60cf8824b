"""Print a session's pre-test or post-test to answer on paper, and its answer key.

Many participants prefer paper, and there is often one laptop for the room: the trainer prints
one copy per participant with their name already on it (no illegible names to decipher when she
types the answers into the grid), or one blank copy to photocopy. The PDF is saved where she will
find it (Documents, named after the test and the session) and opened at once, as for the
programme and the attendance sheets.
"""

from __future__ import annotations

import re
from collections.abc import Callable
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
    QLabel,
    QMessageBox,
    QRadioButton,
    QVBoxLayout,
    QWidget,
)

from trainer_desktop.core import i18n
from trainer_desktop.core.errors import UserError
from trainer_desktop.core.i18n import Translator, _, ngettext
from trainer_desktop.core.quizzes import PHASES, Quiz
from trainer_desktop.core.sessions import SESSION_LANGUAGES
from trainer_desktop.ui.operations import OperationRunner
from trainer_desktop.ui.programme_print import documents_folder

if TYPE_CHECKING:
    from trainer_desktop.core.workspace import Workspace

#: What Windows refuses in a file name: every screen that suggests one takes it out.
UNSAFE_IN_FILE_NAMES = re.compile(r'[<>:"/\\|?*\x00-\x1f]+')


def write_quiz_pdf(workspace: Workspace, session_id: str, phase: str, out: Path, *, named: bool,
                   translator: Translator | None = None) -> Path:  # fmt: skip
    # Imported when first printing: ReportLab is slow to load and not needed to show a window.
    from trainer_desktop.reports.quiz_pdf import write_quiz_pdf as write

    return write(workspace, session_id, phase, out, named=named, translator=translator)


def write_answer_key_pdf(workspace: Workspace, session_id: str, phase: str, out: Path,
                         translator: Translator | None = None) -> Path:  # fmt: skip
    from trainer_desktop.reports.quiz_pdf import write_answer_key_pdf as write

    return write(workspace, session_id, phase, out, translator)


def quiz_file_name(session_title: str, phase: str, *, answer_key: bool = False) -> str:
    """“Pre-test - <title>.pdf” or “Pre-test - answer key - <title>.pdf”, safe for Windows."""
    title = " ".join(UNSAFE_IN_FILE_NAMES.sub(" ", session_title).split())[:80].rstrip(". ")
    parts = [_(PHASES[phase]), _("answer key") if answer_key else "", title]
    return " - ".join(p for p in parts if p) + ".pdf"


def document_language(language: str | None) -> str:
    """The language a quiz or a form in ``language`` prints in by default: its own, if
    documents speak it, else the interface's."""
    code = (language or "").replace("-", "_").split("_")[0].lower()
    return code if code in i18n.LANGUAGES else i18n.current().language


def quiz_language(quiz: Quiz) -> str:
    """The document language a quiz prints in by default: its own, if documents speak it."""
    return document_language(quiz.language)


def document_language_box(selected: str) -> QComboBox:
    """The languages documents are written in, ``selected`` chosen."""
    box = QComboBox()
    for code in i18n.LANGUAGES:
        label = SESSION_LANGUAGES.get(code)
        box.addItem(_(label) if label else code, code)
    box.setCurrentIndex(max(0, box.findData(selected)))
    return box


def save_as_pdf_buttons(dialog: QDialog, save: Callable[[], object]) -> QDialogButtonBox:
    """“Save as PDF…” (calls ``save``) and Cancel, for a print dialog."""
    buttons = QDialogButtonBox(
        QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
    )
    buttons.button(QDialogButtonBox.StandardButton.Ok).setText(_("Save as PDF…"))
    buttons.accepted.connect(save)
    buttons.rejected.connect(dialog.reject)
    return buttons


def _session_quiz(parent: QWidget | None, workspace: Workspace, session_id: str,
                  phase: str) -> Quiz | None:  # fmt: skip
    """The quiz to print, or None after saying why there is none (no quiz chosen yet)."""
    try:
        return workspace.quizzes.session_quiz(session_id, phase)
    except UserError as exc:
        QMessageBox.warning(parent, _("Cannot print"), exc.message)
        return None


def ask_pdf_file(parent: QWidget | None, title: str, suggested: str) -> Path | None:
    path, _filter = QFileDialog.getSaveFileName(
        parent, title, str(documents_folder() / suggested), _("PDF documents (*.pdf)")
    )
    if not path:
        return None
    return Path(path if path.lower().endswith(".pdf") else f"{path}.pdf")


def write_and_open(parent: QWidget | None, runner: OperationRunner, write: object,
                    *args: object, **kwargs: object) -> Path | None:  # fmt: skip
    """Write through the runner (it shows an unwritable file or a vanished quiz), then open."""
    QApplication.setOverrideCursor(Qt.CursorShape.WaitCursor)
    try:
        outcome = runner.run(parent, write, *args, **kwargs)  # type: ignore[arg-type]
    finally:
        QApplication.restoreOverrideCursor()
    if not outcome.ok:
        return None
    QDesktopServices.openUrl(QUrl.fromLocalFile(str(outcome.value)))
    return outcome.value  # type: ignore[return-value]


class QuizPrintDialog(QDialog):
    """Named copies or one blank copy, and the document's language; then the file dialog, the
    PDF, and the PDF viewer."""

    def __init__(self, workspace: Workspace, runner: OperationRunner, session_id: str, phase: str,
                 quiz: Quiz, parent: QWidget | None = None) -> None:  # fmt: skip
        super().__init__(parent)
        self.workspace = workspace
        self.runner = runner
        self.session_id = session_id
        self.phase = phase
        self.saved_to: Path | None = None
        self.setWindowTitle(_("Print the {test}").format(test=_(PHASES[phase]).lower()))
        people = sum(p.enrolment.role == "participant"
                     for p in workspace.participants.enrolled(session_id))  # fmt: skip
        heading = QLabel(_("{test}: “{quiz}”, {count}").format(
            test=_(PHASES[phase]), quiz=quiz.title,
            count=ngettext("{n} question", "{n} questions", len(quiz.content.questions)).format(
                n=len(quiz.content.questions))))  # fmt: skip
        heading.setWordWrap(True)
        font = heading.font()
        font.setBold(True)
        heading.setFont(font)
        self.named = QRadioButton(
            ngettext("Named copies for each participant ({count} copy)",
                     "Named copies for each participant ({count} copies)", people)
            .format(count=people))  # fmt: skip
        self.blank = QRadioButton(_("One blank copy, with a line for the name"))
        self.named.setEnabled(people > 0)
        (self.named if people else self.blank).setChecked(True)
        self.language = document_language_box(quiz_language(quiz))
        form = QFormLayout()
        form.addRow(_("Language of the document"), self.language)
        self.buttons = save_as_pdf_buttons(self, self.save)
        self.ok_button = self.buttons.button(QDialogButtonBox.StandardButton.Ok)
        layout = QVBoxLayout(self)
        layout.addWidget(heading)
        layout.addSpacing(4)
        layout.addWidget(self.named)
        layout.addWidget(self.blank)
        layout.addSpacing(8)
        layout.addLayout(form)
        layout.addSpacing(4)
        layout.addWidget(self.buttons)
        self.setMinimumWidth(440)

    def translator(self) -> Translator:
        return Translator(self.language.currentData())

    def save(self) -> None:
        """Ask for a file name, write the PDF through the runner, open it; the dialog closes once
        the file is written (it stays open if the trainer cancels the file dialog or the file
        could not be written)."""
        session = self.workspace.sessions.get(self.session_id)
        title = _("Save the {test} as PDF").format(test=_(PHASES[self.phase]).lower())
        out = ask_pdf_file(self, title, quiz_file_name(session.title, self.phase))
        if out is None:
            return
        written = write_and_open(self, self.runner, write_quiz_pdf, self.workspace,
                                  self.session_id, self.phase, out, named=self.named.isChecked(),
                                  translator=self.translator())  # fmt: skip
        if written is not None:
            self.saved_to = written
            self.accept()


def print_quiz(parent: QWidget | None, workspace: Workspace, session_id: str, phase: str,
               runner: OperationRunner | None = None) -> QuizPrintDialog | None:  # fmt: skip
    """Open the dialog that asks how to print the session's ``phase`` test (window-modal, not
    blocking: like the attendance sheets); it then asks where to save, writes and opens the PDF.
    Returns the dialog (its :attr:`~QuizPrintDialog.saved_to` holds the file once written; it
    deletes itself when closed), or None after saying that no quiz is chosen for ``phase``.
    ``runner``: the window's operation runner (a private one if None: printing changes no data,
    so no screen needs to hear about it)."""
    quiz = _session_quiz(parent, workspace, session_id, phase)
    if quiz is None:
        return None
    runner = runner or OperationRunner()
    dialog = QuizPrintDialog(workspace, runner, session_id, phase, quiz, parent)
    dialog.finished.connect(dialog.deleteLater)
    dialog.open()
    return dialog


def print_answer_key(parent: QWidget | None, workspace: Workspace, session_id: str, phase: str,
                     runner: OperationRunner | None = None) -> Path | None:  # fmt: skip
    """Ask where to save the answer key of the session's ``phase`` test, write and open it (in
    the quiz's language: the key must match the questions)."""
    quiz = _session_quiz(parent, workspace, session_id, phase)
    if quiz is None:
        return None
    session = workspace.sessions.get(session_id)
    out = ask_pdf_file(parent, _("Save the answer key as PDF"),
                    quiz_file_name(session.title, phase, answer_key=True))  # fmt: skip
    if out is None:
        return None
    return write_and_open(parent, runner or OperationRunner(), write_answer_key_pdf, workspace,
                           session_id, phase, out, Translator(quiz_language(quiz)))  # fmt: skip
