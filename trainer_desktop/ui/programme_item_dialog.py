"""Add or edit one programme item: day, start and end, title, kind, speaker, objective.

The dialog is thin: the values are read by :func:`item_values`, edits send only what changed
(:func:`changed_values`, so retitling an item confirmed to overlap does not ask again), and the
save goes through the operation runner. When the core refuses, the dialog stays open with what
was typed and puts the cursor in the field the message is about.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterable, Sequence
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QTime, Signal
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QTimeEdit,
    QVBoxLayout,
    QWidget,
)

from trainer_desktop.core.errors import NeedsConfirmation, UserError
from trainer_desktop.core.i18n import _
from trainer_desktop.core.programme import ITEM_KINDS, TITLE_MAX, ProgrammeItem
from trainer_desktop.core.sessions import TrainingSession
from trainer_desktop.ui import operations
from trainer_desktop.ui.programme_model import day_label, outside_day_label

if TYPE_CHECKING:
    from trainer_desktop.core.workspace import Workspace
    from trainer_desktop.ui.operations import OperationRunner

#: Where a new day starts when it is still empty, and how long a new item lasts.
DAY_START = dt.time(8, 30)
DEFAULT_DURATION = dt.timedelta(hours=1)
_LAST_MINUTE = 23 * 60 + 59


def _minutes(value: dt.time | QTime) -> int:
    return (
        value.hour() * 60 + value.minute()
        if isinstance(value, QTime)
        else (value.hour * 60 + value.minute)
    )


def _time(minutes: int) -> dt.time:
    minutes = max(0, min(minutes, _LAST_MINUTE))
    return dt.time(minutes // 60, minutes % 60)


def default_slot(day_items: Sequence[ProgrammeItem]) -> tuple[dt.time, dt.time]:
    """Where a new item goes: from the end of the day's last item (or 08:30), for one hour."""
    start = max((item.end_time for item in day_items), default=DAY_START)
    begin = _minutes(start)
    return _time(begin), _time(begin + int(DEFAULT_DURATION.total_seconds()) // 60)


def item_values(
    *,
    day: dt.date | None,
    start: QTime | dt.time,
    end: QTime | dt.time,
    title: str,
    kind: str,
    speaker: str,
    objective: str,
) -> dict[str, Any]:
    """The keyword arguments for ``programme.add``/``update`` from what the widgets hold."""
    return {
        "day": day,
        "start_time": _time(_minutes(start)),
        "end_time": _time(_minutes(end)),
        "title": title.strip(),
        "kind": kind,
        "speaker": speaker.strip(),
        "objective": objective.strip(),
    }


def changed_values(item: ProgrammeItem, values: dict[str, Any]) -> dict[str, Any]:
    """Only the values that differ from ``item``."""
    return {name: value for name, value in values.items() if getattr(item, name) != value}


def duration_text(start: QTime | dt.time, end: QTime | dt.time) -> str:
    minutes = _minutes(end) - _minutes(start)
    if minutes <= 0:
        return _("ends before it starts")
    hours, minutes = divmod(minutes, 60)
    if hours and minutes:
        return _("{hours} h {minutes:02d}").format(hours=hours, minutes=minutes)
    if hours:
        return _("{hours} h").format(hours=hours)
    return _("{minutes} min").format(minutes=minutes)


def _unique(names: Iterable[str]) -> list[str]:
    seen: dict[str, str] = {}
    for name in names:
        name = " ".join((name or "").split())
        if name and name.casefold() not in seen:
            seen[name.casefold()] = name
    return list(seen.values())


def _time_edit(value: dt.time) -> QTimeEdit:
    edit = QTimeEdit(QTime(value.hour, value.minute))
    edit.setDisplayFormat("HH:mm")
    edit.setMinimumWidth(80)
    return edit


class ProgrammeItemDialog(QDialog):
    """Opened with :meth:`open` by the programme editor; emits :attr:`saved` with the item id."""

    saved = Signal(str)

    def __init__(
        self,
        workspace: Workspace,
        runner: OperationRunner,
        session: TrainingSession,
        *,
        item: ProgrammeItem | None = None,
        day: dt.date | None = None,
        start: dt.time | None = None,
        end: dt.time | None = None,
        speakers: Iterable[str] = (),
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.workspace = workspace
        self.runner = runner
        self.session = session
        self.item = item
        self._refused_field: str | None = None
        self.setWindowTitle(_("Edit programme item") if item else _("New programme item"))
        self.setMinimumWidth(680)

        if item is not None:
            day, start, end = item.day, item.start_time, item.end_time
        day = day or session.start_date
        if start is None or end is None:
            start, end = default_slot([])

        # The dates are kept here, not as item data: Qt would turn them into QDate.
        self._days = list(session.days)
        self.day = QComboBox()
        for number, date in enumerate(self._days, start=1):
            self.day.addItem(day_label(number, date))
        if day not in self._days:  # an item left outside the dates when the session was shortened
            self._days.append(day)
            self.day.addItem(outside_day_label(day))
        self.day.setCurrentIndex(self._days.index(day))

        self.start = _time_edit(start)
        self.end = _time_edit(end)
        self.duration = QLabel()
        self._duration = _minutes(end) - _minutes(start)
        self._moving_end = False
        self.start.timeChanged.connect(self._start_changed)
        self.end.timeChanged.connect(self._end_changed)

        self.title = QLineEdit(item.title if item else "")
        self.title.setMaxLength(TITLE_MAX)
        self.title.setPlaceholderText(_("e.g. Module 1: Fundamental concepts of human rights"))

        self.kind = QComboBox()
        for code, label in ITEM_KINDS.items():
            self.kind.addItem(_(label), code)
        self.kind.setCurrentIndex(max(0, self.kind.findData(item.kind if item else "presentation")))

        self.speaker = QComboBox()
        self.speaker.setEditable(True)
        self.speaker.setInsertPolicy(QComboBox.InsertPolicy.NoInsert)
        self.speaker.addItems(_unique([*session.facilitators, *speakers]))
        self.speaker.setCurrentText(item.speaker if item else "")
        self.speaker.lineEdit().setPlaceholderText(_("Who leads it (optional)"))

        self.objective = QPlainTextEdit(item.objective if item else "")
        self.objective.setTabChangesFocus(True)
        self.objective.setPlaceholderText(_("What participants will be able to do (optional)"))
        self.objective.setMinimumHeight(90)

        times = QHBoxLayout()
        times.addWidget(self.start)
        times.addWidget(QLabel("\u2013"))
        times.addWidget(self.end)
        times.addSpacing(8)
        times.addWidget(self.duration)
        times.addStretch(1)

        form = QFormLayout()
        form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)
        form.addRow(_("Day"), self.day)
        form.addRow(_("Time"), times)
        form.addRow(_("Title"), self.title)
        form.addRow(_("Kind"), self.kind)
        form.addRow(_("Speaker or facilitator"), self.speaker)
        form.addRow(_("Objective"), self.objective)

        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        self.ok_button = buttons.button(QDialogButtonBox.StandardButton.Ok)
        self.ok_button.setText(_("Save"))
        buttons.button(QDialogButtonBox.StandardButton.Cancel).setText(_("Cancel"))

        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(buttons)
        self._show_duration()
        self.title.setFocus()
        # All selected, ready to retype, but showing the beginning of a long title.
        self.title.setSelection(len(self.title.text()), -len(self.title.text()))

    # -- times ----------------------------------------------------------------------------------

    def _start_changed(self, start: QTime) -> None:
        # Moving the start moves the end: the item keeps its length.
        if self._duration > 0:
            self._moving_end = True
            self.end.setTime(
                QTime(*divmod(min(_minutes(start) + self._duration, _LAST_MINUTE), 60))
            )
            self._moving_end = False
        self._show_duration()

    def _end_changed(self, end: QTime) -> None:
        if not self._moving_end:
            self._duration = _minutes(end) - _minutes(self.start.time())
        self._show_duration()

    def _show_duration(self) -> None:
        self.duration.setText(duration_text(self.start.time(), self.end.time()))

    # -- saving ---------------------------------------------------------------------------------

    def values(self) -> dict[str, Any]:
        return item_values(
            day=self._days[self.day.currentIndex()] if self.day.currentIndex() >= 0 else None,
            start=self.start.time(),
            end=self.end.time(),
            title=self.title.text(),
            kind=self.kind.currentData(),
            speaker=self.speaker.currentText(),
            objective=self.objective.toPlainText(),
        )

    def _remembering_refusal(self, action: Callable[..., Any]) -> Callable[..., Any]:
        """``action``, noting which field a refusal is about (the runner only shows it)."""

        def run(*args: Any, **kwargs: Any) -> Any:
            try:
                return action(*args, **kwargs)
            except UserError as exc:
                self._refused_field = exc.field or (
                    "start_time" if isinstance(exc, NeedsConfirmation) else None
                )
                raise

        return run

    def accept(self) -> None:
        values = self.values()
        self._refused_field = None
        programme = self.workspace.programme
        if self.item is None:
            outcome = self.runner.run(
                self, self._remembering_refusal(programme.add), self.session.id,
                changes={operations.PROGRAMME}, **values,
            )  # fmt: skip
            item_id = outcome.value.id if outcome.ok and outcome.value else ""
        else:
            changes = changed_values(self.item, values)
            item_id = self.item.id
            outcome = operations.Outcome(True)
            if changes:
                outcome = self.runner.run(
                    self, self._remembering_refusal(programme.update), item_id,
                    changes={operations.PROGRAMME}, **changes,
                )  # fmt: skip
        if not outcome.ok:
            self._focus(self._refused_field)
            return
        self.saved.emit(item_id)
        super().accept()

    def _focus(self, field: str | None) -> None:
        widget = {
            "day": self.day,
            "start_time": self.start,
            "end_time": self.end,
            "title": self.title,
            "kind": self.kind,
            "speaker": self.speaker,
            "objective": self.objective,
        }.get(field or "")
        if widget is not None:
            widget.setFocus()
            if isinstance(widget, QLineEdit):
                widget.selectAll()
