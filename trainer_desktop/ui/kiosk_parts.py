"""What every kiosk (a full screen handed to participants) shares: sign-in mode and the test mode.

- The look: large type read at arm's length (:data:`STYLE`, :func:`set_font`, :func:`kiosk_label`,
  :func:`button_row`).
- :class:`NamesPage`: "Find your name", a search that ignores accents, case and word order, and a
  list where one tap picks a name (those already done marked with a tick).
- :class:`PinPage`: the trainer's way out, the PIN typed or on a keypad (or only a confirmation
  when no PIN is set).
- :class:`KioskWindow`: the frame around the pages. It cannot be left without the PIN: Esc, the
  window's close button, Alt+F4 and "Exit" all show the PIN page, which goes back where it came
  from on Cancel. It owns the idle timer that sends a page left alone back to the names.
- :func:`ensure_pin`: before handing the laptop over, the trainer chooses a PIN if none is set.

Every question a kiosk asks is one of its own pages, in its large type, never a small modal box
over a full screen.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QEvent, QObject, QRegularExpression, Qt, QTimer, Signal
from PySide6.QtGui import QCloseEvent, QFont, QKeyEvent, QRegularExpressionValidator
from PySide6.QtWidgets import (
    QApplication,
    QGridLayout,
    QHBoxLayout,
    QInputDialog,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QMessageBox,
    QPushButton,
    QStackedWidget,
    QVBoxLayout,
    QWidget,
)

from trainer_desktop.core.i18n import _
from trainer_desktop.core.search import matches
from trainer_desktop.ui import operations

if TYPE_CHECKING:
    from trainer_desktop.core.device import Settings
    from trainer_desktop.core.workspace import Workspace
    from trainer_desktop.ui.operations import OperationRunner

#: Point sizes: read at arm's length by someone who rarely uses a computer.
BASE_PT = 20
TITLE_PT = 30
NAME_PT = 24
TICK = "\u2713"
#: On the items of the names list: the name is ``Qt.ItemDataRole.UserRole``.
EnrolmentRole = Qt.ItemDataRole.UserRole + 1
DoneRole = Qt.ItemDataRole.UserRole + 2
PIN_PATTERN = r"\d{0,12}"
#: A page left alone this long goes back to the list of names.
IDLE_MS = 60_000
#: Scroll bars wide enough for a finger.
WIDE_SCROLLBAR = "QScrollBar:vertical { width: 28px; }"

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


# --- the look ----------------------------------------------------------------------------------


def set_font(widget: QWidget, points: int, bold: bool = False) -> None:
    font = QFont(widget.font())
    font.setPointSize(points)
    font.setBold(bold)
    widget.setFont(font)


def kiosk_label(text: str = "", points: int = BASE_PT, bold: bool = False) -> QLabel:
    """A word-wrapped label in the kiosk's type."""
    label = QLabel(text)
    label.setWordWrap(True)
    set_font(label, points, bold)
    return label


def button_row(*buttons: QWidget | None) -> QHBoxLayout:
    """Buttons in a row, well apart; None is a stretch."""
    row = QHBoxLayout()
    row.setSpacing(24)
    for button in buttons:
        if button is None:
            row.addStretch(1)
        else:
            row.addWidget(button)
    return row


def page_layout(page: QWidget, bottom: int = 32) -> QVBoxLayout:
    """The margins and spacing of a kiosk page."""
    layout = QVBoxLayout(page)
    layout.setContentsMargins(48, 16, 48, bottom)
    layout.setSpacing(16)
    return layout


# --- finding one's name ------------------------------------------------------------------------


