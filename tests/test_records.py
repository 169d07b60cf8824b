"""Stamps: every creation, edit and deletion through the core leaves the right stamps."""

from __future__ import annotations

import datetime as dt

import pytest
from sqlalchemy import select

from trainer_desktop.core import records
from trainer_desktop.core.programme import ProgrammeItem
from trainer_desktop.core.records import SyncedRecord, synced_models
from trainer_desktop.core.sessions import TrainingSession

D = dt.date(2022, 11, 8)


def raw(workspace, model, record_id):
    with workspace.db.read() as tx:
        return tx.get(model, record_id)


def new_session(workspace, **extra):
    values = dict(title="Atelier OPJ", start_date=D, end_date=D + dt.timedelta(days=2))
    return workspace.sessions.create(**{**values, **extra})


def test_every_synchronised_table_has_the_sync_columns():
    models = synced_models()
    assert {m.__tablename__ for m in models} >= {"training_session", "programme_item"}
    assert models.index(TrainingSession) < models.index(ProgrammeItem)  # parents first
    for model in models:
        columns = {c.name for c in model.__table__.columns}
        assert {"id", "hlc", "device_id", "deleted", "stamps"} <= columns
        assert model.__sync_kind__ in ("edited", "submitted")


def test_creation_stamps_every_field_with_the_device(workspace):
    session = new_session(workspace)
    stored = raw(workspace, TrainingSession, session.id)
    assert len(stored.id) == 36 and stored.id.count("-") == 4
    assert stored.device_id == workspace.device.device_id
    assert stored.hlc.endswith(workspace.device.device_id)
    assert stored.stamps == {}  # every field has the record's stamp: none stored (compact form)
    assert {records.field_stamp(stored, f) for f in records.stamped_fields(TrainingSession)} == {
        stored.hlc}  # fmt: skip
    assert stored.deleted is False


def test_an_edit_stamps_only_the_fields_that_changed(workspace):
    session = new_session(workspace)
    before = raw(workspace, TrainingSession, session.id)
    changed = workspace.sessions.update(session.id, title="Atelier OPJ — Sévaré", town="Sévaré",
                                        region=before.region)  # fmt: skip
    assert sorted(changed) == ["title", "town"]
    after = raw(workspace, TrainingSession, session.id)
    assert after.hlc > before.hlc
    stamp = records.field_stamp
    assert stamp(after, "title") == stamp(after, "town") == after.hlc
    assert stamp(after, "region") == stamp(before, "region") == before.hlc
    assert stamp(after, "start_date") == stamp(before, "start_date")
    assert set(after.stamps) == set(records.stamped_fields(TrainingSession)) - {"title", "town"}


def test_an_edit_that_changes_nothing_leaves_the_stamps(workspace):
    session = new_session(workspace)
    before = raw(workspace, TrainingSession, session.id)
    assert workspace.sessions.update(session.id, title="Atelier OPJ") == []
    assert raw(workspace, TrainingSession, session.id).stamps == before.stamps


def test_delete_is_a_tombstone_and_takes_the_programme_with_it(workspace):
    session = new_session(workspace)
    item = workspace.programme.add(session.id, day=D, start_time=dt.time(9), end_time=dt.time(10),
                                   title="Ouverture")  # fmt: skip
    workspace.sessions.delete(session.id)
    stored = raw(workspace, TrainingSession, session.id)
    stored_item = raw(workspace, ProgrammeItem, item.id)
    assert stored.deleted and stored_item.deleted
    assert records.field_stamp(stored, "deleted") == stored.hlc == records.field_stamp(
        stored_item, "deleted")  # fmt: skip
    assert workspace.sessions.list() == []
    with workspace.db.read() as tx:  # still there, so the deletion can travel
        assert tx.scalar(select(TrainingSession.id)) == session.id


def test_restore_brings_back_what_the_delete_took_only(workspace):
    session = new_session(workspace)
    kept = workspace.programme.add(session.id, day=D, start_time=dt.time(9), end_time=dt.time(10),
                                   title="Ouverture")  # fmt: skip
    gone = workspace.programme.add(session.id, day=D, start_time=dt.time(10), end_time=dt.time(11),
                                   title="Supprimé avant")  # fmt: skip
    workspace.programme.delete(gone.id)
    workspace.sessions.delete(session.id)
    workspace.sessions.restore(session.id)
    assert [i.title for i in workspace.programme.items(session.id)] == ["Ouverture"]
    restored = raw(workspace, TrainingSession, session.id)
    assert not restored.deleted and records.field_stamp(restored, "deleted") == restored.hlc
    assert raw(workspace, ProgrammeItem, kept.id).hlc == restored.hlc


def test_submitted_records_cannot_be_edited():
    class Submitted(SyncedRecord):
        __sync_kind__ = "submitted"

    with pytest.raises(TypeError, match="immutable"):
        records.update(Submitted(), None, {"x": 1})  # type: ignore[arg-type]


