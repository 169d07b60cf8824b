"""The merge rules, one at a time, on small stories of two or three laptops."""

from __future__ import annotations

import datetime as dt

import pytest
from sqlalchemy import JSON, String, select
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column

from trainer_desktop.bundles.exchange import export_bundle, import_bundles
from trainer_desktop.core import records
from trainer_desktop.core.clock import HybridClock, Stamp, wall_clock_ms
from trainer_desktop.core.merge import MAX_CLOCK_AHEAD_MS, Merger, decode_record
from trainer_desktop.core.records import SyncedRecord
from trainer_desktop.core.sessions import TrainingSession
from trainer_desktop.core.sync_state import LocalMergeEvent

D = dt.date(2022, 11, 8)


@pytest.fixture
def awa_and_moussa(make_workspace):
    awa, moussa = make_workspace("awa"), make_workspace("moussa")
    session = awa.sessions.create(title="Atelier OPJ", start_date=D, end_date=D + dt.timedelta(days=2))
    send(awa, moussa, "first")
    return awa, moussa, session


def send(source, target, name, **kwargs):
    bundle = export_bundle(source, source.path.parent / name, **kwargs)
    [result] = import_bundles(target, [bundle.path])
    assert result.status == "imported", result.message
    return result


def town(workspace, session):
    return workspace.sessions.get(session.id).town


def test_edits_of_different_fields_both_survive(awa_and_moussa):
    awa, moussa, session = awa_and_moussa
    awa.sessions.update(session.id, town="Sévaré")
    moussa.sessions.update(session.id, organiser="CNDH Mali")
    send(awa, moussa, "a")
    result = send(moussa, awa, "m")
    assert result.counts.conflicts == 0
    for w in (awa, moussa):
        stored = w.sessions.get(session.id)
        assert (stored.town, stored.organiser) == ("Sévaré", "CNDH Mali")


def test_concurrent_edits_of_one_field_are_a_conflict_the_coordinator_can_reverse(awa_and_moussa):
    awa, moussa, session = awa_and_moussa
    moussa.sessions.update(session.id, town="Mopti")
    awa.sessions.update(session.id, town="Sévaré")  # later: wins
    result = send(awa, moussa, "a")
    assert result.counts.conflicts == 1 and result.counts.updated == 1
    assert town(moussa, session) == "Sévaré"
    [event] = moussa.merge_review.open_events("conflict")
    assert (event.field, event.value) == ("town", "Mopti")
    moussa.merge_review.restore_losing_value(event.id)
    assert town(moussa, session) == "Mopti"
    assert moussa.merge_review.open_events() == []
    send(moussa, awa, "m")  # the reversal is an edit like any other: it travels and wins
    assert town(awa, session) == "Mopti"


def test_an_older_copy_arriving_late_is_not_a_conflict(awa_and_moussa):
    awa, moussa, session = awa_and_moussa
    awa.sessions.update(session.id, town="Ségou")
    older = export_bundle(awa, awa.path.parent / "older").path
    awa.sessions.update(session.id, town="Sévaré")
    send(awa, moussa, "newer")
    [result] = import_bundles(moussa, [older])
    assert result.status == "imported"
    assert (result.counts.conflicts, result.counts.updated) == (0, 0)
    assert town(moussa, session) == "Sévaré"


def test_an_older_bundle_never_undoes_a_deletion(awa_and_moussa):
    awa, moussa, session = awa_and_moussa
    before_delete = export_bundle(awa, awa.path.parent / "before").path
    moussa.sessions.delete(session.id)
    [result] = import_bundles(moussa, [before_delete])
    assert result.status == "imported"
    assert moussa.sessions.list() == []


