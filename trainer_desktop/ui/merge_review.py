"""Review merge: what the last imports want a person to look at — values that lost to a
concurrent edit on another laptop (conflicts), copies of submitted records that came back with
different content (set aside), and changes dated far in the future (a laptop with a wrong date).

For each: keep the current value (the event leaves the list), or put the losing value back (a new
edit, which travels in the next bundles like any other). :func:`describe_events` turns the core's
events into readable rows (no Qt); the model and the dialog show them.
"""

from __future__ import annotations

import datetime as dt
import html
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import Any

from PySide6.QtCore import QModelIndex, QPersistentModelIndex, Qt, Signal
from PySide6.QtWidgets import (
    QAbstractItemView,
    QDialog,
    QDialogButtonBox,
    QHeaderView,
    QLabel,
    QPushButton,
    QStyle,
    QVBoxLayout,
    QWidget,
)

from trainer_desktop.core import i18n
from trainer_desktop.core.clock import Stamp
from trainer_desktop.core.errors import NotFoundError
from trainer_desktop.core.i18n import N_, _, ngettext
from trainer_desktop.core.merge import MergeReview
from trainer_desktop.core.programme import ITEM_KINDS
from trainer_desktop.core.records import synced_models
from trainer_desktop.core.sessions import SESSION_FIELD_LABELS, SESSION_LANGUAGES
from trainer_desktop.core.sync_state import LocalMergeEvent
from trainer_desktop.core.workspace import Workspace
from trainer_desktop.ui.table_model import RowsTableModel, read_only_table

from .operations import MERGE, PROGRAMME, SESSIONS, OperationRunner

# --- readable rows (no Qt) -----------------------------------------------------------------------

KIND_TEXTS = {"conflict": N_("Conflict"), "quarantine": N_("Different copy set aside"),
              "future": N_("Date in the future")}  # fmt: skip
RECORD_TEXTS = {"training_session": N_("Session"), "programme_item": N_("Programme item")}
FIELD_TEXTS = {
    "training_session": SESSION_FIELD_LABELS,
    "programme_item": {"day": N_("Day"), "start_time": N_("Start time"),
                       "end_time": N_("End time"), "title": N_("Title"), "kind": N_("Kind"),
                       "speaker": N_("Speaker or facilitator"), "objective": N_("Objective")},
}  # fmt: skip
VALUE_TEXTS = {("training_session", "language"): SESSION_LANGUAGES,
               ("programme_item", "kind"): ITEM_KINDS}  # fmt: skip


@dataclass(frozen=True)
class EventRow:
    event_id: int
    kind: str
    kind_text: str
    record_text: str
    field_text: str
    current_text: str
    other_text: str
    when_text: str
    explanation: str

    @property
    def can_put_back(self) -> bool:
        return self.kind == "conflict"


def _local(at: dt.datetime) -> dt.datetime:
    """A stored UTC time on this laptop's clock."""
    return at.replace(tzinfo=dt.UTC).astimezone().replace(tzinfo=None)


def format_moment(moment: dt.datetime) -> str:
    """“Nov 22, 2026, 9:30 AM”: the year in full (a wrong clock may say 2100)."""
    tr = i18n.current()
    return _("{date}, {time}").format(date=tr.format_date(moment.date()),
                                      time=tr.format_time(moment.time()))  # fmt: skip


def _python_type(table: str, field: str) -> type | None:
    model = next((m for m in synced_models() if m.__tablename__ == table), None)
    try:
        return model.__table__.columns[field].type.python_type  # type: ignore[union-attr]
    except (AttributeError, KeyError, NotImplementedError):
        return None