class NamesPage(QWidget):
    """The names page: type part of a name (accents, case and order do not matter), then touch
    it. Up and Down in the search move through the names and Enter picks one, so the keyboard
    alone will do."""

    #: A name picked: enrolment id, name, and whether that person is already done.
    picked = Signal(str, str, bool)

    def __init__(self, bottom: int = 32, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        layout = page_layout(self, bottom)
        self.title = kiosk_label(_("Find your name"), TITLE_PT, bold=True)
        self.search = QLineEdit()
        self.search.setPlaceholderText(_("Type the first letters of your name"))
        self.search.setAccessibleName(_("Search for your name"))
        self.search.setClearButtonEnabled(True)
        set_font(self.search, NAME_PT)
        self.search.textChanged.connect(self.filter)
        self.search.installEventFilter(self)
        self.names = QListWidget()
        self.names.setAccessibleName(_("Names"))
        self.names.setUniformItemSizes(True)
        self.names.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        set_font(self.names, NAME_PT)
        self.names.verticalScrollBar().setStyleSheet(WIDE_SCROLLBAR)
        # One tap picks a name: a double click is hard for someone new to a mouse or a touch pad.
        self.names.itemClicked.connect(self._pick)
        self.names.itemActivated.connect(self._pick)
        self.no_match = kiosk_label(_("No name matches. Check the spelling, or ask the trainer."))
        self.no_match.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.hint = kiosk_label(_("Then touch your name."), BASE_PT - 2)
        layout.addWidget(self.title)
        layout.addWidget(self.search)
        layout.addWidget(self.hint)
        layout.addWidget(self.names, 1)
        layout.addWidget(self.no_match, 1)

    def set_people(self, people: Iterable[tuple[str, str, bool]], done_text: str) -> None:
        """The names to list, as (enrolment id, name, done); ``done_text`` shows a name done
        (``{name}`` and ``{tick}`` in it). The name selected stays selected."""
        current = self.names.currentItem()
        current_id = current.data(EnrolmentRole) if current else None
        self.names.clear()
        for enrolment_id, name, done in people:
            item = QListWidgetItem(done_text.format(name=name, tick=TICK) if done else name)
            item.setData(EnrolmentRole, enrolment_id)
            item.setData(DoneRole, done)
            item.setData(Qt.ItemDataRole.UserRole, name)
            if done:
                item.setForeground(Qt.GlobalColor.darkGreen)
            self.names.addItem(item)
            if enrolment_id == current_id:
                self.names.setCurrentItem(item)
        self.filter(self.search.text())

    def filter(self, text: str) -> None:
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
        # Enter picks the name and goes no further: the next page may listen to Enter too.
        if watched is self.search and event.type() == QEvent.Type.KeyPress:
            if event.key() in (Qt.Key.Key_Up, Qt.Key.Key_Down, Qt.Key.Key_PageUp,
                               Qt.Key.Key_PageDown):  # fmt: skip
                QApplication.sendEvent(self.names, event)
                return True
            if event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter):
                self.pick_current()
                return True
        return super().eventFilter(watched, event)

    def pick_current(self) -> None:
        item = self.names.currentItem()
        if item is not None and not item.isHidden():
            self._pick(item)

    def _pick(self, item: QListWidgetItem) -> None:
        self.picked.emit(item.data(EnrolmentRole), item.data(Qt.ItemDataRole.UserRole),
                         bool(item.data(DoneRole)))  # fmt: skip


# --- the trainer's way out ---------------------------------------------------------------------


