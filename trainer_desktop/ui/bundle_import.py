"""Import bundles: chosen files, a whole folder (the coordinator's inbox), or files and folders
dropped on the main window; a progress page with Cancel; then a summary table, one row per
bundle.

The import runs in a worker thread so the window stays responsive (each SQLite connection is
used by one thread at a time; the engine allows handing them between threads). The passphrase
of encrypted bundles is asked once per run, only if one of them is encrypted, and before the
import starts: asking during it would keep the database locked while a person types. The result
goes through the runner like every change, which reports errors and tells the screens.
"""

from __future__ import annotations

import html
import threading
from collections.abc import Iterable, Sequence
from pathlib import Path
from typing import Any

from PySide6.QtCore import (
    QAbstractTableModel,
    QMimeData,
    QModelIndex,
    QPersistentModelIndex,
    Qt,
    QThread,
    Signal,
)
from PySide6.QtWidgets import (
    QAbstractItemView,
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QHBoxLayout,
    QHeaderView,
    QInputDialog,
    QLabel,
    QLineEdit,
    QProgressBar,
    QPushButton,
    QStackedWidget,
    QStyle,
    QStyledItemDelegate,
    QStyleOptionViewItem,
    QVBoxLayout,
    QWidget,
)

from trainer_desktop.bundles import encryption
from trainer_desktop.bundles.exchange import (
    SUFFIX,
    ImportResult,
    expand_paths,
    import_bundles,
    is_bundle_file,
)  # fmt: skip
from trainer_desktop.core import i18n
from trainer_desktop.core.i18n import N_, _, ngettext
from trainer_desktop.core.workspace import Workspace

from .operations import MERGE, PROGRAMME, SESSIONS, OperationRunner
from .table_model import RowsTableView

# --- finding bundles (no Qt) ---------------------------------------------------------------------


def expand_bundle_paths(paths: Iterable[Path | str]) -> list[Path]:
    """Bundle files among the paths, folders replaced by the bundles they hold, each once."""
    return [p for p in expand_paths(paths) if is_bundle_file(p)]


def bundle_paths_in(mime: QMimeData) -> list[Path]:
    """The local bundle files and folders among dragged URLs."""
    if not mime.hasUrls():
        return []
    paths = [Path(url.toLocalFile()) for url in mime.urls() if url.isLocalFile()]
    return [p for p in paths if p.is_dir() or is_bundle_file(p)]


def is_encrypted_file(path: Path) -> bool:
    try:
        with path.open("rb") as file:
            return encryption.is_encrypted(file.read(len(encryption.MAGIC)))
    except OSError:
        return False  # the import says why it cannot read it


def first_encrypted(paths: Iterable[Path]) -> Path | None:
    """The first encrypted bundle among ``paths`` (its passphrase is asked before the import:
    asking during it would hold the database's write lock while a person types)."""
    return next((p for p in paths if is_encrypted_file(p)), None)


# --- the summary table ---------------------------------------------------------------------------

FILE, SOURCE, STATUS, ADDED, UPDATED, UNCHANGED, CONFLICTS, REFUSED, MESSAGE = range(9)
COLUMN_COUNT = 9
COUNT_COLUMNS = {ADDED: "added", UPDATED: "updated", UNCHANGED: "unchanged",
                 CONFLICTS: "conflicts", REFUSED: "refused"}  # fmt: skip

HEADERS = {
    FILE: N_("File"), SOURCE: N_("From"), STATUS: N_("Status"), ADDED: N_("Added"),
    UPDATED: N_("Updated"), UNCHANGED: N_("Unchanged"), CONFLICTS: N_("Conflicts"),
    REFUSED: N_("Set aside"), MESSAGE: N_("Message"),
}  # fmt: skip
HEADER_TIPS = {
    ADDED: N_("Records new to this database"),
    UPDATED: N_("Records of which at least one field changed"),
    UNCHANGED: N_("Records already up to date"),
    CONFLICTS: N_("Values changed on two laptops at once: the most recent was kept, the other "
                  "waits in Review merge"),
    REFUSED: N_("Records that came back with different content: the copy here is kept, the other "
                "is set aside for Review merge"),
}  # fmt: skip
STATUS_TEXTS = {"imported": N_("Imported"), "already": N_("Already imported"),
                "refused": N_("Refused")}  # fmt: skip

#: The :class:`ImportResult` of a row (any column).
ResultRole = Qt.ItemDataRole.UserRole + 1

_Index = QModelIndex | QPersistentModelIndex