def format_value(table: str, field: str, value: Any) -> str:
    """A field's value as people read it (stored JSON values and Python values alike)."""
    tr = i18n.current()
    if field == "deleted":
        return _("deleted") if value else _("not deleted")
    if value is None or value == "" or value == []:
        return _("(empty)")
    names = VALUE_TEXTS.get((table, field))
    if names and value in names:
        return _(names[value])
    if isinstance(value, list):
        return ", ".join(str(v) for v in value)
    if isinstance(value, str):  # a date or time as stored in the log
        kind = _python_type(table, field)
        try:
            if kind is dt.date:
                return tr.format_date(dt.date.fromisoformat(value))
            if kind is dt.time:
                return tr.format_time(dt.time.fromisoformat(value))
        except ValueError:
            pass
        return value
    if isinstance(value, dt.datetime):
        return format_moment(value)
    if isinstance(value, dt.date):
        return tr.format_date(value)
    if isinstance(value, dt.time):
        return tr.format_time(value)
    return str(value)


class RecordLookup:
    """Titles and current values of the records events name, looked up through the services."""

    def __init__(self, workspace: Workspace) -> None:
        self.workspace = workspace
        self._records: dict[tuple[str, str], Any] = {}
        self._items: dict[str, Any] | None = None

    def record(self, table: str, record_id: str) -> Any:
        key = (table, record_id)
        if key not in self._records:
            self._records[key] = self._find(table, record_id)
        return self._records[key]

    def _find(self, table: str, record_id: str) -> Any:
        if table == "training_session":
            try:
                return self.workspace.sessions.get(record_id)
            except NotFoundError:
                return None
        if table == "programme_item":
            if self._items is None:  # the programme is reached through its sessions
                self._items = {item.id: item for s in self.workspace.sessions.list()
                               for item in self.workspace.programme.items(s.id)}  # fmt: skip
            return self._items.get(record_id)
        return None

    def label(self, table: str, record_id: str) -> str:
        record = self.record(table, record_id)
        kind = _(RECORD_TEXTS[table]) if table in RECORD_TEXTS else table
        if record is None:
            name = record_id[:8]
        elif table == "programme_item":
            session = self.record("training_session", record.session_id)
            name = f"{record.title} — {session.title}" if session is not None else record.title
        else:
            name = getattr(record, "title", record_id[:8])
        return _("{kind}: {name}").format(kind=kind, name=name)


def _explain(event: LocalMergeEvent, row: dict[str, str]) -> str:
    if event.kind == "conflict":
        return _("“{field}” was changed on two laptops, neither seeing the other's change. The "
                 "most recent change was kept: “{current}”. The other one was “{other}”.").format(**row)  # fmt: skip
    if event.kind == "quarantine":
        return _("A bundle brought a copy with different content. What people submit (sign-ins, "
                 "answers) is never overwritten: the copy here is kept and the other one is set "
                 "aside.")  # fmt: skip
    return _("This change is dated {other}: the laptop that made it has a wrong date. It was "
             "merged like any other; have that laptop's clock set right.").format(**row)  # fmt: skip


def describe_events(workspace: Workspace, events: Iterable[LocalMergeEvent]) -> list[EventRow]:
    lookup = RecordLookup(workspace)
    rows = []
    for event in events:
        table, field = event.table_name, event.field or ""
        record = lookup.record(table, event.record_id)
        texts = {"record": lookup.label(table, event.record_id), "field": "", "current": "",
                 "other": ""}  # fmt: skip
        if event.kind == "conflict":
            texts["field"] = (_(FIELD_TEXTS.get(table, {}).get(field, field)) if field != "deleted"
                              else _("Deleted or not"))  # fmt: skip
            texts["other"] = format_value(table, field, event.value)
            if record is not None:
                texts["current"] = format_value(table, field, getattr(record, field, None))
        elif event.kind == "future":
            try:
                stamp_time = dt.datetime.fromtimestamp(Stamp.parse(event.stamp).wall_ms / 1000)
                texts["other"] = format_moment(stamp_time)
            except (ValueError, OverflowError, OSError):
                texts["other"] = event.stamp
        else:
            texts["other"] = _("another copy")
        rows.append(EventRow(
            event.id, event.kind, _(KIND_TEXTS.get(event.kind, event.kind)), texts["record"],
            texts["field"], texts["current"], texts["other"],
            format_moment(_local(event.at)), _explain(event, texts),
        ))  # fmt: skip
    return rows


