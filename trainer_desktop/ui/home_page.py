"""The home page: the list of training sessions, a search box that filters as you type, and what
to do when there is nothing to show. The main window owns the actions on the selected session."""

from __future__ import annotations

from PySide6.QtCore import QItemSelectionModel, QSortFilterProxyModel, Qt
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QPushButton,
    QStackedWidget,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from trainer_desktop.core.i18n import _, ngettext

from .sessions_model import (
    DATES,
    ITEMS,
    ORGANISER,
    PLACE,
    TITLE,
    SessionIdRole,
    SessionsTableModel,
    SortRole,
)
from .table_model import RowsTableView


class HomePage(QWidget):
    """Search box, sessions table, and what to do when there is nothing to show."""

    def __init__(self, model: SessionsTableModel, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        heading = QLabel(_("Training sessions"))
        font = heading.font()
        font.setPointSizeF(font.pointSizeF() * 1.5)
        font.setBold(True)
        heading.setFont(font)
        self.count_label = QLabel()
        self.search = QLineEdit()
        self.search.setPlaceholderText(_("Search by title, theme, town, region or organiser"))
        self.search.setClearButtonEnabled(True)
        self.search.setMinimumWidth(380)

        self.proxy = QSortFilterProxyModel(self)
        self.proxy.setSourceModel(model)
        self.proxy.setSortRole(SortRole)
        self.table = self._make_table()

        self.empty_label = QLabel()
        self.empty_label.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.empty_label.setWordWrap(True)
        font = self.empty_label.font()
        font.setPointSizeF(font.pointSizeF() * 1.2)
        self.empty_label.setFont(font)
        self.new_button = QPushButton(_("New session…"))
        self.new_button.setDefault(True)
        empty = QWidget()
        column = QVBoxLayout(empty)
        column.addStretch(1)
        column.addWidget(self.empty_label)
        column.addWidget(self.new_button, 0, Qt.AlignmentFlag.AlignHCenter)
        column.addStretch(2)
        self.empty_page = empty
        self.list_stack = QStackedWidget()
        self.list_stack.addWidget(self.table)
        self.list_stack.addWidget(empty)

        top = QHBoxLayout()
        top.addWidget(heading)
        top.addSpacing(8)
        top.addWidget(self.count_label, 0, Qt.AlignmentFlag.AlignBottom)
        top.addStretch(1)
        top.addWidget(self.search)
        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addWidget(self.list_stack, 1)

    def _make_table(self) -> QTableView:
        table = RowsTableView()
        table.setModel(self.proxy)
        table.setSortingEnabled(True)
        table.sortByColumn(DATES, Qt.SortOrder.DescendingOrder)
        table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        table.setAlternatingRowColors(True)
        table.setWordWrap(False)
        table.setShowGrid(False)
        table.verticalHeader().hide()
        table.verticalHeader().setDefaultSectionSize(table.fontMetrics().height() + 14)
        table.setContextMenuPolicy(Qt.ContextMenuPolicy.ActionsContextMenu)
        header = table.horizontalHeader()
        header.setHighlightSections(False)
        header.setDefaultAlignment(Qt.AlignmentFlag.AlignLeading | Qt.AlignmentFlag.AlignVCenter)
        header.setSectionResizeMode(TITLE, QHeaderView.ResizeMode.Stretch)
        for column in (DATES, ITEMS):
            header.setSectionResizeMode(column, QHeaderView.ResizeMode.ResizeToContents)
        metrics = table.fontMetrics()
        # Wide enough for "Tanger, Tanger-Tétouan-Al Hoceïma" and most organisers' names.
        for column, letters in ((PLACE, 34), (ORGANISER, 40)):
            header.setSectionResizeMode(column, QHeaderView.ResizeMode.Interactive)
            header.resizeSection(column, metrics.averageCharWidth() * letters + 16)
        return table

    def show_empty(self, empty: bool) -> None:
        count = self.proxy.rowCount()
        self.count_label.setText(ngettext("{n} session", "{n} sessions", count).format(n=count))
        self.count_label.setVisible(count > 0)
        if empty:
            text = self.search.text().strip()
            self.empty_label.setText(
                _("No session matches “{search}”.").format(search=text)
                if text
                else _("No training sessions yet. Create one with New session (Ctrl+N).")
            )
            self.new_button.setVisible(not text)
        self.list_stack.setCurrentWidget(self.empty_page if empty else self.table)

    def selected_session_id(self) -> str | None:
        rows = self.table.selectionModel().selectedRows()
        return rows[0].data(SessionIdRole) if rows else None

    def select(self, session_id: str | None) -> None:
        model = self.proxy.sourceModel()
        row = model.row_of(session_id) if session_id else None  # type: ignore[attr-defined]
        if row is None:
            self.table.clearSelection()
            return
        index = self.proxy.mapFromSource(model.index(row, TITLE))
        flags = QItemSelectionModel.SelectionFlag.ClearAndSelect | \
            QItemSelectionModel.SelectionFlag.Rows  # fmt: skip
        self.table.selectionModel().setCurrentIndex(index, flags)
        self.table.scrollTo(index)

    def select_row(self, row: int) -> None:
        """Select the row at ``row`` as shown (or the last one), e.g. after a deletion."""
        count = self.proxy.rowCount()
        if count == 0 or row < 0:
            return
        index = self.proxy.index(min(row, count - 1), TITLE)
        flags = QItemSelectionModel.SelectionFlag.ClearAndSelect | \
            QItemSelectionModel.SelectionFlag.Rows  # fmt: skip
        self.table.selectionModel().setCurrentIndex(index, flags)
