"""Check a certificate: the code as typed finds the person, the session and the verdict; an
unknown code says it may not be imported yet; text that is no code gets the core's message."""

from __future__ import annotations

import datetime as dt

import pytest
from PySide6.QtCore import Qt

from trainer_desktop.core.certificates import certificate_code
from trainer_desktop.ui.certificate_check import CertificateCheckDialog


@pytest.fixture
def atelier(workspace):
    """Awa attended 3 of 4 periods (4 h, 3.5 h, 4 h of 15 h: 11.5 h, 75 %, enough under a 75 %
    threshold); Moussa attended one (4 h, 25 %: not enough)."""
    session = workspace.sessions.create(title="Atelier OPJ", start_date=dt.date(2024, 3, 4),
                                        end_date=dt.date(2024, 3, 5), attendance_threshold=75,
                                        venue="Hôtel Mali", town="Sévaré", region="Mopti")  # fmt: skip
    periods = workspace.attendance.ensure_default_periods(session.id)
    awa = workspace.participants.create_and_enrol(
        session.id, family_name="Traoré", given_names="Awa"
    )
    moussa = workspace.participants.create_and_enrol(session.id, family_name="Diarra",
                                                     given_names="Moussa")  # fmt: skip
    for period in periods[:3]:
        workspace.attendance.set_mark(awa.enrolment.id, period.id, "present")
    workspace.attendance.set_mark(moussa.enrolment.id, periods[0].id, "late")
    return session, awa, moussa


@pytest.fixture
def dialog(qtbot, workspace):
    dialog = CertificateCheckDialog(workspace)
    qtbot.addWidget(dialog)
    dialog.show()
    return dialog


def _type_and_check(qtbot, dialog: CertificateCheckDialog, text: str) -> None:
    dialog.code.clear()
    qtbot.keyClicks(dialog.code, text)
    qtbot.mouseClick(dialog.check_button, Qt.MouseButton.LeftButton)


def test_a_code_typed_loosely_finds_the_person_and_says_the_certificate_is_valid(
        qtbot, dialog, atelier):  # fmt: skip
    _session, awa, _moussa = atelier
    code = certificate_code(awa.enrolment.id)
    typed = f"{code[:5].lower()} {code[6:].lower()}"

    qtbot.keyClicks(dialog.code, typed)
    assert dialog.code.text() == typed.upper()  # capitals as typed
    qtbot.keyClick(dialog.code, Qt.Key.Key_Return)

    assert dialog.verification is not None
    assert dialog.verification.person.enrolment.id == awa.enrolment.id
    assert dialog.code.text() == code
    assert (
        dialog.verdict.text() == "Valid certificate: this person attended enough of the training."
    )
    assert dialog.details.isVisible()
    assert dialog.person_label.text() == "TRAORÉ Awa"
    assert dialog.session_label.text() == "Atelier OPJ"
    assert dialog.dates_label.text() == "Mar 4\u2009–\u20095, 2024 — Hôtel Mali, Sévaré, Mopti"
    assert dialog.hours_label.text() == "11.5 hours (75% of the sign-in periods)"


def test_a_person_who_did_not_attend_enough_is_found_but_not_confirmed(qtbot, dialog, atelier):
    _session, _awa, moussa = atelier

    _type_and_check(qtbot, dialog, certificate_code(moussa.enrolment.id))

    assert dialog.verification is not None and not dialog.verification.eligible
    assert "did not attend enough" in dialog.verdict.text()
    assert dialog.person_label.text() == "DIARRA Moussa"
    assert dialog.hours_label.text() == "4 hours (25% of the sign-in periods)"


def test_an_unknown_code_may_not_be_imported_yet(qtbot, dialog, atelier):
    _type_and_check(qtbot, dialog, "ABCDE-12345")

    assert dialog.verification is None
    assert dialog.verdict.text() == ("No certificate with this code in this database (the "
                                     "trainer's data may not have been imported yet).")  # fmt: skip
    assert not dialog.details.isVisible()


@pytest.mark.parametrize(("typed", "says"), [
    ("ABC", "a code has 10 characters"),
    ("ABCDE-1234U", "never U"),
    ("", "Type the code printed on the certificate."),
])  # fmt: skip
def test_text_that_is_no_code_gets_the_cores_message(qtbot, dialog, atelier, typed, says):
    _type_and_check(qtbot, dialog, certificate_code(atelier[1].enrolment.id))
    assert dialog.details.isVisible()

    _type_and_check(qtbot, dialog, typed)

    assert says in dialog.verdict.text()
    assert dialog.verification is None
    assert not dialog.details.isVisible()  # the previous person's details are gone
