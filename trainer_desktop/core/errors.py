"""Errors the user can act on, as opposed to bugs.

A :class:`UserError` carries a message already translated into the interface language; the GUI
shows it in a message box, the command line prints it on one line and exits 1. Nothing has been
changed when one is raised.
"""

from __future__ import annotations


class UserError(Exception):
    """Input refused, with a translated message naming what is wrong."""

    def __init__(self, message: str, *, field: str | None = None) -> None:
        super().__init__(message)
        self.message = message
        self.field = field

    def __str__(self) -> str:
        return self.message


class ValidationError(UserError):
    """A value the user entered is not acceptable (empty title, dates out of order...)."""


class NotFoundError(UserError):
    """The record asked for does not exist (or was deleted)."""


class NeedsConfirmation(UserError):
    """The change is allowed, but only once the user confirms (e.g. overlapping programme items).

    The caller asks the user with :attr:`message` and retries with ``confirmed=True``.
    """


class DatabaseUnavailable(UserError):
    """The database cannot be used: unreadable, locked, full, not ours, or written by a newer
    version. Known conditions with a friendly message, never a traceback."""


class Cancelled(UserError):
    """The user stopped a long task (an export, a batch of certificates); nothing was written."""
