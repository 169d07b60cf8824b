"""Sign-in mode: the full screen the trainer hands to participants for one sign-in period.

Each person finds their name (typing part of it, accents and case do not matter), signs on the
pad and confirms; the screen says "Thank you … signed at 08:42" only once the core has committed
the signature, then waits for the next person. It shows names and nothing else about anyone
(no phone, no unit: the laptop is passed around a room). It cannot be left without the trainer's
PIN (Esc, the window's close button, Alt+F4 and "Exit" all ask for it); with no PIN set, leaving
asks for a confirmation and a banner says so.

Every question (already signed? the PIN) is a page of the kiosk itself, in the kiosk's large type,
never a small modal box over a full screen.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QEvent, QObject, QRegularExpression, Qt, QTimer, Signal
from PySide6.QtGui import QCloseEvent, QFont, QKeyEvent, QRegularExpressionValidator
from PySide6.QtWidgets import (
    QApplication,
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QStackedWidget,
    QVBoxLayout,
    QWidget,
)

from trainer_desktop.core.attendance import Grid, SignInPeriod
from trainer_desktop.core.i18n import _
from trainer_desktop.core.search import matches
from trainer_desktop.ui import operations
from trainer_desktop.ui.attendance_model import period_title
from trainer_desktop.ui.signature_pad import SignaturePad

if TYPE_CHECKING:
    from trainer_desktop.core.workspace import Workspace
    from trainer_desktop.ui.operations import OperationRunner

#: Point sizes: read at arm's length by someone who rarely uses a computer.
BASE_PT = 20
TITLE_PT = 30
NAME_PT = 24
TICK = "\u2713"
EnrolmentRole = Qt.ItemDataRole.UserRole + 1
SignedRole = Qt.ItemDataRole.UserRole + 2
PIN_PATTERN = r"\d{0,12}"

#: A sign page left alone this long goes back to the list of names.
IDLE_MS = 60_000

STYLE = """
QPushButton { min-height: 64px; min-width: 140px; padding: 4px 28px; border-radius: 8px;
              border: 1px solid #8a8f98; background: #f4f5f7; font-size: 20pt; }
QPushButton:pressed { background: #dfe3e8; }
QPushButton:disabled { color: #a0a4aa; border-color: #d0d3d8; background: #f7f7f8; }
QPushButton#primary { background: #1f6f43; color: white; border-color: #1f6f43; font-weight: bold; }
QPushButton#primary:disabled { background: #b9cfc1; border-color: #b9cfc1; color: #f4f7f5; }
QPushButton#key { min-width: 96px; min-height: 56px; padding: 0; font-size: 22pt; }
QPushButton#quiet { min-height: 44px; min-width: 0; padding: 2px 20px; font-size: 15pt; }
QLineEdit { padding: 10px 14px; border: 2px solid #8a8f98; border-radius: 8px; }
QLineEdit:focus { border-color: #1f6f43; }
QListWidget { border: 1px solid #c5c9cf; border-radius: 8px; }
QListWidget::item { padding: 12px 16px; border-bottom: 1px solid #e4e6ea; }
QListWidget::item:selected { background: #dcefe3; color: black; }
QLabel#banner { background: #fff3cd; color: #5c4400; padding: 8px 16px; }
QLabel#error { color: #a4161a; }
QLabel#thanks { color: #1f6f43; }
"""


def default_period(periods: Sequence[SignInPeriod], grid: Grid | None,
                   now: dt.datetime) -> SignInPeriod | None:  # fmt: skip
    """The period to sign in for: the one happening now, else the first nobody is marked in yet,
    else the first."""
    for period in periods:
        if period.day == now.date() and period.start_time <= now.time() <= period.end_time:
            return period
    marked = {period_id for _enrolment, period_id in grid.marks} if grid else set()
    for period in periods:
        if period.id not in marked:
            return period
    return periods[0] if periods else None


def _font(widget: QWidget, points: int, bold: bool = False) -> None:
    font = QFont(widget.font())
    font.setPointSize(points)
    font.setBold(bold)
    widget.setFont(font)


def _label(text: str = "", points: int = BASE_PT, bold: bool = False) -> QLabel:
    label = QLabel(text)
    label.setWordWrap(True)
    _font(label, points, bold)
    return label


class SignInKiosk(QWidget):
    """One sign-in period, one person after another. Open it with :meth:`showFullScreen`."""

    #: Emitted once the trainer has left sign-in mode.
    left = Signal()
    #: How long the thank-you stays before the next person (milliseconds).
    thanks_ms = 2000

    def __init__(self, workspace: Workspace, runner: OperationRunner, session_id: str,
                 period_id: str, parent: QWidget | None = None) -> None:  # fmt: skip
        super().__init__(parent, Qt.WindowType.Window)
        self.workspace = workspace
        self.runner = runner
        self.session_id = session_id
        self.period_id = period_id
        self.person: tuple[str, str] | None = None  # (enrolment id, name) at the pad
        self._may_close = False
        self._return_to: QWidget | None = None
        self.setWindowTitle(_("Sign-in"))
        self.setStyleSheet(STYLE)
        _font(self, BASE_PT)
        self.thanks_timer = QTimer(self)
        self.thanks_timer.setSingleShot(True)
        self.thanks_timer.timeout.connect(self._next_person)
        # Someone who picked their name and walked away: after a minute without a stroke the
        # screen goes back to the list, so the next person cannot sign under that name.
        self.idle_timer = QTimer(self)
        self.idle_timer.setSingleShot(True)
        self.idle_timer.setInterval(IDLE_MS)
        self.idle_timer.timeout.connect(self._idle)
        self._build()
        runner.changed.connect(self._on_changed)
        self.reload()
        self.show_find()

    # -- building -------------------------------------------------------------------------------

    def _build(self) -> None:
        self.banner = _label(_("No PIN set: anyone can leave this screen. Set one in Settings."),
                             BASE_PT - 4)  # fmt: skip
        self.banner.setObjectName("banner")
        self.period_label = _label("", BASE_PT - 2)
        self.exit_button = QPushButton(_("Exit"))
        self.exit_button.setObjectName("quiet")  # for the trainer, not an invitation
        self.exit_button.setToolTip(_("For the trainer: leave sign-in mode"))
        self.exit_button.clicked.connect(self.request_exit)
        header = QHBoxLayout()
        header.setContentsMargins(24, 12, 24, 0)
        header.addWidget(self.period_label, 1)
        header.addWidget(self.exit_button)

        self.pages = QStackedWidget()
        self.find_page = self._build_find()
        self.sign_page = self._build_sign()
        self.thanks_page = self._build_thanks()
        self.again_page = self._build_again()
        self.exit_page = self._build_exit()
        for page in (self.find_page, self.sign_page, self.thanks_page, self.again_page,
                     self.exit_page):  # fmt: skip
            self.pages.addWidget(page)

        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.banner)
        layout.addLayout(header)
        layout.addWidget(self.pages, 1)

    def _page(self) -> tuple[QWidget, QVBoxLayout]:
        page = QWidget()
        layout = QVBoxLayout(page)
        layout.setContentsMargins(48, 16, 48, 32)
        layout.setSpacing(16)
        return page, layout

    def _build_find(self) -> QWidget:
        page, layout = self._page()
        self.find_title = _label(_("Find your name"), TITLE_PT, bold=True)
        self.search = QLineEdit()
        self.search.setPlaceholderText(_("Type the first letters of your name"))
        self.search.setAccessibleName(_("Search for your name"))
        self.search.setClearButtonEnabled(True)
        _font(self.search, NAME_PT)
        self.search.textChanged.connect(self._filter)
        self.search.returnPressed.connect(self._pick_current)
        self.search.installEventFilter(self)
        self.names = QListWidget()
        self.names.setAccessibleName(_("Names"))
        self.names.setUniformItemSizes(True)
        self.names.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        _font(self.names, NAME_PT)
        self.names.verticalScrollBar().setStyleSheet("QScrollBar:vertical { width: 28px; }")
        # One tap picks a name: a double click is hard for someone new to a mouse or a touch pad.
        self.names.itemClicked.connect(self._pick)
        self.names.itemActivated.connect(self._pick)
        self.no_match = _label(_("No name matches. Check the spelling, or ask the trainer."))
        self.no_match.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.find_hint = _label(_("Then touch your name."), BASE_PT - 2)
        layout.addWidget(self.find_title)
        layout.addWidget(self.search)
        layout.addWidget(self.find_hint)
        layout.addWidget(self.names, 1)
        layout.addWidget(self.no_match, 1)
        return page

    def _build_sign(self) -> QWidget:
        page, layout = self._page()
        self.sign_name = _label("", TITLE_PT, bold=True)
        self.sign_hint = _label(_("Sign in the white box with your finger, the pen or the mouse."),
                                BASE_PT - 2)  # fmt: skip
        self.pad = SignaturePad()
        _font(self.pad, BASE_PT - 4)  # its "Sign here" hint, which it draws 15 % larger
        # The pad keeps the left-to-right geometry of the strokes; only its hint follows the
        # language (see SignaturePad._paint_guide).
        self.pad.changed.connect(self._pad_changed)
        self.sign_error = _label("", BASE_PT - 2)
        self.sign_error.setObjectName("error")
        self.back_button = QPushButton(_("Back"))
        self.back_button.clicked.connect(self.show_find)
        self.clear_button = QPushButton(_("Clear"))
        self.clear_button.clicked.connect(self.pad.clear)
        self.confirm_button = QPushButton(_("Confirm"))
        self.confirm_button.setObjectName("primary")
        self.confirm_button.clicked.connect(self.confirm)
        buttons = QHBoxLayout()
        buttons.setSpacing(24)
        buttons.addWidget(self.back_button)
        buttons.addStretch(1)
        buttons.addWidget(self.clear_button)
        buttons.addWidget(self.confirm_button)
        layout.addWidget(self.sign_name)
        layout.addWidget(self.sign_hint)
        layout.addWidget(self.pad, 1)
        layout.addWidget(self.sign_error)
        layout.addLayout(buttons)
        return page

    def _build_thanks(self) -> QWidget:
        page, layout = self._page()
        tick = _label(TICK, 96, bold=True)
        tick.setObjectName("thanks")
        tick.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.thanks_label = _label("", TITLE_PT + 4, bold=True)
        self.thanks_label.setObjectName("thanks")
        self.thanks_label.setAlignment(Qt.AlignmentFlag.AlignCenter)
        layout.addStretch(1)
        layout.addWidget(tick)
        layout.addWidget(self.thanks_label)
        layout.addStretch(1)
        return page

    def _build_again(self) -> QWidget:
        page, layout = self._page()
        self.again_label = _label("", TITLE_PT, bold=True)
        self.again_label.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.again_yes = QPushButton(_("Yes, sign again"))
        self.again_yes.clicked.connect(lambda: self._show_pad())
        self.again_no = QPushButton(_("No"))
        self.again_no.setObjectName("primary")
        self.again_no.clicked.connect(self.show_find)
        buttons = QHBoxLayout()
        buttons.setSpacing(24)
        buttons.addStretch(1)
        buttons.addWidget(self.again_no)
        buttons.addWidget(self.again_yes)
        buttons.addStretch(1)
        layout.addStretch(1)
        layout.addWidget(self.again_label)
        layout.addSpacing(24)
        layout.addLayout(buttons)
        layout.addStretch(2)
        return page

    def _build_exit(self) -> QWidget:
        page, layout = self._page()
        self.exit_title = _label("", TITLE_PT, bold=True)
        self.exit_title.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.pin = QLineEdit()
        self.pin.setEchoMode(QLineEdit.EchoMode.Password)
        self.pin.setValidator(
            QRegularExpressionValidator(QRegularExpression(PIN_PATTERN), self.pin)
        )
        self.pin.setAccessibleName(_("Trainer PIN"))
        self.pin.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.pin.setMaximumWidth(360)
        _font(self.pin, NAME_PT)
        self.pin.returnPressed.connect(self.leave)
        self.pin_error = _label("", BASE_PT)
        self.pin_error.setObjectName("error")
        self.pin_error.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.keypad = QWidget()
        keys = QGridLayout(self.keypad)
        keys.setSpacing(10)
        for position, key in enumerate("123456789"):
            keys.addWidget(self._key(key), position // 3, position % 3)
        erase = self._key("\u232b")
        erase.setAccessibleName(_("Erase"))
        keys.addWidget(erase, 3, 0)
        keys.addWidget(self._key("0"), 3, 1)
        self.stay_button = QPushButton(_("Cancel"))
        self.stay_button.clicked.connect(self._stay)
        self.leave_button = QPushButton(_("Leave sign-in mode"))
        self.leave_button.setObjectName("primary")
        self.leave_button.clicked.connect(self.leave)
        buttons = QHBoxLayout()
        buttons.setSpacing(24)
        buttons.addStretch(1)
        buttons.addWidget(self.stay_button)
        buttons.addWidget(self.leave_button)
        buttons.addStretch(1)
        layout.addStretch(1)
        layout.addWidget(self.exit_title)
        layout.addWidget(self.pin, 0, Qt.AlignmentFlag.AlignHCenter)
        layout.addWidget(self.pin_error)
        layout.addWidget(self.keypad, 0, Qt.AlignmentFlag.AlignHCenter)
        layout.addSpacing(12)
        layout.addLayout(buttons)
        layout.addStretch(1)
        return page

    def _key(self, text: str) -> QPushButton:
        button = QPushButton(text)
        button.setObjectName("key")
        button.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        button.clicked.connect(lambda: self._keypad(text))
        return button

    # -- the list of names ----------------------------------------------------------------------

    def reload(self) -> None:
        """Read the enrolled people and who signed for this period again."""
        grid = self.workspace.attendance.grid(self.session_id)
        period = next((p for p in grid.periods if p.id == self.period_id), None)
        self.period_label.setText(period_title(period) if period else "")
        current = self.names.currentItem()
        current_id = current.data(EnrolmentRole) if current else None
        self.names.clear()
        for person in grid.people:
            signed = (person.enrolment.id, self.period_id) in grid.signed
            name = person.participant.display_name
            text = _("{name}     {tick} signed").format(name=name, tick=TICK) if signed else name
            item = QListWidgetItem(text)
            item.setData(EnrolmentRole, person.enrolment.id)
            item.setData(SignedRole, signed)
            item.setData(Qt.ItemDataRole.UserRole, name)
            if signed:
                item.setForeground(Qt.GlobalColor.darkGreen)
            self.names.addItem(item)
            if person.enrolment.id == current_id:
                self.names.setCurrentItem(item)
        self.banner.setVisible(not self.workspace.settings.has_pin)
        self._filter(self.search.text())

    def _filter(self, text: str) -> None:
        first = None
        for row in range(self.names.count()):
            item = self.names.item(row)
            hidden = not matches(text, item.data(Qt.ItemDataRole.UserRole))
            item.setHidden(hidden)
            if not hidden and first is None:
                first = item
        current = self.names.currentItem()
        if first is not None and (current is None or current.isHidden() or text):
            self.names.setCurrentItem(first)
        if self.names.currentItem() is not None:
            self.names.scrollToItem(self.names.currentItem())
        self.names.setVisible(first is not None)
        self.no_match.setVisible(first is None)

    def visible_names(self) -> list[str]:
        return [self.names.item(r).data(Qt.ItemDataRole.UserRole) for r in range(self.names.count())
                if not self.names.item(r).isHidden()]  # fmt: skip

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        # Up and Down in the search box move through the names, so the keyboard alone will do.
        if watched is self.search and event.type() == QEvent.Type.KeyPress and event.key() in (
            Qt.Key.Key_Up, Qt.Key.Key_Down, Qt.Key.Key_PageUp, Qt.Key.Key_PageDown):  # fmt: skip
            QApplication.sendEvent(self.names, event)
            return True
        return super().eventFilter(watched, event)

    def _pick_current(self) -> None:
        item = self.names.currentItem()
        if item is not None and not item.isHidden():
            self._pick(item)

    def _pick(self, item: QListWidgetItem) -> None:
        if self.pages.currentWidget() is not self.find_page:
            return
        self.person = (item.data(EnrolmentRole), item.data(Qt.ItemDataRole.UserRole))
        if item.data(SignedRole):
            self.again_label.setText(
                _("{name}, you have already signed. Sign again?").format(name=self.person[1])
            )
            self.pages.setCurrentWidget(self.again_page)
            self.again_no.setFocus()
            self.idle_timer.start()
        else:
            self._show_pad()

    # -- steps -----------------------------------------------------------------------------------

    def show_find(self) -> None:
        self.idle_timer.stop()
        self.person = None
        self.pad.clear()
        self.pages.setCurrentWidget(self.find_page)
        self.search.setFocus()

    def _show_pad(self) -> None:
        self.pad.clear()
        self.sign_name.setText(self.person[1] if self.person else "")
        self.sign_error.clear()
        self._pad_changed()
        self.pages.setCurrentWidget(self.sign_page)
        self.pad.setFocus()
        self.idle_timer.start()

    def _idle(self) -> None:
        if self.pages.currentWidget() in (self.sign_page, self.again_page):
            self.show_find()

    def _pad_changed(self) -> None:
        if self.pages.currentWidget() is self.sign_page:
            self.idle_timer.start()  # a stroke: still there
        self.confirm_button.setEnabled(not self.pad.is_blank())
        if not self.pad.is_blank():
            self.sign_error.clear()

    def confirm(self) -> None:
        if self.person is None or self.pad.is_blank():
            return
        enrolment_id, name = self.person
        outcome = self.runner.run(
            self, self.workspace.attendance.sign_in, enrolment_id, self.period_id,
            self.pad.encoded(), changes={operations.ATTENDANCE},
        )  # fmt: skip
        if not outcome.ok:
            # Refused (an unreadable signature, the person no longer enrolled…): nothing saved,
            # the signature stays on the pad so they can try again or clear it.
            self.sign_error.setText(outcome.error.message if outcome.error else "")
            return
        signed_at = outcome.value.signed_at
        self.thanks_label.setText(_("Thank you, {name} — signed at {time}").format(
            name=name, time=f"{signed_at:%H:%M}"))  # fmt: skip
        self.person = None
        self.pad.clear()
        self.pages.setCurrentWidget(self.thanks_page)
        self.thanks_timer.start(self.thanks_ms)

    def _next_person(self) -> None:
        self.search.clear()
        if self.pages.currentWidget() is self.thanks_page:
            self.show_find()
        elif self.pages.currentWidget() is self.exit_page:
            self._return_to = self.find_page

    def _on_changed(self, changes: frozenset, _source: object) -> None:
        if changes & {operations.ATTENDANCE, operations.PARTICIPANTS, operations.SETTINGS}:
            self.reload()

    # -- leaving --------------------------------------------------------------------------------

    def keyPressEvent(self, event: QKeyEvent) -> None:
        # Escape reaches here from any child (none of them uses it).
        if event.key() == Qt.Key.Key_Escape:
            self._escape()
            event.accept()
            return
        super().keyPressEvent(event)

    def _escape(self) -> None:
        if self.pages.currentWidget() is self.exit_page:
            self._stay()
        else:
            self.request_exit()

    def request_exit(self) -> None:
        """Show the exit page: the PIN, or only a confirmation if no PIN is set."""
        if self.pages.currentWidget() is not self.exit_page:
            self._return_to = self.pages.currentWidget()
        has_pin = self.workspace.settings.has_pin
        self.exit_title.setText(_("Trainer: type your PIN to leave sign-in mode.") if has_pin
                                else _("Leave sign-in mode?"))  # fmt: skip
        for widget in (self.pin, self.keypad):
            widget.setVisible(has_pin)
        self.pin.clear()
        self.pin_error.clear()
        self.exit_button.hide()
        self.banner.setVisible(not has_pin)
        self.pages.setCurrentWidget(self.exit_page)
        (self.pin if has_pin else self.stay_button).setFocus()

    def _keypad(self, key: str) -> None:
        if key.isdigit():
            self.pin.insert(key)
        else:
            self.pin.backspace()
        self.pin_error.clear()

    def _stay(self) -> None:
        self.pin.clear()
        self.exit_button.show()
        back = self._return_to or self.find_page
        self._return_to = None
        if back is self.thanks_page and not self.thanks_timer.isActive():
            back = self.find_page
        if back is self.find_page:
            self.show_find()
        else:
            self.pages.setCurrentWidget(back)

    def leave(self) -> None:
        if self.pages.currentWidget() is not self.exit_page:
            return
        settings = self.workspace.settings
        if settings.has_pin and not settings.check_pin(self.pin.text()):
            self.pin.clear()
            self.pin_error.setText(_("Wrong PIN"))
            self.pin.setFocus()
            return
        self._may_close = True
        self.thanks_timer.stop()
        self.close()

    def closeEvent(self, event: QCloseEvent) -> None:
        # The window's close button and Alt+F4 land here: only the PIN lets the screen go.
        if self._may_close:
            event.accept()
            self.left.emit()
            return
        event.ignore()
        self.request_exit()

    def showEvent(self, event: Any) -> None:
        super().showEvent(event)
        if self.pages.currentWidget() is self.find_page:
            self.search.setFocus()
