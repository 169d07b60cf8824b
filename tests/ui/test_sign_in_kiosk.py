"""Sign-in mode used as participants and the trainer would: type a name, tap it, sign with the
mouse, confirm; then what the database holds and what the screen shows. Leaving needs the PIN."""

from __future__ import annotations

import datetime as dt

import pytest
from PySide6.QtCore import QEvent, QPoint, QPointF, Qt
from PySide6.QtGui import QMouseEvent
from PySide6.QtWidgets import (
    QApplication,
    QInputDialog,
    QLabel,
    QLineEdit,
    QListWidget,
    QMessageBox,
    QPushButton,
)

from trainer_desktop.core.signature_demo import demo_signature
from trainer_desktop.core.signatures import encode
from trainer_desktop.ui import operations
from trainer_desktop.ui.attendance_page import AttendancePage
from trainer_desktop.ui.sign_in_kiosk import SignInKiosk, default_period

LEFT = Qt.MouseButton.LeftButton
PEOPLE = [("Traoré", "Awa", "woman"), ("Keïta", "Moussa", "man"), ("Diarra", "Fatoumata", "woman"),
          ("Coulibaly", "Séydou", "man")]  # fmt: skip
ZIGZAG = [(60, 150), (80, 110), (100, 80), (115, 110), (130, 150), (150, 110), (170, 80),
          (185, 115), (200, 150), (240, 120), (280, 100)]  # fmt: skip
PIN = "2468"


@pytest.fixture
def session(workspace):
    session = workspace.sessions.create(
        title="Atelier OPJ droits de l'homme", start_date=dt.date(2022, 11, 8),
        end_date=dt.date(2022, 11, 9), town="Sévaré", organiser="CNDH",
    )  # fmt: skip
    for family, given, sex in PEOPLE:
        person = workspace.participants.create(
            family_name=family, given_names=given, sex=sex, institution="Gendarmerie nationale",
            phone="+223 76 12 34 56", unit="Brigade de Sévaré",
        )  # fmt: skip
        workspace.participants.enrol(session.id, person.id)
    return session


@pytest.fixture
def periods(workspace, session):
    return workspace.attendance.ensure_default_periods(session.id)


@pytest.fixture
def open_kiosk(qtbot, workspace, runner, session, periods):
    def factory(pin: str | None = PIN, period: int = 0) -> SignInKiosk:
        if pin:
            workspace.settings.set_pin(pin)
        kiosk = SignInKiosk(workspace, runner, session.id, periods[period].id)
        kiosk.thanks_ms = 150
        qtbot.addWidget(kiosk)
        kiosk.resize(1366, 768)
        kiosk.show()
        qtbot.waitExposed(kiosk)
        return kiosk

    yield factory
    # Let pytest-qt close what is left: the kiosks refuse, so allow it.
    for widget in QApplication.topLevelWidgets():
        if isinstance(widget, SignInKiosk):
            widget._may_close = True


def draw(qtbot, widget, points) -> None:
    (x0, y0), *rest = points
    qtbot.mousePress(widget, LEFT, pos=QPoint(x0, y0))
    for x, y in rest:
        qtbot.wait(2)
        local = QPointF(x, y)
        QApplication.sendEvent(widget, QMouseEvent(
            QEvent.Type.MouseMove, local, widget.mapToGlobal(local), Qt.MouseButton.NoButton,
            LEFT, Qt.KeyboardModifier.NoModifier))  # fmt: skip
    qtbot.mouseRelease(widget, LEFT, pos=QPoint(*points[-1]))


def click_name(qtbot, kiosk: SignInKiosk, name: str) -> None:
    item = next(kiosk.names.item(r) for r in range(kiosk.names.count())
                if kiosk.names.item(r).data(Qt.ItemDataRole.UserRole) == name)  # fmt: skip
    rect = kiosk.names.visualItemRect(item)
    qtbot.mouseClick(kiosk.names.viewport(), LEFT, pos=rect.center())


def enrolment_of(workspace, session, family: str):
    return next(p.enrolment for p in workspace.attendance.grid(session.id).people
                if p.participant.family_name == family)  # fmt: skip


def all_text(widget) -> str:
    parts = [
        w.text() for kind in (QLabel, QPushButton, QLineEdit) for w in widget.findChildren(kind)
    ]
    for names in widget.findChildren(QListWidget):
        parts += [names.item(r).text() for r in range(names.count())]
    return "\n".join(parts)


