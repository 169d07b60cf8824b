"""The attendance grid of a session as Qt table models: one row per enrolled person, one column per
sign-in period, then the person's attendance rate; and a small footer model with the totals of
each period (attended, and attended by sex) that the page shows pinned under the grid.

Cells show a short code — ✓ present, "L 09:10" late with the arrival time, A absent, E excused —
tinted by status, with a pen mark ✍ when the person signed on the laptop. The models only show a
:class:`Grid` read from the core; the page asks the core for every change and then reloads.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QPersistentModelIndex, Qt
from PySide6.QtGui import QBrush, QColor, QFont

from trainer_desktop.core import i18n
from trainer_desktop.core.attendance import ATTENDED, PERIOD_KINDS, STATUSES, Grid, SignInPeriod
from trainer_desktop.core.i18n import N_, _

#: The status of a cell ("present", "late", "absent", "excused") or None (any column: row data).
StatusRole = Qt.ItemDataRole.UserRole + 1
#: The enrolment id of a row.
EnrolmentIdRole = Qt.ItemDataRole.UserRole + 2
#: The sign-in period id of a period column (None in the name and rate columns).
PeriodIdRole = Qt.ItemDataRole.UserRole + 3
#: True when the cell has a drawn signature.
SignedRole = Qt.ItemDataRole.UserRole + 4

NAME = 0

#: What a click does to a cell: empty → present → late → absent → excused → empty.
CYCLE: tuple[str | None, ...] = (None, "present", "late", "absent", "excused")

#: Background and text colours per status (text set with the background so it stays readable
#: under a dark theme).
STATUS_TINTS = {
    "present": (QColor("#dcefe0"), QColor("#1e4d2b")),
    "late": (QColor("#fbecc8"), QColor("#5c4400")),
    "absent": (QColor("#f6d9d6"), QColor("#8c1d18")),
    "excused": (QColor("#e1e6f2"), QColor("#2b3a67")),
}
PEN_MARK = "\u270d"  # ✍
TICK = "\u2713"  # ✓

_Index = QModelIndex | QPersistentModelIndex


def next_status(status: str | None) -> str | None:
    """The status a click gives a cell that has ``status``."""
    return CYCLE[(CYCLE.index(status) + 1) % len(CYCLE)] if status in CYCLE else "present"


def period_label(period: SignInPeriod) -> str:
    """“Morning”, or the trainer's own label for a custom period."""
    if period.label:
        return period.label
    return _(PERIOD_KINDS[period.kind]) if period.kind in PERIOD_KINDS else period.kind


def period_header(period: SignInPeriod) -> str:
    """“Tue 8” over “Morning” (two lines: six periods fit across a laptop screen)."""
    day = i18n.current().format_date(period.day, "EEE d")
    return f"{day[:1].upper()}{day[1:]}\n{period_label(period)}"


def period_title(period: SignInPeriod) -> str:
    """“Tuesday, November 8, 2022 — Morning (08:30–12:30)”, for lists and tooltips."""
    return _("{date} — {period} ({start}–{end})").format(
        date=i18n.current().format_date(period.day, "full"), period=period_label(period),
        start=f"{period.start_time:%H:%M}", end=f"{period.end_time:%H:%M}",
    )  # fmt: skip


def status_code(status: str | None, arrived_at: dt.time | None = None) -> str:
    """The short code of a cell: ✓, “L 09:10”, A, E (translated: “R 09:10”, A, E in French)."""
    tr = i18n.current()
    if status == "present":
        return TICK
    if status == "late":
        code = tr.pgettext("attendance code", "L")
        return f"{code} {arrived_at:%H:%M}" if arrived_at else code
    if status == "absent":
        return tr.pgettext("attendance code", "A")
    if status == "excused":
        return tr.pgettext("attendance code", "E")
    return ""


def status_text(status: str | None, arrived_at: dt.time | None = None) -> str:
    """“Present”, “Late (09:10)”… in words, for tooltips and the accessible text."""
    if status is None:
        return _("Not marked")
    if status == "late" and arrived_at:
        return _("Late (arrived at {time})").format(time=f"{arrived_at:%H:%M}")
    return _(STATUSES[status]) if status in STATUSES else status


def sex_counts_text(attended: int, people: int, by_sex: dict[str, int]) -> str:
    """“Present 36/40 · women 12 · men 24”."""
    return _("Present {attended}/{people} · women {women} · men {men}").format(
        attended=attended, people=people, women=by_sex.get("woman", 0), men=by_sex.get("man", 0)
    )


