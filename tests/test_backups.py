"""Copies of the database (core.backups): daily and event copies with rotation, a copy before an
import that changes something, restoring (checked first, undoable), and the command line."""

from __future__ import annotations

import datetime as dt
import sqlite3

import pytest

from trainer_desktop.bundles.exchange import export_bundle, import_bundles
from trainer_desktop.cli.main import main
from trainer_desktop.core import backups
from trainer_desktop.core.errors import UserError
from trainer_desktop.core.workspace import open_workspace

D = dt.date(2026, 3, 2)
NOON = dt.datetime(2026, 3, 2, 12, 0, 0)


def titles(path) -> list[str]:
    conn = sqlite3.connect(path)
    try:
        return sorted(r[0] for r in conn.execute(
            "SELECT title FROM training_session WHERE deleted = 0"))  # fmt: skip
    finally:
        conn.close()


@pytest.fixture
def db(make_workspace):
    workspace = make_workspace("trainer")
    workspace.sessions.create(title="Atelier Ségou", start_date=D, end_date=D)
    return workspace


def test_a_copy_holds_the_committed_data_and_leaves_no_partial_file(db):
    copy = backups.take_backup(db.path, "manual", NOON)
    assert copy.parent == db.path.parent / "backups"
    assert copy.name == "trainer-20260302-120000-manual.sqlite"
    assert titles(copy) == ["Atelier Ségou"]
    assert not list(copy.parent.glob("*.part"))
    [listed] = backups.list_backups(db.path)
    assert (listed.path, listed.kind, listed.taken) == (copy, "manual", NOON)
    assert listed.size == copy.stat().st_size > 0 and listed.label == "Made by hand"


def test_a_copy_that_fails_half_way_leaves_nothing(db, monkeypatch):
    def broken(source, target):
        target.write_bytes(b"half a database")
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(backups, "_copy", broken)
    with pytest.raises(OSError):
        backups.take_backup(db.path, "daily", NOON)
    assert list((db.path.parent / "backups").iterdir()) == []
    assert backups.list_backups(db.path) == []


def test_one_daily_copy_a_day_and_the_last_seven_days_kept(db):
    first = backups.daily_backup(db.path, NOON)
    assert first is not None
    assert backups.daily_backup(db.path, NOON + dt.timedelta(hours=5)) is None  # same day
    for day in range(1, 10):
        assert backups.daily_backup(db.path, NOON + dt.timedelta(days=day)) is not None
    daily = [b for b in backups.list_backups(db.path) if b.kind == "daily"]
    assert [b.taken.date() for b in daily] == [D + dt.timedelta(days=n) for n in range(9, 2, -1)]
    assert not first.exists()


def test_event_copies_keep_the_last_five_of_each_kind_and_hand_made_ones_all(db):
    for n in range(8):
        backups.take_backup(db.path, "before-import", NOON + dt.timedelta(minutes=n))
        backups.take_backup(db.path, "manual", NOON + dt.timedelta(minutes=n))
    backups.take_backup(db.path, "daily", NOON)
    kinds = [b.kind for b in backups.list_backups(db.path)]
    assert kinds.count("before-import") == backups.EVENT_KEPT == 5
    assert kinds.count("manual") == 8 and kinds.count("daily") == 1
    newest = max(b.taken for b in backups.list_backups(db.path) if b.kind == "before-import")
    assert newest == NOON + dt.timedelta(minutes=7)


def test_copies_taken_before_migrations_by_older_versions_are_listed(db):
    folder = db.path.parent / "backups"
    folder.mkdir()
    old = folder / "trainer-20250101-080000-before-migration-0001.sqlite"
    backups.take_backup(db.path, "manual", NOON).rename(old)
    [listed] = backups.list_backups(db.path)
    assert listed.kind == "before-upgrade" and listed.taken == dt.datetime(2025, 1, 1, 8)
    # Another database's copies in the same folder are not this one's.
    (folder / "other-20250101-080000-daily.sqlite").write_bytes(b"")
    assert [b.path for b in backups.list_backups(db.path)] == [old]


