"""Pieces the dialogs that edit records share: dates in the interface language, a count that
may be "not set", reading and filling widgets by field name, and running a save that puts the
cursor on the field the core refused, and a form too tall for the window scrolling up and
down."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterable, Mapping
from typing import Any

from PySide6.QtCore import QDate, QLocale, Qt, QTimer
from PySide6.QtGui import QFocusEvent, QMouseEvent
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDateEdit,
    QFrame,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QScrollArea,
    QSpinBox,
    QWidget,
)

from trainer_desktop.core import i18n
from trainer_desktop.core.i18n import _

from .operations import OperationRunner, Outcome


def ui_locale() -> QLocale:
    """Qt's locale for the interface language (dates in widgets, calendar popups)."""
    return QLocale(i18n.current().locale)


def vertical_scroll(content: QWidget) -> QScrollArea:
    """``content`` in a frameless area that scrolls up and down only, ``content`` taking its width."""
    area = QScrollArea()
    area.setWidget(content)
    area.setWidgetResizable(True)
    area.setFrameShape(QFrame.Shape.NoFrame)
    area.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
    return area


def make_date_edit(value: dt.date, parent: QWidget | None = None) -> QDateEdit:
    """A date field with a calendar popup, in the interface language, always with 4-digit years."""
    edit = QDateEdit(QDate(value), parent)
    locale = ui_locale()
    edit.setLocale(locale)
    display = locale.dateFormat(QLocale.FormatType.ShortFormat)
    if "yyyy" not in display:
        display = display.replace("yy", "yyyy")
    edit.setDisplayFormat(display)
    edit.setCalendarPopup(True)
    return edit


def run_focusing_error(
    runner: OperationRunner,
    parent: QWidget,
    fields: Mapping[str, QWidget],
    action: Callable[..., Any],
    *args: Any,
    changes: Iterable[str],
    **kwargs: Any,
) -> Outcome[Any]:
    """``runner.run``, then, if the input was refused, the cursor goes to the field at fault
    (the runner has shown the message; the error's ``field`` names the widget in ``fields``)."""
    outcome = runner.run(parent, action, *args, changes=changes, **kwargs)
    field = outcome.error.field if outcome.error is not None else None
    if not outcome.ok and field in fields:
        fields[field].setFocus(Qt.FocusReason.OtherFocusReason)
    return outcome


class CountSpinBox(QSpinBox):
    """A number where 0 shows as "Not set"; clicking in selects it, so typing replaces it."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setRange(0, 100_000)
        self.setSpecialValueText(_("Not set"))

    def focusInEvent(self, event: QFocusEvent) -> None:
        super().focusInEvent(event)
        QTimer.singleShot(0, self.selectAll)  # after the click has placed the cursor


def read_widget(widget: QWidget) -> Any:
    if isinstance(widget, QDateEdit):
        return widget.date().toPython()
    if isinstance(widget, QSpinBox):
        return widget.value()
    if isinstance(widget, QComboBox):
        return widget.currentData()
    if isinstance(widget, QPlainTextEdit):
        return widget.toPlainText()
    if isinstance(widget, QLineEdit):
        return widget.text()
    raise TypeError(widget)


def write_widget(widget: QWidget, value: Any) -> None:
    if isinstance(widget, QDateEdit):
        widget.setDate(QDate(value))
    elif isinstance(widget, QSpinBox):
        widget.setValue(int(value or 0))
    elif isinstance(widget, QComboBox):
        widget.setCurrentIndex(max(widget.findData(value), 0))
    elif isinstance(widget, QPlainTextEdit):
        widget.setPlainText(str(value or ""))
    elif isinstance(widget, QLineEdit):
        widget.setText(str(value or ""))
        widget.setCursorPosition(0)


class CheckBoxText(QLabel):
    """The text of a check box on lines of its own, so that a long translation wraps instead of
    widening the window (a QCheckBox's text never wraps). A click on it ticks the box, as a
    click on the box's own text would."""

    def __init__(self, text: str, box: QCheckBox) -> None:
        super().__init__(text)
        self.box = box
        self.setWordWrap(True)
        self.setToolTip(box.toolTip())
        box.setAccessibleName(text)

    def mouseReleaseEvent(self, event: QMouseEvent) -> None:
        inside = self.rect().contains(event.position().toPoint())
        if event.button() == Qt.MouseButton.LeftButton and inside and self.box.isEnabled():
            self.box.click()
            self.box.setFocus(Qt.FocusReason.MouseFocusReason)
        super().mouseReleaseEvent(event)


def wrapping_check_box(box: QCheckBox, text: str) -> QHBoxLayout:
    """``box`` (without a text of its own) and ``text`` beside it, wrapped when too long."""
    row = QHBoxLayout()
    row.setContentsMargins(0, 0, 0, 0)
    row.addWidget(box, 0, Qt.AlignmentFlag.AlignTop)
    row.addWidget(CheckBoxText(text, box), 1)
    return row


def align_with_interface(label: QLabel) -> None:
    """Line ``label`` up where the interface's lines start (the right in Arabic), whatever the
    direction of its text: a QLabel aligns by its text, so a French session title in the Arabic
    interface would sit on the left above Arabic lines on the right."""
    side = Qt.AlignmentFlag.AlignRight if label.isRightToLeft() else Qt.AlignmentFlag.AlignLeft
    vertical = label.alignment() & Qt.AlignmentFlag.AlignVertical_Mask
    label.setAlignment(Qt.AlignmentFlag.AlignAbsolute | side | vertical)
