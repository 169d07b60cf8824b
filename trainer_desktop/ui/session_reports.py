"""The documents a trainer hands over after a session, from its page: the funder's report (PDF),
the workbook (Excel), the participant list (PDF) and the certificates of participation.

Each document is written in a language chosen here (the session's by default: a session held in
French reports to its funder in French, whatever the laptop speaks), saved where the trainer will
find it (Documents, named after the session) and opened at once, as the programme and the
attendance sheets are. Writing runs in :func:`~.long_task.run_with_progress`: a report with its
signed attendance sheets or 500 certificates take a while, and Cancel leaves no file behind. A
refused write (unwritable file, session deleted meanwhile) is shown as a warning there; Cancel is
silent.

The certificates dialog shows who gets one and why: every participant, those who attended enough
under the session's rule ticked, the others unticked with their attendance beside their name.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any, ClassVar

from PySide6.QtCore import QModelIndex, QObject, QPersistentModelIndex, Qt, QUrl, Signal
from PySide6.QtGui import QDesktopServices, QFont, QPalette
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPushButton,
    QRadioButton,
    QVBoxLayout,
    QWidget,
)

from trainer_desktop.core import i18n
from trainer_desktop.core.device import Signatory
from trainer_desktop.core.i18n import N_, Translator, _, ngettext
from trainer_desktop.core.progress import Progress, report
from trainer_desktop.core.reporting import PersonLine, session_report
from trainer_desktop.core.sessions import SESSION_LANGUAGES, TrainingSession

from .long_task import run_with_progress
from .programme_print import documents_folder
from .table_model import RowsTableModel, read_only_table

if TYPE_CHECKING:
    from trainer_desktop.core.workspace import Workspace

_UNSAFE_IN_FILE_NAMES = re.compile(r'[<>:"/\\|?*\x00-\x1f]+')
_Index = QModelIndex | QPersistentModelIndex
#: A session title longer than this is cut (at a word) in the names of the files.
FILE_TITLE_MAX = 100


# -- writers, imported when first used (ReportLab and openpyxl are slow to load) ---------------


def _write_session_report(workspace: Workspace, session_id: str, out: Path, tr: Translator,
                          progress: Progress) -> Path:  # fmt: skip
    from trainer_desktop.reports.session_report_pdf import write_session_report

    return write_session_report(workspace, session_id, out, translator=tr, progress=progress)


def _write_workbook(workspace: Workspace, session_id: str, out: Path, tr: Translator,
                    progress: Progress) -> Path:  # fmt: skip
    from trainer_desktop.reports.session_workbook import write_session_workbook

    return write_session_workbook(workspace, session_id, out, translator=tr, progress=progress)


def _write_participant_list(workspace: Workspace, session_id: str, out: Path, tr: Translator,
                            progress: Progress) -> Path:  # fmt: skip
    from trainer_desktop.reports.participant_list_pdf import write_participant_list

    # A list of a few pages takes no progress; the reports around it let Cancel still stop it.
    report(progress, 0, 1)
    written = write_participant_list(workspace, session_id, out, translator=tr)
    report(progress, 1, 1)
    return Path(written or out)


def _write_certificates(workspace: Workspace, session_id: str, out: Path, tr: Translator,
                        progress: Progress, *, enrolment_ids: Sequence[str],
                        one_file: bool) -> list[Path]:  # fmt: skip
    from trainer_desktop.reports.certificate_pdf import write_certificates

    return write_certificates(workspace, session_id, out, enrolment_ids=enrolment_ids,
                              one_file=one_file, translator=tr, progress=progress)  # fmt: skip


Writer = Callable[["Workspace", str, Path, Translator, Progress], Path]


@dataclass(frozen=True)
class DocumentKind:
    """One document of a session: its name (in the file name too, in the document's language),
    what it holds (said in its dialog), and how it is written."""

    name: str  # N_-marked
    about: str  # N_-marked
    suffix: str
    write: Writer


#: The documents written by :func:`ask_document`, by key.
DOCUMENTS: dict[str, DocumentKind] = {
    "report": DocumentKind(
        name=N_("Session report"),
        about=N_(
            "What a funder asks of the session: who came, how often, what they learnt and "
            "what they thought of it, with the signed attendance sheets in appendix."
        ),
        suffix=".pdf",
        write=_write_session_report,
    ),
    "workbook": DocumentKind(
        name=N_("Workbook"),
        about=N_(
            "The same figures as the report, one sheet each (summary, participants, "
            "attendance, tests, evaluation), to sort, filter and chart in Excel."
        ),
        suffix=".xlsx",
        write=_write_workbook,
    ),
    "participants": DocumentKind(
        name=N_("Participant list"),
        about=N_(
            "Everyone enrolled, with their institution, function, phone, e-mail and role, "
            "and the totals by sex."
        ),
        suffix=".pdf",
        write=_write_participant_list,
    ),
}
#: The file dialog's filter for each suffix.
_FILTERS = {".pdf": N_("PDF documents (*.pdf)"), ".xlsx": N_("Excel workbooks (*.xlsx)")}
CERTIFICATES = N_("Certificates")


def file_name(session_title: str, kind_name: str, suffix: str = "") -> str:
    """“<title> - <kind>.pdf” without the characters Windows refuses, the title cut at a word
    to stay short enough for every file system; ``kind_name`` is already translated."""
    title = " ".join(_UNSAFE_IN_FILE_NAMES.sub(" ", session_title).split())
    if len(title) > FILE_TITLE_MAX:
        title = title[: FILE_TITLE_MAX + 1].rsplit(" ", 1)[0]
    title = title[:FILE_TITLE_MAX].rstrip(" .,;-(")
    return (f"{title} - {kind_name}" if title else kind_name) + suffix


def document_language(session: TrainingSession) -> str:
    """The language a session's documents are written in by default: the session's own, if
    documents speak it (an Arabic session gets the interface's language)."""
    return session.language if session.language in i18n.LANGUAGES else i18n.current().language


def language_box(session: TrainingSession) -> QComboBox:
    box = QComboBox()
    for code in i18n.LANGUAGES:
        label = SESSION_LANGUAGES.get(code)
        box.addItem(_(label) if label else code, code)
    box.setCurrentIndex(max(0, box.findData(document_language(session))))
    return box


def _open(path: Path) -> None:
    QDesktopServices.openUrl(QUrl.fromLocalFile(str(path)))


def _bold(label: QLabel) -> QLabel:
    font = label.font()
    font.setBold(True)
    label.setFont(font)
    label.setWordWrap(True)
    return label


def _hint(text: str) -> QLabel:
    label = QLabel(text)
    label.setWordWrap(True)
    label.setForegroundRole(QPalette.ColorRole.PlaceholderText)
    return label


# -- the report, the workbook, the participant list ---------------------------------------------


class DocumentDialog(QDialog):
    """The document's language, then the file dialog, the writing (with progress), the viewer."""

    def __init__(self, workspace: Workspace, session_id: str, kind: str,
                 parent: QWidget | None = None) -> None:  # fmt: skip
        super().__init__(parent)
        self.workspace = workspace
        self.session = workspace.sessions.get(session_id)
        self.kind = DOCUMENTS[kind]
        self.saved_to: Path | None = None
        self.setWindowTitle(_(self.kind.name))
        heading = _bold(QLabel(_("{document} of “{session}”").format(
            document=_(self.kind.name), session=self.session.title)))  # fmt: skip
        self.language = language_box(self.session)
        form = QFormLayout()
        form.addRow(_("Language of the document"), self.language)
        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        self.ok_button = self.buttons.button(QDialogButtonBox.StandardButton.Ok)
        self.ok_button.setText(_("Save as Excel…") if self.kind.suffix == ".xlsx"
                               else _("Save as PDF…"))  # fmt: skip
        self.buttons.accepted.connect(self.save)
        self.buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(heading)
        layout.addWidget(_hint(_(self.kind.about)))
        layout.addSpacing(8)
        layout.addLayout(form)
        layout.addSpacing(4)
        layout.addWidget(self.buttons)
        self.setMinimumWidth(460)

    def translator(self) -> Translator:
        return Translator(self.language.currentData())

    def save(self) -> None:
        """Ask for the file, write it, open it; the dialog stays open if the trainer cancels
        the file dialog or the writing, or if the file could not be written."""
        tr = self.translator()
        kind = self.kind
        suggested = documents_folder() / file_name(self.session.title, tr.gettext(kind.name),
                                                   kind.suffix)  # fmt: skip
        path, _filter = QFileDialog.getSaveFileName(
            self, _("Save the {document} as").format(document=_(kind.name).lower()),
            str(suggested), _(_FILTERS[kind.suffix]))  # fmt: skip
        if not path:
            return
        out = Path(path if path.lower().endswith(kind.suffix) else f"{path}{kind.suffix}")
        workspace, session_id = self.workspace, self.session.id
        written = run_with_progress(
            self, _(kind.name), _("Writing {file}…").format(file=out.name),
            lambda progress: kind.write(workspace, session_id, out, tr, progress))  # fmt: skip
        if written is None:
            return
        self.saved_to = Path(written)
        _open(self.saved_to)
        self.accept()


def ask_document(parent: QWidget | None, workspace: Workspace, session_id: str,
                 kind: str) -> DocumentDialog:  # fmt: skip
    """Open the dialog for the document ``kind`` (a key of :data:`DOCUMENTS`), window-modal and
    not blocking; it deletes itself when closed (:attr:`~DocumentDialog.saved_to` holds the file
    once written)."""
    dialog = DocumentDialog(workspace, session_id, kind, parent)
    dialog.finished.connect(dialog.deleteLater)
    dialog.open()
    return dialog


# -- certificates -------------------------------------------------------------------------------


class CertificateChoiceModel(RowsTableModel):
    """The participants, each with a tick (gets a certificate) and the attendance that decided
    it. Ticks start on those who attended enough under the session's rule."""

    NAME, INSTITUTION, ATTENDANCE, HOURS = range(4)
    HEADERS: ClassVar[dict[int, str]] = {
        NAME: N_("Participant"), INSTITUTION: N_("Institution"), ATTENDANCE: N_("Attendance"),
        HOURS: N_("Hours attended"),
    }  # fmt: skip

    #: The ticks changed (by a click, or all at once).
    ticks_changed = Signal()

    def __init__(self, people: list[PersonLine], threshold: int,
                 parent: QObject | None = None) -> None:  # fmt: skip
        super().__init__(parent)
        self._rows = list(people)
        self.threshold = threshold
        self._ticked = {line.person.enrolment.id for line in people if line.eligible}

    def line(self, row: int) -> PersonLine:
        return self._rows[row]

    def ticked_ids(self) -> list[str]:
        """The enrolments ticked, in the list's order (the attendance grid's)."""
        return [
            ln.person.enrolment.id for ln in self._rows if ln.person.enrolment.id in self._ticked
        ]

    def tick(self, predicate: Callable[[PersonLine], bool]) -> None:
        """Tick exactly the people ``predicate`` accepts."""
        self._ticked = {ln.person.enrolment.id for ln in self._rows if predicate(ln)}
        if self._rows:
            self.dataChanged.emit(self.index(0, self.NAME),
                                  self.index(len(self._rows) - 1, self.NAME),
                                  [Qt.ItemDataRole.CheckStateRole])  # fmt: skip
        self.ticks_changed.emit()

    def attendance_text(self, line: PersonLine) -> str:
        if line.rate is None:
            return _("No sign-in periods")
        rate = i18n.current().format_percent(line.rate)
        if line.eligible:
            return rate
        threshold = i18n.current().format_percent(self.threshold / 100)
        return _("{rate} (below {threshold})").format(rate=rate, threshold=threshold)

    def data(self, index: _Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid():
            return None
        line, column = self._rows[index.row()], index.column()
        if role == Qt.ItemDataRole.DisplayRole:
            return self._text(line, column)
        if role == Qt.ItemDataRole.CheckStateRole and column == self.NAME:
            ticked = line.person.enrolment.id in self._ticked
            return Qt.CheckState.Checked if ticked else Qt.CheckState.Unchecked
        if role == Qt.ItemDataRole.TextAlignmentRole and column in (self.ATTENDANCE, self.HOURS):
            return Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter
        if role == Qt.ItemDataRole.FontRole and column == self.ATTENDANCE and not line.eligible:
            font = QFont()
            font.setBold(True)
            return font
        return None

    def _text(self, line: PersonLine, column: int) -> str:
        if column == self.NAME:
            return line.person.participant.display_name
        if column == self.INSTITUTION:
            return line.person.participant.institution
        if column == self.ATTENDANCE:
            return self.attendance_text(line)
        hours = round(line.hours_attended, 1)
        return _("{hours} h").format(hours=i18n.current().format_number(hours))

    def flags(self, index: _Index) -> Qt.ItemFlag:
        flags = super().flags(index)
        if index.isValid() and index.column() == self.NAME:
            flags |= Qt.ItemFlag.ItemIsUserCheckable
        return flags

    def setData(self, index: _Index, value: Any, role: int = Qt.ItemDataRole.EditRole) -> bool:
        if not index.isValid() or index.column() != self.NAME:
            return False
        if role != Qt.ItemDataRole.CheckStateRole:
            return False
        enrolment_id = self._rows[index.row()].person.enrolment.id
        if Qt.CheckState(value) == Qt.CheckState.Checked:
            self._ticked.add(enrolment_id)
        else:
            self._ticked.discard(enrolment_id)
        self.dataChanged.emit(index, index, [Qt.ItemDataRole.CheckStateRole])
        self.ticks_changed.emit()
        return True


def signatories_text(signatories: Sequence[Signatory]) -> str:
    """One line per signatory, “Name, title”, as they are printed under the signature lines."""
    if not signatories:
        return _("No signatories: the certificates will have no signature lines.")
    return "\n".join(", ".join(p for p in (s.name, s.title) if p) for s in signatories)


class CertificatesDialog(QDialog):
    """Who gets a certificate (the rule's choice, changeable), in one file or one per person,
    in which language, signed by whom; then where to save, the writing and the viewer."""

    def __init__(self, workspace: Workspace, session_id: str,
                 parent: QWidget | None = None) -> None:  # fmt: skip
        super().__init__(parent)
        self.workspace = workspace
        data = session_report(workspace, session_id)
        self.session = data.session
        self.has_periods = bool(data.periods)
        self.saved_to: list[Path] = []
        self.setWindowTitle(_("Certificates of participation"))
        self.model = CertificateChoiceModel(data.participants, self.session.attendance_threshold,
                                            self)  # fmt: skip
        self.table = read_only_table(self.model, _("Participants"))
        header = self.table.horizontalHeader()
        # The names and the figures in full; the (long) institutions take what is left.
        header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(
            CertificateChoiceModel.INSTITUTION, QHeaderView.ResizeMode.Stretch
        )
        self.table.setTextElideMode(Qt.TextElideMode.ElideRight)
        self.table.activated.connect(self._toggle)  # Enter or double-click flips the tick
        self.rule_label = QLabel(self._rule_text(data.eligible, len(data.participants)))
        self.rule_label.setWordWrap(True)
        self.count_label = QLabel()
        self.all_button = QPushButton(_("Tick all"))
        self.all_button.clicked.connect(lambda: self.model.tick(lambda _line: True))
        self.eligible_button = QPushButton(_("Only those who attended enough"))
        self.eligible_button.clicked.connect(lambda: self.model.tick(lambda ln: ln.eligible))
        self.one_file = QRadioButton(_("One PDF, one page per person (to print)"))
        self.per_person = QRadioButton(_("One PDF per person, in a new folder (to send by e-mail)"))
        self.one_file.setChecked(True)
        self.language = language_box(self.session)
        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        self.ok_button = self.buttons.button(QDialogButtonBox.StandardButton.Ok)
        self.ok_button.setText(_("Save the certificates…"))
        self.buttons.accepted.connect(self.save)
        self.buttons.rejected.connect(self.reject)
        self.model.ticks_changed.connect(self._show_count)
        self._lay_out()
        self._show_count()
        self.resize(820, 620)

    def _rule_text(self, eligible: int, people: int) -> str:
        if not self.has_periods:
            return _("This session has no sign-in periods yet, so nobody is ticked: tick the "
                     "people to give a certificate to.")  # fmt: skip
        threshold = i18n.current().format_percent(self.session.attendance_threshold / 100)
        return _("The rule of this session: attended at least {threshold} of the sign-in "
                 "periods (present or late); “Edit details…” changes it. {eligible} of {people} "
                 "participants did, and are ticked.").format(
                     threshold=threshold, eligible=eligible, people=people)  # fmt: skip

    def _lay_out(self) -> None:
        heading = _bold(QLabel(_("Certificates of “{session}”").format(session=self.session.title)))
        ticks = QHBoxLayout()
        ticks.addWidget(self.count_label, 1)
        ticks.addWidget(self.eligible_button)
        ticks.addWidget(self.all_button)
        form = QFormLayout()
        form.addRow(_("Language of the document"), self.language)
        files = QVBoxLayout()
        files.addWidget(self.one_file)
        files.addWidget(self.per_person)
        form.addRow(_("Files"), files)
        signatories = QGroupBox(_("Signatures"))
        box = QVBoxLayout(signatories)
        self.signatories_label = QLabel(signatories_text(self.workspace.settings.signatories))
        self.signatories_label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        box.addWidget(self.signatories_label)
        box.addWidget(_hint(_("To change them, open Settings (Ctrl+,), “Certificate "
                              "signatories”.")))  # fmt: skip
        layout = QVBoxLayout(self)
        layout.addWidget(heading)
        layout.addWidget(self.rule_label)
        layout.addWidget(self.table, 1)
        layout.addLayout(ticks)
        layout.addSpacing(6)
        layout.addLayout(form)
        layout.addWidget(signatories)
        layout.addWidget(self.buttons)

    def _toggle(self, index: QModelIndex) -> None:
        name = self.model.index(index.row(), CertificateChoiceModel.NAME)
        ticked = self.model.data(name, Qt.ItemDataRole.CheckStateRole) == Qt.CheckState.Checked
        state = Qt.CheckState.Unchecked if ticked else Qt.CheckState.Checked
        self.model.setData(name, state.value, Qt.ItemDataRole.CheckStateRole)

    def _show_count(self) -> None:
        ticked = len(self.model.ticked_ids())
        self.count_label.setText(ngettext("{n} certificate to print", "{n} certificates to print",
                                          ticked).format(n=ticked))  # fmt: skip
        self.ok_button.setEnabled(ticked > 0)

    def translator(self) -> Translator:
        return Translator(self.language.currentData())

    def _ask_target(self, tr: Translator) -> Path | None:
        """The PDF to write, or the new folder to fill (named after the session, in the folder
        the trainer picks: 30 files are not dropped loose in Documents)."""
        name = file_name(self.session.title, tr.gettext(CERTIFICATES))
        if self.one_file.isChecked():
            path, _filter = QFileDialog.getSaveFileName(
                self, _("Save the certificates as"), str(documents_folder() / f"{name}.pdf"),
                _("PDF documents (*.pdf)"))  # fmt: skip
            if not path:
                return None
            return Path(path if path.lower().endswith(".pdf") else f"{path}.pdf")
        folder = QFileDialog.getExistingDirectory(
            self, _("Choose where to create the folder “{name}”").format(name=name),
            str(documents_folder()))  # fmt: skip
        return Path(folder) / name if folder else None

    def save(self) -> None:
        """Write the ticked people's certificates and open the file (or the folder); the dialog
        stays open if the trainer cancels or the certificates could not be written."""
        enrolment_ids = self.model.ticked_ids()
        if not enrolment_ids:
            return
        tr = self.translator()
        out = self._ask_target(tr)
        if out is None:
            return
        one_file = self.one_file.isChecked()
        workspace, session_id = self.workspace, self.session.id
        written = run_with_progress(
            self, _("Certificates of participation"),
            ngettext("Writing {n} certificate…", "Writing {n} certificates…",
                     len(enrolment_ids)).format(n=len(enrolment_ids)),
            lambda progress: _write_certificates(workspace, session_id, out, tr, progress,
                                                 enrolment_ids=enrolment_ids, one_file=one_file))  # fmt: skip
        if written is None:
            return
        self.saved_to = list(written)
        _open(out)
        self.accept()


def ask_certificates(parent: QWidget | None, workspace: Workspace,
                     session_id: str) -> CertificatesDialog:  # fmt: skip
    """Open the certificates dialog (window-modal, not blocking; deletes itself when closed)."""
    dialog = CertificatesDialog(workspace, session_id, parent)
    dialog.finished.connect(dialog.deleteLater)
    dialog.open()
    return dialog