class AttendanceGridModel(QAbstractTableModel):
    """People × periods, then the rate. Read-only: changes go through the core."""

    def __init__(self, parent: Any = None) -> None:
        super().__init__(parent)
        self._grid = Grid([], [], {}, set())

    # -- contents -------------------------------------------------------------------------------

    @property
    def grid(self) -> Grid:
        return self._grid

    def set_grid(self, grid: Grid) -> None:
        """Show ``grid``. Same people and periods: cells are updated in place, so the view keeps
        its current cell and scroll position; otherwise the model is reset."""
        same_shape = [p.enrolment.id for p in grid.people] == [
            p.enrolment.id for p in self._grid.people
        ] and [p.id for p in grid.periods] == [p.id for p in self._grid.periods]
        if not same_shape:
            self.beginResetModel()
            self._grid = grid
            self.endResetModel()
            return
        self._grid = grid
        if self.rowCount() and self.columnCount():
            self.dataChanged.emit(
                self.index(0, 0), self.index(self.rowCount() - 1, self.columnCount() - 1)
            )
        self.headerDataChanged.emit(Qt.Orientation.Horizontal, 0, self.columnCount() - 1)

    @property
    def rate_column(self) -> int:
        return len(self._grid.periods) + 1

    def period_at(self, column: int) -> SignInPeriod | None:
        periods = self._grid.periods
        return periods[column - 1] if 1 <= column <= len(periods) else None

    def column_of(self, period_id: str) -> int:
        return next((c + 1 for c, p in enumerate(self._grid.periods) if p.id == period_id), -1)

    def row_of(self, enrolment_id: str) -> int:
        people = self._grid.people
        return next((r for r, p in enumerate(people) if p.enrolment.id == enrolment_id), -1)

    # -- QAbstractTableModel --------------------------------------------------------------------

    def rowCount(self, parent: _Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._grid.people)

    def columnCount(self, parent: _Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._grid.periods) + 2

    def flags(self, index: _Index) -> Qt.ItemFlag:
        if not index.isValid():
            return Qt.ItemFlag.NoItemFlags
        return (
            Qt.ItemFlag.ItemIsEnabled
            | Qt.ItemFlag.ItemIsSelectable
            | (Qt.ItemFlag.ItemNeverHasChildren)
        )

    def headerData(
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> Any:
        if orientation == Qt.Orientation.Vertical:
            if role == Qt.ItemDataRole.DisplayRole and 0 <= section < self.rowCount():
                return str(section + 1)  # the N° of the printed sheet
            return None
        if not 0 <= section < self.columnCount():
            return None
        period = self.period_at(section)
        if role == Qt.ItemDataRole.DisplayRole:
            if section == NAME:
                return _("Name")
            if section == self.rate_column:
                return _("Rate")
            return period_header(period) if period else None
        if role == Qt.ItemDataRole.ToolTipRole:
            if period is not None:
                return period_title(period)
            if section == self.rate_column:
                return _("Share of the session's periods attended (present or late)")
        if role == PeriodIdRole and period is not None:
            return period.id
        if role == Qt.ItemDataRole.TextAlignmentRole and section != NAME:
            return int(Qt.AlignmentFlag.AlignCenter)
        return None

    def data(self, index: _Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or not 0 <= index.row() < len(self._grid.people):
            return None
        person = self._grid.people[index.row()]
        enrolment_id = person.enrolment.id
        column = index.column()
        if role == EnrolmentIdRole:
            return enrolment_id
        if column == NAME:
            return self._name_data(person, role)
        if column == self.rate_column:
            return self._rate_data(enrolment_id, role)
        period = self.period_at(column)
        if period is None:
            return None
        mark = self._grid.marks.get((enrolment_id, period.id))
        status = mark.status if mark else None
        signed = (enrolment_id, period.id) in self._grid.signed
        if role == Qt.ItemDataRole.DisplayRole:
            code = status_code(status, mark.arrived_at if mark else None)
            return f"{code} {PEN_MARK}" if signed and code else (PEN_MARK if signed else code)
        if role == StatusRole:
            return status
        if role == PeriodIdRole:
            return period.id
        if role == SignedRole:
            return signed
        if role == Qt.ItemDataRole.TextAlignmentRole:
            return int(Qt.AlignmentFlag.AlignCenter)
        if role in (Qt.ItemDataRole.ToolTipRole, Qt.ItemDataRole.AccessibleTextRole):
            text = status_text(status, mark.arrived_at if mark else None)
            if signed:
                text = _("{status}, signed on the laptop").format(status=text)
            return f"{person.participant.display_name} — {period_label(period)}: {text}"
        tint = STATUS_TINTS.get(status or "")
        if role == Qt.ItemDataRole.BackgroundRole and tint:
            return QBrush(tint[0])
        if role == Qt.ItemDataRole.ForegroundRole and tint:
            return QBrush(tint[1])
        return None

    def _name_data(self, person: Any, role: int) -> Any:
        participant = person.participant
        if role == Qt.ItemDataRole.DisplayRole:
            return participant.display_name
        if role == Qt.ItemDataRole.ToolTipRole:
            details = [d for d in (participant.function, participant.institution) if d]
            return " — ".join([participant.display_name, *details])
        return None

    def _rate_data(self, enrolment_id: str, role: int) -> Any:
        if not self._grid.periods:
            return None
        rate = self._grid.rate(enrolment_id)
        if role == Qt.ItemDataRole.DisplayRole:
            return i18n.current().format_percent(rate)
        if role == Qt.ItemDataRole.TextAlignmentRole:
            return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        if role == Qt.ItemDataRole.ToolTipRole:
            attended = sum(
                self._grid.status(enrolment_id, p.id) in ATTENDED for p in self._grid.periods
            )
            return _("Attended {attended} of {periods} periods").format(
                attended=attended, periods=len(self._grid.periods)
            )
        return None


#: Rows of the totals footer.
ATTENDED_ROW, BY_SEX_ROW = range(2)
TOTALS_LABELS = {ATTENDED_ROW: N_("Attended"), BY_SEX_ROW: N_("Women · men")}


class AttendanceTotalsModel(QAbstractTableModel):
    """The totals under the grid, column for column: attended (present or late) out of the people
    enrolled, and attended women · men. The rate column holds the session's overall rate."""

    def __init__(self, parent: Any = None) -> None:
        super().__init__(parent)
        self._grid = Grid([], [], {}, set())

    def set_grid(self, grid: Grid) -> None:
        self.beginResetModel()
        self._grid = grid
        self.endResetModel()

    @property
    def rate_column(self) -> int:
        return len(self._grid.periods) + 1

    def overall_rate(self) -> float:
        grid = self._grid
        cells = len(grid.people) * len(grid.periods)
        attended = sum(grid.period_totals(p.id).attended for p in grid.periods)
        return attended / cells if cells else 0.0

    def rowCount(self, parent: _Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(TOTALS_LABELS)

    def columnCount(self, parent: _Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._grid.periods) + 2

    def flags(self, index: _Index) -> Qt.ItemFlag:
        if not index.isValid():
            return Qt.ItemFlag.NoItemFlags
        return Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemNeverHasChildren

    def headerData(
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> Any:
        return None  # the grid above carries the headers

    def data(self, index: _Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or not 0 <= index.row() < len(TOTALS_LABELS):
            return None
        row, column = index.row(), index.column()
        if role == Qt.ItemDataRole.FontRole:
            font = QFont()
            font.setBold(True)
            return font
        if role == Qt.ItemDataRole.TextAlignmentRole:
            if column == NAME:
                return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
            return int(Qt.AlignmentFlag.AlignCenter)
        if role not in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.ToolTipRole):
            return None
        if column == NAME:
            return _(TOTALS_LABELS[row])
        if column == self.rate_column:
            if row == ATTENDED_ROW and self._grid.periods and self._grid.people:
                if role == Qt.ItemDataRole.ToolTipRole:
                    return _("Overall attendance rate")
                return i18n.current().format_percent(self.overall_rate())
            return None
        period = self._grid.periods[column - 1] if 0 < column <= len(self._grid.periods) else None
        if period is None:
            return None
        totals = self._grid.period_totals(period.id)
        if role == Qt.ItemDataRole.ToolTipRole:
            return sex_counts_text(totals.attended, len(self._grid.people), totals.attended_by_sex)
        if row == ATTENDED_ROW:
            return f"{totals.attended}/{len(self._grid.people)}"
        by_sex = totals.attended_by_sex
        return f"{by_sex.get('woman', 0)} · {by_sex.get('man', 0)}"
