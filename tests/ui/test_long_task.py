"""Long tasks: progress reaches the dialog, Cancel stops the task, refusals are shown."""

from __future__ import annotations

import threading

import pytest
from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication, QProgressDialog, QPushButton

from trainer_desktop.core.errors import ValidationError
from trainer_desktop.core.progress import report
from trainer_desktop.ui.long_task import run_with_progress


def test_the_task_runs_off_the_gui_thread_and_gives_its_result(qtbot):
    seen: list[tuple[int, int]] = []

    def task(progress):
        assert threading.current_thread() is not threading.main_thread()
        for done in range(4):
            report(lambda d, t: seen.append((d, t)) or progress(d, t), done, 3)
        return "written"

    assert run_with_progress(None, "Export", "Writing…", task) == "written"
    assert seen == [(0, 3), (1, 3), (2, 3), (3, 3)]


def test_cancel_stops_the_task_at_its_next_report_and_gives_none(qtbot):
    started = threading.Event()
    reports: list[int] = []

    def task(progress):
        for done in range(2_000):
            started.set()
            reports.append(done)
            report(progress, done, 2_000)
            threading.Event().wait(0.005)
        return "finished"

    def press_cancel() -> None:
        dialogs = [w for w in QApplication.topLevelWidgets() if isinstance(w, QProgressDialog)]
        if started.is_set() and dialogs:
            dialogs[0].findChild(QPushButton).click()  # the dialog's Cancel button
        else:
            QTimer.singleShot(20, press_cancel)

    QTimer.singleShot(20, press_cancel)
    assert run_with_progress(None, "Export", "Writing…", task) is None
    assert 0 < len(reports) < 2_000


def test_a_refusal_is_shown_in_a_warning_and_gives_none(qtbot, warnings):
    def task(progress):
        raise ValidationError("Nobody attended enough for a certificate.")

    assert run_with_progress(None, "Certificates", "Writing…", task) is None
    assert warnings == ["Nobody attended enough for a certificate."]


def test_a_bug_is_raised_in_the_gui_thread(qtbot):
    def task(progress):
        raise ZeroDivisionError("a bug")

    with pytest.raises(ZeroDivisionError):
        run_with_progress(None, "Export", "Writing…", task)