def test_unknown_fields_are_a_bug_not_data(workspace):
    session = new_session(workspace)
    with pytest.raises(TypeError):
        with workspace.db.write() as tx:
            records.update(tx.get(TrainingSession, session.id), workspace.clock.tick(tx), {"nope": 1})


def test_an_edit_records_the_stamp_it_replaced(workspace):
    session = new_session(workspace)
    created = raw(workspace, TrainingSession, session.id)
    workspace.sessions.update(session.id, town="Sévaré")
    edited = raw(workspace, TrainingSession, session.id)
    assert edited.bases == {"town": records.field_stamp(created, "town")}
    workspace.sessions.update(session.id, town="Mopti")
    assert raw(workspace, TrainingSession, session.id).bases["town"] == records.field_stamp(
        edited, "town")  # fmt: skip


def test_an_edit_beats_a_stamp_from_a_clock_set_in_the_future(workspace):
    from trainer_desktop.core.clock import Stamp

    session = new_session(workspace)
    future = Stamp(4_102_444_800_000, 3, "f" * 32).encode()  # 2100-01-01, another laptop
    with workspace.db.write() as tx:
        record = tx.get(TrainingSession, session.id)
        record.stamps = {**record.stamps, "town": future}  # forged: then made canonical
        records.derive_last_change(record)
    workspace.sessions.update(session.id, town="Ségou")
    after = raw(workspace, TrainingSession, session.id)
    assert records.field_stamp(after, "town") > future
    assert records.field_stamp(after, "town").endswith(workspace.device.device_id)
    assert after.hlc == records.field_stamp(after, "town")
    assert after.device_id == workspace.device.device_id
    # the clock itself was not dragged into the future
    assert raw(workspace, TrainingSession, new_session(workspace).id).hlc < future


def test_each_write_transaction_gets_a_new_local_number_that_is_not_exported(workspace):
    from trainer_desktop.core.export_json import dumps, export_records

    first = new_session(workspace)
    second = new_session(workspace, title="Deuxième")
    item = workspace.programme.add(second.id, day=D, start_time=dt.time(9), end_time=dt.time(10),
                                   title="Ouverture")  # fmt: skip
    seqs = [raw(workspace, m, i).local_seq for m, i in
            ((TrainingSession, first.id), (TrainingSession, second.id), (ProgrammeItem, item.id))]  # fmt: skip
    assert seqs[0] < seqs[1] < seqs[2]
    workspace.sessions.delete(second.id)  # one transaction: session and item share the number
    assert raw(workspace, TrainingSession, second.id).local_seq == raw(
        workspace, ProgrammeItem, item.id).local_seq > seqs[2]  # fmt: skip
    assert "local_seq" not in dumps(export_records(workspace.db))


def test_settings_pin_and_logo(workspace):
    from trainer_desktop.core.device import LOGO_MAX_BYTES
    from trainer_desktop.core.errors import ValidationError

    settings = workspace.settings
    assert not settings.has_pin
    settings.set_pin("2468")
    assert settings.has_pin and settings.check_pin("2468") and not settings.check_pin("1357")
    settings.clear_pin()
    assert not settings.has_pin and not settings.check_pin("2468")
    with pytest.raises(ValidationError, match="at least 4 digits"):
        settings.set_pin("12a")
    settings.set_organisation_logo(b"\x89PNG" + bytes(100))
    with pytest.raises(ValidationError, match="too large"):
        settings.set_organisation_logo(b"\x89PNG" + bytes(LOGO_MAX_BYTES))
    with pytest.raises(ValidationError, match="PNG or JPEG"):
        settings.set_organisation_logo(b"GIF89a")
    assert settings.organisation_logo == b"\x89PNG" + bytes(100)


def test_settings_signatories(workspace):
    from trainer_desktop.core.device import Signatory
    from trainer_desktop.core.errors import ValidationError

    settings = workspace.settings
    assert settings.signatories == []
    settings.set_signatories([Signatory("  Aminata   Diallo ", "Directrice de la formation"),
                              Signatory("فاطمة الزهراء", "")])  # fmt: skip
    assert settings.signatories == [Signatory("Aminata Diallo", "Directrice de la formation"),
                                    Signatory("فاطمة الزهراء", "")]  # fmt: skip
    with pytest.raises(ValidationError, match="Signatory 2: the name cannot be empty") as refused:
        settings.set_signatories([Signatory("Awa"), Signatory("  ", "Chef de service")])
    assert refused.value.field == "signatory_2"
    with pytest.raises(ValidationError, match="3 signatures at most; remove line 4"):
        settings.set_signatories([Signatory(f"Person {n}") for n in range(4)])
    with pytest.raises(ValidationError, match="Signatory 1: .* 120 characters"):
        settings.set_signatories([Signatory("A" * 121)])
    assert [s.name for s in settings.signatories] == ["Aminata Diallo", "فاطمة الزهراء"]
    settings.set_signatories([])
    assert settings.signatories == []
