"""Importing the organiser's Excel list: how each column is read, a preview of every row (new,
already registered, invalid with the reason), then Import, all or nothing.

The reading, guessing and classifying are in :mod:`trainer_desktop.core.participant_import`; this
dialog only shows them and re-classifies when the user changes how a column is read.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from PySide6.QtCore import (
    QModelIndex,
    QPersistentModelIndex,
    QSortFilterProxyModel,
    Qt,
)
from PySide6.QtGui import QBrush, QColor
from PySide6.QtWidgets import (
    QAbstractItemView,
    QCheckBox,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QFormLayout,
    QGridLayout,
    QGroupBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QMessageBox,
    QSplitter,
    QVBoxLayout,
    QWidget,
)

from trainer_desktop.core import participant_import as pi
from trainer_desktop.core.errors import UserError
from trainer_desktop.core.i18n import N_, _, ngettext
from trainer_desktop.core.workspace import Workspace
from trainer_desktop.ui.table_model import RowsTableModel, RowsTableView

from . import operations
from .forms import vertical_scroll
from .operations import OperationRunner

#: The status of a row (``pi.NEW``, ``pi.MATCH``, ``pi.INVALID``), any column.
StatusRole = Qt.ItemDataRole.UserRole + 1

ROW, NAME, STATUS, DETAIL = range(4)
COLUMN_COUNT = 4
HEADERS = {ROW: N_("Row"), NAME: N_("Name"), STATUS: N_("Status"), DETAIL: N_("Details")}

#: Light backgrounds readable on a dim laptop screen, with dark text.
STATUS_COLOURS = {pi.NEW: "#dff0d8", pi.MATCH: "#fcf0cf", pi.INVALID: "#f8d7da"}

_Index = QModelIndex | QPersistentModelIndex


class ImportPreviewModel(RowsTableModel):

    HEADERS = HEADERS
    ROW, NAME, STATUS, DETAIL = ROW, NAME, STATUS, DETAIL

    def __init__(self, parent: Any = None) -> None:
        super().__init__(parent)
        self._rows: list[pi.ImportRow] = []

    def refresh(self, preview: pi.ImportPreview) -> None:
        self.beginResetModel()
        self._rows = list(preview.rows)
        self.endResetModel()

    def import_row(self, row: int) -> pi.ImportRow:
        return self._rows[row]

    def data(self, index: _Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or not 0 <= index.row() < len(self._rows):
            return None
        row, column = self._rows[index.row()], index.column()
        if role == Qt.ItemDataRole.DisplayRole:
            return {
                ROW: str(row.row_number),
                NAME: row.display_name,
                STATUS: _("Listed twice") if row.same_as_row is not None
                else _(pi.STATUS_LABELS[row.status]),
                DETAIL: row.detail,
            }.get(column)
        if role == Qt.ItemDataRole.ToolTipRole and column in (NAME, DETAIL):
            return "\n".join(row.reasons) if row.status == pi.INVALID else row.detail or None
        if role == Qt.ItemDataRole.BackgroundRole and column == STATUS:
            return QBrush(QColor(STATUS_COLOURS[row.status]))
        if role == Qt.ItemDataRole.ForegroundRole and column == STATUS:
            return QBrush(QColor("#1a1a1a"))
        if role == Qt.ItemDataRole.TextAlignmentRole and column == ROW:
            return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        if role == StatusRole:
            return row.status
        return None

def _sample(sheet: pi.SheetData, index: int) -> str:
    """The first value of a column, to help the user recognise it."""
    for _number, cells in sheet.rows:
        if index < len(cells) and cells[index].value not in (None, ""):
            text = " ".join(str(cells[index].value).split())
            return text if len(text) <= 24 else text[:23] + "…"
    return ""


class ParticipantImportDialog(QDialog):
    def __init__(self, workspace: Workspace, runner: OperationRunner, session_id: str | None,
                 sheet: pi.SheetData, parent: QWidget | None = None) -> None:  # fmt: skip
        super().__init__(parent)
        self.workspace = workspace
        self.runner = runner
        self.session_id = session_id
        self.result_: pi.ImportResult | None = None
        self._registry = pi.Registry.load(workspace)
        self.setWindowTitle(_("Import participants from Excel"))
        self.resize(1100, 680)

        self.file_label = QLabel()
        self.file_label.setTextFormat(Qt.TextFormat.PlainText)
        self.sheet_combo = QComboBox()
        self.sheet_combo.activated.connect(self._choose_sheet)
        top = QFormLayout()
        top.addRow(_("File:"), self.file_label)
        top.addRow(_("Sheet:"), self.sheet_combo)

        self.columns_box = QGroupBox(_("How each column is read"))
        self.columns_grid = QGridLayout()
        self.columns_grid.setColumnStretch(0, 1)
        self.columns_grid.setVerticalSpacing(8)
        inner = QWidget()
        inner.setLayout(self.columns_grid)
        box_layout = QVBoxLayout(self.columns_box)
        box_layout.addWidget(vertical_scroll(inner))
        self.column_combos: list[QComboBox] = []
        self.columns_box.setMinimumWidth(390)

        self.model = ImportPreviewModel(self)
        self.filtered = QSortFilterProxyModel(self)
        self.filtered.setSourceModel(self.model)
        self.filtered.setFilterRole(StatusRole)
        self.table = RowsTableView()
        self.table.setModel(self.filtered)
        self.only_invalid = QCheckBox(_("Show only the invalid rows"))
        self.only_invalid.toggled.connect(self._filter)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.verticalHeader().hide()
        self.table.setWordWrap(True)
        header = self.table.horizontalHeader()
        for column in (ROW, NAME, STATUS):
            header.setSectionResizeMode(column, QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(DETAIL, QHeaderView.ResizeMode.Stretch)

        splitter = QSplitter(Qt.Orientation.Horizontal)
        splitter.addWidget(self.columns_box)
        table_side = QWidget()
        table_layout = QVBoxLayout(table_side)
        table_layout.setContentsMargins(0, 0, 0, 0)
        table_layout.addWidget(self.table, 1)
        table_layout.addWidget(self.only_invalid)
        splitter.addWidget(table_side)
        splitter.setStretchFactor(1, 1)
        splitter.setSizes([390, 710])
        splitter.setChildrenCollapsible(False)

        self.notes_label = QLabel()
        self.notes_label.setWordWrap(True)
        self.notes_label.setStyleSheet("color: #8a4b00;")
        self.summary_label = QLabel()
        self.summary_label.setWordWrap(True)  # French is longer: wrap rather than widen
        self.skip_invalid = QCheckBox(_("Skip invalid rows (import the others)"))
        self.skip_invalid.toggled.connect(self._update_button)

        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Cancel)
        self.import_button = self.buttons.addButton(_("Import"),
                                                    QDialogButtonBox.ButtonRole.AcceptRole)  # fmt: skip
        self.buttons.accepted.connect(self.import_rows)
        self.buttons.rejected.connect(self.reject)

        bottom = QHBoxLayout()
        bottom.addWidget(self.summary_label, 1)
        bottom.addWidget(self.skip_invalid)
        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addWidget(splitter, 1)
        layout.addWidget(self.notes_label)
        layout.addLayout(bottom)
        layout.addWidget(self.buttons)

        self.preview: pi.ImportPreview | None = None
        self._show_sheet(sheet)

    # -- filling
    def _show_sheet(self, sheet: pi.SheetData) -> None:
        self.sheet = sheet
        self.file_label.setText(
            _("{name} (headers on row {row})").format(name=sheet.path.name, row=sheet.header_row)
        )
        self.sheet_combo.clear()
        self.sheet_combo.addItems(sheet.sheet_names)
        self.sheet_combo.setCurrentText(sheet.sheet)
        self.sheet_combo.setEnabled(len(sheet.sheet_names) > 1)
        while self.columns_grid.count():
            item = self.columns_grid.takeAt(0)
            if item.widget() is not None:
                item.widget().deleteLater()
        self.column_combos = []
        mapping = pi.guess_mapping(sheet.headers)
        for index, header_text in enumerate(sheet.headers):
            example = _sample(sheet, index)
            title = QLabel(
                f"<b>{pi.column_letter(index)}</b>&nbsp; {_escape(header_text)}"
                + ("<br><span style='color:#666'>"
                   + _escape(_("e.g. {value}").format(value=example)) + "</span>" if example else "")
            )  # fmt: skip
            title.setToolTip(_("The first value in this column"))
            combo = QComboBox()
            combo.addItem(_("(ignored)"), None)
            for name in pi.IMPORT_FIELDS:
                combo.addItem(_(pi.IMPORT_FIELD_LABELS[name]), name)
            combo.setCurrentIndex(max(combo.findData(mapping[index]), 0))
            combo.setAccessibleName(_("Column {column}").format(column=pi.column_letter(index)))
            combo.currentIndexChanged.connect(self.reclassify)
            self.columns_grid.addWidget(title, index, 0)
            self.columns_grid.addWidget(combo, index, 1)
            self.column_combos.append(combo)
        self.columns_grid.setRowStretch(len(sheet.headers), 1)
        self.reclassify()

    def mapping(self) -> pi.Mapping:
        return {index: combo.currentData() for index, combo in enumerate(self.column_combos)}

    def reclassify(self) -> None:
        self.preview = pi.build_preview(self.sheet, self.mapping(), self._registry)
        self.model.refresh(self.preview)
        notes = [*self.sheet.notes, *self.preview.notes]
        self.notes_label.setText("\n".join(notes))
        self.notes_label.setVisible(bool(notes))
        self._update_button()
        self._filter()
        if self.model.rowCount() <= 2000:  # rows as tall as their reasons; bounded cost
            self.table.resizeRowsToContents()

    def _filter(self) -> None:
        self.filtered.setFilterFixedString(pi.INVALID if self.only_invalid.isChecked() else "")
        if self.model.rowCount() <= 2000:
            self.table.resizeRowsToContents()

    def _update_button(self) -> None:
        counts = self.preview.counts if self.preview else {pi.NEW: 0, pi.MATCH: 0, pi.INVALID: 0}
        people = self.preview.people if self.preview else 0
        self.skip_invalid.setEnabled(counts[pi.INVALID] > 0)
        blocked = counts[pi.INVALID] > 0 and not self.skip_invalid.isChecked()
        self.import_button.setEnabled(people > 0 and not blocked)
        self.import_button.setText(
            ngettext("Import {n} person", "Import {n} people", people).format(n=people)
        )
        hint = _("Correct the invalid rows in the file, or tick “Skip invalid rows”.")
        self.import_button.setToolTip(hint if blocked else "")
        summary = self.preview.summary() if self.preview else ""
        self.summary_label.setText(f"{summary} {hint}" if blocked else summary)
        self.only_invalid.setEnabled(counts[pi.INVALID] > 0)

    def _choose_sheet(self) -> None:
        name = self.sheet_combo.currentText()
        if name == self.sheet.sheet:
            return
        try:
            sheet = pi.read_sheet(self.sheet.path, name)
        except UserError as exc:
            QMessageBox.warning(self, _("Cannot read the sheet"), exc.message)
            self.sheet_combo.setCurrentText(self.sheet.sheet)
            return
        self._show_sheet(sheet)

    # -- importing
    def import_rows(self) -> None:
        if self.preview is None:
            return
        outcome = self.runner.run(
            self, pi.apply, self.workspace, self.preview, self.session_id,
            skip_invalid=self.skip_invalid.isChecked(),
            changes={operations.PARTICIPANTS, operations.SESSIONS},
        )  # fmt: skip
        if outcome.ok:
            self.result_ = outcome.value
            self.accept()


def _escape(text: str) -> str:
    import html

    return html.escape(text)


def open_participant_import(parent: QWidget | None, workspace: Workspace,
                            runner: OperationRunner, session_id: str | None,
                            path: str | Path | None = None) -> pi.ImportResult | None:  # fmt: skip
    """Ask for the organiser's .xlsx file (unless ``path`` is given), show the preview, import.
    Returns what was imported, or None if the user cancelled or the file was refused."""
    if path is None:
        chosen, _filter = QFileDialog.getOpenFileName(
            parent, _("Import participants from Excel"), "", _("Excel workbooks (*.xlsx)")
        )
        if not chosen:
            return None
        path = chosen
    try:
        sheet = pi.read_sheet(path)
    except UserError as exc:
        QMessageBox.warning(parent, _("Cannot read the file"), exc.message)
        return None
    dialog = ParticipantImportDialog(workspace, runner, session_id, sheet, parent)
    dialog.exec()
    return dialog.result_