def test_a_participant_finds_their_name_signs_and_the_next_person_can_start(
    qtbot, workspace, session, periods, open_kiosk
):
    kiosk = open_kiosk()
    assert kiosk.pages.currentWidget() is kiosk.find_page
    assert kiosk.focusWidget() is kiosk.search  # typing goes straight to the search
    qtbot.keyClicks(kiosk.search, "keit")  # no accent, lower case
    assert kiosk.visible_names() == ["KEÏTA Moussa"]
    qtbot.keyClick(kiosk.search, Qt.Key.Key_Return)
    assert kiosk.pages.currentWidget() is kiosk.sign_page
    assert kiosk.sign_name.text() == "KEÏTA Moussa"
    assert not kiosk.confirm_button.isEnabled()  # blank pad
    draw(qtbot, kiosk.pad, ZIGZAG)
    assert kiosk.confirm_button.isEnabled()
    qtbot.mouseClick(kiosk.confirm_button, LEFT)

    keita = enrolment_of(workspace, session, "Keïta")
    (signature,) = workspace.attendance.signatures(keita.id, periods[0].id)
    assert signature.strokes
    grid = workspace.attendance.grid(session.id)
    assert grid.status(keita.id, periods[0].id) in ("present", "late")
    assert kiosk.pages.currentWidget() is kiosk.thanks_page
    assert kiosk.thanks_label.text() == (
        f"Thank you, KEÏTA Moussa — signed at {signature.signed_at:%H:%M}"
    )

    qtbot.waitUntil(lambda: kiosk.pages.currentWidget() is kiosk.find_page, timeout=2000)
    assert kiosk.search.text() == "" and len(kiosk.visible_names()) == 4
    row = kiosk.visible_names().index("KEÏTA Moussa")
    assert "✓" in kiosk.names.item(row).text()
    assert all("✓" not in kiosk.names.item(r).text() for r in range(4) if r != row)


def test_a_click_picks_a_name_and_back_returns_to_the_list(qtbot, open_kiosk):
    kiosk = open_kiosk()
    qtbot.keyClicks(kiosk.search, "seydou coul")  # any order, without the accent
    assert kiosk.visible_names() == ["COULIBALY Séydou"]
    click_name(qtbot, kiosk, "COULIBALY Séydou")
    assert kiosk.pages.currentWidget() is kiosk.sign_page
    draw(qtbot, kiosk.pad, ZIGZAG)
    qtbot.mouseClick(kiosk.clear_button, LEFT)
    assert kiosk.pad.is_blank() and not kiosk.confirm_button.isEnabled()
    qtbot.mouseClick(kiosk.back_button, LEFT)
    assert kiosk.pages.currentWidget() is kiosk.find_page


def test_no_match_says_so(qtbot, open_kiosk):
    kiosk = open_kiosk()
    qtbot.keyClicks(kiosk.search, "zzz")
    assert kiosk.visible_names() == [] and kiosk.no_match.isVisible()
    qtbot.keyClick(kiosk.search, Qt.Key.Key_Return)
    assert kiosk.pages.currentWidget() is kiosk.find_page


def test_the_screen_shows_names_and_nothing_else_about_people(qtbot, open_kiosk):
    kiosk = open_kiosk()
    text = all_text(kiosk)
    for family, given, _sex in PEOPLE:
        assert f"{family.upper()} {given}" in text
    for private in ("+223", "76 12", "Gendarmerie", "Brigade", "woman", "man\n"):
        assert private not in text


def test_signing_again_is_asked_first(qtbot, workspace, session, periods, open_kiosk):
    awa = enrolment_of(workspace, session, "Traoré")
    workspace.attendance.sign_in(awa.id, periods[0].id, encode(demo_signature(0), 600, 220))
    kiosk = open_kiosk()
    assert "✓" in kiosk.names.item(kiosk.visible_names().index("TRAORÉ Awa")).text()
    qtbot.keyClicks(kiosk.search, "traore")
    qtbot.keyClick(kiosk.search, Qt.Key.Key_Return)
    assert kiosk.pages.currentWidget() is kiosk.again_page
    assert "already signed" in kiosk.again_label.text()
    qtbot.mouseClick(kiosk.again_no, LEFT)
    assert kiosk.pages.currentWidget() is kiosk.find_page
    qtbot.keyClick(kiosk.search, Qt.Key.Key_Return)
    qtbot.mouseClick(kiosk.again_yes, LEFT)
    assert kiosk.pages.currentWidget() is kiosk.sign_page
    draw(qtbot, kiosk.pad, ZIGZAG)
    qtbot.mouseClick(kiosk.confirm_button, LEFT)
    assert len(workspace.attendance.signatures(awa.id, periods[0].id)) == 2


