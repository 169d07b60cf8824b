"""Opening, migrating, refusing: the database file is never damaged or half-changed."""

from __future__ import annotations

import datetime as dt
import hashlib
import sqlite3
from pathlib import Path

import pytest
from alembic.autogenerate import compare_metadata
from alembic.config import Config
from alembic.migration import MigrationContext
from alembic.script import ScriptDirectory

from trainer_desktop.core import database
from trainer_desktop.core.database import SCHEMA_REVISION, open_database
from trainer_desktop.core.errors import DatabaseUnavailable
from trainer_desktop.core.models import Base
from trainer_desktop.core.workspace import open_workspace


def digest(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def test_schema_revision_constant_is_the_migrations_head():
    config = Config()
    config.set_main_option("script_location", str(Path(database.__file__).parent / "migrations"))
    script = ScriptDirectory.from_config(config)
    assert script.get_current_head() == SCHEMA_REVISION
    assert set(database.KNOWN_REVISIONS) == {r.revision for r in script.walk_revisions()}


def test_a_new_path_is_created_and_migrated_to_match_the_models(tmp_path):
    path = tmp_path / "new" / "folder" / "db.sqlite"
    db = open_database(path)
    with db.engine.connect() as conn:
        assert conn.exec_driver_sql("SELECT version_num FROM alembic_version").scalar() == SCHEMA_REVISION
        assert conn.exec_driver_sql("PRAGMA application_id").scalar() == database.APPLICATION_ID
        diff = compare_metadata(MigrationContext.configure(conn), Base.metadata)
    assert diff == []
    db.close()


def test_every_connection_uses_wal_foreign_keys_and_full_sync(workspace):
    with workspace.db.engine.connect() as conn:
        assert conn.exec_driver_sql("PRAGMA journal_mode").scalar() == "wal"
        assert conn.exec_driver_sql("PRAGMA foreign_keys").scalar() == 1
        assert conn.exec_driver_sql("PRAGMA synchronous").scalar() == 2  # FULL


def test_foreign_keys_are_enforced(workspace):
    from trainer_desktop.core import records
    from trainer_desktop.core.programme import ProgrammeItem

    with pytest.raises(Exception, match="FOREIGN KEY"):
        with workspace.db.write() as tx:
            stamp = workspace.clock.tick(tx)
            tx.add(records.create(ProgrammeItem, stamp, {
                "session_id": "no-such-session", "day": dt.date(2024, 1, 1),
                "start_time": dt.time(9), "end_time": dt.time(10), "title": "x",
                "objective": "", "speaker": "", "kind": "break"}))  # fmt: skip


def test_reopening_an_up_to_date_database_does_not_migrate_or_back_up(tmp_path, monkeypatch):
    path = tmp_path / "db.sqlite"
    open_database(path).close()
    monkeypatch.setattr(database, "_migrate", lambda *a: pytest.fail("migrated again"))
    open_database(path).close()
    assert not (tmp_path / "backups").exists()


def test_a_database_from_a_newer_version_is_refused_untouched(tmp_path):
    path = tmp_path / "db.sqlite"
    workspace = open_workspace(path)
    workspace.sessions.create(title="T", start_date=dt.date(2024, 1, 1), end_date=dt.date(2024, 1, 2))
    workspace.close()
    conn = sqlite3.connect(path)
    conn.execute("UPDATE alembic_version SET version_num = '0099'")
    conn.commit()
    conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    conn.close()
    before = digest(path)
    with pytest.raises(DatabaseUnavailable, match="newer version.*Update the application"):
        open_database(path)
    assert digest(path) == before
    assert not (tmp_path / "backups").exists()


def test_an_older_database_is_backed_up_before_migrating(tmp_path, monkeypatch):
    path = tmp_path / "db.sqlite"
    workspace = open_workspace(path)
    workspace.sessions.create(title="Old", start_date=dt.date(2024, 1, 1), end_date=dt.date(2024, 1, 1))
    workspace.close()
    conn = sqlite3.connect(path)
    conn.execute("UPDATE alembic_version SET version_num = '0000'")
    conn.commit()
    conn.close()
    monkeypatch.setattr(database, "KNOWN_REVISIONS", ("0000", *database.KNOWN_REVISIONS))
    seen = []

    def fake_migrate(engine, target="head"):
        backups = list((tmp_path / "backups").glob("*.sqlite"))
        seen.append(backups)
        with engine.begin() as c:
            c.exec_driver_sql(f"UPDATE alembic_version SET version_num = '{SCHEMA_REVISION}'")

    monkeypatch.setattr(database, "_migrate", fake_migrate)
    open_database(path).close()
    [backups] = seen
    assert len(backups) == 1 and "before-upgrade" in backups[0].name
    copy = sqlite3.connect(backups[0])
    assert copy.execute("SELECT title FROM training_session").fetchall() == [("Old",)]
    assert copy.execute("SELECT version_num FROM alembic_version").fetchone() == ("0000",)
    copy.close()


def test_a_file_that_is_not_a_database_is_refused_untouched(tmp_path):
    path = tmp_path / "notes.sqlite"
    path.write_bytes(b"Liste des participants\n" * 50)
    before = digest(path)
    with pytest.raises(DatabaseUnavailable, match="not a Trainer Desktop database"):
        open_database(path)
    assert digest(path) == before


def test_another_applications_sqlite_file_is_refused_untouched(tmp_path):
    path = tmp_path / "other.sqlite"
    conn = sqlite3.connect(path)
    conn.execute("CREATE TABLE contacts (name TEXT)")
    conn.commit()
    conn.close()
    before = digest(path)
    with pytest.raises(DatabaseUnavailable, match="not a Trainer Desktop database"):
        open_database(path)
    assert digest(path) == before


def test_a_path_under_a_file_gives_a_clear_message(tmp_path):
    blocker = tmp_path / "file"
    blocker.write_text("x")
    with pytest.raises(DatabaseUnavailable, match="cannot be created"):
        open_database(blocker / "db.sqlite")


def test_a_locked_database_gives_a_clear_message_and_saves_nothing(tmp_path, monkeypatch):
    monkeypatch.setattr(database, "BUSY_TIMEOUT_MS", 100)
    path = tmp_path / "db.sqlite"
    workspace = open_workspace(path)
    other = sqlite3.connect(path, isolation_level=None)
    other.execute("BEGIN EXCLUSIVE")
    try:
        with pytest.raises(DatabaseUnavailable, match="in use by another program"):
            workspace.sessions.create(
                title="Pendant le verrou", start_date=dt.date(2024, 1, 1), end_date=dt.date(2024, 1, 1)
            )
    finally:
        other.execute("ROLLBACK")
        other.close()
    assert workspace.sessions.list() == []
    workspace.close()


def test_the_default_path_follows_the_environment(monkeypatch, tmp_path):
    monkeypatch.setenv(database.ENV_VAR, str(tmp_path / "env.sqlite"))
    assert database.default_database_path() == tmp_path / "env.sqlite"
    monkeypatch.delenv(database.ENV_VAR)
    assert database.default_database_path().name == "trainer-desktop.sqlite"


def test_a_transaction_may_add_a_child_before_its_parent_but_not_leave_it_orphaned(workspace):
    from trainer_desktop.core import records
    from trainer_desktop.core.programme import ProgrammeItem
    from trainer_desktop.core.sessions import TrainingSession

    item_values = {"day": dt.date(2024, 1, 1), "start_time": dt.time(9), "end_time": dt.time(10),
                   "title": "x", "objective": "", "speaker": "", "kind": "break"}  # fmt: skip
    with workspace.db.write() as tx:
        stamp = workspace.clock.tick(tx)
        session = records.create(TrainingSession, stamp, {
            "title": "T", "start_date": dt.date(2024, 1, 1), "end_date": dt.date(2024, 1, 1)})
        tx.add(records.create(ProgrammeItem, stamp, {**item_values, "session_id": session.id}))
        tx.flush()  # the child goes first...
        tx.add(session)  # ...its parent in the same transaction: fine at commit
    assert len(workspace.programme.items(session.id)) == 1
    with pytest.raises(Exception, match="FOREIGN KEY"):
        with workspace.db.write() as tx:
            tx.add(records.create(ProgrammeItem, workspace.clock.tick(tx),
                                  {**item_values, "session_id": "no-such-session"}))  # fmt: skip


def test_a_database_of_the_first_release_is_migrated_keeping_its_data(tmp_path):
    """0001 shipped: a trainer's database from it gains the quiz and evaluation tables and loses
    nothing."""
    path = tmp_path / "db.sqlite"
    db = open_database(path)
    from alembic import command

    config = Config()
    config.set_main_option("script_location", str(Path(database.__file__).parent / "migrations"))
    with db.engine.begin() as conn:
        config.attributes["connection"] = conn
        command.downgrade(config, "0001")
    db.close()
    workspace = open_workspace(path)  # migrates back up to the current revision
    workspace.sessions.create(title="Ségou", start_date=dt.date(2024, 1, 1), end_date=dt.date(2024, 1, 1))
    workspace.close()
    conn = sqlite3.connect(path)
    conn.execute("DROP TABLE quiz_answer")
    conn.execute("DROP TABLE quiz_attempt")
    conn.execute("DROP TABLE session_quiz")
    conn.execute("DROP TABLE quiz_version")
    conn.execute("DROP TABLE quiz")
    for table in ("form_answer", "form_response", "session_form", "form_version", "evaluation_form"):
        conn.execute(f"DROP TABLE {table}")
    conn.execute("UPDATE alembic_version SET version_num = '0001'")
    conn.commit()
    conn.close()

    workspace = open_workspace(path)
    assert [s.title for s in workspace.sessions.list()] == ["Ségou"]
    assert workspace.quizzes.list_quizzes() == []
    with workspace.db.engine.connect() as conn:
        assert conn.exec_driver_sql("SELECT version_num FROM alembic_version").scalar() == SCHEMA_REVISION
        assert not compare_metadata(MigrationContext.configure(conn), Base.metadata)
    workspace.close()
    assert list((tmp_path / "backups").glob("*before-upgrade*"))
