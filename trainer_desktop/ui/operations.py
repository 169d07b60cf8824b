"""The one way the GUI changes data (after Anki's ``aqt/operations``).

Every user action calls :meth:`OperationRunner.run` with a core function. The runner
- calls it (the core commits before returning, so what the screen then shows is saved);
- shows refused input (:class:`UserError`) in a warning naming what is wrong, and known database
  trouble (:class:`DatabaseUnavailable`) in an error box — nothing was changed in either case;
- asks the user when the core needs a confirmation (:class:`NeedsConfirmation`, e.g. two
  programme items at the same time) and, if they agree, runs it again with ``confirmed=True``;
- tells every open screen what changed (:attr:`changed`) so each decides whether to refresh.

Bugs are not caught here: they reach the application's exception hook.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass
from typing import Any, Generic, TypeVar

from PySide6.QtCore import QObject, Signal
from PySide6.QtWidgets import QMessageBox, QWidget

from trainer_desktop.core.errors import DatabaseUnavailable, NeedsConfirmation, UserError
from trainer_desktop.core.i18n import _

T = TypeVar("T")

#: Names of what an operation may change; screens refresh on the ones they show.
SESSIONS = "sessions"
PROGRAMME = "programme"
SETTINGS = "settings"
#: The participant registry and who is enrolled in which session.
PARTICIPANTS = "participants"
#: Sign-in periods and the marks and signatures of the attendance grid.
ATTENDANCE = "attendance"
#: The quiz library, a session's pre/post tests, attempts and answers.
QUIZZES = "quizzes"
#: The evaluation-form library, the forms a session uses, responses and answers.
EVALUATIONS = "evaluations"
#: The merge events waiting for a decision (conflicts, set-aside copies, future dates).
MERGE = "merge"


@dataclass(frozen=True)
class Outcome(Generic[T]):
    """What happened: ``ok`` is False when the input was refused or the user said no; a refusal
    carries its error, so a dialog can put the cursor in the field it names."""

    ok: bool
    value: T | None = None
    error: UserError | None = None


class OperationRunner(QObject):
    #: Emitted after a successful change with the frozenset of what changed and its source
    #: widget (or None), so the screen that made the change can skip a redundant refresh.
    changed = Signal(frozenset, object)

    def run(
        self,
        parent: QWidget | None,
        action: Callable[..., T],
        *args: Any,
        changes: Iterable[str] = (),
        **kwargs: Any,
    ) -> Outcome[T]:
        try:
            try:
                value = action(*args, **kwargs)
            except NeedsConfirmation as question:
                answer = QMessageBox.question(
                    parent,
                    _("Please confirm"),
                    question.message,
                    QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No,
                    QMessageBox.StandardButton.No,
                )
                if answer != QMessageBox.StandardButton.Yes:
                    return Outcome(False)
                value = action(*args, confirmed=True, **kwargs)
        except DatabaseUnavailable as exc:
            QMessageBox.critical(parent, _("Database problem"), exc.message)
            return Outcome(False, error=exc)
        except UserError as exc:
            QMessageBox.warning(parent, _("Cannot save"), exc.message)
            return Outcome(False, error=exc)
        changed = frozenset(changes)
        if changed:
            self.changed.emit(changed, parent)
        return Outcome(True, value)
