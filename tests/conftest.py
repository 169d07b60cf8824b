"""Shared fixtures: Qt offscreen, and a fresh database per test copied from a template that is
migrated once per run (after Anki's tests/shared.py)."""

from __future__ import annotations

import os

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
# No test may read or write the real user's database or settings.
os.environ.pop("TRAINER_DESKTOP_DB", None)

import sqlite3  # noqa: E402
from collections.abc import Callable, Iterator  # noqa: E402
from pathlib import Path  # noqa: E402

import pytest  # noqa: E402

from trainer_desktop.core import i18n  # noqa: E402
from trainer_desktop.core.database import open_database  # noqa: E402
from trainer_desktop.core.device import ensure_device  # noqa: E402
from trainer_desktop.core.workspace import Workspace  # noqa: E402
from workspaces import clone_template  # noqa: E402


@pytest.fixture(scope="session")
def template_db(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("template") / "template.sqlite"
    db = open_database(path)
    ensure_device(db)
    db.close()
    conn = sqlite3.connect(path)
    conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    conn.close()
    return path


@pytest.fixture
def make_workspace(
    tmp_path: Path, template_db: Path
) -> Iterator[Callable[..., Workspace]]:
    """Factory: ``make_workspace(name="a")`` gives a new, migrated, empty database with its own
    device id (so several workspaces in one test are several laptops)."""
    opened: list[Workspace] = []

    def factory(name: str = "db", device_name: str | None = None) -> Workspace:
        workspace = clone_template(template_db, tmp_path / f"{name}.sqlite", device_name or name)
        opened.append(workspace)
        return workspace

    yield factory
    for workspace in opened:
        workspace.close()


@pytest.fixture
def workspace(make_workspace: Callable[..., Workspace]) -> Workspace:
    return make_workspace()


@pytest.fixture(autouse=True)
def english_interface() -> Iterator[None]:
    """Tests read messages in English unless they choose otherwise; restored afterwards."""
    previous = i18n.current().language
    i18n.set_language("en")
    yield
    i18n.set_language(previous)


@pytest.fixture(autouse=True)
def no_blocking_modals(monkeypatch: pytest.MonkeyPatch) -> None:
    """A real modal dialog would block the test run forever (pytest-timeout cannot interrupt
    Qt's event loop): any modal a test did not patch fails the test instead."""
    from PySide6.QtWidgets import QDialog, QFileDialog, QInputDialog, QMessageBox

    def refuse(name: str):  # noqa: ANN202
        def modal(*args, **kwargs):  # noqa: ANN002, ANN003, ANN202
            raise AssertionError(f"unpatched modal {name}() in a test")

        return modal

    for owner, names in (
        (QMessageBox, ("question", "warning", "critical", "information", "about", "exec")),
        (QFileDialog, ("getOpenFileName", "getOpenFileNames", "getSaveFileName",
                       "getExistingDirectory", "exec")),
        (QInputDialog, ("getText", "getInt", "getItem", "exec")),
        (QDialog, ("exec",)),
    ):  # fmt: skip
        for name in names:
            monkeypatch.setattr(owner, name, refuse(f"{owner.__name__}.{name}"))
