"""Sign-in mode: the full screen the trainer hands to participants for one sign-in period.

Each person finds their name (typing part of it, accents and case do not matter), signs on the
pad and confirms; the screen says "Thank you … signed at 08:42" only once the core has committed
the signature, then waits for the next person. It shows names and nothing else about anyone
(no phone, no unit: the laptop is passed around a room). It cannot be left without the trainer's
PIN (Esc, the window's close button, Alt+F4 and "Exit" all ask for it); with no PIN set, leaving
asks for a confirmation and a banner says so.

Every question (already signed? the PIN) is a page of the kiosk itself, in the kiosk's large type,
never a small modal box over a full screen. The names page, the PIN page and leaving are shared
with the test mode (:mod:`trainer_desktop.ui.kiosk_parts`).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from typing import TYPE_CHECKING

from PySide6.QtCore import Qt, QTimer
from PySide6.QtWidgets import QPushButton, QWidget

from trainer_desktop.core.attendance import Grid, SignInPeriod
from trainer_desktop.core.i18n import _
from trainer_desktop.ui import operations
from trainer_desktop.ui.attendance_model import period_title
from trainer_desktop.ui.kiosk_parts import (
    BASE_PT,
    STYLE,
    TICK,
    TITLE_PT,
    KioskWindow,
    button_row,
    kiosk_label,
    set_font,
)
from trainer_desktop.ui.signature_pad import SignaturePad

if TYPE_CHECKING:
    from trainer_desktop.core.workspace import Workspace
    from trainer_desktop.ui.operations import OperationRunner


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


class SignInKiosk(KioskWindow):
    """One sign-in period, one person after another. Open it with :meth:`showFullScreen`."""

    #: How long the thank-you stays before the next person (milliseconds).
    thanks_ms = 2000

    def __init__(self, workspace: Workspace, runner: OperationRunner, session_id: str,
                 period_id: str, parent: QWidget | None = None) -> None:  # fmt: skip
        super().__init__(workspace, runner, title=_("Sign-in"), style=STYLE,
                         leave_text=_("Leave sign-in mode"),
                         exit_tip=_("For the trainer: leave sign-in mode"), parent=parent)  # fmt: skip
        self.session_id = session_id
        self.period_id = period_id
        self.person: tuple[str, str] | None = None  # (enrolment id, name) at the pad
        self.period_label = self.header_label
        self.thanks_timer = QTimer(self)
        self.thanks_timer.setSingleShot(True)
        self.thanks_timer.timeout.connect(self._next_person)
        self.left.connect(self.thanks_timer.stop)
        # The idle timer runs on the sign page (and "sign again?"): someone who picked their name
        # and walked away is sent back to the list, so the next person cannot sign under it.
        self.sign_page = self._build_sign()
        self.thanks_page = self._build_thanks()
        self.again_page = self._build_again()
        for page in (self.sign_page, self.thanks_page, self.again_page):
            self.pages.addWidget(page)
        self.find_page.picked.connect(self._pick)
        runner.changed.connect(self._on_changed)
        self.reload()
        self.show_find()

    # -- building -------------------------------------------------------------------------------

    def _build_sign(self) -> QWidget:
        page, layout = self._page()
        self.sign_name = kiosk_label("", TITLE_PT, bold=True)
        self.sign_hint = kiosk_label(
            _("Sign in the white box with your finger, the pen or the mouse."), BASE_PT - 2
        )
        self.pad = SignaturePad()
        set_font(self.pad, BASE_PT - 4)  # its "Sign here" hint, which it draws 15 % larger
        # The pad keeps the left-to-right geometry of the strokes; only its hint follows the
        # language (see SignaturePad._paint_guide).
        self.pad.changed.connect(self._pad_changed)
        self.sign_error = kiosk_label("", BASE_PT - 2)
        self.sign_error.setObjectName("error")
        self.back_button = QPushButton(_("Back"))
        self.back_button.clicked.connect(self.show_find)
        self.clear_button = QPushButton(_("Clear"))
        self.clear_button.clicked.connect(self.pad.clear)
        self.confirm_button = QPushButton(_("Confirm"))
        self.confirm_button.setObjectName("primary")
        self.confirm_button.clicked.connect(self.confirm)
        layout.addWidget(self.sign_name)
        layout.addWidget(self.sign_hint)
        layout.addWidget(self.pad, 1)
        layout.addWidget(self.sign_error)
        layout.addLayout(button_row(self.back_button, None, self.clear_button,
                                    self.confirm_button))  # fmt: skip
        return page

    def _build_thanks(self) -> QWidget:
        page, layout = self._page()
        tick = kiosk_label(TICK, 96, bold=True)
        tick.setObjectName("thanks")
        tick.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.thanks_label = kiosk_label("", TITLE_PT + 4, bold=True)
        self.thanks_label.setObjectName("thanks")
        self.thanks_label.setAlignment(Qt.AlignmentFlag.AlignCenter)
        layout.addStretch(1)
        layout.addWidget(tick)
        layout.addWidget(self.thanks_label)
        layout.addStretch(1)
        return page

    def _build_again(self) -> QWidget:
        self.again_yes = QPushButton(_("Yes, sign again"))
        self.again_yes.clicked.connect(lambda: self._show_pad())
        self.again_no = QPushButton(_("No"))
        self.again_no.setObjectName("primary")
        self.again_no.clicked.connect(self.show_find)
        page, self.again_label = self._ask_page(self.again_no, self.again_yes)
        return page

    # -- the list of names ----------------------------------------------------------------------

    def reload(self) -> None:
        """Read the enrolled people and who signed for this period again."""
        grid = self.workspace.attendance.grid(self.session_id)
        period = next((p for p in grid.periods if p.id == self.period_id), None)
        self.period_label.setText(period_title(period) if period else "")
        self.find_page.set_people(
            ((person.enrolment.id, person.participant.display_name,
              (person.enrolment.id, self.period_id) in grid.signed) for person in grid.people),
            _("{name}     {tick} signed"),
        )  # fmt: skip
        self.banner.setVisible(not self.workspace.settings.has_pin)

    def _pick(self, enrolment_id: str, name: str, signed: bool) -> None:
        if self.pages.currentWidget() is not self.find_page:
            return
        self.person = (enrolment_id, name)
        if signed:
            self.again_label.setText(
                _("{name}, you have already signed. Sign again?").format(name=name)
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

    def on_idle(self) -> None:
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

    # -- leaving (the PIN page is KioskWindow's) ------------------------------------------------

    def exit_question(self, has_pin: bool) -> str:
        return (_("Trainer: type your PIN to leave sign-in mode.") if has_pin
                else _("Leave sign-in mode?"))  # fmt: skip

    def return_from_exit(self, page: QWidget) -> None:
        if page is self.thanks_page and not self.thanks_timer.isActive():
            page = self.find_page
        if page is self.find_page:
            self.show_find()
        else:
            self.pages.setCurrentWidget(page)
