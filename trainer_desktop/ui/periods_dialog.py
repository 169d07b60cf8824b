"""Sign-in periods of a session, from the attendance tab: list, add, edit, delete (Ctrl+Z brings the
last deleted one back, with its marks and signatures, which a deletion keeps).

A period is a morning, an afternoon, a whole day, or custom hours with a name ("Evening session").
The core checks every value; a refused one keeps the editor open with the cursor in the field the
core names.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from typing import Any

from PySide6.QtCore import QModelIndex, QPersistentModelIndex, Qt, QTime
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QMessageBox,
    QPushButton,
    QTimeEdit,
    QVBoxLayout,
    QWidget,
)

from trainer_desktop.core import i18n
from trainer_desktop.core.attendance import DEFAULT_PERIODS, PERIOD_KINDS, SignInPeriod
from trainer_desktop.core.i18n import N_, _
from trainer_desktop.core.workspace import Workspace
from trainer_desktop.ui.table_model import RowsTableModel, read_only_table

from .attendance_model import period_label, period_title
from .operations import ATTENDANCE, OperationRunner

#: The hours a kind proposes when chosen (the trainer may change them).
KIND_HOURS = {kind: (start, end) for kind, start, end in DEFAULT_PERIODS}
KIND_HOURS["day"] = (DEFAULT_PERIODS[0][1], DEFAULT_PERIODS[-1][2])

DAY, PERIOD, TIMES = range(3)
COLUMN_COUNT = 3
HEADERS = {DAY: N_("Day"), PERIOD: N_("Period"), TIMES: N_("Times")}
#: The :class:`SignInPeriod` of a row (any column).
PeriodRole = Qt.ItemDataRole.UserRole + 1

_Index = QModelIndex | QPersistentModelIndex


def day_text(day: dt.date) -> str:
    text = i18n.current().format_date(day, "full")
    return text[:1].upper() + text[1:]


def times_text(period: SignInPeriod) -> str:
    return f"{period.start_time:%H:%M}–{period.end_time:%H:%M}"


class PeriodsModel(RowsTableModel):

    HEADERS = HEADERS
    def __init__(self, parent: Any = None) -> None:
        super().__init__(parent)
        self._rows: list[SignInPeriod] = []

    def refresh(self, periods: Iterable[SignInPeriod]) -> None:
        self.beginResetModel()
        self._rows = list(periods)
        self.endResetModel()

    def period(self, row: int) -> SignInPeriod:
        return self._rows[row]

    def row_of(self, period_id: str) -> int | None:
        return next((r for r, p in enumerate(self._rows) if p.id == period_id), None)

    def data(self, index: _Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or not 0 <= index.row() < len(self._rows):
            return None
        period = self._rows[index.row()]
        if role == Qt.ItemDataRole.DisplayRole:
            return {DAY: day_text(period.day), PERIOD: period_label(period),
                    TIMES: times_text(period)}.get(index.column())  # fmt: skip
        if role == Qt.ItemDataRole.ToolTipRole:
            return period_title(period)
        if role == PeriodRole:
            return period
        return None

def _qtime(value: dt.time) -> QTime:
    return QTime(value.hour, value.minute)


class PeriodEditor(QDialog):
    """Add a period (``period`` None) or edit one; saved through the runner on OK."""

    def __init__(self, workspace: Workspace, runner: OperationRunner, session_id: str,
                 period: SignInPeriod | None = None, day: dt.date | None = None,
                 parent: QWidget | None = None) -> None:  # fmt: skip
        super().__init__(parent)
        self.workspace = workspace
        self.runner = runner
        self.session_id = session_id
        self.period = period
        self.saved_period_id: str | None = None
        self.setWindowTitle(_("Edit sign-in period") if period else _("New sign-in period"))
        session = workspace.sessions.get(session_id)
        self.day = QComboBox()
        for each in session.days:
            self.day.addItem(day_text(each), each)
        self.kind = QComboBox()
        for key, text in PERIOD_KINDS.items():
            self.kind.addItem(_(text), key)
        self.start = QTimeEdit()
        self.end = QTimeEdit()
        for edit in (self.start, self.end):
            edit.setDisplayFormat("HH:mm")
        self.label = QLineEdit()
        self.label.setMaxLength(100)
        self.label.setPlaceholderText(_("e.g. Evening session"))
        self.label_hint = QLabel()
        self.label_hint.setWordWrap(True)
        times = QHBoxLayout()
        times.addWidget(self.start)
        times.addWidget(QLabel("–"))
        times.addWidget(self.end)
        times.addStretch(1)
        form = QFormLayout()
        form.addRow(_("&Day"), self.day)
        form.addRow(_("&Kind"), self.kind)
        form.addRow(_("Times"), times)
        form.addRow(_("&Name"), self.label)
        form.addRow("", self.label_hint)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok
                                   | QDialogButtonBox.StandardButton.Cancel)  # fmt: skip
        self.ok_button = buttons.button(QDialogButtonBox.StandardButton.Ok)
        buttons.accepted.connect(self.save)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(buttons)

        if period is not None:
            self._select(self.day, period.day)
            self._select(self.kind, period.kind)
            self.start.setTime(_qtime(period.start_time))
            self.end.setTime(_qtime(period.end_time))
            self.label.setText(period.label)
        else:
            if day is not None:
                self._select(self.day, day)
            self._select(self.kind, "custom")
            self.start.setTime(QTime(19, 0))
            self.end.setTime(QTime(21, 0))
        self._kind_changed()
        self.kind.currentIndexChanged.connect(self._propose_hours)
        self.kind.currentIndexChanged.connect(self._kind_changed)
        self.setMinimumWidth(self.fontMetrics().averageCharWidth() * 60)

    @staticmethod
    def _select(combo: QComboBox, value: Any) -> None:
        row = combo.findData(value)
        if row >= 0:
            combo.setCurrentIndex(row)

    def _propose_hours(self) -> None:
        hours = KIND_HOURS.get(self.kind.currentData())
        if hours:
            self.start.setTime(_qtime(hours[0]))
            self.end.setTime(_qtime(hours[1]))

    def _kind_changed(self) -> None:
        custom = self.kind.currentData() == "custom"
        self.label_hint.setText(_("Required for a custom period.") if custom
                                else _("Optional: shown instead of the kind."))  # fmt: skip

    def values(self) -> dict[str, Any]:
        return {"day": self.day.currentData(), "kind": self.kind.currentData(),
                "start_time": self.start.time().toPython(),
                "end_time": self.end.time().toPython(), "label": self.label.text()}  # fmt: skip

    def save(self) -> None:
        values = self.values()
        attendance = self.workspace.attendance
        if self.period is None:
            outcome = self.runner.run(self, attendance.add_period, self.session_id,
                                      changes={ATTENDANCE}, **values)  # fmt: skip
        else:
            outcome = self.runner.run(self, attendance.update_period, self.period.id,
                                      changes={ATTENDANCE}, **values)  # fmt: skip
        if not outcome.ok:
            field = outcome.error.field if outcome.error else None
            widget = {"day": self.day, "kind": self.kind, "start_time": self.start,
                      "end_time": self.end, "label": self.label}.get(field or "")  # fmt: skip
            if widget is not None:
                widget.setFocus()
            return
        self.saved_period_id = outcome.value.id if self.period is None else self.period.id
        self.accept()


class PeriodsDialog(QDialog):
    def __init__(self, workspace: Workspace, runner: OperationRunner, session_id: str,
                 parent: QWidget | None = None) -> None:  # fmt: skip
        super().__init__(parent)
        self.workspace = workspace
        self.runner = runner
        self.session_id = session_id
        self.editor: PeriodEditor | None = None
        #: Ids of the periods deleted here, the last one last: what Ctrl+Z brings back.
        self.deleted: list[str] = []
        self.model = PeriodsModel(self)
        self.setWindowTitle(_("Sign-in periods"))
        intro = QLabel(_("Each period is a column of the attendance grid and a line to sign on the "
                         "sheet."))  # fmt: skip
        intro.setWordWrap(True)
        self.table = read_only_table(self.model, _("Sign-in periods"))
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(DAY, QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(PERIOD, QHeaderView.ResizeMode.Stretch)
        header.setSectionResizeMode(TIMES, QHeaderView.ResizeMode.ResizeToContents)
        self.table.selectionModel().selectionChanged.connect(lambda *_a: self._update())
        self.table.doubleClicked.connect(lambda _index: self.edit())
        self.empty_label = QLabel(_("No sign-in periods yet: add one, or close and create the "
                                    "morning and afternoon periods."))  # fmt: skip
        self.empty_label.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.empty_label.setWordWrap(True)
        self.status = QLabel()
        self.status.setWordWrap(True)

        self.add_button = QPushButton(_("Add…"))
        self.edit_button = QPushButton(_("Edit…"))
        self.delete_button = QPushButton(_("Delete…"))
        self.undo_button = QPushButton(_("Undo delete"))
        self.undo_button.setToolTip(_("Bring the last deleted period back, with its marks "
                                      "(Ctrl+Z)"))  # fmt: skip
        self.add_button.clicked.connect(self.add)
        self.edit_button.clicked.connect(self.edit)
        self.delete_button.clicked.connect(self.delete)
        self.undo_button.clicked.connect(self.undo_delete)
        side = QVBoxLayout()
        for button in (self.add_button, self.edit_button, self.delete_button, self.undo_button):
            button.setAutoDefault(False)
            side.addWidget(button)
        side.addStretch(1)
        QShortcut(QKeySequence(QKeySequence.StandardKey.Undo), self, self.undo_delete)
        delete_key = QShortcut(QKeySequence(QKeySequence.StandardKey.Delete), self.table,
                               self.delete)  # fmt: skip
        delete_key.setContext(Qt.ShortcutContext.WidgetShortcut)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.rejected.connect(self.reject)

        body = QHBoxLayout()
        lists = QVBoxLayout()
        lists.addWidget(self.table, 1)
        lists.addWidget(self.empty_label, 1)
        body.addLayout(lists, 1)
        body.addLayout(side)
        layout = QVBoxLayout(self)
        layout.addWidget(intro)
        layout.addLayout(body, 1)
        layout.addWidget(self.status)
        layout.addWidget(buttons)
        runner.changed.connect(self._on_changed)
        self._following = True
        self.refresh()
        self.resize(720, 420)

    def refresh(self, select: str | None = None) -> None:
        current = self.current()
        row = max(self.table.currentIndex().row(), 0)
        self.model.refresh(self.workspace.attendance.periods(self.session_id))
        empty = self.model.rowCount() == 0
        self.table.setVisible(not empty)
        self.empty_label.setVisible(empty)
        if not empty:
            wanted = select or (current.id if current else None)
            found = self.model.row_of(wanted) if wanted else None
            self.table.selectRow(found if found is not None else min(row, self.model.rowCount() - 1))
        self._update()

    def current(self) -> SignInPeriod | None:
        rows = self.table.selectionModel().selectedRows()
        return self.model.period(rows[0].row()) if rows else None

    def _update(self) -> None:
        selected = self.current() is not None
        self.edit_button.setEnabled(selected)
        self.delete_button.setEnabled(selected)
        self.undo_button.setEnabled(bool(self.deleted))

    def _open_editor(self, period: SignInPeriod | None) -> PeriodEditor:
        current = self.current()
        editor = PeriodEditor(self.workspace, self.runner, self.session_id, period,
                              day=current.day if current else None, parent=self)  # fmt: skip
        editor.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        editor.accepted.connect(lambda: self.refresh(select=editor.saved_period_id))
        editor.finished.connect(self._editor_closed)
        self.editor = editor
        editor.open()  # window-modal, without a nested event loop
        return editor

    def _editor_closed(self) -> None:
        self.editor = None
        self.table.setFocus()

    def add(self) -> PeriodEditor:
        return self._open_editor(None)

    def edit(self) -> PeriodEditor | None:
        period = self.current()
        return self._open_editor(period) if period else None

    def delete(self) -> None:
        period = self.current()
        if period is None:
            return
        answer = QMessageBox.question(
            self, _("Delete period"),
            _("Delete the period “{title}”? Its column leaves the attendance grid; its marks and "
              "signatures are kept and come back if you undo.").format(title=period_title(period)),
            QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No,
            QMessageBox.StandardButton.No,
        )  # fmt: skip
        if answer != QMessageBox.StandardButton.Yes:
            return
        outcome = self.runner.run(self, self.workspace.attendance.delete_period, period.id,
                                  changes={ATTENDANCE})  # fmt: skip
        if outcome.ok:
            self.deleted.append(period.id)
            self.status.setText(_("“{title}” was deleted (Ctrl+Z brings it back).").format(
                title=period_title(period)))  # fmt: skip
            self._update()

    def undo_delete(self) -> None:
        if not self.deleted:
            return
        period_id = self.deleted.pop()
        outcome = self.runner.run(self, self.workspace.attendance.restore_period, period_id,
                                  changes={ATTENDANCE})  # fmt: skip
        if outcome.ok:
            self.status.setText(_("The period was restored."))
            self.refresh(select=period_id)
        self._update()

    def _on_changed(self, changed: frozenset, _source: object) -> None:
        if ATTENDANCE in changed:
            self.refresh()

    def done(self, code: int) -> None:
        if self._following:
            self.runner.changed.disconnect(self._on_changed)
            self._following = False
        super().done(code)
