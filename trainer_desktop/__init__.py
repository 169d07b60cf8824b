"""Trainer Desktop: offline-first training sessions, attendance, tests, evaluations and reports."""

__version__ = "0.1.0"
