"""The attendance grid: the models without a widget (and qtmodeltester), then the page used as a
trainer would — clicks and keys — checking what the database holds and what the screen shows."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest
from PySide6.QtCore import Qt, QUrl
from PySide6.QtGui import QDesktopServices
from PySide6.QtWidgets import QFileDialog

from trainer_desktop.core.signature_demo import demo_signature
from trainer_desktop.core.signatures import encode
from trainer_desktop.ui import operations
from trainer_desktop.ui.attendance_model import (
    ATTENDED_ROW,
    BY_SEX_ROW,
    NAME,
    AttendanceGridModel,
    AttendanceTotalsModel,
    EnrolmentIdRole,
    PeriodIdRole,
    SignedRole,
    StatusRole,
    next_status,
)
from trainer_desktop.ui.attendance_page import AttendancePage
from trainer_desktop.ui.session_page import SessionPage

PEOPLE = [("Traoré", "Awa", "woman"), ("Keïta", "Moussa", "man"), ("Diarra", "Fatoumata", "woman"),
          ("Coulibaly", "Seydou", "man")]  # fmt: skip


@pytest.fixture
def session(workspace):
    session = workspace.sessions.create(
        title="Atelier OPJ droits de l'homme", start_date=dt.date(2022, 11, 8),
        end_date=dt.date(2022, 11, 9), town="Sévaré", organiser="CNDH", funders=["MINUSMA"],
    )  # fmt: skip
    for family, given, sex in PEOPLE:
        person = workspace.participants.create(family_name=family, given_names=given, sex=sex,
                                               institution="Police nationale")  # fmt: skip
        workspace.participants.enrol(session.id, person.id)
    return session


@pytest.fixture
def periods(workspace, session):
    return workspace.attendance.ensure_default_periods(session.id)


def people(workspace, session):
    return workspace.attendance.grid(session.id).people


def status(workspace, session, row: int, column: int) -> str | None:
    grid = workspace.attendance.grid(session.id)
    return grid.status(grid.people[row].enrolment.id, grid.periods[column - 1].id)


# -- models ------------------------------------------------------------------------------------


def test_the_grid_model_shows_people_periods_marks_signatures_and_rates(
    qtmodeltester, workspace, session, periods
):
    awa, moussa = people(workspace, session)[3], people(workspace, session)[2]  # TRAORÉ, KEÏTA
    attendance = workspace.attendance
    attendance.set_mark(awa.enrolment.id, periods[0].id, "present")
    attendance.set_mark(awa.enrolment.id, periods[1].id, "late", dt.time(14, 20))
    attendance.set_mark(awa.enrolment.id, periods[2].id, "absent")
    attendance.set_mark(awa.enrolment.id, periods[3].id, "excused")
    attendance.sign_in(moussa.enrolment.id, periods[0].id, encode(demo_signature(1), 600, 220),
                       at=dt.datetime(2022, 11, 8, 8, 32))  # fmt: skip
    model = AttendanceGridModel()
    model.set_grid(attendance.grid(session.id))
    qtmodeltester.check(model)

    assert (model.rowCount(), model.columnCount()) == (4, 1 + 4 + 1)
    assert [model.index(r, NAME).data() for r in range(4)] == [
        "COULIBALY Seydou", "DIARRA Fatoumata", "KEÏTA Moussa", "TRAORÉ Awa"]  # fmt: skip
    assert model.headerData(1, Qt.Orientation.Horizontal) == "Tue 8\nMorning"
    assert model.headerData(4, Qt.Orientation.Horizontal) == "Wed 9\nAfternoon"
    assert model.headerData(5, Qt.Orientation.Horizontal) == "Rate"
    assert model.headerData(0, Qt.Orientation.Vertical) == "1"
    assert [model.index(3, c).data() for c in range(1, 6)] == ["✓", "L 14:20", "A", "E", "50%"]
    assert [model.index(3, c).data(StatusRole) for c in range(1, 5)] == [
        "present", "late", "absent", "excused"]  # fmt: skip
    assert model.index(2, 1).data() == "✓ ✍"  # signed on time: present, with the pen mark
    assert model.index(2, 1).data(SignedRole) is True
    assert model.index(0, 1).data() == "" and model.index(0, 1).data(StatusRole) is None
    assert model.index(3, 2).data(EnrolmentIdRole) == awa.enrolment.id
    assert model.index(3, 2).data(PeriodIdRole) == periods[1].id
    assert model.index(3, 1).data(Qt.ItemDataRole.BackgroundRole) is not None
    assert model.index(3, 2).data(Qt.ItemDataRole.BackgroundRole).color() != model.index(
        3, 3).data(Qt.ItemDataRole.BackgroundRole).color()  # fmt: skip
    assert "arrived at 14:20" in model.index(3, 2).data(Qt.ItemDataRole.ToolTipRole)
    assert model.column_of(periods[2].id) == 3 and model.row_of(awa.enrolment.id) == 3


def test_totals_count_attended_by_period_and_by_sex(qtmodeltester, workspace, session, periods):
    grid_people = people(workspace, session)  # COULIBALY m, DIARRA w, KEÏTA m, TRAORÉ w
    for person, mark in zip(grid_people, ("present", "late", "absent", "present"), strict=True):
        workspace.attendance.set_mark(person.enrolment.id, periods[0].id, mark, dt.time(9, 0))
    model = AttendanceTotalsModel()
    model.set_grid(workspace.attendance.grid(session.id))
    qtmodeltester.check(model)
    assert model.index(ATTENDED_ROW, NAME).data() == "Attended"
    assert model.index(ATTENDED_ROW, 1).data() == "3/4"
    assert model.index(BY_SEX_ROW, 1).data() == "2 · 1"  # women · men
    assert model.index(ATTENDED_ROW, 2).data() == "0/4"
    assert model.index(ATTENDED_ROW, 5).data() == "19%"  # 3 of 16 cells
    assert model.index(ATTENDED_ROW, 1).data(Qt.ItemDataRole.ToolTipRole) == (
        "Present 3/4 · women 2 · men 1")  # fmt: skip


def test_an_empty_grid_is_a_valid_model(qtmodeltester):
    model = AttendanceGridModel()
    qtmodeltester.check(model)
    assert (model.rowCount(), model.columnCount()) == (0, 2)


def test_a_click_cycles_through_the_statuses():
    order = [None]
    for _step in range(5):
        order.append(next_status(order[-1]))
    assert order == [None, "present", "late", "absent", "excused", None]


# -- the page ----------------------------------------------------------------------------------


@pytest.fixture
def open_page(qtbot, workspace, runner, session):
    def factory() -> AttendancePage:
        page = AttendancePage(workspace, runner, session.id)
        qtbot.addWidget(page)
        page.resize(1100, 600)
        page.show()
        qtbot.waitExposed(page)
        return page

    return factory


def press(qtbot, page: AttendancePage, row: int, column: int, key: Qt.Key) -> None:
    page.table.setCurrentIndex(page.model.index(row, column))
    page.table.setFocus()
    qtbot.keyClick(page.table, key)


def click(qtbot, page: AttendancePage, row: int, column: int) -> None:
    rect = page.table.visualRect(page.model.index(row, column))
    qtbot.mouseClick(page.table.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())


def test_a_session_without_periods_offers_to_create_them(qtbot, workspace, session, open_page):
    page = open_page()
    assert page.create_periods_button.isVisible()
    assert not page.table.isVisible() and "no sign-in periods" in page.empty_label.text()
    assert not page.print_button.isEnabled()
    qtbot.mouseClick(page.create_periods_button, Qt.MouseButton.LeftButton)
    periods = workspace.attendance.periods(session.id)
    assert [(p.day.day, p.kind) for p in periods] == [
        (8, "morning"), (8, "afternoon"), (9, "morning"), (9, "afternoon")]  # fmt: skip
    assert not page.create_periods_button.isVisible() and page.table.isVisible()
    assert page.model.columnCount() == 6 and page.totals_model.columnCount() == 6
    assert page.print_button.isEnabled()


def test_keys_mark_the_cell_in_the_database_and_on_screen(qtbot, workspace, session, periods,
                                                        open_page):  # fmt: skip
    page = open_page()
    press(qtbot, page, 0, 1, Qt.Key.Key_P)
    assert status(workspace, session, 0, 1) == "present"
    assert page.model.index(0, 1).data() == "✓"
    press(qtbot, page, 1, 1, Qt.Key.Key_A)
    press(qtbot, page, 2, 1, Qt.Key.Key_E)
    press(qtbot, page, 3, 1, Qt.Key.Key_L)
    assert [status(workspace, session, r, 1) for r in range(4)] == [
        "present", "absent", "excused", "late"]  # fmt: skip
    assert page.model.index(3, 1).data().startswith("L ")  # with the arrival time
    assert page.table.currentIndex().row() == 3  # the current cell stays where it was
    press(qtbot, page, 1, 1, Qt.Key.Key_Delete)
    assert status(workspace, session, 1, 1) is None
    assert page.model.index(1, 1).data() == ""
    # Arrow keys move; the next letter marks the cell moved to.
    qtbot.keyClick(page.table, Qt.Key.Key_Right)
    qtbot.keyClick(page.table, Qt.Key.Key_R)  # "retard"
    assert status(workspace, session, 1, 2) == "late"
    # The totals follow.
    assert page.totals_model.index(ATTENDED_ROW, 1).data() == "2/4"
    assert page.totals_model.index(BY_SEX_ROW, 1).data() == "1 · 1"  # TRAORÉ w late, COULIBALY m
    assert page.model.index(0, page.model.rate_column).data() == "25%"
    page.table.setCurrentIndex(page.model.index(0, 1))
    assert page.current_totals.text().endswith("Present 2/4 · women 1 · men 1")


def test_clicks_cycle_a_cell(qtbot, workspace, session, periods, open_page):
    page = open_page()
    seen = []
    for _step in range(5):
        click(qtbot, page, 2, 3)
        seen.append(status(workspace, session, 2, 3))
        assert page.model.index(2, 3).data(StatusRole) == seen[-1]
    assert seen == ["present", "late", "absent", "excused", None]
    click(qtbot, page, 2, NAME)  # the name column is not a cell to mark
    assert status(workspace, session, 2, 3) is None


def test_changes_made_elsewhere_show_at_once(qtbot, workspace, session, periods, runner,
                                              open_page):  # fmt: skip
    page = open_page()
    person = people(workspace, session)[0]
    runner.run(None, workspace.attendance.set_mark, person.enrolment.id, periods[1].id,
               "excused", changes={operations.ATTENDANCE})  # fmt: skip
    assert page.model.index(0, 2).data() == "E"


def test_the_session_page_has_an_attendance_tab(qtbot, workspace, session, runner):
    page = SessionPage(workspace, runner, session.id)
    qtbot.addWidget(page)
    labels = [page.tabs.tabText(i) for i in range(page.tabs.count())]
    assert "Attendance" in labels
    assert isinstance(page.tab_widgets()[labels.index("Attendance")], AttendancePage)


def test_print_sheet_saves_and_opens_the_pdf(qtbot, monkeypatch, tmp_path, workspace, session,
                                             periods, open_page):  # fmt: skip
    out = tmp_path / "feuille"
    monkeypatch.setattr(QFileDialog, "getSaveFileName",
                        lambda *args, **kwargs: (str(out), "PDF documents (*.pdf)"))  # fmt: skip
    opened: list[QUrl] = []
    monkeypatch.setattr(QDesktopServices, "openUrl", lambda url: opened.append(url) or True)
    page = open_page()
    page.table.setCurrentIndex(page.model.index(0, 2))  # Tuesday afternoon
    qtbot.mouseClick(page.print_button, Qt.MouseButton.LeftButton)
    dialog = page.print_dialog
    assert dialog is not None and dialog.selected_period().id == periods[1].id
    dialog.signed.setChecked(True)
    qtbot.mouseClick(dialog.ok_button, Qt.MouseButton.LeftButton)
    written = Path(f"{out}.pdf")
    assert written.read_bytes().startswith(b"%PDF")
    assert [Path(u.toLocalFile()) for u in opened] == [written]
    assert page.print_dialog is None
