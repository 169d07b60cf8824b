"""A session's programme, day by day: add, edit, delete (with undo), reorder and print items.

Every change goes through the operation runner; the editor reloads whenever the runner says the
programme or the sessions changed, whoever changed them, and keeps the selected item selected.
"""

from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import Qt
from PySide6.QtGui import QAction, QKeySequence, QPalette
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QMessageBox,
    QTabBar,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from trainer_desktop.core.errors import NotFoundError
from trainer_desktop.core.i18n import _
from trainer_desktop.core.programme import ITEM_KINDS, ProgrammeItem
from trainer_desktop.core.sessions import TrainingSession
from trainer_desktop.ui import operations, programme_print
from trainer_desktop.ui.programme_item_dialog import ProgrammeItemDialog, default_slot
from trainer_desktop.ui.programme_model import (
    KIND,
    OBJECTIVE,
    SPEAKER,
    TIME,
    TITLE,
    ProgrammeTableModel,
    day_summary,
    day_tab_text,
    slot_text,
)
from trainer_desktop.ui.table_model import RowsTableView

if TYPE_CHECKING:
    from trainer_desktop.core.workspace import Workspace
    from trainer_desktop.ui.operations import OperationRunner

#: Share of the room left by the short columns given to the objective; the title takes the rest.
OBJECTIVE_SHARE = 0.4


