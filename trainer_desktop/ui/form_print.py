"""Print an evaluation form to fill in on paper.

With one laptop for the room, participants fill the form on paper and the trainer types the
answers into the entry screen afterwards. The dialog asks only what changes the paper: the
language of the labels, how many copies (one per participant by default, so nobody photocopies),
and whether the session's title, dates and venue go at the top or the form is left blank for any
session. The PDF is saved where she will find it (Documents, named after the form and the
session) and opened at once, as for the tests and the programme.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QMessageBox,
    QRadioButton,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from trainer_desktop.core.errors import UserError
from trainer_desktop.core.evaluations import EvaluationForm
from trainer_desktop.core.i18n import Translator, _, ngettext
from trainer_desktop.core.sessions import TrainingSession
from trainer_desktop.ui.operations import OperationRunner
from trainer_desktop.ui.quiz_print import (
    UNSAFE_IN_FILE_NAMES,
    ask_pdf_file,
    document_language,
    document_language_box,
    save_as_pdf_buttons,
    write_and_open,
)

if TYPE_CHECKING:
    from trainer_desktop.core.workspace import Workspace

#: The most copies the dialog offers (the report refuses more).
MAX_COPIES = 200


def write_form_pdf(workspace: Workspace, form_id: str, out: Path, *, session_id: str | None,
                   copies: int, language: str) -> Path:  # fmt: skip
    # Imported when first printing: ReportLab is slow to load and not needed to show a window.
    from trainer_desktop.reports.form_pdf import write_form_pdf as write

    return write(workspace, form_id, out, session_id=session_id, copies=copies, language=language,
                 translator=Translator(language))  # fmt: skip


def _safe(text: str) -> str:
    return " ".join(UNSAFE_IN_FILE_NAMES.sub(" ", text).split())[:80].rstrip(". ")


def form_file_name(form_title: str, session_title: str | None = None) -> str:
    """“<form> - <session>.pdf”, or “<form>.pdf” for a blank form; safe for Windows."""
    parts = [_safe(form_title) or _("Evaluation form"), _safe(session_title or "")]
    return " - ".join(p for p in parts if p) + ".pdf"


def form_language(form: EvaluationForm) -> str:
    """The language a form prints in by default: its own, if documents speak it."""
    return document_language(form.language)


class FormPrintDialog(QDialog):
    """Language, copies, for the session or blank; then the file dialog, the PDF, the viewer."""

    def __init__(self, workspace: Workspace, runner: OperationRunner, form: EvaluationForm,
                 session: TrainingSession | None, parent: QWidget | None = None) -> None:  # fmt: skip
        super().__init__(parent)
        self.workspace = workspace
        self.runner = runner
        self.form = form
        self.session = session
        self.saved_to: Path | None = None
        self.setWindowTitle(_("Print the evaluation form"))
        count = sum(item.answerable for item in form.content.items)
        heading = QLabel(_("“{form}”, {count}").format(form=form.title, count=ngettext(
            "{n} question", "{n} questions", count).format(n=count)))  # fmt: skip
        heading.setWordWrap(True)
        font = heading.font()
        font.setBold(True)
        heading.setFont(font)

        title = session.title if session else ""
        short = title if len(title) <= 50 else title[:49].rstrip() + "…"  # radios do not wrap
        self.for_session = QRadioButton(_("For the session “{title}”").format(title=short)
                                        if session else _("For a session"))  # fmt: skip
        self.for_session.setToolTip(_("The session's title, dates and venue at the top of each "
                                      "copy."))  # fmt: skip
        self.for_session.setEnabled(session is not None)
        self.blank = QRadioButton(_("Blank, for any session"))
        (self.for_session if session else self.blank).setChecked(True)

        self.copies = QSpinBox()
        self.copies.setRange(1, MAX_COPIES)
        # One copy per participant: nobody has to find a photocopier.
        people = (sum(p.enrolment.role == "participant"
                      for p in workspace.participants.enrolled(session.id))
                  if session else 0)  # fmt: skip
        self.copies.setValue(max(1, min(MAX_COPIES, people)))
        self.copies.setMaximumWidth(110)
        self.language = document_language_box(form_language(form))
        fields = QFormLayout()
        fields.addRow(_("Number of copies"), self.copies)
        fields.addRow(_("Language of the document"), self.language)

        self.buttons = save_as_pdf_buttons(self, self.save)
        self.ok_button = self.buttons.button(QDialogButtonBox.StandardButton.Ok)
        layout = QVBoxLayout(self)
        layout.addWidget(heading)
        layout.addSpacing(4)
        layout.addWidget(self.for_session)
        layout.addWidget(self.blank)
        layout.addSpacing(8)
        layout.addLayout(fields)
        layout.addSpacing(4)
        layout.addWidget(self.buttons)
        self.setMinimumWidth(440)

    def save(self) -> None:
        """Ask for a file name, write the PDF through the runner, open it; the dialog closes once
        the file is written (it stays open if the trainer cancels the file dialog or the file
        could not be written)."""
        session = self.session if self.for_session.isChecked() else None
        name = form_file_name(self.form.title, session.title if session else None)
        out = ask_pdf_file(self, _("Save the evaluation form as PDF"), name)
        if out is None:
            return
        written = write_and_open(self, self.runner, write_form_pdf, self.workspace, self.form.id,
                                  out, session_id=session.id if session else None,
                                  copies=self.copies.value(),
                                  language=self.language.currentData())  # fmt: skip
        if written is not None:
            self.saved_to = written
            self.accept()


def print_form(parent: QWidget | None, workspace: Workspace, form_id: str,
               session_id: str | None, runner: OperationRunner | None = None) -> Path | None:  # fmt: skip
    """Ask how to print the form (modal), where to save it, then write and open the PDF.
    Returns the file written, or None if the trainer cancelled or the form is gone (said in a
    message box). ``runner``: the window's operation runner (a private one if None: printing
    changes no data, so no screen needs to hear about it)."""
    try:
        form = workspace.evaluations.get(form_id)
        session = workspace.sessions.get(session_id) if session_id else None
    except UserError as exc:
        QMessageBox.warning(parent, _("Cannot print"), exc.message)
        return None
    dialog = FormPrintDialog(workspace, runner or OperationRunner(), form, session, parent)
    try:
        dialog.exec()
        return dialog.saved_to
    finally:
        dialog.deleteLater()


__all__ = ["FormPrintDialog", "form_file_name", "form_language", "print_form"]
