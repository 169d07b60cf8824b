"""A session's documents from its page: the report, the workbook and the participant list each
written in the language chosen and opened; the certificates given to exactly the people the
session's rule names, or to those the trainer ticks, in one file or one file per person."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from pathlib import Path
from typing import ClassVar

import pytest
from openpyxl import load_workbook
from pypdf import PdfReader
from PySide6.QtCore import Qt, QUrl
from PySide6.QtGui import QDesktopServices
from PySide6.QtWidgets import QFileDialog
from workspaces import clone_template

from trainer_desktop.core.demo import demo_id, load_demo
from trainer_desktop.core.device import Signatory
from trainer_desktop.core.reporting import SessionReport, session_report
from trainer_desktop.ui.programme_print import documents_folder
from trainer_desktop.ui.session_page import SessionPage
from trainer_desktop.ui.session_reports import (
    CertificateChoiceModel,
    CertificatesDialog,
    DocumentDialog,
)

pytestmark = pytest.mark.usefixtures("boxes")

MNP = demo_id("real/mnp-rabat-2019")  # 25 participants, 6 periods, 2 below the 80 % rule


@pytest.fixture(scope="module")
def demo(template_db: Path, tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple]:
    """The demo data and the MNP workshop's figures (loaded once: writing documents changes no
    data)."""
    folder = tmp_path_factory.mktemp("reports")
    workspace = clone_template(template_db, folder / "demo.sqlite", "demo")
    load_demo(workspace)
    workspace.settings.set_signatories([Signatory("Amina Bouayach", "Présidente du CNDH")])
    yield workspace, session_report(workspace, MNP)
    workspace.close()


@pytest.fixture
def page(qtbot, demo, runner) -> SessionPage:
    page = SessionPage(demo[0], runner, MNP)
    qtbot.addWidget(page)
    return page


@pytest.fixture
def files(monkeypatch, tmp_path):
    """The file dialogs answer ``files.answer`` (a file without its suffix) or ``files.folder``
    and record the names suggested; the files and folders opened are in ``files.opened``."""

    class Files:
        answer = str(tmp_path / "document")
        folder = str(tmp_path)
        suggested: ClassVar[list[str]] = []
        opened: ClassVar[list[Path]] = []

    def save_as(_parent, _title, suggested, file_filter):
        Files.suggested.append(suggested)
        return Files.answer, file_filter

    def folder(_parent, _title, suggested, *args):
        Files.suggested.append(suggested)
        return Files.folder

    monkeypatch.setattr(QFileDialog, "getSaveFileName", save_as)
    monkeypatch.setattr(QFileDialog, "getExistingDirectory", folder)
    monkeypatch.setattr(QDesktopServices, "openUrl",
                        lambda url: Files.opened.append(Path(QUrl(url).toLocalFile())) or True)  # fmt: skip
    Files.suggested, Files.opened = [], []
    return Files


def _text(path: Path) -> str:
    return " ".join(" ".join((p.extract_text() or "").split()) for p in PdfReader(path).pages)


def _action(page: SessionPage, text: str):
    (action,) = [a for a in page.report_actions if a.text() == text]
    return action


def _save(qtbot, dialog) -> None:
    with qtbot.waitSignal(dialog.finished, timeout=60_000):
        qtbot.mouseClick(dialog.ok_button, Qt.MouseButton.LeftButton)


def test_the_page_offers_the_four_documents_with_their_keys(page) -> None:
    menu = page.reports_button.menu()
    assert [a.text() for a in menu.actions() if not a.isSeparator()] == [
        "Session report (PDF)…",
        "Workbook (Excel)…",
        "Participant list (PDF)…",
        "Certificates…",
    ]
    keys = [a.shortcut().toString() for a in page.report_actions]
    assert keys == ["Ctrl+Shift+R", "Ctrl+Shift+X", "Ctrl+Shift+L", "Ctrl+Shift+C"]
    assert all(a in page.actions() for a in page.report_actions)  # keys work with the menu shut


def test_the_session_report_is_written_in_the_language_chosen_and_opened(qtbot, page, files,
                                                                          tmp_path) -> None:  # fmt: skip
    _action(page, "Session report (PDF)…").trigger()
    dialog = page.findChild(DocumentDialog)
    assert dialog.language.currentData() == "fr"  # the session's language
    dialog.language.setCurrentIndex(dialog.language.findData("en"))
    _save(qtbot, dialog)
    out = tmp_path / "document.pdf"
    assert files.opened == [out] and dialog.saved_to == out
    # The long title is cut at a word, before its 100th character.
    name = (
        "Atelier sur la mise en œuvre du mandat des Mécanismes nationaux de prévention (MNP) "
        "par les - Session report.pdf"
    )
    assert files.suggested == [str(documents_folder() / name)]
    text = _text(out)
    assert "Session report" in text and "Rapport" not in text


def test_the_workbook_is_written_where_suggested(qtbot, page, files, tmp_path) -> None:
    dialog = page.open_document("workbook")
    assert dialog.ok_button.text() == "Save as Excel…"
    _save(qtbot, dialog)
    out = tmp_path / "document.xlsx"
    assert files.opened == [out]
    assert Path(files.suggested[0]).name.endswith(" (MNP) par les - Classeur.xlsx")  # the session's language
    book = load_workbook(out, read_only=True)
    try:
        assert len(book.sheetnames) >= 5  # summary, session, programme, participants, attendance
    finally:
        book.close()


def test_the_participant_list_names_every_participant(qtbot, page, demo, files, tmp_path) -> None:
    data: SessionReport = demo[1]
    dialog = page.open_document("participants")
    _save(qtbot, dialog)
    out = tmp_path / "document.pdf"
    assert files.opened == [out]
    text = _text(out)
    for line in data.participants[:5]:
        assert line.person.participant.given_names.split()[0] in text


def test_cancelling_the_file_dialog_writes_nothing_and_keeps_the_dialog(qtbot, page, files,
                                                                        tmp_path) -> None:  # fmt: skip
    files.answer = ""
    dialog = page.open_document("report")
    qtbot.mouseClick(dialog.ok_button, Qt.MouseButton.LeftButton)
    assert dialog.isVisible() and dialog.saved_to is None
    assert files.opened == [] and list(tmp_path.iterdir()) == []


def _certificates(qtbot, page: SessionPage) -> CertificatesDialog:
    _action(page, "Certificates…").trigger()
    dialog = page.findChild(CertificatesDialog)
    assert dialog is not None and dialog.isVisible()
    return dialog


def _ticked_rows(dialog: CertificatesDialog) -> list[int]:
    model = dialog.model
    return [row for row in range(model.rowCount())
            if model.index(row, model.NAME).data(Qt.ItemDataRole.CheckStateRole)
            == Qt.CheckState.Checked]  # fmt: skip


def test_the_dialog_ticks_exactly_those_who_attended_enough(qtbot, page, demo) -> None:
    data: SessionReport = demo[1]
    dialog = _certificates(qtbot, page)
    model = dialog.model
    eligible = [line.person.enrolment.id for line in data.participants if line.eligible]
    assert len(eligible) == 23 and model.rowCount() == 25
    assert model.ticked_ids() == eligible
    assert _ticked_rows(dialog) == [i for i, ln in enumerate(data.participants) if ln.eligible]
    assert "at least 80% of the sign-in periods" in dialog.rule_label.text()
    assert "23 of 25 participants" in dialog.rule_label.text()
    assert dialog.count_label.text() == "23 certificates to print"
    # The two left out show why: 4 periods of 6 attended.
    for row, line in enumerate(data.participants):
        if not line.eligible:
            shown = model.index(row, CertificateChoiceModel.ATTENDANCE).data()
            assert shown == "67% (below 80%)"
    assert "Amina Bouayach, Présidente du CNDH" in dialog.signatories_label.text()


def test_unticking_one_person_prints_one_page_fewer(qtbot, page, demo, files, tmp_path) -> None:
    data: SessionReport = demo[1]
    dialog = _certificates(qtbot, page)
    first = next(i for i, line in enumerate(data.participants) if line.eligible)
    dialog.table.setCurrentIndex(dialog.model.index(first, CertificateChoiceModel.NAME))
    qtbot.keyClick(dialog.table, Qt.Key.Key_Space)  # the trainer unticks her
    assert dialog.count_label.text() == "22 certificates to print"
    assert data.participants[first].person.enrolment.id not in dialog.model.ticked_ids()
    _save(qtbot, dialog)
    out = tmp_path / "document.pdf"
    assert files.opened == [out] and dialog.saved_to == [out]
    reader = PdfReader(out)
    assert len(reader.pages) == 22
    name = data.participants[first].person.participant.family_name
    assert name.upper() not in _text(out).upper()


def test_one_file_per_person_fills_a_new_folder_named_after_the_session(qtbot, page, files,
                                                                         tmp_path) -> None:  # fmt: skip
    dialog = _certificates(qtbot, page)
    dialog.language.setCurrentIndex(dialog.language.findData("en"))
    qtbot.mouseClick(dialog.per_person, Qt.MouseButton.LeftButton)
    _save(qtbot, dialog)
    (folder,) = tmp_path.iterdir()
    assert folder.name.endswith(" (MNP) par les - Certificates")
    written = sorted(folder.glob("*.pdf"))
    assert len(written) == 23 == len(dialog.saved_to)
    assert sorted(dialog.saved_to) == written and files.opened == [folder]
    assert all(len(PdfReader(path).pages) == 1 for path in written[:3])


def test_ticking_all_then_none_of_the_rule_and_nothing_to_print(qtbot, page) -> None:
    dialog = _certificates(qtbot, page)
    qtbot.mouseClick(dialog.all_button, Qt.MouseButton.LeftButton)
    assert len(dialog.model.ticked_ids()) == 25
    qtbot.mouseClick(dialog.eligible_button, Qt.MouseButton.LeftButton)
    assert len(dialog.model.ticked_ids()) == 23 and dialog.ok_button.isEnabled()


def test_without_sign_in_periods_nobody_is_ticked_and_nothing_can_be_saved(qtbot, workspace,
                                                                            runner) -> None:  # fmt: skip
    day = dt.date(2022, 11, 8)
    session = workspace.sessions.create(title="Atelier", start_date=day, end_date=day)
    workspace.participants.create_and_enrol(session.id, family_name="Traoré", given_names="Awa",
                                            sex="woman")  # fmt: skip
    page = SessionPage(workspace, runner, session.id)
    qtbot.addWidget(page)
    dialog = page.open_certificates()
    assert dialog.model.rowCount() == 1 and dialog.model.ticked_ids() == []
    assert "no sign-in periods" in dialog.rule_label.text()
    assert dialog.model.index(0, CertificateChoiceModel.ATTENDANCE).data() == "No sign-in periods"
    assert not dialog.ok_button.isEnabled()
    assert "no signature lines" in dialog.signatories_label.text()
