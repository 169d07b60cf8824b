"""The part every read-only list of the app shares: rows, columns, translated headers, flags."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from PySide6.QtCore import (
    QAbstractTableModel,
    QItemSelectionModel,
    QModelIndex,
    QObject,
    QPersistentModelIndex,
    Qt,
)
from PySide6.QtWidgets import QAbstractItemView, QTableView

from trainer_desktop.core.i18n import _

_Index = QModelIndex | QPersistentModelIndex


class RowsTableModel(QAbstractTableModel):
    """A read-only table over ``self._rows``. Subclasses give ``HEADERS`` (column -> message id,
    translated when shown) and write ``data()``."""

    HEADERS: Mapping[int, str] = {}

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._rows: list[Any] = []

    def rowCount(self, parent: _Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._rows)

    def columnCount(self, parent: _Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self.HEADERS)

    def headerData(
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> Any:
        horizontal = orientation == Qt.Orientation.Horizontal and section in self.HEADERS
        if horizontal and role == Qt.ItemDataRole.DisplayRole:
            return _(self.HEADERS[section])
        return None

    def flags(self, index: _Index) -> Qt.ItemFlag:
        if not index.isValid():
            return Qt.ItemFlag.NoItemFlags
        return (Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable
                | Qt.ItemFlag.ItemNeverHasChildren)  # fmt: skip


class RowsTableView(QTableView):
    """A table whose :meth:`selectRow` also works right to left: Qt's own (6.11) selects nothing
    under a right-to-left layout, as it looks for the first column at the viewport's far edge,
    one pixel past the last section."""

    def selectRow(self, row: int) -> None:
        model = self.model()
        root = self.rootIndex()
        if model is None or not 0 <= row < model.rowCount(root):
            return
        columns = range(model.columnCount(root))
        column = next((c for c in columns if not self.isColumnHidden(c)), 0)
        flags = QItemSelectionModel.SelectionFlag.ClearAndSelect | \
            QItemSelectionModel.SelectionFlag.Rows  # fmt: skip
        self.selectionModel().setCurrentIndex(model.index(row, column, root), flags)


def read_only_table(
    model: QAbstractTableModel, accessible_name: str = "",
    selection: QAbstractItemView.SelectionMode = QAbstractItemView.SelectionMode.SingleSelection,
) -> QTableView:  # fmt: skip
    """A list view in the house style: whole rows selected, nothing edited in place, alternate
    row colours, no grid, no row numbers, headers aligned where the text starts (the left, or
    the right in a right-to-left language)."""
    table = RowsTableView()
    table.setModel(model)
    if accessible_name:
        table.setAccessibleName(accessible_name)
    table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
    table.setSelectionMode(selection)
    table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
    table.setAlternatingRowColors(True)
    table.setWordWrap(False)
    table.setShowGrid(False)
    table.verticalHeader().hide()
    header = table.horizontalHeader()
    header.setHighlightSections(False)
    header.setDefaultAlignment(Qt.AlignmentFlag.AlignLeading | Qt.AlignmentFlag.AlignVCenter)
    return table