class ProgrammeEditor(QWidget):
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
        self.session: TrainingSession | None = None
        self.item_dialog: ProgrammeItemDialog | None = None
        self._items: list[ProgrammeItem] = []
        self._days: list[dt.date] = []
        self._deleted: list[str] = []  # ids to restore with Ctrl+Z, most recent last

        self.model = ProgrammeTableModel(self)
        # Queued: the drop finishes before the table is reloaded under the view's feet.
        self.model.reorder_requested.connect(self._reorder, Qt.ConnectionType.QueuedConnection)
        self.day_tabs = QTabBar()
        self.day_tabs.setExpanding(False)
        self.day_tabs.setUsesScrollButtons(True)
        # A long session, or a longer language: the days' dates shorten (the whole text in the
        # tooltip) before any tab hides behind the scroll buttons.
        self.day_tabs.setElideMode(Qt.TextElideMode.ElideMiddle)
        self.day_tabs.setDrawBase(False)
        self.day_tabs.currentChanged.connect(lambda _index: self._show_day())
        self.table = self._make_table()
        self.status = QLabel()
        self.notice = QLabel()
        self.notice.setForegroundRole(QPalette.ColorRole.PlaceholderText)
        self._make_actions()
        self._lay_out()
        runner.changed.connect(self._on_changed)
        self.reload()

    # -- building -------------------------------------------------------------------------------

    def _make_table(self) -> RowsTableView:
        table = RowsTableView()
        table.setModel(self.model)
        table.setAccessibleName(_("Programme of the day"))
        table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        table.setWordWrap(False)
        table.setShowGrid(False)
        table.setTabKeyNavigation(False)
        table.verticalHeader().hide()
        table.verticalHeader().setDefaultSectionSize(table.fontMetrics().height() + 14)
        header = table.horizontalHeader()
        header.setHighlightSections(False)
        header.setDefaultAlignment(Qt.AlignmentFlag.AlignLeading | Qt.AlignmentFlag.AlignVCenter)
        header.setSectionResizeMode(TIME, QHeaderView.ResizeMode.Fixed)
        header.setSectionResizeMode(TITLE, QHeaderView.ResizeMode.Stretch)
        for column in (KIND, SPEAKER, OBJECTIVE):
            header.setSectionResizeMode(column, QHeaderView.ResizeMode.Interactive)
        metrics = table.fontMetrics()
        header.resizeSection(TIME, metrics.horizontalAdvance("00:00\u201300:00") + 28)
        header.resizeSection(KIND, max(metrics.horizontalAdvance(_(label))
                                       for label in ITEM_KINDS.values()) + 24)  # fmt: skip
        header.resizeSection(SPEAKER, metrics.horizontalAdvance("M" * 14) + 16)
        table.setDragEnabled(True)
        table.setAcceptDrops(True)
        table.setDragDropMode(QAbstractItemView.DragDropMode.InternalMove)
        table.setDragDropOverwriteMode(False)
        table.setDropIndicatorShown(True)
        table.setDefaultDropAction(Qt.DropAction.MoveAction)
        table.doubleClicked.connect(lambda _index: self.edit_item())
        table.selectionModel().currentRowChanged.connect(lambda *_args: self._update_actions())
        return table

    def _action(self, text: str, slot: Any, *keys: QKeySequence | str) -> QAction:
        action = QAction(text, self)
        action.setShortcuts([QKeySequence(key) for key in keys])
        action.setShortcutContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
        shortcut = action.shortcut().toString(QKeySequence.SequenceFormat.NativeText)
        if shortcut:
            action.setToolTip(
                _("{action} ({shortcut})").format(action=text.rstrip("…"), shortcut=shortcut)
            )
        action.triggered.connect(lambda _checked=False: slot())
        self.addAction(action)
        return action

    def _make_actions(self) -> None:
        self.add_action = self._action(_("Add item…"), self.add_item, "Ins", "Ctrl+Shift+N")
        self.edit_action = self._action(_("Edit…"), self.edit_item)
        # Enter edits only from the table, so it still presses a focused button.
        self.edit_action.setShortcuts([QKeySequence("Return"), QKeySequence("Enter")])
        self.edit_action.setShortcutContext(Qt.ShortcutContext.WidgetShortcut)
        self.edit_action.setToolTip(_("{action} ({shortcut})").format(
            action=_("Edit"), shortcut=_("Enter or double-click")))  # fmt: skip
        self.table.addAction(self.edit_action)
        self.delete_action = self._action(_("Delete"), self.delete_item, "Del")
        self.undo_action = self._action(_("Undo delete"), self.undo_delete, "Ctrl+Z")
        self.up_action = self._action(_("Move up"), lambda: self.move_item(-1), "Ctrl+Up")
        self.down_action = self._action(_("Move down"), lambda: self.move_item(1), "Ctrl+Down")
        self.print_action = self._action(_("Print programme…"), self.print_programme, "Ctrl+P")
        self.day_actions = [
            self._action(_("Previous day"), lambda: self._step_day(-1), "Ctrl+PgUp"),
            self._action(_("Next day"), lambda: self._step_day(1), "Ctrl+PgDown"),
        ]

    def _lay_out(self) -> None:
        buttons = QHBoxLayout()
        buttons.setSpacing(6)
        for action in (self.add_action, self.edit_action, self.delete_action, self.undo_action):
            buttons.addWidget(self._button(action))
        buttons.addSpacing(12)
        buttons.addWidget(self._button(self.up_action))
        buttons.addWidget(self._button(self.down_action))
        buttons.addStretch(1)
        buttons.addWidget(self._button(self.print_action))
        footer = QHBoxLayout()
        footer.addWidget(self.status)
        footer.addStretch(1)
        footer.addWidget(self.notice)
        layout = QVBoxLayout(self)
        layout.addWidget(self.day_tabs)
        layout.addLayout(buttons)
        layout.addWidget(self.table, 1)
        layout.addLayout(footer)

    def _button(self, action: QAction) -> QToolButton:
        button = QToolButton()
        button.setDefaultAction(action)
        button.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextOnly)
        button.setMinimumHeight(30)
        return button

    def resizeEvent(self, event: Any) -> None:
        super().resizeEvent(event)
        # The title stretches; the objective gets a share of the room, not a fixed sliver.
        header = self.table.horizontalHeader()
        room = event.size().width() - sum(header.sectionSize(c) for c in (TIME, KIND, SPEAKER))
        header.resizeSection(OBJECTIVE, max(160, int(room * OBJECTIVE_SHARE)))

    # -- showing --------------------------------------------------------------------------------

    def reload(self) -> None:
        """Read the session and its programme again, keeping the day and the selection."""
        keep_day, keep_id, keep_row = self.current_day(), self.current_item_id(), self._row()
        try:
            self.session = self.workspace.sessions.get(self.session_id)
        except NotFoundError as exc:
            self.session, self._items, self._days = None, [], []
            self._fill_tabs(None)
            self.model.set_items([])
            self.status.setText(exc.message)
            self._update_actions()
            return
        self._items = self.workspace.programme.items(self.session_id)
        # Items left outside the dates (the session was shortened) still show, on their own day.
        self._days = sorted(set(self.session.days) | {item.day for item in self._items})
        self._fill_tabs(keep_day)
        self._show_day(keep_id, max(keep_row, 0))

    def _fill_tabs(self, keep_day: dt.date | None) -> None:
        session_days = self.session.days if self.session else []
        self.day_tabs.blockSignals(True)
        while self.day_tabs.count() > len(self._days):
            self.day_tabs.removeTab(self.day_tabs.count() - 1)
        for index, day in enumerate(self._days):
            number = session_days.index(day) + 1 if day in session_days else None
            text = day_tab_text(number, day, sum(1 for item in self._items if item.day == day))
            if index == self.day_tabs.count():
                self.day_tabs.addTab(text)
            self.day_tabs.setTabText(index, text)
            self.day_tabs.setTabToolTip(index, text)
        if keep_day in self._days:
            self.day_tabs.setCurrentIndex(self._days.index(keep_day))
        self.day_tabs.blockSignals(False)

    def _show_day(self, select_id: str | None = None, fallback_row: int = 0) -> None:
        day = self.current_day()
        items = [item for item in self._items if item.day == day]
        self.model.set_items(items)
        if self.session is not None:
            self.status.setText(day_summary(items))
        row = self.model.row_of(select_id) if select_id else -1
        self._select_row(row if row >= 0 else min(fallback_row, len(items) - 1))

    def _select_row(self, row: int) -> None:
        if row >= 0:
            index = self.model.index(row, TITLE)
            self.table.setCurrentIndex(index)
            self.table.scrollTo(index)
        self._update_actions()

    def select_item(self, item_id: str) -> None:
        """Show the day of ``item_id`` with that item selected."""
        day = next((item.day for item in self._items if item.id == item_id), None)
        if day is None:
            return
        self.day_tabs.blockSignals(True)
        self.day_tabs.setCurrentIndex(self._days.index(day))
        self.day_tabs.blockSignals(False)
        self._show_day(item_id)

    def _step_day(self, step: int) -> None:
        if self._days:
            self.day_tabs.setCurrentIndex((self.day_tabs.currentIndex() + step) % len(self._days))

    def _update_actions(self) -> None:
        row, count = self._row(), self.model.rowCount()
        has_session = self.session is not None
        self.add_action.setEnabled(has_session)
        self.print_action.setEnabled(has_session)
        for action in (self.edit_action, self.delete_action):
            action.setEnabled(row >= 0)
        self.up_action.setEnabled(row > 0)
        self.down_action.setEnabled(0 <= row < count - 1)
        self.undo_action.setEnabled(has_session and bool(self._deleted))

    def _on_changed(self, changes: frozenset, _source: object) -> None:
        if operations.PROGRAMME in changes or operations.SESSIONS in changes:
            self.reload()

    # -- what is shown --------------------------------------------------------------------------

    def current_day(self) -> dt.date | None:
        index = self.day_tabs.currentIndex()
        return self._days[index] if 0 <= index < len(self._days) else None

    def _row(self) -> int:
        index = self.table.currentIndex()
        return index.row() if index.isValid() else -1

    def current_item(self) -> ProgrammeItem | None:
        return self.model.item_at(self._row())

    def current_item_id(self) -> str | None:
        item = self.current_item()
        return item.id if item else None

    # -- actions --------------------------------------------------------------------------------

    def _open_dialog(self, dialog: ProgrammeItemDialog) -> None:
        self.notice.clear()
        dialog.saved.connect(self.select_item)
        dialog.finished.connect(dialog.deleteLater)
        dialog.finished.connect(self._dialog_closed)
        self.item_dialog = dialog
        dialog.open()

    def _dialog_closed(self) -> None:
        self.item_dialog = None
        self.table.setFocus()

    def _speakers(self) -> list[str]:
        return [item.speaker for item in self._items if item.speaker]

    def add_item(self) -> None:
        if self.session is None:
            return
        day = self.current_day() or self.session.start_date
        start, end = default_slot([item for item in self._items if item.day == day])
        self._open_dialog(ProgrammeItemDialog(
            self.workspace, self.runner, self.session, day=day, start=start, end=end,
            speakers=self._speakers(), parent=self,
        ))  # fmt: skip

    def edit_item(self) -> None:
        item = self.current_item()
        if item is None or self.session is None:
            return
        self._open_dialog(ProgrammeItemDialog(
            self.workspace, self.runner, self.session, item=item, speakers=self._speakers(),
            parent=self,
        ))  # fmt: skip

    def delete_item(self) -> None:
        item = self.current_item()
        if item is None:
            return
        question = _("Delete “{title}” ({slot}) from the programme?").format(
            title=item.title, slot=slot_text(item.start_time, item.end_time)
        )
        yes, no = QMessageBox.StandardButton.Yes, QMessageBox.StandardButton.No
        if QMessageBox.question(self, _("Delete programme item"), question, yes | no, no) != yes:
            return
        self._deleted.append(item.id)
        outcome = self.runner.run(
            self, self.workspace.programme.delete, item.id, changes={operations.PROGRAMME}
        )
        if not outcome.ok:
            self._deleted.pop()
            return
        undo = self.undo_action.shortcut().toString(QKeySequence.SequenceFormat.NativeText)
        self.notice.setText(
            _("Deleted “{title}”. {shortcut} brings it back.").format(
                title=item.title, shortcut=undo
            )
        )
        self._update_actions()

    def undo_delete(self) -> None:
        if not self._deleted:
            return
        item_id = self._deleted.pop()
        outcome = self.runner.run(
            self, self.workspace.programme.restore, item_id, changes={operations.PROGRAMME}
        )
        self.notice.clear()
        if outcome.ok:
            self.select_item(item_id)
        self._update_actions()

    def move_item(self, offset: int) -> None:
        item = self.current_item()
        if item is None:
            return
        self.notice.clear()
        self.runner.run(
            self, self.workspace.programme.move, item.id, offset, changes={operations.PROGRAMME}
        )
        self.select_item(item.id)

    def _reorder(self, ordered_ids: list[str]) -> None:
        keep_id = self.current_item_id()
        self.runner.run(
            self, self.workspace.programme.reorder, self.session_id, self.current_day(), ordered_ids,
            changes={operations.PROGRAMME},
        )  # fmt: skip
        if keep_id:
            self.select_item(keep_id)

    def print_programme(self) -> None:
        if self.session is not None:
            out = programme_print.print_programme(self, self.workspace, self.runner, self.session)
            if out is not None:
                self.notice.setText(_("Programme saved to {path}").format(path=out))
