"""Check a certificate: someone shows a printed certificate (a police chief, a funder, the
person's next employer) and the coordinator types its code to see whose it is and whether the
person really attended enough.

The code is worked out from the database (:mod:`core.certificates`), so a certificate printed on a
trainer's laptop is found at head office only once that trainer's bundle has been imported: the
"not found" message says so rather than suggesting a forgery.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import Qt
from PySide6.QtGui import QFontDatabase
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from trainer_desktop.core import i18n
from trainer_desktop.core.certificates import Verification, verify_certificate
from trainer_desktop.core.errors import UserError
from trainer_desktop.core.i18n import _

if TYPE_CHECKING:
    from trainer_desktop.core.workspace import Workspace

#: Tints of the verdict: attended enough, did not, not found / not a code.
_GOOD = "color: #1b5e20;"
_POOR = "color: #8c1d18;"


def hours_text(hours: float, rate: float | None) -> str:
    """ "18.5 hours (92%)": the hours attended and the share of the periods."""
    tr = i18n.current()
    hours_part = _("{hours} hours").format(hours=tr.format_number(round(hours, 1)))
    if rate is None:
        return hours_part
    return _("{hours} ({rate} of the sign-in periods)").format(
        hours=hours_part, rate=tr.format_percent(rate))  # fmt: skip


class CertificateCheckDialog(QDialog):
    """A code box and Check; the answer below: the person, the session and the verdict."""

    def __init__(self, workspace: Workspace, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.workspace = workspace
        self.verification: Verification | None = None
        self.setWindowTitle(_("Check a certificate"))
        intro = QLabel(_("Type the code printed at the bottom of the certificate, for example "
                         "ABCDE-12345. Capitals, spaces and dashes do not matter."))  # fmt: skip
        intro.setWordWrap(True)
        self.code = QLineEdit()
        self.code.setAccessibleName(_("Certificate code"))
        self.code.setPlaceholderText("ABCDE-12345")
        self.code.setMaxLength(40)
        font = QFontDatabase.systemFont(QFontDatabase.SystemFont.FixedFont)
        font.setPointSizeF(self.code.font().pointSizeF() * 1.3)
        self.code.setFont(font)
        self.code.textEdited.connect(self._upper_case)
        self.code.returnPressed.connect(self.check)
        self.check_button = QPushButton(_("Check"))
        self.check_button.setDefault(True)
        self.check_button.clicked.connect(self.check)
        row = QHBoxLayout()
        row.addWidget(self.code, 1)
        row.addWidget(self.check_button)

        self.verdict = QLabel()
        self.verdict.setWordWrap(True)
        bold = self.verdict.font()
        bold.setBold(True)
        bold.setPointSizeF(bold.pointSizeF() * 1.15)
        self.verdict.setFont(bold)
        self.details = QWidget()
        form = QFormLayout(self.details)
        form.setContentsMargins(0, 0, 0, 0)
        form.setVerticalSpacing(6)
        self.person_label = self._value()
        self.session_label = self._value()
        self.dates_label = self._value()
        self.hours_label = self._value()
        form.addRow(_("Person"), self.person_label)
        form.addRow(_("Session"), self.session_label)
        form.addRow(_("Dates and place"), self.dates_label)
        form.addRow(_("Attended"), self.hours_label)
        self.details.hide()

        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(intro)
        layout.addLayout(row)
        layout.addSpacing(6)
        layout.addWidget(self.verdict)
        layout.addWidget(self.details)
        layout.addStretch(1)
        layout.addWidget(buttons)
        self.setMinimumWidth(560)

    @staticmethod
    def _value() -> QLabel:
        label = QLabel()
        label.setWordWrap(True)
        label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        return label

    def _upper_case(self, text: str) -> None:
        """Shown in capitals as typed (codes are printed so), the cursor kept where it was."""
        if text != text.upper():
            cursor = self.code.cursorPosition()
            self.code.setText(text.upper())
            self.code.setCursorPosition(cursor)

    def check(self) -> Verification | None:
        """Look the code up and show the answer."""
        self.verification = None
        self.details.hide()
        try:
            found = verify_certificate(self.workspace, self.code.text())
        except UserError as exc:  # not a code: the core says what is wrong with it
            self._say(exc.message, _POOR)
            return None
        if found is None:
            self._say(_("No certificate with this code in this database (the trainer's data may "
                        "not have been imported yet)."), _POOR)  # fmt: skip
            return None
        self.verification = found
        self.code.setText(found.code)
        if found.eligible:
            self._say(_("Valid certificate: this person attended enough of the training."), _GOOD)
        else:
            self._say(_("This code is real, but this person did not attend enough of the "
                        "training to receive a certificate."), _POOR)  # fmt: skip
        session = found.session
        tr = i18n.current()
        self.person_label.setText(found.person.participant.display_name)
        self.session_label.setText(session.title)
        place = ", ".join(p for p in (session.venue, session.town, session.region) if p)
        dates = tr.format_date_range(session.start_date, session.end_date)
        self.dates_label.setText(f"{dates} — {place}" if place else dates)
        self.hours_label.setText(hours_text(found.hours_attended, found.rate))
        self.details.show()
        self.adjustSize()  # room for a long title on two lines
        return found

    def _say(self, text: str, style: str) -> None:
        self.verdict.setText(text)
        self.verdict.setStyleSheet(style)
