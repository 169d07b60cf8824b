"""``data export-json``: stable, complete, and the same for the same synchronised data."""

from __future__ import annotations

import datetime as dt
import json

from sqlalchemy import select
from sqlalchemy.orm import make_transient

from trainer_desktop.core.export_json import dumps, export_json, export_records
from trainer_desktop.core.records import synced_models

D = dt.date(2022, 11, 8)


def fill(workspace):
    session = workspace.sessions.create(title="Atelier OPJ", start_date=D, end_date=D + dt.timedelta(days=2),
                                        funders=["EUCAP Sahel Mali"], town="Sévaré")  # fmt: skip
    for hour, title in ((9, "Ouverture"), (10, "Module 1"), (14, "Travaux de groupe")):
        workspace.programme.add(session.id, day=D, start_time=dt.time(hour),
                                end_time=dt.time(hour + 1), title=title)  # fmt: skip
    gone = workspace.sessions.create(title="Annulée", start_date=D, end_date=D)
    workspace.sessions.delete(gone.id)
    workspace.settings.set("trainer_name", "Awa Traoré")
    return session


def copy_records(source, target, reverse=False):
    """Copy every synchronised record row for row (what a perfect merge would produce)."""
    with source.db.read() as tx:
        rows = [r for model in synced_models() for r in tx.scalars(select(model))]
    for row in rows:
        make_transient(row)
    with target.db.write() as tx:
        tx.connection().exec_driver_sql("PRAGMA defer_foreign_keys = ON")
        for row in reversed(rows) if reverse else rows:
            tx.add(row)
            tx.flush()


def test_two_runs_give_the_same_bytes(workspace, tmp_path):
    fill(workspace)
    export_json(workspace.db, tmp_path / "a.json")
    export_json(workspace.db, tmp_path / "b.json")
    assert (tmp_path / "a.json").read_bytes() == (tmp_path / "b.json").read_bytes()


def test_two_databases_with_the_same_data_give_the_same_bytes(make_workspace, tmp_path):
    a = make_workspace("a", device_name="Awa's laptop")
    b = make_workspace("b", device_name="Head office")
    fill(a)
    b.settings.set("trainer_name", "Moussa Keïta")  # local settings differ: not exported
    copy_records(a, b, reverse=True)  # inserted children first, in another order
    export_json(a.db, tmp_path / "a.json")
    export_json(b.db, tmp_path / "b.json")
    assert (tmp_path / "a.json").read_bytes() == (tmp_path / "b.json").read_bytes()


def test_different_data_gives_different_bytes(make_workspace):
    a, b = make_workspace("a"), make_workspace("b")
    fill(a)
    copy_records(a, b)
    [session] = b.sessions.list()
    b.sessions.update(session.id, town="Mopti")
    assert dumps(export_records(a.db)) != dumps(export_records(b.db))


def test_the_document_holds_live_and_deleted_records_sorted_without_local_state(workspace, tmp_path):
    fill(workspace)
    count = export_json(workspace.db, tmp_path / "out.json")
    text = (tmp_path / "out.json").read_text(encoding="utf-8")
    document = json.loads(text)
    assert list(document["tables"]) == sorted(document["tables"])
    assert set(document["tables"]) == {m.__tablename__ for m in synced_models()}
    sessions = document["tables"]["training_session"]
    assert [s["id"] for s in sessions] == sorted(s["id"] for s in sessions)
    assert {s["title"]: s["deleted"] for s in sessions} == {"Atelier OPJ": False, "Annulée": True}
    assert count == len(sessions) + len(document["tables"]["programme_item"]) == 5
    assert "Sévaré" in text  # readable UTF-8, not \u escapes
    for local in ("Awa Traoré", "local_setting", "local_device", "wall_ms"):
        assert local not in text
    first = sessions[0]
    assert list(first) == sorted(first)
    assert first["start_date"] == "2022-11-08"
