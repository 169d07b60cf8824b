"""Fixtures shared by the GUI tests."""

from __future__ import annotations

import pytest
from PySide6.QtWidgets import QMessageBox


@pytest.fixture
def warnings(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """Messages the runner (or a dialog) would have shown in a warning box."""
    shown: list[str] = []

    def warning(_parent, _title, text, *args, **kwargs):  # noqa: ANN001, ANN002, ANN003, ANN202
        shown.append(text)
        return QMessageBox.StandardButton.Ok

    monkeypatch.setattr(QMessageBox, "warning", warning)
    return shown
