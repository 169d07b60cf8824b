"""A bundle is imported whole or not at all: an exception at any step, or the process killed at
any moment, leaves the database as it was before (or, once committed, as it is after)."""

from __future__ import annotations

import datetime as dt
import os
import random
import signal
import subprocess
import sys
import time

import pytest
from sqlalchemy import event

from trainer_desktop.bundles.exchange import export_bundle, import_bundles
from trainer_desktop.core.export_json import dumps, export_records

D = dt.date(2022, 11, 8)


def full_state(workspace):
    """Every row of every table, local ones included (clock, import log, known devices...)."""
    with workspace.db.engine.connect() as conn:
        tables = [r[0] for r in conn.exec_driver_sql(
            "SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY name")]  # fmt: skip
        return {t: conn.exec_driver_sql(f'SELECT * FROM "{t}" ORDER BY 1').fetchall() for t in tables}


def make_bundles(workspace, folder, count=3):
    paths = []
    for n in range(count):
        session = workspace.sessions.create(title=f"Session {n}", start_date=D, end_date=D)
        for hour in (9, 10, 11):
            workspace.programme.add(session.id, day=D, start_time=dt.time(hour),
                                    end_time=dt.time(hour, 45), title=f"Module {hour}")  # fmt: skip
        paths.append(export_bundle(workspace, folder / f"b{n}").path)
    return paths


@pytest.fixture
def coordinator(make_workspace):
    moussa = make_workspace("moussa")
    moussa.sessions.create(title="Déjà là", start_date=D, end_date=D)
    return moussa


def test_an_exception_at_any_statement_leaves_the_database_unchanged(make_workspace, coordinator, tmp_path):
    awa = make_workspace("awa")
    bundles = make_bundles(awa, tmp_path)
    # An edit the coordinator has too, so the import both adds and updates.
    import_bundles(coordinator, bundles[:1])
    awa.sessions.update(awa.sessions.list()[-1].id, town="Sévaré")
    bundles.append(export_bundle(awa, tmp_path / "update").path)
    before = full_state(coordinator)

    # Faults come from SQLite's progress handler, which runs inside every statement on the
    # connection (those SQLAlchemy sends and those the merge sends straight to sqlite3); making
    # it return non-zero aborts the statement. Fault point 0, 1, 2... until the import runs to
    # its end before reaching the fault point.
    fail_at = 0
    while True:
        calls = []

        def interrupt(_calls=calls, _n=fail_at):  # noqa: ANN202
            _calls.append(1)
            return 1 if len(_calls) == _n + 1 else 0

        def arm(dbapi_connection, *_args, _handler=interrupt):  # noqa: ANN001, ANN202
            dbapi_connection.set_progress_handler(_handler, EVERY)

        event.listen(coordinator.db.engine, "checkout", arm)
        try:
            results = import_bundles(coordinator, bundles[1:])
        except Exception as exc:  # noqa: BLE001 - the injected fault, whatever wraps it
            assert "interrupted" in str(exc), exc
            assert full_state(coordinator) == before, f"changed after a fault at point {fail_at}"
            fail_at += 1
            continue
        finally:
            event.remove(coordinator.db.engine, "checkout", arm)
            coordinator.db.engine.dispose()  # drop the armed connection
        break
    print(f"a fault injected at each of {fail_at} points of the import")
    assert fail_at > 50
    assert [r.status for r in results] == ["imported"] * 3


#: SQLite virtual-machine instructions between two calls of the progress handler.
EVERY = 10


KILLED_IMPORT = """
import sys
from pathlib import Path
from trainer_desktop.core.workspace import open_workspace
from trainer_desktop.bundles.exchange import import_bundles
workspace = open_workspace(sys.argv[1])
print("ready", flush=True)
import_bundles(workspace, [Path(p) for p in sys.argv[2:]])
print("done", flush=True)
"""


@pytest.mark.slow
def test_a_killed_import_leaves_the_database_before_or_after(make_workspace, tmp_path):
    awa = make_workspace("awa")
    bundles = make_bundles(awa, tmp_path, count=20)
    empty = make_workspace("empty")
    before = dumps(export_records(empty.db))
    empty.close()
    reference = make_workspace("reference")
    import_bundles(reference, bundles)
    after = dumps(export_records(reference.db))
    rng = random.Random(20221108)
    outcomes = set()
    for attempt in range(12):
        target = tmp_path / f"kill{attempt}.sqlite"
        target.write_bytes((tmp_path / "empty.sqlite").read_bytes())
        process = subprocess.Popen([sys.executable, "-c", KILLED_IMPORT, str(target), *map(str, bundles)],
                                   stdout=subprocess.PIPE, text=True)  # fmt: skip
        assert process.stdout.readline().strip() == "ready"
        time.sleep(rng.uniform(0, 0.25))
        os.kill(process.pid, signal.SIGKILL)
        process.wait()
        from trainer_desktop.core.workspace import open_workspace

        survivor = open_workspace(target)
        try:
            assert survivor.db.integrity_check() == "ok"
            state = dumps(export_records(survivor.db))
            assert state in (before, after), f"attempt {attempt}: a half-imported database"
            outcomes.add("after" if state == after else "before")
        finally:
            survivor.close()
    assert "before" in outcomes  # the kill did land during imports


def test_a_bug_in_the_middle_of_a_group_leaves_the_database_unchanged(make_workspace, coordinator,
                                                                      tmp_path, monkeypatch):  # fmt: skip
    from trainer_desktop.core.merge import Merger

    from trainer_desktop.bundles import keys

    bundles = make_bundles(make_workspace("awa"), tmp_path)
    keys.signing_key(coordinator.db)  # made on first use, before any import: not part of it
    before = full_state(coordinator)
    real = Merger.merge_into
    calls = []

    def failing(self, model, records):  # noqa: ANN001, ANN202
        calls.append(model)
        if len(calls) == 3:  # the second bundle's first table
            raise RuntimeError("a bug")
        return real(self, model, records)

    monkeypatch.setattr(Merger, "merge_into", failing)
    with pytest.raises(RuntimeError, match="a bug"):
        import_bundles(coordinator, bundles)
    assert full_state(coordinator) == before
