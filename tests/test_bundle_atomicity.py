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
from pathlib import Path

import pytest
from sqlalchemy import event

from trainer_desktop.bundles.exchange import export_bundle, import_bundles
from trainer_desktop.core.export_json import dumps, export_records

D = dt.date(2022, 11, 8)


class Injected(Exception):
    pass


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

    # Count the statements of the same import on a copy in the same state.
    probe = make_workspace("probe")
    probe.sessions.create(title="Déjà là", start_date=D, end_date=D)
    import_bundles(probe, bundles[:1])
    statements = []
    event.listen(probe.db.engine, "before_cursor_execute", lambda *args: statements.append(1))
    import_bundles(probe, bundles[1:])
    total = len(statements)
    assert total > 20
    print(f"an exception injected at each of {total} statements")

    for fail_at in range(total):
        seen = []

        def fail(*args, _n=fail_at, _seen=seen):  # noqa: ANN001, ANN202
            _seen.append(1)
            if len(_seen) == _n + 1:
                raise Injected(f"statement {_n}")

        event.listen(coordinator.db.engine, "before_cursor_execute", fail)
        try:
            with pytest.raises(Injected):
                import_bundles(coordinator, bundles[1:])
        finally:
            event.remove(coordinator.db.engine, "before_cursor_execute", fail)
        assert full_state(coordinator) == before, f"changed after a failure at statement {fail_at}"
    # and without the fault, it goes through
    results = import_bundles(coordinator, bundles[1:])
    assert [r.status for r in results] == ["imported"] * 3


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
