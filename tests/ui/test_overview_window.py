"""The overview across sessions on the demo data: the figures shown are the core's, a filter
counts them again, exports write their files, a session opens from the table, and the main
window's actions open the window and the certificate check."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from pathlib import Path

import pytest
from openpyxl import load_workbook
from PySide6.QtCore import QDate, Qt
from PySide6.QtGui import QDesktopServices
from PySide6.QtWidgets import QFileDialog
from workspaces import clone_template

from trainer_desktop.core.demo import demo_id, load_demo
from trainer_desktop.core.i18n import Translator
from trainer_desktop.core.overview import OverviewFilter, overview
from trainer_desktop.core.workspace import Workspace
from trainer_desktop.ui.certificate_check import CertificateCheckDialog
from trainer_desktop.ui.main_window import MainWindow
from trainer_desktop.ui.overview_window import CountsModel, OverviewWindow, SessionRowsModel


@pytest.fixture(scope="module")
def demo(template_db: Path, tmp_path_factory: pytest.TempPathFactory) -> Iterator[Workspace]:
    """The demo data, loaded once: these tests only read it."""
    workspace = clone_template(template_db, tmp_path_factory.mktemp("overview") / "demo.sqlite",
                               "head office")  # fmt: skip
    load_demo(workspace)
    yield workspace
    workspace.close()


def _counted(qtbot, window: OverviewWindow) -> None:
    qtbot.waitUntil(lambda: not window.is_counting() and window.figures is not None)


@pytest.fixture
def window(qtbot, demo, runner) -> OverviewWindow:
    window = OverviewWindow(demo, runner)
    qtbot.addWidget(window)
    window.show()
    _counted(qtbot, window)
    return window


def _shown(window: OverviewWindow) -> dict[str, str]:
    return {key: label.text() for key, label in window.figure_labels.items()}


def _titles(window: OverviewWindow) -> list[str]:
    model = window.sessions_model
    return [model.row_at(r).session.title for r in range(model.rowCount())]


def test_the_figures_shown_are_the_overviews(window, demo):
    expected = overview(demo)
    # The demo: 13 sessions, 110 people (129 enrolments), 29 women and 81 men.
    assert (len(expected.sessions), expected.people, expected.enrolments) == (13, 110, 129)
    assert _shown(window) == {
        "sessions": "13", "people": "110", "woman": "29", "man": "81",
        "attendance": f"{round(100 * expected.attendance_rate)}%",
        "gain": f"+{expected.mean_gain:.1f}",
        "satisfaction": f"{round(100 * expected.satisfaction)}%",
    }  # fmt: skip
    assert window.caption_labels["woman"].text() == "women — 26%"  # 29 / 110
    assert window.caption_labels["people"].text().endswith("129 enrolments (a person trained "
                                                           "twice counts once)")  # fmt: skip
    assert _titles(window) == [r.session.title for r in expected.sessions]  # by start date
    first = window.sessions_model.row_at(0)
    assert window.sessions_model.index(0, SessionRowsModel.PARTICIPANTS).data() == str(
        first.participants)  # fmt: skip
    institutions = window.institutions_model
    assert [(institutions.index(r, CountsModel.NAME).data(),
             institutions.index(r, CountsModel.PEOPLE).data())
            for r in range(institutions.rowCount())][:2] == [
        (c.label, str(c.count)) for c in expected.by_institution[:2]]  # fmt: skip
    assert window.regions_model.rowCount() == len(expected.by_region)
    assert window.sex_chart.describe() == "Women: People 29\nMen: People 81"
    assert window.region_chart.describe().splitlines()[0] == (
        f"Ségou: People {expected.by_region[0].count}")  # fmt: skip


def test_typing_a_region_counts_again_for_that_region_only(qtbot, window, demo):
    with qtbot.waitSignal(window.refreshed, timeout=10_000):
        qtbot.keyClicks(window.choices["region"].lineEdit(), "mopti")  # case and accents ignored

    expected = overview(demo, OverviewFilter(region="Mopti"))
    assert window.current_filter().region == "mopti"
    assert _shown(window)["sessions"] == str(len(expected.sessions)) == "1"
    assert _shown(window)["people"] == str(expected.people) == "38"
    assert {window.sessions_model.row_at(r).session.region
            for r in range(window.sessions_model.rowCount())} == {"Mopti"}  # fmt: skip

    with qtbot.waitSignal(window.refreshed, timeout=10_000):
        qtbot.mouseClick(window.reset_button, Qt.MouseButton.LeftButton)
    assert window.choices["region"].currentText() == ""
    assert _shown(window)["sessions"] == "13"


def test_a_period_keeps_the_sessions_that_overlap_it(qtbot, window, demo):
    with qtbot.waitSignal(window.refreshed, timeout=10_000):
        window.from_date.setDate(QDate(2024, 1, 1))
        window.from_check.setChecked(True)
        window.to_date.setDate(QDate(2024, 12, 31))
        window.to_check.setChecked(True)

    wanted = OverviewFilter(start=dt.date(2024, 1, 1), end=dt.date(2024, 12, 31))
    assert window.current_filter() == wanted
    expected = overview(demo, wanted)
    assert _titles(window) == [r.session.title for r in expected.sessions]
    assert all(r.session.start_date.year == 2024 for r in expected.sessions)
    assert _shown(window)["people"] == str(expected.people)


def test_a_filter_nothing_fits_shows_dashes_and_cannot_export(qtbot, window):
    with qtbot.waitSignal(window.refreshed, timeout=10_000):
        qtbot.keyClicks(window.choices["town"].lineEdit(), "Tombouctou")

    assert _shown(window)["sessions"] == "0"
    assert _shown(window)["attendance"] == _shown(window)["gain"] == "—"
    assert window.sessions_model.rowCount() == 0
    assert not window.workbook_button.isEnabled() and not window.pdf_button.isEnabled()


@pytest.fixture
def saved(monkeypatch, tmp_path) -> list:
    """Save dialogs answer a file in tmp_path; opened files are recorded, not opened."""
    opened: list = []

    def save_as(_parent, _title, suggested, _kinds, *args):
        return str(tmp_path / Path(suggested).stem), ""  # without the extension

    monkeypatch.setattr(QFileDialog, "getSaveFileName", save_as)
    monkeypatch.setattr(QDesktopServices, "openUrl", lambda url: opened.append(url.toLocalFile()))
    return opened


def test_export_workbook_writes_the_filtered_workbook_in_the_chosen_language(
        qtbot, window, demo, saved, tmp_path):  # fmt: skip
    with qtbot.waitSignal(window.refreshed, timeout=10_000):
        qtbot.keyClicks(window.choices["region"].lineEdit(), "Mopti")
    window.language.setCurrentIndex(window.language.findData("fr"))

    qtbot.mouseClick(window.workbook_button, Qt.MouseButton.LeftButton)

    out = window.saved_to
    assert out is not None and out.parent == tmp_path and out.suffix == ".xlsx"
    assert out.name.startswith("Overview across sessions ")
    assert saved == [str(out)]
    from trainer_desktop.reports.overview_workbook import write_overview_workbook

    reference = write_overview_workbook(demo, OverviewFilter(region="Mopti"),
                                        tmp_path / "reference.xlsx", translator=Translator("fr"))  # fmt: skip
    book, expected = load_workbook(out, read_only=True), load_workbook(reference, read_only=True)
    assert book.sheetnames == expected.sheetnames
    for name in book.sheetnames:  # the same cells: one session's 38 participants, in French
        assert list(book[name].values) == list(expected[name].values)
    book.close()
    expected.close()


def test_export_pdf_writes_a_pdf_and_opens_it(qtbot, window, saved, tmp_path):
    pytest.importorskip("trainer_desktop.reports.overview_pdf")

    qtbot.mouseClick(window.pdf_button, Qt.MouseButton.LeftButton)

    out = window.saved_to
    assert out is not None and out.suffix == ".pdf" and out.parent == tmp_path
    assert out.read_bytes().startswith(b"%PDF")
    assert saved == [str(out)]


def test_cancelling_the_save_dialog_writes_nothing(window, monkeypatch, tmp_path):
    monkeypatch.setattr(QFileDialog, "getSaveFileName", lambda *args: ("", ""))
    assert window.export_workbook() is None
    assert window.saved_to is None and not list(tmp_path.iterdir())


def test_double_clicking_a_session_asks_to_open_it(qtbot, window):
    row = _titles(window).index("Atelier sur la communication interpersonnelle")
    table = window.sessions_table
    table.scrollTo(window.sessions_model.index(row, 0))
    window.scroll.ensureWidgetVisible(table)
    rect = table.visualRect(window.sessions_model.index(row, SessionRowsModel.TOWN))

    with qtbot.waitSignal(window.session_requested) as signal:
        qtbot.mouseClick(table.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
        qtbot.mouseDClick(table.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())

    assert signal.args == [window.sessions_model.row_at(row).session.id]


def test_the_main_window_opens_the_overview_and_the_certificate_check(qtbot, demo, runner):
    main = MainWindow(demo, runner)
    qtbot.addWidget(main)
    assert main.overview_action.shortcut().toString() == "Ctrl+Shift+O"

    main.overview_action.trigger()
    overview_window = main.overview_window
    assert isinstance(overview_window, OverviewWindow) and overview_window.isVisible()
    main.overview_action.trigger()
    assert main.overview_window is overview_window  # one at a time
    _counted(qtbot, overview_window)
    sevare = demo_id("real/opj-sevare-2022")
    overview_window.session_requested.emit(sevare)
    assert main.session_page is not None and main.session_page.session_id == sevare

    main.certificate_action.trigger()
    dialogs = [w for w in main.findChildren(CertificateCheckDialog) if w.isVisible()]
    assert len(dialogs) == 1
    dialogs[0].close()
    check = overview_window.check_certificate()
    assert isinstance(check, CertificateCheckDialog) and check.isVisible()
    check.close()

    overview_window.close()
    qtbot.waitUntil(lambda: main.overview_window is None)


def test_a_main_window_being_replaced_stops_the_overview_count_first(qtbot, demo, runner):
    """Changing the interface language replaces the main window: the overview's counting thread
    must be stopped before its window goes, or Qt aborts on a running QThread."""
    main = MainWindow(demo, runner)
    qtbot.addWidget(main)
    overview_window = main.open_overview()
    overview_window.recount()  # a count under way
    assert overview_window.is_counting()
    main.detach()
    assert not overview_window.is_counting() and not overview_window.isVisible()