def result_message(result: ImportResult) -> str:
    """What to tell about one bundle: why it was refused, or what to check."""
    if result.status != "imported":
        return result.message
    notes = []
    if result.new_device:
        notes.append(_("New device — check this fingerprint with the sender: {fingerprint}").format(
            fingerprint=result.fingerprint))  # fmt: skip
    if result.counts.future:
        notes.append(ngettext(
            "{n} record carries a date far in the future (a laptop's clock is wrong).",
            "{n} records carry a date far in the future (a laptop's clock is wrong).",
            result.counts.future).format(n=result.counts.future))  # fmt: skip
    return " ".join(notes)


def summary_text(results: Sequence[ImportResult], total: int) -> str:
    """“3 bundles: 2 imported, 1 already imported, 0 refused.” (and what a cancel left out)."""
    done = {status: sum(r.status == status for r in results) for status in STATUS_TEXTS}
    text = ngettext("{n} bundle: {imported} imported, {already} already imported, {refused} "
                    "refused.", "{n} bundles: {imported} imported, {already} already imported, "
                    "{refused} refused.", len(results)).format(n=len(results), **done)  # fmt: skip
    left = total - len(results)
    if left > 0:
        text += " " + ngettext(
            "Cancelled: {n} bundle was not opened (import it later; what was imported is kept).",
            "Cancelled: {n} bundles were not opened (import them later; what was imported is "
            "kept).", left).format(n=left)  # fmt: skip
    return text