def test_a_refused_signature_keeps_the_pad(qtbot, workspace, session, periods, open_kiosk,
                                           warnings, monkeypatch):  # fmt: skip
    kiosk = open_kiosk()
    qtbot.keyClicks(kiosk.search, "diarra")
    qtbot.keyClick(kiosk.search, Qt.Key.Key_Return)
    draw(qtbot, kiosk.pad, ZIGZAG)
    monkeypatch.setattr(kiosk.pad, "encoded", lambda: b"garbage")
    qtbot.mouseClick(kiosk.confirm_button, LEFT)
    assert warnings == ["This signature cannot be read."]
    assert kiosk.sign_error.text() == "This signature cannot be read."
    assert kiosk.pages.currentWidget() is kiosk.sign_page and not kiosk.pad.is_blank()
    diarra = enrolment_of(workspace, session, "Diarra")
    assert workspace.attendance.signatures(diarra.id, periods[0].id) == []


def test_escape_asks_for_the_pin(qtbot, open_kiosk):
    kiosk = open_kiosk()
    qtbot.keyClicks(kiosk.search, "awa")
    qtbot.keyClick(kiosk.search, Qt.Key.Key_Escape)
    assert kiosk.pages.currentWidget() is kiosk.exit_page and kiosk.pin.isVisible()
    assert not kiosk.banner.isVisible()
    qtbot.keyClicks(kiosk.pin, "1111")
    qtbot.keyClick(kiosk.pin, Qt.Key.Key_Return)
    assert kiosk.pin_error.text() == "Wrong PIN" and kiosk.isVisible()
    # The keypad types the right one.
    for digit in PIN:
        button = next(b for b in kiosk.keypad.findChildren(QPushButton) if b.text() == digit)
        qtbot.mouseClick(button, LEFT)
    assert kiosk.pin.text() == PIN
    with qtbot.waitSignal(kiosk.left):
        qtbot.mouseClick(kiosk.leave_button, LEFT)
    assert not kiosk.isVisible()


def test_cancel_returns_to_the_signature_with_its_ink(qtbot, open_kiosk):
    kiosk = open_kiosk()
    qtbot.keyClicks(kiosk.search, "moussa")
    qtbot.keyClick(kiosk.search, Qt.Key.Key_Return)
    draw(qtbot, kiosk.pad, ZIGZAG)
    qtbot.mouseClick(kiosk.exit_button, LEFT)
    assert kiosk.pages.currentWidget() is kiosk.exit_page
    qtbot.keyClick(kiosk.pin, Qt.Key.Key_Escape)
    assert kiosk.pages.currentWidget() is kiosk.sign_page and not kiosk.pad.is_blank()


def test_closing_the_window_is_refused_without_the_pin(qtbot, open_kiosk):
    kiosk = open_kiosk()
    assert kiosk.close() is False
    assert kiosk.isVisible() and kiosk.pages.currentWidget() is kiosk.exit_page
    qtbot.keyClicks(kiosk.pin, PIN)
    qtbot.keyClick(kiosk.pin, Qt.Key.Key_Return)
    assert not kiosk.isVisible()


def test_without_a_pin_leaving_only_asks_and_a_banner_warns(qtbot, open_kiosk):
    kiosk = open_kiosk(pin=None)
    assert kiosk.banner.isVisible() and "No PIN set" in kiosk.banner.text()
    qtbot.mouseClick(kiosk.exit_button, LEFT)
    assert kiosk.pages.currentWidget() is kiosk.exit_page and not kiosk.pin.isVisible()
    assert kiosk.exit_title.text() == "Leave sign-in mode?"
    qtbot.mouseClick(kiosk.stay_button, LEFT)
    assert kiosk.isVisible() and kiosk.pages.currentWidget() is kiosk.find_page
    qtbot.mouseClick(kiosk.exit_button, LEFT)
    qtbot.mouseClick(kiosk.leave_button, LEFT)
    assert not kiosk.isVisible()


def test_right_to_left_mirrors_the_layout(qtbot, open_kiosk):
    kiosk = open_kiosk()
    kiosk.setLayoutDirection(Qt.LayoutDirection.RightToLeft)
    qtbot.wait(10)
    assert kiosk.exit_button.geometry().center().x() < kiosk.width() // 2
    qtbot.keyClicks(kiosk.search, "awa")
    qtbot.keyClick(kiosk.search, Qt.Key.Key_Return)
    qtbot.wait(10)
    confirm, back = kiosk.confirm_button.geometry(), kiosk.back_button.geometry()
    assert confirm.x() < back.x()
    draw(qtbot, kiosk.pad, [(60, 100), (120, 100)])
    assert [p.x for p in kiosk.pad.strokes()[0]] == [60, 120]  # the ink is not mirrored