def keep_current_values(review: MergeReview, event_ids: Sequence[int]) -> None:
    for event_id in event_ids:
        review.dismiss(event_id)


# --- the table -----------------------------------------------------------------------------------

KIND, RECORD, FIELD, CURRENT, OTHER, WHEN = range(6)
COLUMN_COUNT = 6
HEADERS = {KIND: N_("What"), RECORD: N_("Record"), FIELD: N_("Field"),
           CURRENT: N_("Current value"), OTHER: N_("Value not kept"), WHEN: N_("Merged on")}  # fmt: skip
#: The :class:`EventRow` of a row (any column).
EventRole = Qt.ItemDataRole.UserRole + 1

_Index = QModelIndex | QPersistentModelIndex


class MergeEventsModel(RowsTableModel):

    HEADERS = HEADERS
    KIND, RECORD, FIELD, CURRENT, OTHER, WHEN = KIND, RECORD, FIELD, CURRENT, OTHER, WHEN

    def __init__(self, parent: Any = None) -> None:
        super().__init__(parent)
        self._rows: list[EventRow] = []

    def refresh(self, rows: Iterable[EventRow]) -> None:
        self.beginResetModel()
        self._rows = list(rows)
        self.endResetModel()

    def event_row(self, row: int) -> EventRow:
        return self._rows[row]

    def data(self, index: _Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or not 0 <= index.row() < len(self._rows):
            return None
        row = self._rows[index.row()]
        if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.ToolTipRole):
            text = {KIND: row.kind_text, RECORD: row.record_text, FIELD: row.field_text,
                    CURRENT: row.current_text, OTHER: row.other_text,
                    WHEN: row.when_text}.get(index.column())  # fmt: skip
            if role == Qt.ItemDataRole.ToolTipRole:
                return row.explanation
            return text
        if role == EventRole:
            return row
        return None

# --- the dialog and the status bar badge ---------------------------------------------------------


def open_event_count(workspace: Workspace) -> int:
    return len(workspace.merge_review.open_events())