class ImportSummaryModel(QAbstractTableModel):
    """One row per bundle of an import run."""

    FILE, SOURCE, STATUS, MESSAGE = FILE, SOURCE, STATUS, MESSAGE

    def __init__(self, parent: Any = None) -> None:
        super().__init__(parent)
        self._results: list[ImportResult] = []
        self._messages: list[str] = []

    def set_results(self, results: Iterable[ImportResult]) -> None:
        self.beginResetModel()
        self._results = list(results)
        self._messages = [result_message(r) for r in self._results]
        self.endResetModel()

    def result(self, row: int) -> ImportResult:
        return self._results[row]

    def message(self, row: int) -> str:
        return self._messages[row]

    def rowCount(self, parent: _Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._results)

    def columnCount(self, parent: _Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else COLUMN_COUNT

    def data(self, index: _Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or not 0 <= index.row() < len(self._results):
            return None
        row, column = index.row(), index.column()
        result = self._results[row]
        if role == Qt.ItemDataRole.DisplayRole:
            return self._display(row, column)
        if role == ResultRole:
            return result
        if role == Qt.ItemDataRole.ToolTipRole:
            if column == FILE:
                return str(result.file)
            if column in (STATUS, MESSAGE):
                return self._messages[row] or None
        if role == Qt.ItemDataRole.DecorationRole and column == STATUS:
            return self._status_icon(result.status)
        if role == Qt.ItemDataRole.TextAlignmentRole and column in COUNT_COLUMNS:
            return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        return None

    def _has_counts(self, row: int) -> bool:
        return self._results[row].status == "imported"

    def _display(self, row: int, column: int) -> str | None:
        result = self._results[row]
        if column == FILE:
            return result.file.name
        if column == SOURCE:
            return result.source_name
        if column == STATUS:
            return _(STATUS_TEXTS.get(result.status, result.status))
        if column in COUNT_COLUMNS:
            if not self._has_counts(row):
                return ""
            return i18n.current().format_number(getattr(result.counts, COUNT_COLUMNS[column]))
        if column == MESSAGE:
            return self._messages[row]
        return None

    @staticmethod
    def _status_icon(status: str) -> Any:
        from PySide6.QtWidgets import QApplication

        style = QApplication.style()
        icon = {"imported": QStyle.StandardPixmap.SP_DialogApplyButton,
                "already": QStyle.StandardPixmap.SP_MessageBoxInformation,
                "refused": QStyle.StandardPixmap.SP_MessageBoxCritical}.get(status)  # fmt: skip
        return style.standardIcon(icon) if style is not None and icon is not None else None

    def headerData(
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> Any:
        if orientation != Qt.Orientation.Horizontal or not 0 <= section < COLUMN_COUNT:
            return None
        if role == Qt.ItemDataRole.DisplayRole:
            return _(HEADERS[section])
        if role == Qt.ItemDataRole.ToolTipRole and section in HEADER_TIPS:
            return _(HEADER_TIPS[section])
        if role == Qt.ItemDataRole.TextAlignmentRole and section in COUNT_COLUMNS:
            return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        return None

    def flags(self, index: _Index) -> Qt.ItemFlag:
        if not index.isValid():
            return Qt.ItemFlag.NoItemFlags
        return Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable | Qt.ItemFlag.ItemNeverHasChildren


class _ElideMiddle(QStyledItemDelegate):
    """File names of one sender differ at their end (the date): cut in the middle."""

    def initStyleOption(self, option: QStyleOptionViewItem, index: _Index) -> None:
        super().initStyleOption(option, index)
        option.textElideMode = Qt.TextElideMode.ElideMiddle


# --- the worker ----------------------------------------------------------------------------------


class ImportJob(QThread):
    """Runs :func:`import_bundles` off the GUI thread. Its signals reach the GUI queued."""

    #: (index of the bundle being imported, total, its path); index == total at the end.
    progressed = Signal(int, int, str)

    def __init__(self, workspace: Workspace, paths: Sequence[Path], passphrase: str | None,
                 parent: Any = None) -> None:  # fmt: skip
        super().__init__(parent)
        self.workspace = workspace
        self.paths = list(paths)
        self.passphrase = passphrase
        self.results: list[ImportResult] | None = None
        self.error: BaseException | None = None
        self._cancel = threading.Event()

    def run(self) -> None:  # in the worker thread
        try:
            self.results = import_bundles(
                self.workspace, self.paths, passphrase=self.passphrase,
                progress=lambda index, total, path: self.progressed.emit(index, total, str(path)),
                cancelled=self._cancel.is_set,
            )  # fmt: skip
        except BaseException as exc:  # noqa: BLE001 - handed to the GUI thread, raised there
            self.error = exc

    def cancel(self) -> None:
        """Stop before the next bundle; the ones done are kept."""
        self._cancel.set()

    def outcome(self) -> list[ImportResult]:
        """The results, or the worker's exception raised here (for the runner to report)."""
        if self.error is not None:
            raise self.error
        return self.results or []


# --- the dialog ----------------------------------------------------------------------------------


class BundleImportDialog(QDialog):
    """Choose bundles → progress → summary."""

    #: The user wants to review the merge (emitted once this dialog has closed).
    review_requested = Signal()
    CHOOSE, PROGRESS, SUMMARY = range(3)

    def __init__(self, workspace: Workspace, runner: OperationRunner,
                 parent: QWidget | None = None) -> None:  # fmt: skip
        super().__init__(parent)
        self.workspace = workspace
        self.runner = runner
        self.job: ImportJob | None = None
        #: The results of the last run (empty until it ends).
        self.results: list[ImportResult] = []
        self.model = ImportSummaryModel(self)
        self.setWindowTitle(_("Import bundles"))
        self.pages = QStackedWidget()
        for page in (self._choose_page(), self._progress_page(), self._summary_page()):
            self.pages.addWidget(page)
        layout = QVBoxLayout(self)
        layout.addWidget(self.pages)
        self.resize(560, 300)

    # -- building
    def _choose_page(self) -> QWidget:
        page = QWidget()
        intro = QLabel(_("Import the bundles (.tdbundle files) that trainers and head office sent "
                         "you. Each bundle is imported at most once: importing the same file "
                         "again changes nothing."))  # fmt: skip
        intro.setWordWrap(True)
        self.files_button = QPushButton(_("Choose bundle files…"))
        self.files_button.clicked.connect(self.choose_files)
        self.folder_button = QPushButton(_("Import a whole folder…"))
        self.folder_button.setToolTip(_("Every .tdbundle file in the folder, e.g. your inbox"))
        self.folder_button.clicked.connect(self.choose_folder)
        self.files_button.setDefault(True)
        row = QHBoxLayout()
        row.addWidget(self.files_button)
        row.addWidget(self.folder_button)
        row.addStretch(1)
        hint = QLabel(_("You can also drop bundle files or folders onto the main window."))
        hint.setWordWrap(True)
        self.choose_notice = QLabel()
        self.choose_notice.setWordWrap(True)
        self.choose_notice.hide()
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(page)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(intro)
        layout.addSpacing(8)
        layout.addLayout(row)
        layout.addWidget(hint)
        layout.addWidget(self.choose_notice)
        layout.addStretch(1)
        layout.addWidget(buttons)
        return page

    def _progress_page(self) -> QWidget:
        page = QWidget()
        self.progress_label = QLabel()
        self.progress_label.setWordWrap(True)
        self.file_label = QLabel()
        self.file_label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.progress_bar = QProgressBar()
        self.progress_bar.setTextVisible(False)
        self.cancel_note = QLabel(_("Stopping after this bundle; the bundles already imported "
                                    "are kept."))  # fmt: skip
        self.cancel_note.setWordWrap(True)
        self.cancel_note.hide()
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Cancel)
        self.cancel_button = buttons.button(QDialogButtonBox.StandardButton.Cancel)
        self.cancel_button.setToolTip(_("Stop before the next bundle; the ones already imported "
                                        "are kept"))  # fmt: skip
        self.cancel_button.clicked.connect(self.cancel)
        layout = QVBoxLayout(page)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addStretch(1)
        layout.addWidget(self.progress_label)
        layout.addWidget(self.file_label)
        layout.addWidget(self.progress_bar)
        layout.addWidget(self.cancel_note)
        layout.addStretch(2)
        layout.addWidget(buttons)
        return page

    def _summary_page(self) -> QWidget:
        page = QWidget()
        self.summary_label = QLabel()
        self.summary_label.setWordWrap(True)
        font = self.summary_label.font()
        font.setBold(True)
        self.summary_label.setFont(font)
        self.table = RowsTableView()  # selectRow works right to left
        self.table.setModel(self.model)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setAlternatingRowColors(True)
        self.table.setWordWrap(False)
        self.table.setItemDelegateForColumn(FILE, _ElideMiddle(self.table))
        self.table.setShowGrid(False)
        self.table.verticalHeader().hide()
        header = self.table.horizontalHeader()
        header.setHighlightSections(False)
        header.setDefaultAlignment(Qt.AlignmentFlag.AlignLeading | Qt.AlignmentFlag.AlignVCenter)
        header.setStretchLastSection(True)
        self.table.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        for column in (SOURCE, STATUS, *COUNT_COLUMNS):
            header.setSectionResizeMode(column, QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(FILE, QHeaderView.ResizeMode.Interactive)
        self.table.selectionModel().currentRowChanged.connect(self._show_details)
        self.details_label = QLabel()  # the whole message of the selected row, to read or copy
        self.details_label.setWordWrap(True)
        self.details_label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse
                                                   | Qt.TextInteractionFlag.TextSelectableByKeyboard)  # fmt: skip
        self.details_label.setMinimumHeight(self.fontMetrics().lineSpacing() * 2)
        self.devices_label = QLabel()  # new devices and their fingerprints, to check by phone
        self.devices_label.setTextFormat(Qt.TextFormat.RichText)
        self.devices_label.setWordWrap(True)
        self.devices_label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.review_note = QLabel()
        self.review_note.setWordWrap(True)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        self.review_button = buttons.addButton(_("Review merge…"),
                                               QDialogButtonBox.ButtonRole.ActionRole)  # fmt: skip
        self.review_button.clicked.connect(self._review)
        self.again_button = buttons.addButton(_("Import more…"),
                                              QDialogButtonBox.ButtonRole.ActionRole)  # fmt: skip
        self.again_button.clicked.connect(lambda: self.pages.setCurrentIndex(self.CHOOSE))
        buttons.rejected.connect(self.accept)
        layout = QVBoxLayout(page)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.summary_label)
        layout.addWidget(self.table, 1)
        layout.addWidget(self.details_label)
        layout.addWidget(self.devices_label)
        layout.addWidget(self.review_note)
        layout.addWidget(buttons)
        return page

    # -- choosing
    def choose_files(self) -> None:
        files, _filter = QFileDialog.getOpenFileNames(
            self, _("Choose bundles to import"), "",
            _("Trainer Desktop bundles (*{suffix})").format(suffix=SUFFIX),
        )  # fmt: skip
        if files:
            self.start(files)

    def choose_folder(self) -> None:
        folder = QFileDialog.getExistingDirectory(self, _("Choose the folder of bundles"))
        if folder:
            self.start([folder])

    # -- importing
    @property
    def running(self) -> bool:
        return self.job is not None

    def start(self, paths: Iterable[Path | str]) -> bool:
        """Import the bundles at ``paths`` (files or folders); False if there is none."""
        if self.running:
            return False
        given = [Path(p) for p in paths]
        bundles = expand_bundle_paths(given)
        if not bundles:
            self.choose_notice.setText(_("No bundle (.tdbundle) found in {files}.").format(
                files=", ".join(p.name or str(p) for p in given)))  # fmt: skip
            self.choose_notice.show()
            self.pages.setCurrentIndex(self.CHOOSE)
            return False
        self.choose_notice.hide()
        passphrase = self.ask_passphrase(bundles)
        self.cancel_note.hide()
        self.cancel_button.setEnabled(True)
        self.progress_bar.setRange(0, len(bundles))
        self._show_progress(0, len(bundles), str(bundles[0]))
        self.pages.setCurrentIndex(self.PROGRESS)
        self.resize(max(self.width(), 560), max(self.height(), 300))
        job = self.job = ImportJob(self.workspace, bundles, passphrase, self)
        job.progressed.connect(self._show_progress, Qt.ConnectionType.QueuedConnection)
        job.finished.connect(self._finished, Qt.ConnectionType.QueuedConnection)
        job.start()
        return True

    def _show_progress(self, index: int, total: int, path: str) -> None:
        self.progress_bar.setValue(index)
        if index >= total:
            self.progress_label.setText(_("Finishing…"))
            return
        self.progress_label.setText(_("Importing bundle {n} of {total}…").format(
            n=index + 1, total=total))  # fmt: skip
        self.file_label.setText(Path(path).name)

    def ask_passphrase(self, bundles: Sequence[Path]) -> str | None:
        """The passphrase of this run's encrypted bundles, asked once if there is one."""
        encrypted = first_encrypted(bundles)
        if encrypted is None:
            return None
        text, ok = QInputDialog.getText(
            self, _("Encrypted bundle"),
            _("“{file}” is encrypted. Type its passphrase (it is also tried on the other "
              "encrypted bundles of this import):").format(file=encrypted.name),
            QLineEdit.EchoMode.Password,
        )  # fmt: skip
        return text if ok and text else None

    def cancel(self) -> None:
        if self.job is not None:
            self.job.cancel()
            self.cancel_button.setEnabled(False)
            self.cancel_note.show()

    def _finished(self) -> None:
        job, self.job = self.job, None
        if job is None:
            return
        job.wait()
        imported = job.error is None and any(r.status == "imported" for r in job.results or ())
        changes = {SESSIONS, PROGRAMME, MERGE} if imported else set()
        outcome = self.runner.run(self, job.outcome, changes=changes)
        job.deleteLater()
        if not outcome.ok:  # the runner said why; nothing was imported
            self.pages.setCurrentIndex(self.CHOOSE)
            return
        self.show_summary(outcome.value or [], len(job.paths))

    def show_summary(self, results: list[ImportResult], total: int) -> None:
        self.results = results
        self.model.set_results(results)
        self.summary_label.setText(summary_text(results, total))
        waiting = sum(r.counts.conflicts + r.counts.refused + r.counts.future for r in results
                      if r.status == "imported")  # fmt: skip
        self.review_note.setText(ngettext(
            "{n} value needs your decision: see Review merge.",
            "{n} values need your decision: see Review merge.", waiting).format(n=waiting))  # fmt: skip
        self.review_note.setVisible(waiting > 0)
        new_devices = [r for r in results if r.status == "imported" and r.new_device]
        self.devices_label.setText("<br>".join(
            _("New device “{source}” — check this fingerprint with the sender: {fingerprint}").format(
                source=html.escape(r.source_name),
                fingerprint=f"<tt><b>{html.escape(r.fingerprint)}</b></tt>") for r in new_devices))  # fmt: skip
        self.devices_label.setVisible(bool(new_devices))
        self.review_button.setVisible(waiting > 0)
        self.pages.setCurrentIndex(self.SUMMARY)
        self.resize(max(self.width(), 1180), max(self.height(), 440))
        self.table.setColumnWidth(FILE, min(self.table.sizeHintForColumn(FILE) + 16,
                                            self.fontMetrics().averageCharWidth() * 40))  # fmt: skip
        # The row most worth reading first: a refusal, else a note (new device, wrong clock).
        rows = range(self.model.rowCount())
        first = next((r for r in rows if self.model.result(r).status == "refused"),
                     next((r for r in rows if self.model.result(r).status == "imported"
                           and self.model.message(r)), 0))  # fmt: skip
        if self.model.rowCount():
            self.table.selectRow(first)
        self._show_details()

    def _show_details(self, *_args: Any) -> None:
        rows = self.table.selectionModel().selectedRows()
        row = rows[0].row() if rows else -1
        if not 0 <= row < self.model.rowCount():
            self.details_label.clear()
            return
        result = self.model.result(row)
        message = self.model.message(row)
        self.details_label.setText(f"{result.file.name}: {message}" if message else "")

    def _review(self) -> None:
        self.accept()
        self.review_requested.emit()

    # -- closing waits for the worker
    def done(self, code: int) -> None:
        if self.running:
            self.cancel()  # closes once the current bundle is done
            return
        super().done(code)