def test_importing_bundles_copies_the_database_first_only_when_something_changes(
    make_workspace, db, tmp_path
):
    bundle = export_bundle(db, tmp_path / "from-trainer").path
    coordinator = make_workspace("coordinator")
    coordinator.sessions.create(title="Déjà là", start_date=D, end_date=D)
    [result] = import_bundles(coordinator, [bundle])
    assert result.status == "imported"
    [copy] = backups.list_backups(coordinator.path)
    assert copy.kind == "before-import"
    assert titles(copy.path) == ["Déjà là"]  # the state before the import
    assert titles(coordinator.path) == ["Atelier Ségou", "Déjà là"]
    [again] = import_bundles(coordinator, [bundle])
    assert again.status == "already"
    assert len(backups.list_backups(coordinator.path)) == 1  # nothing changed: no new copy


def test_restoring_a_copy_brings_its_data_back_and_keeps_the_state_before(db):
    copy = backups.take_backup(db.path, "manual", NOON)
    db.sessions.create(title="Ajoutée après la copie", start_date=D, end_date=D)
    db.close()
    before = backups.restore_backup(db.path, copy)
    assert titles(db.path) == ["Atelier Ségou"]
    assert before.parent == copy.parent and "before-restore" in before.name
    assert titles(before) == ["Ajoutée après la copie", "Atelier Ségou"]
    # The restore can itself be undone, and the database opens as usual afterwards.
    backups.restore_backup(db.path, before)
    reopened = open_workspace(db.path)
    try:
        assert [s.title for s in reopened.sessions.list()] == ["Ajoutée après la copie",
                                                               "Atelier Ségou"]  # fmt: skip
    finally:
        reopened.close()


@pytest.mark.parametrize("content", [b"not a database at all", b""])
def test_a_file_that_is_not_a_copy_is_refused_and_changes_nothing(db, tmp_path, content):
    db.close()
    before = db.path.read_bytes()
    bad = tmp_path / "photo.sqlite"
    bad.write_bytes(content)
    with pytest.raises(UserError) as refused:
        backups.restore_backup(db.path, bad)
    assert "photo.sqlite" in refused.value.message
    assert db.path.read_bytes() == before
    assert backups.list_backups(db.path) == []  # not even a "before restore" copy


def test_a_sqlite_file_of_another_application_or_a_newer_version_is_refused(db, tmp_path):
    db.close()
    foreign = tmp_path / "other.sqlite"
    conn = sqlite3.connect(foreign)
    conn.execute("CREATE TABLE t (x)")
    conn.commit()
    conn.close()
    with pytest.raises(UserError, match="other.sqlite"):
        backups.restore_backup(db.path, foreign)
    newer = backups.take_backup(db.path, "manual", NOON)
    conn = sqlite3.connect(newer)
    conn.execute("UPDATE alembic_version SET version_num = '9999'")
    conn.commit()
    conn.close()
    with pytest.raises(UserError, match="newer version"):
        backups.restore_backup(db.path, newer)
    assert titles(db.path) == ["Atelier Ségou"]


def test_the_command_line_lists_takes_and_restores_copies(db, capsys):
    db.close()
    assert main(["--lang", "en", "backup", "list", "--db", str(db.path)]) == 0
    assert "No copy" in capsys.readouterr().out
    assert main(["--lang", "en", "backup", "create", "--db", str(db.path)]) == 0
    [copy] = backups.list_backups(db.path)
    assert str(copy.path) in capsys.readouterr().out
    assert main(["--lang", "en", "backup", "list", "--db", str(db.path)]) == 0
    listed = capsys.readouterr().out
    assert "Made by hand" in listed and str(copy.path) in listed
    later = open_workspace(db.path)
    later.sessions.create(title="Après", start_date=D, end_date=D)
    later.close()
    assert main(["--lang", "en", "backup", "restore", "--db", str(db.path), str(copy.path)]) == 0
    assert "before-restore" in capsys.readouterr().out
    assert titles(db.path) == ["Atelier Ségou"]
    missing = str(db.path.parent / "none")
    assert main(["--lang", "en", "backup", "restore", "--db", str(db.path), missing]) == 1
    assert "none" in capsys.readouterr().err