class MergeReviewDialog(QDialog):
    def __init__(self, workspace: Workspace, runner: OperationRunner,
                 parent: QWidget | None = None) -> None:  # fmt: skip
        super().__init__(parent)
        self.workspace = workspace
        self.runner = runner
        self.model = MergeEventsModel(self)
        self.setWindowTitle(_("Review merge"))
        intro = QLabel(_("When two laptops changed the same value, the most recent change was "
                         "kept. Check each value below: keep the current one, or put the other "
                         "one back — it then travels in your next bundles like any change."))  # fmt: skip
        intro.setWordWrap(True)
        self.table = read_only_table(self.model, selection=QAbstractItemView.SelectionMode.ExtendedSelection)
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(RECORD, QHeaderView.ResizeMode.Stretch)
        for column in (KIND, FIELD, WHEN):
            header.setSectionResizeMode(column, QHeaderView.ResizeMode.ResizeToContents)
        for column in (CURRENT, OTHER):
            header.setSectionResizeMode(column, QHeaderView.ResizeMode.Interactive)
            header.resizeSection(column, self.fontMetrics().averageCharWidth() * 24)
        self.table.selectionModel().selectionChanged.connect(self._update_buttons)
        self.details = QLabel()
        self.details.setTextFormat(Qt.TextFormat.RichText)
        self.details.setWordWrap(True)
        self.details.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.details.setMinimumHeight(self.fontMetrics().lineSpacing() * 3)
        self.details.setAlignment(Qt.AlignmentFlag.AlignTop | Qt.AlignmentFlag.AlignLeading)
        self.empty_label = QLabel(_("Nothing to review: every merge went through without a "
                                    "question."))  # fmt: skip
        self.empty_label.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.empty_label.setWordWrap(True)

        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        self.keep_button = buttons.addButton(_("Keep current value"),
                                             QDialogButtonBox.ButtonRole.ActionRole)  # fmt: skip
        self.keep_button.setToolTip(_("The value on screen stays; the line leaves this list"))
        self.put_back_button = buttons.addButton(_("Put this value back"),
                                                 QDialogButtonBox.ButtonRole.ActionRole)  # fmt: skip
        self.put_back_button.setToolTip(_("The value not kept replaces the current one, as a new "
                                          "change that travels in your next bundles"))  # fmt: skip
        self.keep_button.clicked.connect(self.keep_current)
        self.put_back_button.clicked.connect(self.put_back)
        buttons.rejected.connect(self.reject)

        layout = QVBoxLayout(self)
        layout.addWidget(intro)
        layout.addWidget(self.table, 1)
        layout.addWidget(self.empty_label, 1)
        layout.addWidget(self.details)
        layout.addWidget(buttons)
        runner.changed.connect(self._on_changed)
        self._following = True
        self.refresh()
        self.resize(1040, 520)

    def refresh(self) -> None:
        events = self.workspace.merge_review.open_events()
        self.model.refresh(describe_events(self.workspace, events))
        empty = self.model.rowCount() == 0
        self.table.setVisible(not empty)
        self.empty_label.setVisible(empty)
        if not empty:
            self.table.selectRow(0)
        self._update_buttons()

    def selected_rows(self) -> list[EventRow]:
        rows = sorted(index.row() for index in self.table.selectionModel().selectedRows())
        return [self.model.event_row(row) for row in rows]

    def _update_buttons(self, *_args: Any) -> None:
        rows = self.selected_rows()
        self.keep_button.setEnabled(bool(rows))
        self.put_back_button.setEnabled(len(rows) == 1 and rows[0].can_put_back)
        if len(rows) == 1:
            row = rows[0]
            self.details.setText(f"<b>{html.escape(row.record_text)}</b><br>"
                                 f"{html.escape(row.explanation)}")  # fmt: skip
        else:
            self.details.setText(ngettext("{n} line selected.", "{n} lines selected.",
                                          len(rows)).format(n=len(rows)) if rows else "")  # fmt: skip

    def keep_current(self) -> None:
        ids = [row.event_id for row in self.selected_rows()]
        if ids:
            self.runner.run(self, keep_current_values, self.workspace.merge_review, ids,
                            changes={MERGE})  # fmt: skip

    def put_back(self) -> None:
        rows = self.selected_rows()
        if len(rows) != 1 or not rows[0].can_put_back:
            return
        self.runner.run(self, self.workspace.merge_review.restore_losing_value, rows[0].event_id,
                        changes={SESSIONS, PROGRAMME, MERGE})  # fmt: skip

    def _on_changed(self, changed: frozenset, _source: object) -> None:
        if changed & {MERGE, SESSIONS, PROGRAMME}:
            self.refresh()

    def done(self, code: int) -> None:
        if self._following:
            self.runner.changed.disconnect(self._on_changed)
            self._following = False
        super().done(code)


class MergeBadge(QPushButton):
    """In the status bar while merge events wait: how many; a click opens the review."""

    review_requested = Signal()

    def __init__(self, workspace: Workspace, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.workspace = workspace
        self.setIcon(self.style().standardIcon(QStyle.StandardPixmap.SP_MessageBoxWarning))
        self.setCursor(Qt.CursorShape.PointingHandCursor)
        self.setToolTip(_("Open Review merge"))
        self.clicked.connect(self.review_requested)
        self.refresh()

    def refresh(self) -> None:
        count = open_event_count(self.workspace)
        self.setText(ngettext("{n} merged value to review", "{n} merged values to review",
                              count).format(n=count))  # fmt: skip
        self.setVisible(count > 0)
