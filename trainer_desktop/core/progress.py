"""Progress of a long task, and stopping it.

A long task (a report, a workbook, a batch of certificates) takes ``progress``: a callable given
``(done, total)`` as it goes. The callable returns ``False`` to stop the task; :func:`report`
then raises :class:`~.errors.Cancelled`, and the task leaves nothing behind (files are written
atomically). The GUI passes one that updates a progress dialog; the command line passes none.
"""

from __future__ import annotations

from collections.abc import Callable

from .errors import Cancelled
from .i18n import _

#: ``(done, total) -> False to stop``; any other return value goes on.
Progress = Callable[[int, int], "bool | None"]


def report(progress: Progress | None, done: int, total: int) -> None:
    """Tell ``progress`` how far the task is; raise :class:`Cancelled` if it asks to stop."""
    if progress is not None and progress(done, total) is False:
        raise Cancelled(_("Stopped before the end: nothing was written."))