def test_after_an_import_the_next_local_edit_wins_even_against_a_faster_clock(make_workspace):
    awa, moussa = make_workspace("awa"), make_workspace("moussa")
    ahead = 3_600_000  # Awa's laptop is an hour fast: within the allowed drift
    awa.clock = HybridClock(awa.device.device_id, wall=lambda: wall_clock_ms() + ahead)
    awa.sessions = type(awa.sessions)(awa.db, awa.clock)
    session = awa.sessions.create(title="Atelier", start_date=D, end_date=D, town="Sévaré")
    send(awa, moussa, "a")
    with moussa.db.write() as tx:  # the clock itself moved past what it saw
        assert moussa.clock.tick(tx).encode() > awa.sessions.get(session.id).hlc
    moussa.sessions.update(session.id, town="Mopti")  # made after seeing Awa's stamp
    stored = moussa.sessions.get(session.id)
    with moussa.db.read() as tx:
        record = tx.get(TrainingSession, session.id)
        assert records.field_stamp(record, "town") > records.field_stamp(record, "title")  # title: still Awa's
    assert stored.town == "Mopti"
    send(moussa, awa, "m")
    assert town(awa, session) == "Mopti"


def future_bundle(awa, moussa, years_ahead=5):
    far = wall_clock_ms() + years_ahead * 365 * 86_400_000
    awa.clock = HybridClock(awa.device.device_id, wall=lambda: far)
    awa.sessions = type(awa.sessions)(awa.db, awa.clock)
    session = awa.sessions.create(title="Date fausse", start_date=D, end_date=D, town="Ségou")
    return session, send(awa, moussa, "future")


def test_a_stamp_far_in_the_future_is_flagged_and_loses_to_the_next_edit(make_workspace):
    awa, moussa = make_workspace("awa"), make_workspace("moussa")
    session, result = future_bundle(awa, moussa)
    assert result.counts.future == 1
    [event] = moussa.merge_review.open_events("future")
    assert event.record_id == session.id
    # the coordinator's clock was not dragged years ahead...
    with moussa.db.write() as tx:
        assert moussa.clock.tick(tx).wall_ms < wall_clock_ms() + MAX_CLOCK_AHEAD_MS
    # ...and the next edit of the field still wins over the future stamp, everywhere
    moussa.sessions.update(session.id, town="Mopti")
    assert town(moussa, session) == "Mopti"
    send(moussa, awa, "fix")
    assert town(awa, session) == "Mopti"


def test_decode_refuses_malformed_records_naming_table_record_and_field(workspace):
    session = workspace.sessions.create(title="Atelier", start_date=D, end_date=D)
    with workspace.db.read() as tx:
        good = records.as_dict(tx.get(TrainingSession, session.id))
    decode_record(TrainingSession, good)  # the real thing passes
    cases = [
        ({"start_date": "8 novembre"}, "start_date"),
        ({"expected_participants": "40"}, "expected_participants"),
        ({"title": None}, "title"),
        ({"id": "../../etc"}, "id"),
        ({"surprise": 1}, "surprise"),
        ({"hlc": "not-a-stamp"}, "hlc"),
        ({"title": "x" * 5000}, "title"),
    ]
    for change, field in cases:
        with pytest.raises(records_refused()) as refused:
            decode_record(TrainingSession, {**good, **change})
        assert f"“{field}”" in refused.value.message and "training_session" in refused.value.message


def records_refused():
    from trainer_desktop.core.merge import RecordRefused

    return RecordRefused


def test_fields_an_older_version_did_not_have_get_their_defaults(workspace):
    session = workspace.sessions.create(title="Atelier", start_date=D, end_date=D)
    with workspace.db.read() as tx:
        old = records.as_dict(tx.get(TrainingSession, session.id))
    del old["objectives"], old["bases"]
    old["stamps"] = {k: v for k, v in old["stamps"].items() if k != "objectives"}
    decoded = decode_record(TrainingSession, old)
    assert decoded["objectives"] == "" and decoded["bases"] == {}


# --- submitted records: a model of that kind, declared for the test only -----------------------


class _TestBase(DeclarativeBase):
    pass


