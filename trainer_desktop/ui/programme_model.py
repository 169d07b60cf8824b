"""The items of one programme day as a Qt table model: time, title, kind, speaker, objective.

Breaks and meals are tinted so the shape of the day reads at a glance. Rows can be dragged to a
new place within the day; the model does not move them itself: it emits
:attr:`ProgrammeTableModel.reorder_requested` with the new order of item ids, and the screen
asks the core to reorder (which also swaps the time slots), then reloads.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Sequence
from typing import Any

from PySide6.QtCore import (
    QAbstractTableModel,
    QByteArray,
    QMimeData,
    QModelIndex,
    QPersistentModelIndex,
    Qt,
    Signal,
)
from PySide6.QtGui import QBrush, QColor

from trainer_desktop.core import i18n
from trainer_desktop.core.i18n import N_, _, ngettext
from trainer_desktop.core.programme import ITEM_KINDS, ProgrammeItem

#: The programme item id of a row (any column).
ItemIdRole = Qt.ItemDataRole.UserRole + 1

TIME, TITLE, KIND, SPEAKER, OBJECTIVE = range(5)
COLUMN_COUNT = 5

HEADERS = {
    TIME: N_("Time"),
    TITLE: N_("Title"),
    KIND: N_("Kind"),
    SPEAKER: N_("Speaker"),
    OBJECTIVE: N_("Objective"),
}

#: Drag-and-drop payload: the dragged item ids, one per line.
MIME_TYPE = "application/x-trainer-desktop-programme-item-ids"

#: Kinds during which the room is not working: tinted (the printed programme shades them too).
PAUSE_TINTS = {
    "break": (QColor("#fdf1d6"), QColor("#5c4400")),
    "meal": (QColor("#e3f1e6"), QColor("#1e4d2b")),
}

_Index = QModelIndex | QPersistentModelIndex


def slot_text(start: dt.time, end: dt.time) -> str:
    """“09:00–10:30”: 24-hour clock, as on every printed programme in the field."""
    return f"{start:%H:%M}\u2013{end:%H:%M}"


def first_line(text: str) -> str:
    lines = [line.strip() for line in (text or "").splitlines() if line.strip()]
    return lines[0] if lines else ""


def day_label(number: int, day: dt.date) -> str:
    """“Day 1 — Tuesday, November 8, 2022” (in the interface language)."""
    return _("Day {number} — {date}").format(
        number=number, date=i18n.current().format_date(day, "full")
    )


def outside_day_label(day: dt.date) -> str:
    """Label of a day holding items but not (or no longer) one of the session's days."""
    return _("{date} (outside the session dates)").format(
        date=i18n.current().format_date(day, "full")
    )


def day_tab_text(number: int | None, day: dt.date, count: int) -> str:
    """“Day 1 — Tuesday, November 8, 2022 · 3 items”; ``number`` is None for a day outside the
    session's dates."""
    label = day_label(number, day) if number is not None else outside_day_label(day)
    return f"{label} · " + ngettext("{n} item", "{n} items", count).format(n=count)


def day_summary(items: Sequence[ProgrammeItem]) -> str:
    """“3 items · 09:00–17:00”, or a hint when the day is empty."""
    if not items:
        return _("No items on this day yet. Press Insert to add one.")
    count = ngettext("{n} item", "{n} items", len(items)).format(n=len(items))
    start = min(item.start_time for item in items)
    end = max(item.end_time for item in items)
    return f"{count} · {slot_text(start, end)}"