class PinPage(QWidget):
    """The PIN (typed, or on the keypad for a touch screen) and Cancel / Leave; with no PIN set,
    only the question and the two buttons."""

    #: The trainer asked to leave (Leave, or Enter in the PIN field); the kiosk checks the PIN.
    leave_asked = Signal()

    def __init__(self, leave_text: str, bottom: int = 32, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        layout = page_layout(self, bottom)
        self.title = kiosk_label("", TITLE_PT, bold=True)
        self.title.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.pin = QLineEdit()
        self.pin.setEchoMode(QLineEdit.EchoMode.Password)
        self.pin.setValidator(
            QRegularExpressionValidator(QRegularExpression(PIN_PATTERN), self.pin)
        )
        self.pin.setAccessibleName(_("Trainer PIN"))
        self.pin.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.pin.setMaximumWidth(360)
        set_font(self.pin, NAME_PT)
        self.pin.returnPressed.connect(self.leave_asked)
        self.error = kiosk_label("", BASE_PT)
        self.error.setObjectName("error")
        self.error.setAlignment(Qt.AlignmentFlag.AlignCenter)
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
        self.leave_button = QPushButton(leave_text)
        self.leave_button.setObjectName("primary")
        self.leave_button.clicked.connect(self.leave_asked)
        layout.addStretch(1)
        layout.addWidget(self.title)
        layout.addWidget(self.pin, 0, Qt.AlignmentFlag.AlignHCenter)
        layout.addWidget(self.error)
        layout.addWidget(self.keypad, 0, Qt.AlignmentFlag.AlignHCenter)
        layout.addSpacing(12)
        layout.addLayout(button_row(None, self.stay_button, self.leave_button, None))
        layout.addStretch(1)

    def _key(self, text: str) -> QPushButton:
        button = QPushButton(text)
        button.setObjectName("key")
        button.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        button.clicked.connect(lambda: self._keypad(text))
        return button

    def _keypad(self, key: str) -> None:
        if key.isdigit():
            self.pin.insert(key)
        else:
            self.pin.backspace()
        self.error.clear()

    def ask(self, question: str, has_pin: bool) -> None:
        """Ready the page: ``question`` as its title, the PIN field empty (shown if a PIN is set)."""
        self.title.setText(question)
        for widget in (self.pin, self.keypad):
            widget.setVisible(has_pin)
        self.pin.clear()
        self.error.clear()

    def accepts(self, settings: Settings) -> bool:
        """True if the PIN typed is right (or none is set); else say so and start again."""
        if not settings.has_pin or settings.check_pin(self.pin.text()):
            return True
        self.pin.clear()
        self.error.setText(_("Wrong PIN"))
        self.pin.setFocus()
        return False


# --- the frame ---------------------------------------------------------------------------------


class KioskWindow(QWidget):
    """A full screen for participants: a banner when no PIN is set, a header line with a quiet
    "Exit" for the trainer, and the pages: the names (:attr:`find_page`), the PIN
    (:attr:`exit_page`) and the kiosk's own.

    A subclass adds its pages to :attr:`pages` (:meth:`_page`, or :meth:`_ask_page` for a page
    that asks one thing) and fills the names (:meth:`NamesPage.set_people`);
    it says what the PIN page asks (:meth:`exit_question`), where Cancel goes back to
    (:meth:`return_from_exit`), what to do when a page is left alone (:meth:`on_idle`) and may
    take keys no child used (:meth:`page_key`). Open it with :meth:`showFullScreen`.
    """

    #: Emitted once the trainer has left the kiosk.
    left = Signal()
    #: The bottom margin of the pages.
    page_bottom = 32

    def __init__(self, workspace: Workspace, runner: OperationRunner, *, title: str, style: str,
                 leave_text: str, exit_tip: str, idle_ms: int = IDLE_MS,
                 parent: QWidget | None = None) -> None:  # fmt: skip
        super().__init__(parent, Qt.WindowType.Window)
        self.workspace = workspace
        self.runner = runner
        self._may_close = False
        self._return_to: QWidget | None = None  # where Cancel on the PIN page goes back to
        self.setWindowTitle(title)
        self.setStyleSheet(style)
        set_font(self, BASE_PT)
        # Someone who walked away: after a while without a touch the screen goes back to the
        # names, so the next person cannot go on under that name.
        self.idle_timer = QTimer(self)
        self.idle_timer.setSingleShot(True)
        self.idle_timer.setInterval(idle_ms)
        self.idle_timer.timeout.connect(self.on_idle)

        self.banner = kiosk_label(
            _("No PIN set: anyone can leave this screen. Set one in Settings."), BASE_PT - 4
        )
        self.banner.setObjectName("banner")
        self.header_label = kiosk_label("", BASE_PT - 2)
        self.exit_button = QPushButton(_("Exit"))
        self.exit_button.setObjectName("quiet")  # for the trainer, not an invitation
        self.exit_button.setToolTip(exit_tip)
        self.exit_button.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        self.exit_button.clicked.connect(self.request_exit)
        header = QHBoxLayout()
        header.setContentsMargins(24, 12, 24, 0)
        header.addWidget(self.header_label, 1)
        header.addWidget(self.exit_button)

        self.pages = QStackedWidget()
        self.find_page = NamesPage(self.page_bottom)
        self.search = self.find_page.search
        self.names = self.find_page.names
        self.no_match = self.find_page.no_match
        self.exit_page = PinPage(leave_text, self.page_bottom)
        self.exit_title = self.exit_page.title
        self.pin = self.exit_page.pin
        self.pin_error = self.exit_page.error
        self.keypad = self.exit_page.keypad
        self.stay_button = self.exit_page.stay_button
        self.leave_button = self.exit_page.leave_button
        self.stay_button.clicked.connect(self._stay)
        self.exit_page.leave_asked.connect(self.leave)
        self.pages.addWidget(self.find_page)
        self.pages.addWidget(self.exit_page)

        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.banner)
        layout.addLayout(header)
        layout.addWidget(self.pages, 1)

    def _page(self) -> tuple[QWidget, QVBoxLayout]:
        """A new, empty page of this kiosk (add it to :attr:`pages`)."""
        page = QWidget()
        return page, page_layout(page, self.page_bottom)

    def _ask_page(self, *answers: QPushButton, hint: str = "") -> tuple[QWidget, QLabel]:
        """A new page that asks one thing: the question (the label returned) in large type in
        the middle, a ``hint`` below it, and the answers as buttons side by side."""
        page, layout = self._page()
        question = kiosk_label("", TITLE_PT, bold=True)
        question.setAlignment(Qt.AlignmentFlag.AlignCenter)
        layout.addStretch(1)
        layout.addWidget(question)
        if hint:
            below = kiosk_label(hint, BASE_PT)
            below.setAlignment(Qt.AlignmentFlag.AlignCenter)
            layout.addWidget(below)
        layout.addSpacing(24)
        layout.addLayout(button_row(None, *answers, None))
        layout.addStretch(2)
        return page, question

    def visible_names(self) -> list[str]:
        return self.find_page.visible_names()

    # -- what a kiosk says and does (subclasses) --------------------------------------------------

    def exit_question(self, has_pin: bool) -> str:
        """The PIN page's title."""
        raise NotImplementedError

    def return_from_exit(self, page: QWidget) -> None:
        """Cancel on the PIN page: show ``page`` again (the page it came from)."""
        raise NotImplementedError

    def before_exit(self, page: QWidget) -> None:
        """The PIN page is about to cover ``page``: keep what was typed there."""

    def on_idle(self) -> None:
        """The idle timer ran out."""

    def page_key(self, event: QKeyEvent) -> bool:
        """A key no child used (but Escape); True if the page used it."""
        return False

    # -- leaving ------------------------------------------------------------------------------------

    def keyPressEvent(self, event: QKeyEvent) -> None:
        # Escape reaches here from any child (none of them uses it).
        if event.key() == Qt.Key.Key_Escape:
            self._escape()
            event.accept()
            return
        if self.page_key(event):
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
        page = self.pages.currentWidget()
        if page is not self.exit_page:
            self.before_exit(page)
            self._return_to = page
        has_pin = self.workspace.settings.has_pin
        self.exit_page.ask(self.exit_question(has_pin), has_pin)
        self.exit_button.hide()
        self.banner.setVisible(not has_pin)
        self.pages.setCurrentWidget(self.exit_page)
        (self.pin if has_pin else self.stay_button).setFocus()

    def _stay(self) -> None:
        self.pin.clear()
        self.exit_button.show()
        back = self._return_to or self.find_page
        self._return_to = None
        self.return_from_exit(back)

    def leave(self) -> None:
        if self.pages.currentWidget() is not self.exit_page:
            return
        if not self.exit_page.accepts(self.workspace.settings):
            return
        self._may_close = True
        self.idle_timer.stop()
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


# --- before handing the laptop over ------------------------------------------------------------


def ensure_pin(parent: QWidget, workspace: Workspace, runner: OperationRunner, *,
               title: str | None = None, prompt: str | None = None) -> bool:  # fmt: skip
    """A kiosk can only be left with the trainer's PIN: if none is set, the trainer chooses one
    (typed twice). False if they did not. ``title`` and ``prompt`` name the kiosk."""
    settings = workspace.settings
    if settings.has_pin:
        return True
    title = title or _("Kiosk PIN")
    asks = (prompt or _("This screen can only be left with your PIN. Choose a PIN (at least 4 "
                        "digits):"), _("Type the PIN again:"))  # fmt: skip
    answers = []
    for label in asks:
        text, ok = QInputDialog.getText(parent, title, label, QLineEdit.EchoMode.Password)
        if not ok:
            return False
        answers.append(text.strip())
    if answers[0] != answers[1]:
        QMessageBox.warning(parent, title, _("The two PINs differ; nothing was set."))
        return False
    return runner.run(parent, settings.set_pin, answers[0], changes={operations.SETTINGS}).ok
