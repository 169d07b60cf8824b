"""A long task (a report, a workbook, a batch of certificates) with a progress dialog and Cancel.

The task runs in a worker thread so the window keeps painting; it reports ``(done, total)``
through :mod:`core.progress`, and Cancel makes its next report raise
:class:`~trainer_desktop.core.errors.Cancelled` — the writers leave no file behind. Refused input
(:class:`UserError`) is shown in a warning; bugs are raised in the GUI thread as usual.

The dialog appears only if the task lasts more than half a second: a quick export just happens.
"""

from __future__ import annotations

import threading
from collections.abc import Callable
from typing import Any, Generic, TypeVar

from PySide6.QtCore import QEventLoop, QThread, Signal
from PySide6.QtWidgets import QMessageBox, QProgressDialog, QWidget

from trainer_desktop.core.errors import Cancelled, UserError
from trainer_desktop.core.i18n import _
from trainer_desktop.core.progress import Progress

T = TypeVar("T")


class TaskJob(QThread, Generic[T]):
    """Runs ``task(progress)`` off the GUI thread; its signals reach the GUI queued."""

    progressed = Signal(int, int)

    def __init__(self, task: Callable[[Progress], T], parent: Any = None) -> None:
        super().__init__(parent)
        self.task = task
        self.result: T | None = None
        self.error: BaseException | None = None
        self._cancel = threading.Event()

    def run(self) -> None:  # in the worker thread
        try:
            self.result = self.task(self._progress)
        except BaseException as exc:  # noqa: BLE001 - handed to the GUI thread
            self.error = exc

    def _progress(self, done: int, total: int) -> bool:
        self.progressed.emit(done, total)
        return not self._cancel.is_set()

    def cancel(self) -> None:
        """Stop at the task's next progress report."""
        self._cancel.set()


def run_with_progress(parent: QWidget | None, title: str, label: str,
                      task: Callable[[Progress], T]) -> T | None:  # fmt: skip
    """Run ``task`` with a progress dialog; its result, or None when cancelled or refused."""
    dialog = QProgressDialog(label, _("Cancel"), 0, 0, parent)
    dialog.setWindowTitle(title)
    dialog.setMinimumDuration(500)
    dialog.setAutoReset(False)
    dialog.setAutoClose(False)
    dialog.setMinimumWidth(380)
    job: TaskJob[T] = TaskJob(task)

    def show(done: int, total: int) -> None:
        if total > 0:
            dialog.setMaximum(total)
            dialog.setValue(min(done, total))

    job.progressed.connect(show)
    dialog.canceled.connect(job.cancel)
    loop = QEventLoop()
    job.finished.connect(loop.quit)
    job.start()
    if not job.isFinished():
        loop.exec()
    job.wait()
    dialog.close()
    dialog.deleteLater()
    if isinstance(job.error, Cancelled):
        return None
    if isinstance(job.error, UserError):
        QMessageBox.warning(parent, title, job.error.message)
        return None
    if job.error is not None:
        raise job.error
    return job.result
