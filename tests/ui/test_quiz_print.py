"""Printing a session's test from the GUI: the choice of copies and language, the file dialog,
the PDF opened; a missing quiz or an unwritable file said clearly."""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import ClassVar

import pytest
from pypdf import PdfReader
from PySide6.QtCore import Qt, QUrl
from PySide6.QtGui import QDesktopServices
from PySide6.QtWidgets import QDialog, QFileDialog, QWidget

from trainer_desktop.core.quiz_content import Choice, Question, true_false
from trainer_desktop.ui.quiz_print import print_answer_key, print_quiz, quiz_file_name

pytestmark = pytest.mark.usefixtures("boxes")

QUESTIONS = [
    Question(kind="single", text="Who may order torture?",
             choices=(Choice("A superior", 0), Choice("Nobody, ever", 100))),
    true_false("Torture is allowed in a state of emergency.", False),
]  # fmt: skip


@pytest.fixture
def session(workspace):
    session = workspace.sessions.create(title="Atelier OPJ: Mopti/Sévaré",
                                        start_date=dt.date(2022, 11, 8),
                                        end_date=dt.date(2022, 11, 10))  # fmt: skip
    for family, given in (("Traoré", "Awa"), ("Keïta", "Moussa")):
        workspace.participants.create_and_enrol(session.id, family_name=family, given_names=given,
                                                sex="woman")  # fmt: skip
    quiz = workspace.quizzes.create("Torture", "fr", "", QUESTIONS)
    workspace.quizzes.assign(session.id, "pre", quiz.id)
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
        answer = str(tmp_path / "copie")
        suggested: ClassVar[list[str]] = []
        opened: ClassVar[list[Path]] = []

    def dialog(_parent, _title, suggested, _filter):
        SaveAs.suggested.append(suggested)
        return SaveAs.answer, _filter

    monkeypatch.setattr(QFileDialog, "getSaveFileName", dialog)
    monkeypatch.setattr(QDesktopServices, "openUrl",
                        lambda url: SaveAs.opened.append(Path(QUrl(url).toLocalFile())) or True)  # fmt: skip
    return SaveAs


def _text(path: Path) -> str:
    return " ".join(" ".join((p.extract_text() or "").split()) for p in PdfReader(path).pages)


def test_named_copies_are_the_default_and_open_once_written(qtbot, workspace, session, parent,
                                                            save_as, tmp_path):  # fmt: skip
    dialog = print_quiz(parent, workspace, session.id, "pre")
    assert dialog is not None and dialog.isVisible()
    assert dialog.named.isChecked() and "2 copies" in dialog.named.text()
    assert dialog.language.currentData() == "fr"  # the quiz's language
    dialog.language.setCurrentIndex(dialog.language.findData("en"))
    with qtbot.waitSignal(dialog.finished):
        qtbot.mouseClick(dialog.ok_button, Qt.MouseButton.LeftButton)
    written = tmp_path / "copie.pdf"
    assert save_as.opened == [written] and dialog.saved_to == written
    assert Path(save_as.suggested[0]).name == "Pre-test - Atelier OPJ Mopti Sévaré.pdf"
    text = _text(written)
    assert "Name: KEÏTA Moussa" in text and "Name: TRAORÉ Awa" in text and "Page 1 of 1" in text


def test_one_blank_copy(qtbot, workspace, session, parent, save_as, tmp_path):
    dialog = print_quiz(parent, workspace, session.id, "pre")
    dialog.blank.setChecked(True)
    qtbot.mouseClick(dialog.ok_button, Qt.MouseButton.LeftButton)
    text = _text(tmp_path / "copie.pdf")
    assert "TRAORÉ" not in text and "Nobody, ever" in text and "Page 1 sur 1" in text


def test_without_participants_only_the_blank_copy_can_be_chosen(workspace, parent):
    session = workspace.sessions.create(title="Empty", start_date=dt.date(2022, 11, 8),
                                        end_date=dt.date(2022, 11, 8))  # fmt: skip
    quiz = workspace.quizzes.create("Q", "en", "", QUESTIONS)
    workspace.quizzes.assign(session.id, "post", quiz.id)
    dialog = print_quiz(parent, workspace, session.id, "post")
    assert not dialog.named.isEnabled() and dialog.blank.isChecked()
    assert dialog.language.currentData() == "en"
    dialog.reject()


def test_no_quiz_chosen_is_said_and_no_dialog_opens(workspace, session, parent, boxes, save_as):
    assert print_quiz(parent, workspace, session.id, "post") is None
    assert print_answer_key(parent, workspace, session.id, "post") is None
    assert boxes.warnings == ["No quiz is chosen for the post-test of this session."] * 2
    assert save_as.suggested == []


def test_cancelling_the_file_dialog_keeps_the_dialog_open(workspace, session, parent, save_as,
                                                          tmp_path, qtbot):  # fmt: skip
    save_as.answer = ""
    dialog = print_quiz(parent, workspace, session.id, "pre")
    qtbot.mouseClick(dialog.ok_button, Qt.MouseButton.LeftButton)
    assert dialog.isVisible() and dialog.saved_to is None and save_as.opened == []
    dialog.reject()


def test_an_unwritable_file_is_said_and_the_dialog_stays(workspace, session, parent, save_as,
                                                         boxes, tmp_path, qtbot):  # fmt: skip
    blocker = tmp_path / "file"
    blocker.write_text("x")
    save_as.answer = str(blocker / "copie.pdf")
    dialog = print_quiz(parent, workspace, session.id, "pre")
    qtbot.mouseClick(dialog.ok_button, Qt.MouseButton.LeftButton)
    assert len(boxes.warnings) == 1 and "Cannot write" in boxes.warnings[0]
    assert dialog.isVisible() and save_as.opened == []
    dialog.reject()


def test_answer_key_is_saved_in_the_quiz_language_and_opened(workspace, session, parent, save_as,
                                                              tmp_path):  # fmt: skip
    save_as.answer = str(tmp_path / "corrige")
    written = print_answer_key(parent, workspace, session.id, "pre")
    assert written == tmp_path / "corrige.pdf" and save_as.opened == [written]
    assert Path(save_as.suggested[0]).name == "Pre-test - answer key - Atelier OPJ Mopti Sévaré.pdf"
    text = _text(written)
    assert "1: b" in text and "Page 1 sur 1" in text


def test_file_names_are_safe_for_windows():
    assert quiz_file_name('a<b>:"c"/d\\e|f?g*', "post") == "Post-test - a b c d e f g.pdf"
    assert quiz_file_name("...", "pre", answer_key=True) == "Pre-test - answer key.pdf"


def test_the_dialog_lives_on_when_the_caller_drops_it(qtbot, workspace, session, parent, save_as,
                                                      tmp_path):  # fmt: skip
    import gc

    print_quiz(parent, workspace, session.id, "pre")  # as the quiz page does: result unused
    gc.collect()
    [dialog] = [w for w in parent.findChildren(QDialog) if w.isVisible()]
    qtbot.mouseClick(dialog.ok_button, Qt.MouseButton.LeftButton)
    assert save_as.opened == [tmp_path / "copie.pdf"]
