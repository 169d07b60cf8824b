"""Copies of the database in ``backups/`` beside it, taken with SQLite's online backup API, and
restoring one.

- **Daily**: the first time the application opens the database on a day; the last
  :data:`DAILY_KEPT` days are kept.
- **Before an import** (when a bundle is about to change something), **before an upgrade** of the
  schema and **before a restore**: the last :data:`EVENT_KEPT` of each kind are kept.

A copy is written to a ``.part`` file and renamed when complete, so a power cut never leaves a
half copy that looks whole. Restoring checks the copy first (a Trainer Desktop database this
version can open, intact), keeps a copy of the current state, then writes the copy over the
database through the backup API (the WAL is handled by SQLite). Nothing leaves the data folder.
"""

from __future__ import annotations

import datetime as dt
import os
import re
import sqlite3
from dataclasses import dataclass
from pathlib import Path

from .errors import UserError
from .i18n import N_, _

FOLDER = "backups"
DAILY_KEPT = 7
EVENT_KEPT = 5
#: What each kind of copy is called where people see it.
KINDS = {
    "daily": N_("Daily"),
    "before-import": N_("Before an import"),
    "before-upgrade": N_("Before an upgrade"),
    "before-restore": N_("Before a restore"),
    "manual": N_("Made by hand"),
}
_NAME = re.compile(r"^(?P<stem>.+)-(?P<stamp>\d{8}-\d{6})-(?P<kind>[a-z-]+?)(?:-\d+)*\.sqlite$")


@dataclass(frozen=True)
class Backup:
    path: Path
    kind: str
    taken: dt.datetime
    size: int

    @property
    def label(self) -> str:
        return _(KINDS.get(self.kind, self.kind))


def folder_of(db_path: Path) -> Path:
    return Path(db_path).absolute().parent / FOLDER


def _kind_of(name_kind: str) -> str:
    # Copies taken before migrations by older versions were named "before-migration-REV".
    return "before-upgrade" if name_kind.startswith("before-migration") else name_kind


def list_backups(db_path: Path) -> list[Backup]:
    """The copies of the database at ``db_path``, newest first."""
    folder = folder_of(db_path)
    if not folder.is_dir():
        return []
    stem = Path(db_path).stem
    found = []
    for path in folder.glob(f"{stem}-*.sqlite"):
        match = _NAME.match(path.name)
        if not match or match["stem"] != stem:
            continue
        taken = dt.datetime.strptime(match["stamp"], "%Y%m%d-%H%M%S")
        found.append(Backup(path, _kind_of(match["kind"]), taken, path.stat().st_size))
    return sorted(found, key=lambda b: (b.taken, b.path.name), reverse=True)


def _copy(source: Path, target: Path) -> None:
    """``source`` copied page by page into ``target`` with SQLite's backup API."""
    src = sqlite3.connect(f"{source.absolute().as_uri()}?mode=ro", uri=True, timeout=3)
    try:
        dst = sqlite3.connect(target, timeout=3)
        try:
            src.backup(dst)
        finally:
            dst.close()
    finally:
        src.close()


def take_backup(db_path: Path, kind: str, now: dt.datetime | None = None) -> Path:
    """A complete copy of the database at ``db_path`` in the backups folder, then old copies of
    the same kind pruned; returns the copy's path."""
    if kind not in KINDS:
        raise ValueError(kind)
    db_path = Path(db_path).absolute()
    folder = folder_of(db_path)
    folder.mkdir(parents=True, exist_ok=True)
    stamp = (now or dt.datetime.now()).strftime("%Y%m%d-%H%M%S")
    target = folder / f"{db_path.stem}-{stamp}-{kind}.sqlite"
    n = 1
    while target.exists():
        n += 1
        target = folder / f"{db_path.stem}-{stamp}-{kind}-{n}.sqlite"
    part = target.with_name(target.name + ".part")
    part.unlink(missing_ok=True)
    try:
        _copy(db_path, part)
        os.replace(part, target)
    except BaseException:
        part.unlink(missing_ok=True)
        raise
    prune(db_path)
    return target


def daily_backup(db_path: Path, now: dt.datetime | None = None) -> Path | None:
    """Today's copy, unless one was already taken today; returns it, or None."""
    now = now or dt.datetime.now()
    if any(b.kind == "daily" and b.taken.date() == now.date() for b in list_backups(db_path)):
        return None
    return take_backup(db_path, "daily", now)


def prune(db_path: Path) -> list[Path]:
    """Remove the copies beyond the last :data:`DAILY_KEPT` days and the last
    :data:`EVENT_KEPT` of each other kind (hand-made copies are kept); returns what went."""
    removed = []
    by_kind: dict[str, list[Backup]] = {}
    for backup in list_backups(db_path):
        by_kind.setdefault(backup.kind, []).append(backup)
    for kind, copies in by_kind.items():
        if kind == "manual":
            continue
        keep = DAILY_KEPT if kind == "daily" else EVENT_KEPT
        for backup in copies[keep:]:
            backup.path.unlink(missing_ok=True)
            removed.append(backup.path)
    return removed


def check_backup(path: Path) -> None:
    """Raise :class:`UserError` naming the file unless it is an intact Trainer Desktop database
    this version can open."""
    from .database import APPLICATION_ID, KNOWN_REVISIONS, _inspect_file

    path = Path(path)
    problem = _("{file} is not a copy of a Trainer Desktop database.").format(file=path.name)
    try:
        app_id, revision, _tables = _inspect_file(path)
    except (OSError, sqlite3.Error) as exc:
        raise UserError(problem) from exc
    if app_id != APPLICATION_ID:
        raise UserError(problem)
    if revision not in KNOWN_REVISIONS:
        raise UserError(_("{file} was written by a newer version of Trainer Desktop; update the "
                          "application to restore it.").format(file=path.name))  # fmt: skip
    conn = sqlite3.connect(f"{path.absolute().as_uri()}?mode=ro", uri=True)
    try:
        verdict = conn.execute("PRAGMA integrity_check").fetchone()[0]
    except sqlite3.Error as exc:
        raise UserError(problem) from exc
    finally:
        conn.close()
    if verdict != "ok":
        raise UserError(_("{file} is damaged ({problem}); choose another copy.").format(
            file=path.name, problem=verdict))  # fmt: skip


def restore_backup(db_path: Path, backup: Path) -> Path:
    """Put the copy ``backup`` in place of the database at ``db_path`` (which nothing may have
    open); returns the copy of the state before, kept in case the restore was a mistake.

    The copy is checked first: a damaged or foreign file changes nothing.
    """
    db_path, backup = Path(db_path).absolute(), Path(backup).absolute()
    check_backup(backup)
    before = take_backup(db_path, "before-restore") if db_path.exists() else None
    try:
        _copy(backup, db_path)  # one transaction: the database is the old one or the copy, whole
    except sqlite3.OperationalError as exc:
        raise UserError(_("The database is in use; close Trainer Desktop's other windows and "
                          "try again ({error}).").format(error=exc)) from exc  # fmt: skip
    return before or backup
