"""Fixtures shared by the GUI tests."""

from __future__ import annotations

import pytest
from PySide6.QtWidgets import QMessageBox

from trainer_desktop.ui.operations import OperationRunner


@pytest.fixture
def warnings(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """Messages the runner (or a dialog) would have shown in a warning box."""
    shown: list[str] = []

    def warning(_parent, _title, text, *args, **kwargs):  # noqa: ANN001, ANN002, ANN003, ANN202
        shown.append(text)
        return QMessageBox.StandardButton.Ok

    monkeypatch.setattr(QMessageBox, "warning", warning)
    return shown


class Boxes:
    """Stands in for QMessageBox's static calls: records them, answers questions from a list."""

    def __init__(self) -> None:
        self.warnings: list[str] = []
        self.questions: list[str] = []
        self.answers: list[QMessageBox.StandardButton] = []

    def warning(self, parent, title, text, *args):  # noqa: ANN001, ANN002, ANN201
        self.warnings.append(text)
        return QMessageBox.StandardButton.Ok

    def question(self, parent, title, text, *args):  # noqa: ANN001, ANN002, ANN201
        self.questions.append(text)
        assert self.answers, f"unexpected question: {text}"
        return self.answers.pop(0)


@pytest.fixture
def boxes(monkeypatch: pytest.MonkeyPatch) -> Boxes:
    """Message boxes recorded instead of shown (a module uses it for every test with
    ``pytestmark = pytest.mark.usefixtures("boxes")``)."""
    stand_in = Boxes()
    monkeypatch.setattr(QMessageBox, "warning", stand_in.warning)
    monkeypatch.setattr(QMessageBox, "critical", stand_in.warning)
    monkeypatch.setattr(QMessageBox, "information", stand_in.warning)
    monkeypatch.setattr(QMessageBox, "question", stand_in.question)
    return stand_in


@pytest.fixture
def runner(qtbot) -> OperationRunner:  # noqa: ANN001
    return OperationRunner()