class SignInForTest(SyncedRecord, _TestBase):
    __tablename__ = "test_sign_in"
    __sync_kind__ = "submitted"

    participant: Mapped[str] = mapped_column(String(100))
    strokes: Mapped[list] = mapped_column(JSON)


def _sign_in(workspace, participant="Awa Traoré", strokes=(1, 2, 3)):
    with workspace.db.write() as tx:
        stamp = workspace.clock.tick(tx)
        record = records.create(SignInForTest, stamp, {"participant": participant, "strokes": list(strokes)})
        return records.as_dict(record) | {"local_seq": 0}


def _merge(workspace, rows, bundle="b"):
    with workspace.db.write() as tx:
        merger = Merger(tx, workspace.clock, bundle, 1)
        counts = merger.merge(SignInForTest, [decode_record(SignInForTest, r) for r in rows])
        merger.write()
    return counts


def test_submitted_records_are_never_overwritten_only_quarantined(make_workspace):
    awa, moussa = make_workspace("awa"), make_workspace("moussa")
    for w in (awa, moussa):
        _TestBase.metadata.create_all(w.db.engine)
    signed = _sign_in(awa)
    signed.pop("local_seq")
    assert _merge(moussa, [signed]).added == 1
    assert _merge(moussa, [signed]).unchanged == 1  # same id, same content: no-op
    forged = {**signed, "strokes": [9, 9, 9]}
    counts = _merge(moussa, [forged], "forged")
    assert counts.refused == 1
    with moussa.db.read() as tx:
        assert tx.get(SignInForTest, signed["id"]).strokes == [1, 2, 3]
        [event] = tx.scalars(select(LocalMergeEvent).where(LocalMergeEvent.kind == "quarantine"))
        assert event.value["strokes"] == [9, 9, 9] and event.bundle_id == "forged"
    # the tombstone of a submitted record still travels
    stamp = Stamp(wall_clock_ms() + 1000, 0, "a" * 32).encode()
    full = records.full_stamps(signed["stamps"], signed["hlc"], records.stamped_fields(SignInForTest))
    hlc, stamps = records.compact({**full, "deleted": stamp})
    deleted = {**signed, "deleted": True, "stamps": stamps, "hlc": hlc}
    assert _merge(moussa, [deleted], "deletion").updated == 1
    with moussa.db.read() as tx:
        assert tx.get(SignInForTest, signed["id"]).deleted is True


def test_preview_counts_what_an_export_would_hold_and_recipients_are_remembered(awa_and_moussa, tmp_path):
    from trainer_desktop.bundles.exchange import past_recipients, preview_export

    awa, _moussa, session = awa_and_moussa
    awa.programme.add(session.id, day=D, start_time=dt.time(9), end_time=dt.time(10), title="Ouverture")
    assert preview_export(awa) == {"training_session": 1, "programme_item": 1}
    assert preview_export(awa, recipient="Bamako") == {"training_session": 1, "programme_item": 1}
    assert past_recipients(awa) == []
    export_bundle(awa, tmp_path / "b", recipient="Bamako")
    assert preview_export(awa, recipient="  bamako ") == {}  # same recipient, any spelling of spaces/case
    awa.sessions.update(session.id, town="Sévaré")
    assert preview_export(awa, recipient="Bamako") == {"training_session": 1}
    export_bundle(awa, tmp_path / "c", recipient="Ségou")
    assert past_recipients(awa) == ["Ségou", "Bamako"]


def test_expand_paths_finds_the_bundles_in_a_folder(tmp_path):
    from trainer_desktop.bundles.exchange import expand_paths

    inbox = tmp_path / "inbox"
    inbox.mkdir()
    for name in ("b.tdbundle", "a.TDBUNDLE", "notes.txt"):
        (inbox / name).write_bytes(b"")
    named = tmp_path / "named.zip"
    assert expand_paths([inbox, named, inbox / "b.tdbundle"]) == [
        inbox / "a.TDBUNDLE", inbox / "b.tdbundle", named]  # fmt: skip