class ProgrammeTableModel(QAbstractTableModel):
    """One day's items, in programme order (as given by the core)."""

    TIME, TITLE, KIND, SPEAKER, OBJECTIVE = TIME, TITLE, KIND, SPEAKER, OBJECTIVE

    #: The new order of the day's item ids after a drop (nothing has changed yet).
    reorder_requested = Signal(list)

    def __init__(self, parent: Any = None) -> None:
        super().__init__(parent)
        self._items: list[ProgrammeItem] = []

    # -- contents -------------------------------------------------------------------------------

    def set_items(self, items: Iterable[ProgrammeItem]) -> None:
        self.beginResetModel()
        self._items = list(items)
        self.endResetModel()

    @property
    def items(self) -> list[ProgrammeItem]:
        return list(self._items)

    def item_at(self, row: int) -> ProgrammeItem | None:
        return self._items[row] if 0 <= row < len(self._items) else None

    def row_of(self, item_id: str) -> int:
        """The row showing ``item_id``, or -1."""
        return next((row for row, item in enumerate(self._items) if item.id == item_id), -1)

    # -- QAbstractTableModel --------------------------------------------------------------------

    def rowCount(self, parent: _Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._items)

    def columnCount(self, parent: _Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else COLUMN_COUNT

    def headerData(
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> Any:
        if role != Qt.ItemDataRole.DisplayRole:
            return None
        if orientation == Qt.Orientation.Horizontal:
            return _(HEADERS[section]) if section in HEADERS else None
        return str(section + 1)

    def data(self, index: _Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or not 0 <= index.row() < len(self._items):
            return None
        item = self._items[index.row()]
        column = index.column()
        if role == Qt.ItemDataRole.DisplayRole:
            return self._text(item, column)
        if role == Qt.ItemDataRole.ToolTipRole:
            if column == OBJECTIVE and item.objective:
                return item.objective
            if column == TITLE:
                return item.title
            return None
        if role == ItemIdRole:
            return item.id
        if role == Qt.ItemDataRole.TextAlignmentRole:
            return int(Qt.AlignmentFlag.AlignLeading | Qt.AlignmentFlag.AlignVCenter)
        tint = PAUSE_TINTS.get(item.kind)
        if role == Qt.ItemDataRole.BackgroundRole and tint:
            return QBrush(tint[0])
        if role == Qt.ItemDataRole.ForegroundRole and tint:
            # Set with the background so the text stays readable under a dark theme too.
            return QBrush(tint[1])
        return None

    @staticmethod
    def _text(item: ProgrammeItem, column: int) -> str | None:
        if column == TIME:
            return slot_text(item.start_time, item.end_time)
        if column == TITLE:
            return item.title
        if column == KIND:
            return _(ITEM_KINDS[item.kind]) if item.kind in ITEM_KINDS else item.kind
        if column == SPEAKER:
            return item.speaker
        if column == OBJECTIVE:
            return first_line(item.objective)
        return None

    # -- drag and drop within the day ----------------------------------------------------------

    def flags(self, index: _Index) -> Qt.ItemFlag:
        if not index.isValid():
            return Qt.ItemFlag.ItemIsDropEnabled  # drops land between rows, never on one
        return (
            Qt.ItemFlag.ItemIsEnabled
            | Qt.ItemFlag.ItemIsSelectable
            | Qt.ItemFlag.ItemIsDragEnabled
            | Qt.ItemFlag.ItemNeverHasChildren
        )

    def supportedDropActions(self) -> Qt.DropAction:
        return Qt.DropAction.MoveAction

    def supportedDragActions(self) -> Qt.DropAction:
        return Qt.DropAction.MoveAction

    def mimeTypes(self) -> list[str]:
        return [MIME_TYPE]

    def mimeData(self, indexes: Sequence[QModelIndex]) -> QMimeData:
        rows = sorted({i.row() for i in indexes if i.isValid()})
        ids = [self._items[row].id for row in rows if row < len(self._items)]
        data = QMimeData()
        data.setData(MIME_TYPE, QByteArray("\n".join(ids).encode("utf-8")))
        return data

    def dropMimeData(
        self, data: QMimeData, action: Qt.DropAction, row: int, column: int, parent: _Index
    ) -> bool:
        if action == Qt.DropAction.IgnoreAction:
            return True
        if action != Qt.DropAction.MoveAction or not data.hasFormat(MIME_TYPE):
            return False
        moved = bytes(data.data(MIME_TYPE).data()).decode("utf-8").split("\n")
        current = [item.id for item in self._items]
        if not moved or any(item_id not in current for item_id in moved):
            return False  # dragged from another day or another window
        if row < 0:
            row = parent.row() if parent.isValid() else len(current)
        before = [i for i in current[:row] if i not in moved]
        after = [i for i in current[row:] if i not in moved]
        order = before + moved + after
        if order != current:
            self.reorder_requested.emit(order)
        # False: the view must not remove the dragged rows itself; the screen reloads instead.
        return False
