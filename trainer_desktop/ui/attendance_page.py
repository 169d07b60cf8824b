"""The attendance tab of a session: who came to each sign-in period.

One row per enrolled person, one column per period. A click on a cell moves it through
empty → present → late → absent → excused → empty; on the keyboard P marks present, L or R late
(at the current time), A absent, E excused, Delete clears, and the arrow keys move. Every change
goes through the operation runner and is committed before the cell shows it: the grid is read
back from the database after each change. The totals of each period (attended, and by sex) stay
pinned under the grid; the rate of each person is its last column.
"""

from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QModelIndex, Qt, Signal
from PySide6.QtGui import QKeyEvent, QPainter, QPalette, QPen
from PySide6.QtWidgets import (
    QAbstractItemView,
    QFrame,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPushButton,
    QStyle,
    QStyledItemDelegate,
    QStyleOptionViewItem,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from trainer_desktop.core.errors import NotFoundError
from trainer_desktop.core.i18n import _, ngettext
from trainer_desktop.ui import operations
from trainer_desktop.ui.attendance_model import (
    NAME,
    AttendanceGridModel,
    AttendanceTotalsModel,
    StatusRole,
    next_status,
    period_title,
    sex_counts_text,
)

if TYPE_CHECKING:
    from trainer_desktop.core.workspace import Workspace
    from trainer_desktop.ui.operations import OperationRunner

#: Keys that set a cell, whatever the interface language (L "late", R "retard").
STATUS_KEYS: dict[int, str | None] = {
    Qt.Key.Key_P: "present",
    Qt.Key.Key_L: "late",
    Qt.Key.Key_R: "late",
    Qt.Key.Key_A: "absent",
    Qt.Key.Key_E: "excused",
    Qt.Key.Key_Delete: None,
    Qt.Key.Key_Backspace: None,
}


class CellDelegate(QStyledItemDelegate):
    """The current cell keeps its status colour and gets a thick frame: a solid selection colour
    would hide whether the cell just marked is present or absent."""

    def paint(self, painter: QPainter, option: QStyleOptionViewItem, index: QModelIndex) -> None:
        selected = bool(option.state & QStyle.StateFlag.State_Selected)
        plain = QStyleOptionViewItem(option)
        plain.state &= ~QStyle.StateFlag.State_Selected
        plain.state &= ~QStyle.StateFlag.State_HasFocus
        super().paint(painter, plain, index)
        if selected:
            painter.save()
            pen = QPen(option.palette.color(QPalette.ColorRole.Highlight), 3)
            painter.setPen(pen)
            painter.drawRect(option.rect.adjusted(1, 1, -2, -2))
            painter.restore()


class AttendanceTable(QTableView):
    """The grid: letters set the current cell instead of searching the rows."""

    #: (row, column, status or None) asked from the keyboard.
    mark_requested = Signal(int, int, object)

    def keyPressEvent(self, event: QKeyEvent) -> None:
        key = event.key()
        plain = not event.modifiers() & ~Qt.KeyboardModifier.KeypadModifier
        index = self.currentIndex()
        if plain and key in STATUS_KEYS and index.isValid():
            self.mark_requested.emit(index.row(), index.column(), STATUS_KEYS[key])
            event.accept()
            return
        if plain and key == Qt.Key.Key_Space and index.isValid():
            status = index.data(StatusRole)
            self.mark_requested.emit(index.row(), index.column(), next_status(status))
            event.accept()
            return
        super().keyPressEvent(event)


class AttendancePage(QWidget):
    def __init__(
        self,
        workspace: Workspace,
        runner: OperationRunner,
        session_id: str,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.workspace = workspace
        self.runner = runner
        self.session_id = session_id
        self.print_dialog: QWidget | None = None
        self.model = AttendanceGridModel(self)
        self.totals_model = AttendanceTotalsModel(self)
        self._build()
        runner.changed.connect(self._on_changed)
        self.reload()

    # -- building -------------------------------------------------------------------------------

    def _build(self) -> None:
        self.create_periods_button = QPushButton(_("Create morning and afternoon periods"))
        self.create_periods_button.setToolTip(
            _("One sign-in period each morning (08:30–12:30) and afternoon (14:00–17:30)")
        )
        self.create_periods_button.clicked.connect(self.create_default_periods)
        self.print_button = QPushButton(_("Print sheet…"))
        self.print_button.setToolTip(_("An attendance sheet to sign on paper, or with the "
                                       "signatures captured on the laptop (PDF)"))  # fmt: skip
        self.print_button.clicked.connect(self.print_sheet)
        self.periods_dialog: QWidget | None = None
        self.periods_button = QPushButton(_("Periods…"))
        self.periods_button.setToolTip(_("Add, change or delete the sign-in periods (an evening "
                                         "session, a whole day…)"))  # fmt: skip
        self.periods_button.clicked.connect(self.edit_periods)
        self.kiosk: QWidget | None = None
        self.kiosk_button = QPushButton(_("Sign-in mode…"))
        self.kiosk_button.setToolTip(_("A full screen where participants find their name and "
                                       "sign, one after another"))  # fmt: skip
        self.kiosk_button.clicked.connect(self.open_sign_in_mode)
        self.hint = QLabel(
            _("Click a cell, or press P present · L late · A absent · E excused · Del clears")
        )
        self.hint.setForegroundRole(QPalette.ColorRole.PlaceholderText)
        self.hint.setWordWrap(True)
        self.empty_label = QLabel()
        self.empty_label.setWordWrap(True)
        self.empty_label.setAlignment(Qt.AlignmentFlag.AlignCenter)

        self.table = AttendanceTable()
        self.table.setModel(self.model)
        self.table.setItemDelegate(CellDelegate(self.table))
        self.table.setAccessibleName(_("Attendance grid"))
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectItems)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setTabKeyNavigation(False)
        self.table.setWordWrap(False)
        self.table.setHorizontalScrollMode(QAbstractItemView.ScrollMode.ScrollPerPixel)
        self.table.setVerticalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOn)
        metrics = self.table.fontMetrics()
        self.table.verticalHeader().setDefaultSectionSize(metrics.height() + 12)
        self.table.verticalHeader().setDefaultAlignment(Qt.AlignmentFlag.AlignCenter)
        header = self.table.horizontalHeader()
        header.setHighlightSections(True)
        header.setMinimumHeight(2 * metrics.height() + 12)
        header.setDefaultAlignment(Qt.AlignmentFlag.AlignCenter)
        header.sectionResized.connect(self._sync_totals_width)
        self.table.clicked.connect(self._clicked)
        self.table.mark_requested.connect(self.set_cell)
        self.table.selectionModel().currentChanged.connect(lambda *_a: self._show_current())

        self.totals = QTableView()
        self.totals.setModel(self.totals_model)
        self.totals.setAccessibleName(_("Attendance totals"))
        self.totals.horizontalHeader().hide()
        self.totals.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        self.totals.setSelectionMode(QAbstractItemView.SelectionMode.NoSelection)
        self.totals.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.totals.setVerticalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.totals.verticalHeader().setDefaultSectionSize(metrics.height() + 8)
        self.totals.verticalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Fixed)
        self.totals.setFrameShape(QFrame.Shape.NoFrame)
        rows_height = 2 * (metrics.height() + 8) + 2
        self.totals.setFixedHeight(rows_height)
        # Scrolling the grid sideways scrolls the totals with it.
        self.table.horizontalScrollBar().valueChanged.connect(
            self.totals.horizontalScrollBar().setValue
        )
        self.current_totals = QLabel()
        self.current_totals.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.current_totals.setWordWrap(True)

        top = QHBoxLayout()
        top.addWidget(self.create_periods_button)
        top.addWidget(self.hint, 1)
        top.addWidget(self.periods_button)
        top.addWidget(self.kiosk_button)
        top.addWidget(self.print_button)
        footer = QHBoxLayout()
        footer.addWidget(self.current_totals, 1)
        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addWidget(self.empty_label)
        layout.addWidget(self.table, 1)
        layout.addWidget(self.totals)
        layout.addLayout(footer)

    def _size_columns(self) -> None:
        header = self.table.horizontalHeader()
        metrics = self.table.fontMetrics()
        header.setSectionResizeMode(NAME, QHeaderView.ResizeMode.Interactive)
        widest = max(
            [metrics.horizontalAdvance(p.participant.display_name)
             for p in self.model.grid.people] or [0]
        )  # fmt: skip
        header.resizeSection(NAME, min(max(widest + 24, 200), 300))
        cell = max(metrics.horizontalAdvance("R 00:00 \u270d") + 18, 86)
        for column in range(1, self.model.columnCount()):
            header.setSectionResizeMode(column, QHeaderView.ResizeMode.Fixed)
            header.resizeSection(column, cell)
        self._sync_totals_width()

    def _sync_totals_width(self, *_args: Any) -> None:
        """The totals' columns stay under the grid's (same widths, same row-number margin)."""
        self.totals.verticalHeader().setFixedWidth(self.table.verticalHeader().width())
        for column in range(self.model.columnCount()):
            self.totals.setColumnWidth(column, self.table.columnWidth(column))

    def showEvent(self, event: Any) -> None:
        super().showEvent(event)
        self._sync_totals_width()

    # -- showing --------------------------------------------------------------------------------

    def reload(self) -> None:
        """Read the grid again from the database, keeping the current cell."""
        current = self.table.currentIndex()
        row, column = (current.row(), current.column()) if current.isValid() else (0, 1)
        try:
            self.workspace.sessions.get(self.session_id)
        except NotFoundError as exc:
            self.empty_label.setText(exc.message)
            self.empty_label.show()
            self.table.hide()
            self.totals.hide()
            self.create_periods_button.hide()
            self.print_button.setEnabled(False)
            self.periods_button.setEnabled(False)
            self.kiosk_button.setEnabled(False)
            return
        grid = self.workspace.attendance.grid(self.session_id)
        shape = (len(grid.people), len(grid.periods) + 2)
        reshaped = (self.model.rowCount(), self.model.columnCount()) != shape
        self.model.set_grid(grid)
        self.totals_model.set_grid(grid)
        if reshaped:
            self._size_columns()
        has_periods, has_people = bool(grid.periods), bool(grid.people)
        self.create_periods_button.setVisible(not has_periods)
        self.print_button.setEnabled(has_periods)
        self.kiosk_button.setEnabled(has_periods and has_people)
        self.hint.setVisible(has_periods and has_people)
        if not has_periods:
            self.empty_label.setText(_("This session has no sign-in periods yet. Create a morning "
                                       "and an afternoon period for each day to start."))  # fmt: skip
        elif not has_people:
            self.empty_label.setText(_("No one is enrolled in this session yet: add participants "
                                       "in the Participants tab."))  # fmt: skip
        self.empty_label.setVisible(not (has_periods and has_people))
        self.table.setVisible(has_periods and has_people)
        self.totals.setVisible(has_periods and has_people)
        self.current_totals.setVisible(has_periods and has_people)
        if has_periods and has_people:
            row = min(max(row, 0), self.model.rowCount() - 1)
            column = min(max(column, 1), self.model.rate_column - 1)
            if self.table.currentIndex() != self.model.index(row, column):
                self.table.setCurrentIndex(self.model.index(row, column))
        self._show_current()

    def _show_current(self) -> None:
        """Under the totals: the current period in words and its totals by sex."""
        period = self.model.period_at(self.table.currentIndex().column())
        grid = self.model.grid
        if period is None:
            count = len(grid.people)
            self.current_totals.setText(
                ngettext("{n} person enrolled", "{n} people enrolled", count).format(n=count)
            )
            return
        totals = grid.period_totals(period.id)
        self.current_totals.setText(
            f"<b>{period_title(period)}</b> &nbsp; "
            + sex_counts_text(totals.attended, len(grid.people), totals.attended_by_sex)
        )

    def _on_changed(self, changes: frozenset, _source: object) -> None:
        if changes & {operations.ATTENDANCE, operations.SESSIONS, operations.PARTICIPANTS}:
            self.reload()

    # -- actions --------------------------------------------------------------------------------

    def create_default_periods(self) -> None:
        self.runner.run(
            self, self.workspace.attendance.ensure_default_periods, self.session_id,
            changes={operations.ATTENDANCE},
        )  # fmt: skip
        self.table.setFocus()

    def _clicked(self, index: QModelIndex) -> None:
        if index.isValid() and self.model.period_at(index.column()) is not None:
            self.set_cell(index.row(), index.column(), next_status(index.data(StatusRole)))

    def set_cell(self, row: int, column: int, status: str | None) -> bool:
        """Ask the core to set a cell; the grid shows it once committed (returns success)."""
        period = self.model.period_at(column)
        index = self.model.index(row, column)
        if period is None or not index.isValid():
            return False
        enrolment_id = self.model.grid.people[row].enrolment.id
        arrived_at = None
        if status == "late":
            arrived_at = dt.datetime.now().time().replace(second=0, microsecond=0)
        outcome = self.runner.run(
            self, self.workspace.attendance.set_mark, enrolment_id, period.id, status, arrived_at,
            changes={operations.ATTENDANCE},
        )  # fmt: skip
        return outcome.ok

    def open_sign_in_mode(self) -> None:
        """Ask which period (the one happening now first), then hand the laptop over."""
        from PySide6.QtWidgets import QInputDialog

        from trainer_desktop.ui.kiosk_parts import ensure_pin
        from trainer_desktop.ui.sign_in_kiosk import SignInKiosk, default_period

        grid = self.model.grid
        if not grid.periods or self.kiosk is not None:
            return
        title = _("Sign-in mode")
        prompt = _("Sign-in mode can only be left with your PIN. Choose a PIN (at least 4 "
                   "digits):")  # fmt: skip
        if not ensure_pin(self, self.workspace, self.runner, title=title, prompt=prompt):
            return
        proposed = default_period(grid.periods, grid, dt.datetime.now())
        titles = [period_title(p) for p in grid.periods]
        chosen, ok = QInputDialog.getItem(
            self, title, _("Participants sign in for:"), titles,
            grid.periods.index(proposed) if proposed else 0, False,
        )  # fmt: skip
        if not ok or chosen not in titles:
            return
        period = grid.periods[titles.index(chosen)]
        kiosk = SignInKiosk(self.workspace, self.runner, self.session_id, period.id, self)
        kiosk.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        kiosk.left.connect(self._sign_in_mode_left)
        self.kiosk = kiosk
        kiosk.showFullScreen()

    def _sign_in_mode_left(self) -> None:
        self.kiosk = None
        self.table.setFocus()

    def print_sheet(self) -> None:
        """Ask which period and which kind of sheet, then save and open the PDF."""
        from trainer_desktop.ui.attendance_print import AttendancePrintDialog

        period = self.model.period_at(self.table.currentIndex().column())
        dialog = AttendancePrintDialog(
            self.workspace, self.runner, self.session_id, self.model.grid.periods,
            current=period.id if period else None, parent=self,
        )  # fmt: skip
        dialog.finished.connect(dialog.deleteLater)
        dialog.finished.connect(self._print_dialog_closed)
        self.print_dialog = dialog
        dialog.open()

    def edit_periods(self) -> QWidget:
        from trainer_desktop.ui.periods_dialog import PeriodsDialog

        dialog = PeriodsDialog(self.workspace, self.runner, self.session_id, self)
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.finished.connect(self._periods_dialog_closed)
        self.periods_dialog = dialog
        dialog.open()
        return dialog

    def _periods_dialog_closed(self) -> None:
        self.periods_dialog = None
        self.table.setFocus()

    def _print_dialog_closed(self) -> None:
        self.print_dialog = None
        self.table.setFocus()
