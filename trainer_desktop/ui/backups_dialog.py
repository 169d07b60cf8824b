"""File ▸ Backups…: the copies of the database (daily, before imports, upgrades and restores),
taking one now, and restoring one.

Restoring replaces everything in the database, so the dialog asks first and says what is kept
(the state before, as a copy). The restore itself is done by whoever owns the database
connection (:class:`~trainer_desktop.ui.app.WindowHost`): the dialog only emits
:attr:`restore_requested` with the copy chosen.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt, QUrl, Signal
from PySide6.QtGui import QDesktopServices
from PySide6.QtWidgets import (
    QAbstractItemView,
    QDialog,
    QDialogButtonBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QMessageBox,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from trainer_desktop.core import backups
from trainer_desktop.core.errors import UserError
from trainer_desktop.core.i18n import _, current
from trainer_desktop.core.workspace import Workspace


def _size(size: int) -> str:
    tr = current()
    if size >= 1024 * 1024:
        return _("{size} MB").format(size=tr.format_number(round(size / 1024 / 1024, 1)))
    return _("{size} KB").format(size=tr.format_number(max(1, size // 1024)))


class BackupsDialog(QDialog):
    restore_requested = Signal(object)  # the Path of the copy

    def __init__(self, workspace: Workspace, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.workspace = workspace
        self.setWindowTitle(_("Backups"))
        self.copies: list[backups.Backup] = []
        layout = QVBoxLayout(self)
        intro = QLabel(_("Trainer Desktop keeps a copy of the data every day (the last {days} "
                         "days) and before each import, upgrade or restore. Restoring a copy "
                         "puts the data back as it was then.").format(days=backups.DAILY_KEPT))  # fmt: skip
        intro.setWordWrap(True)
        layout.addWidget(intro)
        self.table = QTableWidget(0, 3)
        self.table.setHorizontalHeaderLabels([_("Taken"), _("Why"), _("Size")])
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.verticalHeader().hide()
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(1, QHeaderView.ResizeMode.Stretch)
        header.setSectionResizeMode(2, QHeaderView.ResizeMode.ResizeToContents)
        self.table.itemSelectionChanged.connect(self._update_buttons)
        self.table.doubleClicked.connect(self.restore)
        layout.addWidget(self.table, 1)
        self.folder_label = QLabel()
        self.folder_label.setWordWrap(True)
        self.folder_label.setEnabled(False)
        self.folder_label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        layout.addWidget(self.folder_label)
        row = QHBoxLayout()
        self.take_button = QPushButton(_("&Make a copy now"))
        self.take_button.clicked.connect(self.take)
        self.restore_button = QPushButton(_("&Restore this copy…"))
        self.restore_button.clicked.connect(self.restore)
        self.folder_button = QPushButton(_("Open the &folder"))
        self.folder_button.clicked.connect(self.open_folder)
        row.addWidget(self.take_button)
        row.addWidget(self.restore_button)
        row.addStretch(1)
        row.addWidget(self.folder_button)
        layout.addLayout(row)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.rejected.connect(self.reject)
        layout.addWidget(buttons)
        self.resize(640, 420)
        self.refresh()

    def refresh(self) -> None:
        tr = current()
        self.copies = backups.list_backups(self.workspace.path)
        self.table.setRowCount(len(self.copies))
        for row, copy in enumerate(self.copies):
            size = QTableWidgetItem(_size(copy.size))
            size.setTextAlignment(Qt.AlignmentFlag.AlignTrailing | Qt.AlignmentFlag.AlignVCenter)
            for column, item in enumerate((QTableWidgetItem(tr.format_datetime(copy.taken,
                                                                               "medium")),
                                           QTableWidgetItem(copy.label), size)):  # fmt: skip
                self.table.setItem(row, column, item)
        if self.copies:
            self.table.selectRow(0)
        self.folder_label.setText(_("Folder: {folder}").format(
            folder=backups.folder_of(self.workspace.path)))  # fmt: skip
        self._update_buttons()

    def selected(self) -> backups.Backup | None:
        rows = self.table.selectionModel().selectedRows()
        return self.copies[rows[0].row()] if rows else None

    def _update_buttons(self) -> None:
        self.restore_button.setEnabled(self.selected() is not None)

    def take(self) -> Path | None:
        try:
            copy = backups.take_backup(self.workspace.path, "manual")
        except OSError as exc:
            QMessageBox.warning(self, _("Backups"), _("The copy could not be written: {error}")
                                .format(error=exc.strerror or exc))  # fmt: skip
            return None
        self.refresh()
        return copy

    def restore(self) -> None:
        copy = self.selected()
        if copy is None:
            return
        try:
            backups.check_backup(copy.path)
        except UserError as exc:
            QMessageBox.warning(self, _("Backups"), exc.message)
            return
        taken = current().format_datetime(copy.taken, "medium")
        answer = QMessageBox.question(
            self, _("Restore a copy"),
            _("Put the data back as it was on {taken}? Everything changed since then on this "
              "laptop is replaced; the data as it is now is kept as a copy, so this can be "
              "undone.").format(taken=taken),
        )  # fmt: skip
        if answer != QMessageBox.StandardButton.Yes:
            return
        self.restore_requested.emit(copy.path)
        self.accept()

    def open_folder(self) -> None:
        folder = backups.folder_of(self.workspace.path)
        folder.mkdir(parents=True, exist_ok=True)
        QDesktopServices.openUrl(QUrl.fromLocalFile(str(folder)))