def test_the_period_proposed_is_the_one_happening_now(workspace, session, periods):
    grid = workspace.attendance.grid(session.id)
    assert default_period(periods, grid, dt.datetime(2022, 11, 9, 15, 0)) is periods[3]
    assert default_period(periods, grid, dt.datetime(2023, 1, 1, 9, 0)) is periods[0]
    person = grid.people[0]
    workspace.attendance.set_mark(person.enrolment.id, periods[0].id, "present")
    grid = workspace.attendance.grid(session.id)
    assert default_period(periods, grid, dt.datetime(2023, 1, 1, 9, 0)) is periods[1]
    assert default_period([], grid, dt.datetime(2023, 1, 1)) is None


def test_the_attendance_tab_opens_sign_in_mode_full_screen(qtbot, workspace, runner, session,
                                                           periods, monkeypatch):  # fmt: skip
    page = AttendancePage(workspace, runner, session.id)
    qtbot.addWidget(page)
    page.show()
    offered = []

    def get_item(_parent, _title, _label, items, current, _editable):
        offered.append((items, current))
        return items[1], True

    monkeypatch.setattr(QInputDialog, "getItem", get_item)
    # No PIN yet: the trainer chooses one first (typed twice), or sign-in mode does not open.
    pins = iter([("2468", True), ("1357", True)])
    monkeypatch.setattr(QInputDialog, "getText", lambda *a: next(pins))
    differ = []
    monkeypatch.setattr(QMessageBox, "warning", lambda _p, _t, text, *a: differ.append(text))
    qtbot.mouseClick(page.kiosk_button, LEFT)
    assert page.kiosk is None and differ == ["The two PINs differ; nothing was set."]
    assert not workspace.settings.has_pin
    pins = iter([("2468", True), ("2468", True)])
    assert page.kiosk_button.isEnabled()
    qtbot.mouseClick(page.kiosk_button, LEFT)
    assert workspace.settings.check_pin("2468")
    assert len(offered[0][0]) == 4
    kiosk = page.kiosk
    assert isinstance(kiosk, SignInKiosk) and kiosk.isFullScreen()
    assert kiosk.period_id == periods[1].id
    # Signing in the kiosk refreshes the grid behind it.
    qtbot.keyClicks(kiosk.search, "awa")
    qtbot.keyClick(kiosk.search, Qt.Key.Key_Return)
    draw(qtbot, kiosk.pad, ZIGZAG)
    with qtbot.waitSignal(runner.changed) as changed:
        qtbot.mouseClick(kiosk.confirm_button, LEFT)
    assert operations.ATTENDANCE in changed.args[0]
    assert (
        "✍"
        in page.model.index(
            page.model.row_of(enrolment_of(workspace, session, "Traoré").id), 2
        ).data()
    )
    monkeypatch.setattr(QInputDialog, "getItem", lambda *a: ("", False))
    qtbot.mouseClick(page.kiosk_button, LEFT)  # one kiosk at a time
    assert page.kiosk is kiosk
    kiosk.request_exit()
    kiosk.leave()  # without the PIN: stays
    assert page.kiosk is kiosk
    kiosk.pin.setText("2468")
    kiosk.leave()
    assert page.kiosk is None


def test_a_sign_page_left_alone_goes_back_to_the_names(qtbot, workspace, runner, session, periods):
    kiosk = SignInKiosk(workspace, runner, session.id, periods[0].id)
    qtbot.addWidget(kiosk)
    kiosk.show()
    kiosk.idle_timer.setInterval(200)  # a minute in the app
    qtbot.keyClicks(kiosk.search, "awa")
    qtbot.keyClick(kiosk.search, Qt.Key.Key_Return)
    assert kiosk.pages.currentWidget() is kiosk.sign_page
    draw(qtbot, kiosk.pad, ZIGZAG)  # started signing, then walked away
    qtbot.waitUntil(lambda: kiosk.pages.currentWidget() is kiosk.find_page, timeout=3000)
    assert kiosk.person is None and kiosk.pad.is_blank()
    assert workspace.attendance.signatures(enrolment_of(workspace, session, "Traoré").id,
                                           periods[0].id) == []  # fmt: skip
