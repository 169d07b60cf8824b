"""Printing an evaluation form from the GUI: copies (one per participant by default), language,
for the session or blank; the file dialog in Documents with a good name; the PDF written,
opened and returned; cancelling, a vanished form and an unwritable file said clearly."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from pathlib import Path
from typing import ClassVar

import pytest
from pypdf import PdfReader
from PySide6.QtCore import QPoint, Qt, QUrl
from PySide6.QtGui import QDesktopServices
from PySide6.QtWidgets import QFileDialog, QWidget

from trainer_desktop.core.ready_forms import DAILY_MOOD, END_OF_SESSION, install_ready_forms
from trainer_desktop.ui.form_print import FormPrintDialog, form_file_name, print_form

pytestmark = pytest.mark.usefixtures("boxes")


@pytest.fixture
def session(workspace):
    install_ready_forms(workspace, "fr")
    session = workspace.sessions.create(title="Atelier OPJ: Mopti/Sévaré",
                                        start_date=dt.date(2022, 11, 8),
                                        end_date=dt.date(2022, 11, 10))  # fmt: skip
    for family, given in (("Traoré", "Awa"), ("Keïta", "Moussa"), ("Diarra", "Fatoumata")):
        workspace.participants.create_and_enrol(session.id, family_name=family, given_names=given,
                                                sex="woman")  # fmt: skip
    workspace.participants.create_and_enrol(session.id, role="facilitator", family_name="Coulibaly",
                                            given_names="Ibrahim", sex="man")  # fmt: skip
    return session


@pytest.fixture
def parent(qtbot):
    widget = QWidget()
    qtbot.addWidget(widget)
    return widget


@pytest.fixture
def save_as(monkeypatch, tmp_path):
    """The file dialog answers with ``save_as.answer`` (a path without .pdf, or "" to cancel)
    and records the suggested name; opened files are recorded in ``save_as.opened``."""

    class SaveAs:
        answer = str(tmp_path / "formulaire")
        suggested: ClassVar[list[str]] = []
        opened: ClassVar[list[Path]] = []

    def dialog(_parent, _title, suggested, _filter):
        SaveAs.suggested.append(suggested)
        return SaveAs.answer, _filter

    monkeypatch.setattr(QFileDialog, "getSaveFileName", dialog)
    monkeypatch.setattr(QDesktopServices, "openUrl",
                        lambda url: SaveAs.opened.append(Path(QUrl(url).toLocalFile())) or True)  # fmt: skip
    return SaveAs


@pytest.fixture
def trainer(monkeypatch, qtbot):
    """The modal dialog's run replaced by what the trainer does in it (``trainer.acts``, given
    the shown dialog); what the dialog showed is kept in ``trainer.seen``."""

    class Trainer:
        acts: Callable[[FormPrintDialog], None] = staticmethod(lambda dialog: None)
        seen: ClassVar[list[dict]] = []

    def run(dialog: FormPrintDialog) -> int:
        dialog.show()
        qtbot.waitExposed(dialog)
        Trainer.seen.append({"copies": dialog.copies.value(),
                             "language": dialog.language.currentData(),
                             "for_session": dialog.for_session.isChecked(),
                             "session_enabled": dialog.for_session.isEnabled()})  # fmt: skip
        Trainer.acts(dialog)
        if dialog.isVisible():  # a real exec would wait: the trainer gives up
            dialog.reject()
        return dialog.result()

    monkeypatch.setattr(FormPrintDialog, "exec", run)
    return Trainer


def _pages(path: Path) -> list[str]:
    return [" ".join((p.extract_text() or "").split()) for p in PdfReader(path).pages]


def _click_ok(qtbot):
    return lambda dialog: qtbot.mouseClick(dialog.ok_button, Qt.MouseButton.LeftButton)


def test_one_copy_per_participant_for_the_session_by_default(qtbot, workspace, session, parent,
                                                             save_as, trainer, tmp_path):  # fmt: skip
    trainer.acts = _click_ok(qtbot)
    written = print_form(parent, workspace, END_OF_SESSION.id, session.id)
    assert written == tmp_path / "formulaire.pdf" and save_as.opened == [written]
    # 3 participants (the facilitator fills no form), the form's language, the session.
    assert trainer.seen == [{"copies": 3, "language": "fr", "for_session": True,
                             "session_enabled": True}]  # fmt: skip
    suggested = Path(save_as.suggested[0])
    assert suggested.name == "Évaluation de fin de session - Atelier OPJ Mopti Sévaré.pdf"
    pages = _pages(written)
    assert len(pages) % 3 == 0
    first_pages = [page for page in pages if page.startswith("Évaluation de fin de session")]
    assert len(first_pages) == 3 and all("Atelier OPJ: Mopti/Sévaré" in p for p in first_pages)
    assert "1. Les objectifs de la formation ont été atteints." in pages[0]


def test_the_trainer_picks_english_two_copies_and_a_blank_form(qtbot, workspace, session, parent,
                                                               save_as, trainer):  # fmt: skip
    def acts(dialog):
        dialog.language.setCurrentIndex(dialog.language.findData("en"))
        dialog.copies.clear()
        qtbot.keyClicks(dialog.copies, "2")
        # On its circle: the button is wider than its text, and its middle is not clickable.
        qtbot.mouseClick(dialog.blank, Qt.MouseButton.LeftButton,
                         pos=QPoint(6, dialog.blank.height() // 2))  # fmt: skip
        qtbot.mouseClick(dialog.ok_button, Qt.MouseButton.LeftButton)

    trainer.acts = acts
    written = print_form(parent, workspace, DAILY_MOOD.id, session.id)
    assert Path(save_as.suggested[0]).name == "Humeur du jour.pdf"  # no session in the name
    pages = _pages(written)
    assert len(pages) == 2 and pages[0] == pages[1]  # the daily mood fits on one page
    assert "1. How do you feel about today's day?" in pages[0] and "Page 1 of 1" in pages[0]
    assert "Atelier" not in pages[0]


def test_without_a_session_only_a_blank_form(qtbot, workspace, session, parent, save_as,
                                             trainer, tmp_path):  # fmt: skip
    trainer.acts = _click_ok(qtbot)
    written = print_form(parent, workspace, END_OF_SESSION.id, None)
    assert trainer.seen == [{"copies": 1, "language": "fr", "for_session": False,
                             "session_enabled": False}]  # fmt: skip
    assert Path(save_as.suggested[0]).name == "Évaluation de fin de session.pdf"
    assert "Atelier" not in " ".join(_pages(written))


def test_cancelling_returns_nothing_and_writes_nothing(qtbot, workspace, session, parent, save_as,
                                                       trainer, tmp_path):  # fmt: skip
    trainer.acts = lambda dialog: dialog.reject()
    assert print_form(parent, workspace, END_OF_SESSION.id, session.id) is None
    assert save_as.suggested == []
    # Cancelling the file dialog keeps the print dialog open (here the trainer then gives up).
    save_as.answer = ""
    stayed = []

    def acts(dialog):
        qtbot.mouseClick(dialog.ok_button, Qt.MouseButton.LeftButton)
        stayed.append(dialog.isVisible())

    trainer.acts = acts
    assert print_form(parent, workspace, END_OF_SESSION.id, session.id) is None
    assert stayed == [True] and save_as.opened == [] and list(tmp_path.glob("*.pdf")) == []


def test_a_vanished_form_or_session_is_said(workspace, session, parent, boxes, save_as, trainer):
    workspace.evaluations.delete(DAILY_MOOD.id)
    assert print_form(parent, workspace, DAILY_MOOD.id, session.id) is None
    assert print_form(parent, workspace, END_OF_SESSION.id, "no-such-session") is None
    assert boxes.warnings == ["This form no longer exists.", "This session no longer exists."]
    assert trainer.seen == [] and save_as.suggested == []


def test_an_unwritable_file_is_said_and_the_dialog_stays(qtbot, workspace, session, parent,
                                                         save_as, boxes, trainer, tmp_path):  # fmt: skip
    blocker = tmp_path / "file"
    blocker.write_text("x")
    save_as.answer = str(blocker / "formulaire.pdf")
    stayed = []

    def acts(dialog):
        qtbot.mouseClick(dialog.ok_button, Qt.MouseButton.LeftButton)
        stayed.append(dialog.isVisible())

    trainer.acts = acts
    assert print_form(parent, workspace, END_OF_SESSION.id, session.id) is None
    assert len(boxes.warnings) == 1 and "Cannot write" in boxes.warnings[0]
    assert stayed == [True] and save_as.opened == []


def test_file_names_are_safe_for_windows():
    assert form_file_name('Éval <fin>: "J3"', "a/b\\c|d?e*") == "Éval fin J3 - a b c d e.pdf"
    assert form_file_name("...", None) == "Evaluation form.pdf"
