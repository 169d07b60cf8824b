"""The sessions list as a Qt table model: one row per :class:`SessionSummary`.

Formatted texts (dates, place) are computed once per refresh, not on every paint.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from PySide6.QtCore import QModelIndex, QPersistentModelIndex, Qt

from trainer_desktop.core import i18n
from trainer_desktop.core.i18n import N_
from trainer_desktop.core.sessions import SessionSummary
from trainer_desktop.ui.table_model import RowsTableModel

#: The session id of a row (any column).
SessionIdRole = Qt.ItemDataRole.UserRole + 1
#: A value that sorts the column correctly (dates by start date, counts as numbers).
SortRole = Qt.ItemDataRole.UserRole + 2

TITLE, DATES, PLACE, ORGANISER, ITEMS = range(5)
COLUMN_COUNT = 5

HEADERS = {
    TITLE: N_("Title"),
    DATES: N_("Dates"),
    PLACE: N_("Place"),
    ORGANISER: N_("Organiser"),
    ITEMS: N_("Programme items"),
}

_Index = QModelIndex | QPersistentModelIndex


def place_text(town: str, region: str) -> str:
    """“Sévaré, Mopti”: town and region, leaving out whichever is empty (or repeated)."""
    parts = [p for p in (town.strip(), region.strip()) if p]
    if len(parts) == 2 and parts[0].casefold() == parts[1].casefold():
        parts = parts[:1]
    return ", ".join(parts)


class SessionsTableModel(RowsTableModel):

    HEADERS = HEADERS
    TITLE, DATES, PLACE, ORGANISER, ITEMS = TITLE, DATES, PLACE, ORGANISER, ITEMS

    def __init__(self, parent: Any = None) -> None:
        super().__init__(parent)
        self._rows: list[SessionSummary] = []
        self._dates: list[str] = []
        self._places: list[str] = []

    # -- filling
    def refresh(self, summaries: Iterable[SessionSummary]) -> None:
        self.beginResetModel()
        self._rows = list(summaries)
        tr = i18n.current()
        self._dates = [tr.format_date_range(s.start_date, s.end_date) for s in self._rows]
        self._places = [place_text(s.town, s.region) for s in self._rows]
        self.endResetModel()

    def summary(self, row: int) -> SessionSummary:
        return self._rows[row]

    def row_of(self, session_id: str) -> int | None:
        for row, summary in enumerate(self._rows):
            if summary.id == session_id:
                return row
        return None

    # -- QAbstractTableModel
    def data(self, index: _Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or not 0 <= index.row() < len(self._rows):
            return None
        row, column = index.row(), index.column()
        summary = self._rows[row]
        if role == Qt.ItemDataRole.DisplayRole:
            return self._display(row, column)
        if role == SessionIdRole:
            return summary.id
        if role == SortRole:
            if column == DATES:
                return summary.start_date.isoformat() + summary.end_date.isoformat()
            if column == ITEMS:
                return summary.programme_items
            return (self._display(row, column) or "").casefold()
        if role == Qt.ItemDataRole.ToolTipRole:  # the whole text, when the column cuts it
            if column == TITLE:
                return summary.title + (f"\n{summary.theme}" if summary.theme else "")
            if column in (PLACE, ORGANISER):
                return self._display(row, column) or None
        if role == Qt.ItemDataRole.TextAlignmentRole and column == ITEMS:
            return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        return None

    def _display(self, row: int, column: int) -> str | None:
        summary = self._rows[row]
        if column == TITLE:
            return summary.title
        if column == DATES:
            return self._dates[row]
        if column == PLACE:
            return self._places[row]
        if column == ORGANISER:
            return summary.organiser
        if column == ITEMS:
            return str(summary.programme_items)
        return None

    def headerData(
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> Any:
        horizontal = orientation == Qt.Orientation.Horizontal
        if horizontal and role == Qt.ItemDataRole.TextAlignmentRole and section == ITEMS:
            return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        return super().headerData(section, orientation, role)
